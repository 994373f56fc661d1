// The Microsoft Graph side of the simulated tenant: the endpoints the extension calls, with the
// answers (and error shapes) Graph gives.
import { randomUUID } from 'node:crypto';
import { addMember, error, filterUsers, invite, replicated, resetRedemption, updateUser } from './directory.mjs';
import { json, takeFault } from './http.mjs';
import { entitlement } from './entitlement.mjs';

/** The delegated permissions that allow each call (least privileged first), from Graph's reference. */
const ALLOWED = {
  invite: ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  // externalUserState is not part of User.ReadBasic.All.
  readUsers: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readOrganization: ['User.Read', 'Organization.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readGroups: ['GroupMember.Read.All', 'Group.Read.All', 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All'],
  addMember: ['GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  // Resetting a redemption (reset-redemption-status.md) and updating a user: not User.Invite.All.
  writeUsers: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
};
const denied = () => error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
const allows = (grant, kind) =>
  ALLOWED[kind].some((p) => grant.permissions.some((g) => g.toLowerCase() === p.toLowerCase()));

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

/**
 * A Graph request. `afterWork` is a fault answered only once the work is done (a 504 or 503 whose
 * request nevertheless took effect): the caller cannot know what happened.
 */
export function handleGraph(state, req, res, url, record, afterWork) {
  const grant = grantOf(state, req);
  if (!grant)
    return graphError(res, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', record);
  // A token is for one Graph host: another cloud's (or a typo's) is refused.
  if (grant.audience && grant.audience !== req.headers.host?.toLowerCase())
    return graphError(
      res,
      401,
      'InvalidAuthenticationToken',
      'Access token validation failure. Invalid audience.',
      record,
    );
  if (req.method === 'POST' && url.pathname === '/v1.0/$batch') return batch(state, grant, req, res, record, afterWork);
  const answer = route(state, grant, req.method, `${url.pathname.slice('/v1.0'.length)}${url.search}`, record.body);
  if (afterWork) return faultAfterWork(res, afterWork, record);
  record.status = answer.status;
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}

function faultAfterWork(res, fault, record) {
  return graphError(
    res,
    fault.status,
    fault.status === 504 ? 'GatewayTimeout' : 'ServiceUnavailable',
    'The service did not answer in time.',
    record,
  );
}

/** One Graph call, answered as { status, headers, body }: the same code serves plain and $batch requests. */
function route(state, grant, method, path, body) {
  const url = new URL(path, 'https://graph.invalid');
  const select = url.searchParams.get('$select')?.split(',');
  const pick = (o) => (select ? Object.fromEntries(select.map((k) => [k, o[k] ?? null])) : o);
  const managed = entitlement(state, grant, method, url, body);
  if (managed) return managed;
  if (method === 'POST' && url.pathname === '/invitations') {
    if (body?.resetRedemption) return allows(grant, 'writeUsers') ? resetRedemption(state, body) : denied();
    return allows(grant, 'invite') ? invite(state, body) : denied();
  }
  const user = /^\/users\/([^/]+)$/.exec(url.pathname);
  if (method === 'PATCH' && user)
    return allows(grant, 'writeUsers') ? updateUser(state, decodeURIComponent(user[1]), body) : denied();
  if (method === 'GET' && (user || url.pathname === '/users')) {
    // Like Graph, externalUserState needs a token with User.Read.All, not just User.Invite.All.
    if (!allows(grant, 'readUsers')) return denied();
    if (!user) {
      const filter = url.searchParams.get('$filter') ?? '';
      const found = filterUsers(state, filter);
      const top = Number(url.searchParams.get('$top') ?? 100);
      return found ? { status: 200, body: { value: found.slice(0, top).map(pick) } } : invalidFilter(filter);
    }
    const id = decodeURIComponent(user[1]);
    const found = [...state.users.values()].find((u) => u.id === id && replicated(state, u));
    return found
      ? { status: 200, body: pick(found) }
      : error(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist.`);
  }
  if (method === 'GET' && url.pathname === '/groups') {
    if (!allows(grant, 'readGroups')) return denied();
    // Like Graph: the query string is split on & first; a filter that does not parse is refused.
    const filter = url.searchParams.get('$filter');
    const match = filter === null ? null : /^startswith\(displayName,'((?:[^']|'')*)'\)$/.exec(filter);
    if (filter !== null && !match) return invalidFilter(filter);
    const prefix = match?.[1].replace(/''/g, "'").toLowerCase() ?? '';
    const top = Number(url.searchParams.get('$top') ?? 100);
    const value = [...state.groups.values()]
      .filter((g) => g.displayName.toLowerCase().startsWith(prefix))
      .slice(0, top)
      .map(({ members: _members, ...group }) => pick(group));
    return { status: 200, body: { value } };
  }
  const members = /^\/groups\/([^/]+)\/members\/\$ref$/.exec(url.pathname);
  if (method === 'POST' && members)
    return allows(grant, 'addMember') ? addMember(state, decodeURIComponent(members[1]), body) : denied();
  if (method === 'GET' && url.pathname === '/organization') {
    if (!allows(grant, 'readOrganization')) return denied();
    return {
      status: 200,
      body: {
        value: [
          {
            id: state.tenantId,
            displayName: state.displayName,
            verifiedDomains: state.verifiedDomains.map((name, i) => ({ name, isDefault: i === 0, isInitial: i === 0 })),
          },
        ],
      },
    };
  }
  return error(404, 'UnknownError', '');
}

const invalidFilter = (filter) => error(400, 'BadRequest', `Invalid filter clause: ${filter}`);

/** JSON batching: ≤ 20 requests, unique ids, each answered on its own (faults and quota included). */
function batch(state, grant, req, res, record, afterWork) {
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
    if (injected?.afterWork) route(state, grant, r.method, r.url, r.body);
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
  record.responses = responses.map((r) => ({ id: r.id, status: r.status }));
  if (afterWork || chaos?.roll('gatewayAfter')) return faultAfterWork(res, afterWork ?? { status: 504 }, record);
  record.status = 200;
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
