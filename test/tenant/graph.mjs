// The Microsoft Graph side of the simulated tenant: the endpoints the extension calls, with the
// answers (and error shapes) Graph gives.
import { randomUUID } from 'node:crypto';
import { json, takeFault } from './http.mjs';

const FORBIDDEN = /[~!#$%^&*()+=[\]{}\\/|;:"<>?,\s]/;

function graphError(res, status, code, message, record) {
  return json(
    res,
    status,
    { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } },
    record,
  );
}

/** The access token's grant, if it is one we issued and it has not expired. */
function grantOf(state, req) {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const issued = bearer && state.accessTokens.get(bearer);
  return issued && issued.expires > Date.now() ? issued : undefined;
}

export function handleGraph(state, req, res, url, record) {
  const grant = grantOf(state, req);
  if (!grant)
    return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', record);
  if (req.method === 'POST' && url.pathname === '/v1.0/$batch') return batch(state, grant, req, res, record);
  const answer = route(state, grant, req.method, `${url.pathname.slice('/v1.0'.length)}${url.search}`, record.body);
  record.status = answer.status;
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

/** One Graph call, answered as { status, headers, body }: the same code serves plain and $batch requests. */
function route(state, grant, method, path, body) {
  const url = new URL(path, 'https://graph.invalid');
  if (method === 'POST' && url.pathname === '/invitations') return invite(state, body);
  const user = /^\/users\/([^/]+)$/.exec(url.pathname);
  if (method === 'GET' && (user || url.pathname === '/users')) {
    // Like Graph, externalUserState needs a token with User.Read.All, not just User.Invite.All.
    if (!/User\.Read\.All/.test(grant.scope))
      return error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    const select = url.searchParams.get('$select')?.split(',');
    const pick = (u) => (select ? Object.fromEntries(select.map((k) => [k, u[k] ?? null])) : u);
    if (!user)
      return { status: 200, body: { value: filterUsers(state, url.searchParams.get('$filter') ?? '').map(pick) } };
    const found = [...state.users.values()].find((u) => u.id === decodeURIComponent(user[1]));
    return found
      ? { status: 200, body: pick(found) }
      : error(404, 'Request_ResourceNotFound', `Resource '${user[1]}' does not exist.`);
  }
  if (method === 'GET' && url.pathname === '/groups') {
    // Like Graph: the query string is split on & first; a filter that does not parse is refused.
    const filter = url.searchParams.get('$filter');
    const match = filter === null ? null : /^startswith\(displayName,'((?:[^']|'')*)'\)$/.exec(filter);
    if (filter !== null && !match) return error(400, 'BadRequest', `Invalid filter clause: ${filter}`);
    const prefix = match?.[1].replace(/''/g, "'").toLowerCase() ?? '';
    const value = [...state.groups.values()]
      .filter((g) => g.displayName.toLowerCase().startsWith(prefix))
      .slice(0, 10)
      .map(({ id, displayName }) => ({ id, displayName }));
    return { status: 200, body: { value } };
  }
  const members = /^\/groups\/([^/]+)\/members\/\$ref$/.exec(url.pathname);
  if (method === 'POST' && members) return addMember(state, decodeURIComponent(members[1]), body);
  if (method === 'GET' && url.pathname === '/organization') {
    return {
      status: 200,
      body: {
        value: [
          {
            id: state.tenantId,
            verifiedDomains: state.verifiedDomains.map((name, i) => ({ name, isDefault: i === 0, isInitial: i === 0 })),
          },
        ],
      },
    };
  }
  return error(404, 'UnknownError', '');
}

/** A new guest is invisible to group changes for a moment (replication), as in Entra. */
function addMember(state, groupId, body) {
  const group = state.groups.get(groupId);
  if (!group) return error(404, 'Request_ResourceNotFound', `Resource '${groupId}' does not exist.`);
  const userId = /directoryObjects\/([^/]+)$/.exec(body?.['@odata.id'] ?? '')?.[1];
  const user = [...state.users.values()].find((u) => u.id === userId);
  if (!user || Date.now() - (user.createdAt ?? 0) < state.replicationDelayMs)
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

/** `mail eq 'x'` and `otherMails/any(m:m eq 'x')`, joined by `or`: what the extension asks. */
function filterUsers(state, filter) {
  const wanted = [...filter.matchAll(/eq '((?:[^']|'')*)'/g)].map((m) =>
    m[1]
      .replace(/''/g, "'")
      .replace(/^smtp:/i, '')
      .toLowerCase(),
  );
  return [...state.users.values()].filter(
    (u) => wanted.includes(u.mail.toLowerCase()) || wanted.includes(u.userPrincipalName.toLowerCase()),
  );
}

function error(status, code, message, headers = {}) {
  return {
    status,
    headers,
    body: { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } },
  };
}

/** JSON batching: ≤ 20 requests, unique ids, each answered on its own (faults and quota included). */
function batch(state, grant, req, res, record) {
  const requests = record.body?.requests;
  if (
    !Array.isArray(requests) ||
    requests.length === 0 ||
    requests.length > 20 ||
    new Set(requests.map((r) => r.id)).size !== requests.length
  ) {
    return graphError(res, 400, 'BadRequest', 'Invalid batch payload.', record);
  }
  const chaos = state.chaos;
  if (chaos?.roll('resetBefore')) return req.socket.destroy();
  if (chaos?.roll('expire401')) {
    // The access token is revoked before its time: only a renewed one works from now on.
    state.accessTokens.delete(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]);
    return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', record);
  }
  // Faults set for a path apply to that request inside a batch too. A dropped connection or a token
  // problem (401) ends the whole batch, as Graph checks the token once for all its steps.
  const stepFaults = requests.map((r) => takeFault(state, `/v1.0${r.url.split('?')[0]}`, r.method));
  const whole = stepFaults.find((f) => f && (f.reset || f.status === 401));
  if (whole?.reset) return req.socket.destroy();
  if (whole)
    return graphError(
      res,
      whole.status,
      'InvalidAuthenticationToken',
      'Access token has expired or is not yet valid.',
      record,
    );
  const responses = requests.map((r, i) => {
    const injected = stepFaults[i];
    if (injected) {
      const headers = injected.retryAfter === undefined ? {} : { 'Retry-After': String(injected.retryAfter) };
      return {
        id: r.id,
        status: injected.status,
        headers,
        body: injected.body ?? { error: { code: 'Fault', message: `Injected ${injected.status}` } },
      };
    }
    const fault = r.method === 'POST' && chaos?.itemFault();
    if (fault)
      return {
        id: r.id,
        ...error(
          fault,
          fault === 429 ? 'TooManyRequests' : 'ServiceUnavailable',
          'Injected',
          fault === 429 ? { 'Retry-After': '1' } : {},
        ),
      };
    if (r.method === 'POST' && r.url === '/invitations') {
      const wait = state.quota?.take();
      if (wait)
        return {
          id: r.id,
          ...error(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': String(wait) }),
        };
    }
    return { id: r.id, ...route(state, grant, r.method, r.url, r.body) };
  });
  record.status = 200;
  record.responses = responses.map((r) => ({ id: r.id, status: r.status }));
  // The answer is lost after Graph did the work: the connection drops mid-response, so the client
  // cannot know what happened. (Headers first: a drop before any byte lets the browser resend the
  // request by itself, which is a different test.)
  if (chaos?.roll('resetAfter')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"responses":[');
    return setTimeout(() => req.socket.destroy(), 5);
  }
  json(res, 200, { responses }, record);
}

function invite(state, body) {
  if (typeof body !== 'object' || !body) return error(400, 'BadRequest', 'Request body is not valid JSON.');
  const address = String(body.invitedUserEmailAddress ?? '');
  const at = address.lastIndexOf('@');
  if (at < 1 || FORBIDDEN.test(address) || !/\.[a-z]{2,}$/i.test(address)) {
    return error(400, 'BadRequest', 'The invited user email address is invalid.');
  }
  if (!/^https?:\/\//i.test(String(body.inviteRedirectUrl ?? ''))) {
    return error(400, 'BadRequest', 'The invite redirect URL is invalid.');
  }
  const key = address.toLowerCase();
  // Inviting the same address again returns the existing guest with a fresh redeem link.
  let user = state.users.get(key);
  if (!user) {
    user = {
      id: randomUUID(),
      mail: address,
      displayName: body.invitedUserDisplayName ?? null,
      userType: body.invitedUserType === 'Member' ? 'Member' : 'Guest',
      userPrincipalName: `${address.replace('@', '_')}#EXT#@${state.domain}`,
      externalUserState: 'PendingAcceptance',
      createdAt: Date.now(),
    };
    state.users.set(key, user);
  }
  state.inviteCounts.set(key, (state.inviteCounts.get(key) ?? 0) + 1);
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
