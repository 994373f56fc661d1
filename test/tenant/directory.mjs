// The directory behind the simulated Graph: users, groups and invitations, with the rules real Entra
// applies — replication delay, members that cannot be invited, blocked domains, groups a guest
// cannot join — and a count of invitation emails, so tests can assert "at most one email each".
import { randomUUID } from 'node:crypto';

const FORBIDDEN = /[~!#$%^&*()+=[\]{}\\/|;:"<>?,\s]/;

/** The groups every tenant starts with: four a guest can join, and one of each kind that refuses guests. */
export function seedGroups() {
  const plain = (displayName) => ({ displayName, groupTypes: [], mailEnabled: false, securityEnabled: true });
  const groups = [
    plain('Partners – Q3 project'),
    { ...plain('Partners – Finance'), groupTypes: ['Unified'], mailEnabled: true, securityEnabled: false },
    plain('Project Falcon guests'),
    plain("R&D #2 + 100% O'Brien's"),
    plain('Staff – projects'),
    { ...plain('Staff – dynamic'), groupTypes: ['DynamicMembership'], membershipRule: '(user.department -eq "Sales")' },
    { ...plain('Staff – on-premises'), onPremisesSyncEnabled: true },
    { ...plain('Staff – mailing list'), mailEnabled: true, securityEnabled: false },
    { ...plain('Staff – mail-enabled security'), mailEnabled: true },
    { ...plain('Staff – role admins'), isAssignableToRole: true },
  ];
  return new Map(
    groups.map((group, i) => {
      const n = String(i + 1).padStart(2, '0');
      const id = `000000${n}-aaaa-4bbb-8ccc-0000000000${n}`;
      return [
        id,
        {
          id,
          membershipRule: null,
          onPremisesSyncEnabled: null,
          isAssignableToRole: false,
          ...group,
          members: new Set(),
        },
      ];
    }),
  );
}

/** The people every tenant starts with: the signed-in user, two colleagues, and a guest from before. */
export function seedPeople(state) {
  const member = (displayName, local, id) => ({
    displayName,
    mail: `${local}@${state.domain}`,
    userType: 'Member',
    externalUserState: null,
    ...(id ? { id } : {}),
  });
  return [
    member(state.user.name, state.user.username.split('@')[0], state.user.oid),
    member('Sam Sponsor', 'sam.sponsor'),
    member('Dana Lee', 'dana.lee'),
    { displayName: 'Dana Partner', mail: 'dana@partner.example', userType: 'Guest', externalUserState: 'Accepted' },
  ];
}

/** A new guest shows up to reads and group changes only once replicated. */
export const replicated = (state, user) => Date.now() - (user.createdAt ?? 0) >= state.replicationDelayMs;

export function error(status, code, message, headers = {}) {
  return {
    status,
    headers,
    body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } },
  };
}

const domainOf = (address) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export function invite(state, body) {
  if (typeof body !== 'object' || !body) return error(400, 'BadRequest', 'Request body is not valid JSON.');
  const address = String(body.invitedUserEmailAddress ?? '');
  const at = address.lastIndexOf('@');
  if (at < 1 || FORBIDDEN.test(address) || !/\.[a-z]{2,}$/i.test(address)) {
    return error(400, 'BadRequest', 'The invited user email address is invalid.');
  }
  if (!/^https?:\/\//i.test(String(body.inviteRedirectUrl ?? ''))) {
    return error(400, 'BadRequest', 'The invite redirect URL is invalid.');
  }
  if (body.invitedUserType === 'Member' && !state.userIsAdmin)
    return error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  if (state.blockedDomains.includes(domainOf(address)))
    return error(
      403,
      'Authorization_RequestDenied',
      'The invitation could not be sent because the domain of the invited user is blocked by your ' +
        "organization's external collaboration settings.",
    );
  if (state.crossTenantBlocked.includes(domainOf(address)))
    return error(
      403,
      'Authorization_RequestDenied',
      'This invitation is blocked by cross-tenant access settings. Admins in both organizations must allow it.',
    );
  const sponsors = checkSponsors(state, body.invitedUserSponsors);
  if (sponsors.refused) return sponsors.refused;
  const key = address.toLowerCase();
  let user = state.users.get(key);
  if (user && !user.external)
    return error(
      400,
      'BadRequest',
      "Non-external user already exists with the given mail address and can't be invited.",
    );
  // Inviting the same address again returns the existing guest with a fresh redeem link.
  if (!user) {
    user = {
      id: randomUUID(),
      mail: address,
      displayName: body.invitedUserDisplayName ?? null,
      userType: body.invitedUserType === 'Member' ? 'Member' : 'Guest',
      userPrincipalName: `${address.replace('@', '_')}#EXT#@${state.domain}`,
      externalUserState: 'PendingAcceptance',
      externalUserStateChangeDateTime: new Date().toISOString(),
      otherMails: [],
      external: true,
      createdAt: Date.now(),
      // Without sponsors named, Entra makes the inviter the guest's sponsor.
      sponsors: sponsors.ids ?? [state.user.oid],
    };
    state.users.set(key, user);
  }
  state.inviteCounts.set(key, (state.inviteCounts.get(key) ?? 0) + 1);
  if (body.sendInvitationMessage) state.emailsSent.set(key, (state.emailsSent.get(key) ?? 0) + 1);
  const ticket = randomUUID();
  const rd = `https://invitations.microsoft.com/redeem/?tenant=${state.tenantId}&user=${user.id}&ticket=${ticket}&ver=2.0`;
  return {
    status: 201,
    body: {
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#invitations/$entity',
      id: randomUUID(),
      inviteRedeemUrl: `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(rd)}`,
      invitedUserDisplayName: body.invitedUserDisplayName ?? null,
      invitedUserType: user.userType,
      invitedUserEmailAddress: address,
      sendInvitationMessage: !!body.sendInvitationMessage,
      resetRedemption: false,
      inviteRedirectUrl: body.inviteRedirectUrl,
      status: 'PendingAcceptance',
      invitedUserMessageInfo: {
        messageLanguage: body.invitedUserMessageInfo?.messageLanguage ?? null,
        customizedMessageBody: body.invitedUserMessageInfo?.customizedMessageBody ?? null,
        ccRecipients: body.invitedUserMessageInfo?.ccRecipients ?? [{ emailAddress: { name: null, address: null } }],
      },
      invitedUser: { id: user.id },
    },
  };
}

/**
 * `invitedUserSponsors`: at most 5, each a user or group of the directory. Where Microsoft's pages say
 * nothing (an id that does not exist, a caller who may not set sponsors), the stricter reading: the
 * whole invitation is refused, nothing is created.
 */
function checkSponsors(state, sponsors) {
  if (sponsors === undefined) return {};
  if (!Array.isArray(sponsors) || sponsors.some((s) => typeof s?.id !== 'string'))
    return { refused: error(400, 'BadRequest', 'Invalid value for property invitedUserSponsors.') };
  if (sponsors.length > 5)
    return { refused: error(400, 'BadRequest', 'A maximum of 5 sponsors can be assigned to a user.') };
  if (state.sponsorsRefused)
    return { refused: error(403, 'Authorization_RequestDenied', 'Insufficient privileges to assign sponsors.') };
  const ids = sponsors.map((s) => s.id);
  const known = (id) =>
    state.groups.has(id) || [...state.users.values()].some((u) => u.id === id && replicated(state, u));
  const unknown = ids.find((id) => !known(id));
  if (unknown) return { refused: error(404, 'Request_ResourceNotFound', `Resource '${unknown}' does not exist.`) };
  return { ids };
}

/** The roles that may reset a redemption (reset-redemption-status.md); a Global Administrator may too. */
const RESET_ROLES = ['Helpdesk Administrator', 'User Administrator'];

/**
 * POST /invitations with resetRedemption: the guest keeps their object id, groups and apps, and
 * accepts again with `invitedUserEmailAddress`, which must already be their mail or one of otherMails.
 */
export function resetRedemption(state, body) {
  if (!state.userIsAdmin && !state.userRoles.some((role) => RESET_ROLES.includes(role)))
    return error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  const id = body.invitedUser?.id;
  const user = [...state.users.values()].find((u) => u.id === id && replicated(state, u));
  if (!user) return error(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
  const address = String(body.invitedUserEmailAddress ?? '').toLowerCase();
  const onUser = [user.mail, ...(user.otherMails ?? [])].map((a) => a.toLowerCase());
  if (!onUser.includes(address))
    return error(
      400,
      'BadRequest',
      "The email you're using to invite this user doesn't match any emails on the user object. Add the email " +
        'to the user object and try again.',
    );
  if (!/^https?:\/\//i.test(String(body.inviteRedirectUrl ?? '')))
    return error(400, 'BadRequest', 'The invite redirect URL is invalid.');
  user.externalUserState = 'PendingAcceptance';
  user.externalUserStateChangeDateTime = new Date().toISOString();
  user.resetTo = address;
  if (body.sendInvitationMessage) state.emailsSent.set(address, (state.emailsSent.get(address) ?? 0) + 1);
  return {
    status: 201,
    body: {
      id: randomUUID(),
      inviteRedeemUrl: `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(`reset-${user.id}`)}`,
      invitedUserEmailAddress: body.invitedUserEmailAddress,
      invitedUserType: user.userType,
      sendInvitationMessage: !!body.sendInvitationMessage,
      resetRedemption: true,
      inviteRedirectUrl: body.inviteRedirectUrl,
      status: 'PendingAcceptance',
      invitedUser: { id: user.id },
    },
  };
}

/** The user properties we set after an invitation, with Graph's maximum lengths. */
const WRITABLE = { givenName: 64, surname: 64, companyName: 64, jobTitle: 128, usageLocation: 2 };

/**
 * PATCH /users/{id}: the User Administrator role (or a Global Administrator); a new guest is not there
 * until replicated (404); unknown properties and bad values are refused as Graph refuses them.
 */
export function updateUser(state, id, body) {
  if (!state.userIsAdmin && !state.userRoles.includes('User Administrator'))
    return error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  const user = [...state.users.values()].find((u) => u.id === id && replicated(state, u));
  if (!user) return error(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
  for (const [key, value] of Object.entries(body ?? {})) {
    if (!(key in WRITABLE))
      return error(400, 'Request_BadRequest', `Property '${key}' is read-only or does not exist on type 'User'.`);
    const bad =
      typeof value !== 'string' ||
      value.length > WRITABLE[key] ||
      (key === 'usageLocation' && !/^[A-Z]{2}$/.test(value));
    if (bad)
      return error(400, 'Request_BadRequest', `Invalid value specified for property '${key}' of resource 'User'.`);
  }
  Object.assign(user, body);
  return { status: 204, body: '' };
}

/** Why Graph refuses to add a member to this group, if it does. */
function refusal(group) {
  if (group.onPremisesSyncEnabled)
    return error(
      400,
      'Request_BadRequest',
      'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects ' +
        'currently undergoing migration.',
    );
  if (group.groupTypes.includes('DynamicMembership'))
    return error(
      400,
      'Request_BadRequest',
      'Insufficient privileges to complete the operation. Members of a dynamic group are set by its rule.',
    );
  if (group.mailEnabled && !group.groupTypes.includes('Unified'))
    return error(400, 'Request_BadRequest', 'Cannot Update a mail-enabled security groups and or distribution list.');
  if (group.isAssignableToRole)
    return error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  return undefined;
}

/** A new guest is invisible to group changes until replicated (404), as in Entra. */
export function addMember(state, groupId, body) {
  const group = state.groups.get(groupId);
  if (!group) return error(404, 'Request_ResourceNotFound', `Resource '${groupId}' does not exist.`);
  const refused = refusal(group);
  if (refused) return refused;
  const userId = /directoryObjects\/([^/]+)$/.exec(body?.['@odata.id'] ?? '')?.[1];
  const user = [...state.users.values()].find((u) => u.id === userId);
  if (!user || !replicated(state, user))
    return error(
      404,
      'Request_ResourceNotFound',
      `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.`,
    );
  if (group.members.has(user.id))
    return error(
      400,
      'Request_BadRequest',
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
  group.members.add(user.id);
  return { status: 204, body: '' };
}

/** Each clause Graph may get from us, as a test of a user. */
const CLAUSES = [
  [/^mail eq '((?:[^']|'')*)'$/, (u, v) => u.mail.toLowerCase() === v],
  [
    /^otherMails\/any\(\w+:\w+ eq '((?:[^']|'')*)'\)$/,
    (u, v) => (u.otherMails ?? []).some((m) => m.toLowerCase() === v),
  ],
  [/^proxyAddresses\/any\(\w+:\w+ eq 'smtp:((?:[^']|'')*)'\)$/i, (u, v) => u.mail.toLowerCase() === v],
  [/^userPrincipalName eq '((?:[^']|'')*)'$/, (u, v) => u.userPrincipalName.toLowerCase() === v],
  [/^startswith\(displayName,'((?:[^']|'')*)'\)$/, (u, v) => (u.displayName ?? '').toLowerCase().startsWith(v)],
  [/^startswith\(mail,'((?:[^']|'')*)'\)$/, (u, v) => u.mail.toLowerCase().startsWith(v)],
];

/**
 * Replicated users matching any of `mail eq`, `otherMails/any`, `proxyAddresses/any`,
 * `userPrincipalName eq`, `startswith(displayName|mail)` clauses joined by `or`; any other filter is
 * refused, as Graph refuses what it cannot parse.
 */
export function filterUsers(state, filter) {
  const tests = [];
  for (const clause of filter.split(/ or (?=(?:[^']*'[^']*')*[^']*$)/)) {
    const found = CLAUSES.map(([re, test]) => [re.exec(clause.trim()), test]).find(([match]) => match);
    if (!found) return undefined;
    const [match, test] = found;
    const value = match[1].replace(/''/g, "'").toLowerCase();
    tests.push((u) => test(u, value));
  }
  return [...state.users.values()].filter((u) => replicated(state, u) && tests.some((test) => test(u)));
}
