// The Microsoft Graph side of the simulated tenant: the endpoints the extension calls, with the
// answers (and error shapes) Graph gives.
import { randomUUID } from 'node:crypto';
import { json } from './http.mjs';

const FORBIDDEN = /[~!#$%^&*()+=[\]{}\\/|;:"<>?,\s]/;

function graphError(res, status, code, message, record) {
  return json(res, status, { error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } } }, record);
}

/** The access token's grant, if it is one we issued and it has not expired. */
function grantOf(state, req) {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const issued = bearer && state.accessTokens.get(bearer);
  return issued && issued.expires > Date.now() ? issued : undefined;
}

export function handleGraph(state, req, res, url, record) {
  const grant = grantOf(state, req);
  if (!grant) return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', record);
  if (req.method === 'POST' && url.pathname === '/v1.0/invitations') return invite(state, res, record);
  const user = /^\/v1\.0\/users\/([^/]+)$/.exec(url.pathname);
  if (req.method === 'GET' && user) {
    // Like Graph, externalUserState needs a token with User.Read.All, not just User.Invite.All.
    if (!/User\.Read\.All/.test(grant.scope)) return graphError(res, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', record);
    const found = [...state.users.values()].find((u) => u.id === decodeURIComponent(user[1]));
    if (!found) return graphError(res, 404, 'Request_ResourceNotFound', `Resource '${user[1]}' does not exist.`, record);
    const select = url.searchParams.get('$select')?.split(',');
    return json(res, 200, select ? Object.fromEntries(select.map((k) => [k, found[k] ?? null])) : found, record);
  }
  return graphError(res, 404, 'UnknownError', '', record);
}

function invite(state, res, record) {
  const body = record.body;
  if (typeof body !== 'object' || !body) return graphError(res, 400, 'BadRequest', 'Request body is not valid JSON.', record);
  const address = String(body.invitedUserEmailAddress ?? '');
  const at = address.lastIndexOf('@');
  if (at < 1 || FORBIDDEN.test(address) || !/\.[a-z]{2,}$/i.test(address)) {
    return graphError(res, 400, 'BadRequest', 'The invited user email address is invalid.', record);
  }
  if (!/^https?:\/\//i.test(String(body.inviteRedirectUrl ?? ''))) {
    return graphError(res, 400, 'BadRequest', 'The invite redirect URL is invalid.', record);
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
    };
    state.users.set(key, user);
  }
  const ticket = randomUUID();
  const rd = `https://invitations.microsoft.com/redeem/?tenant=${state.tenantId}&user=${user.id}&ticket=${ticket}&ver=2.0`;
  return json(res, 201, {
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
  }, record);
}
