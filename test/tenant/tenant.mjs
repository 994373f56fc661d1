// The simulated Entra tenant: an HTTPS server (certificate made at start-up) that speaks the v2.0
// authorize/token/logout endpoints the way MSAL expects and the Graph endpoints the extension calls.
// It records every request so tests can assert on them, and has switches for the failure cases.
// Plain Node on purpose: `npm start` runs it as it is, and so do the end-to-end tests.
import { createServer } from 'node:https';
import { randomUUID } from 'node:crypto';
import { handleGraph } from './graph.mjs';
import { json, localhostCertificate, page, redirect, takeFault } from './http.mjs';
import { authorityProblem, authorize, openIdConfiguration, sessionCookie, tokenEndpoint } from './identity.mjs';
import { seedGroups, seedPeople } from './directory.mjs';
import { seedPackages } from './entitlement.mjs';

export const TENANT_ID = '8b2f3c1e-5d4a-4f6b-9c8d-7e6f5a4b3c2d';
export const TENANT_DOMAIN = 'contoso.test';
/** The app registered in this tenant (Single-page application): the only client it signs in. */
export const CLIENT_ID = '3f6c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69';
/** Every permission the extension may ask for, as an admin grants them with one consent. */
export const ALL_PERMISSIONS = ['User.Invite.All', 'User.Read.All', 'GroupMember.ReadWrite.All', 'User.Read'];

/**
 * @param {object} [options]
 * @param {number} [options.port] 0 = any free port
 * @param {string} [options.clientId] the registered app (CLIENT_ID when omitted); like Entra, no other signs in
 * @param {number} [options.accessTokenSeconds] lifetime of access tokens
 * @param {string[]} [options.consented] delegated Graph permissions an admin granted (default: User.Invite.All)
 * @param {boolean} [options.userIsAdmin] the signed-in user may consent for everyone and invite members
 * @param {boolean} [options.multiTenantApp] the app may sign in through /organizations and /common
 * @param {boolean} [options.exposeRetryAfter] CORS lets the extension read Retry-After (Graph: unverified, off)
 * @param {number} [options.replicationDelayMs] how long a new guest is invisible to reads and group changes
 */
export async function startTenant(options = {}) {
  const pems = await localhostCertificate();
  // Another directory (a second tenant for profiles): its own id, domain, name and signed-in user.
  const org = options.organization ?? {};
  const domain = org.domain ?? TENANT_DOMAIN;
  const state = {
    tenantId: org.tenantId ?? TENANT_ID,
    domain,
    displayName: org.displayName ?? 'Contoso',
    clientId: options.clientId ?? CLIENT_ID,
    accessTokenSeconds: options.accessTokenSeconds ?? 3600,
    consented: [...(options.consented ?? ['User.Invite.All'])],
    userIsAdmin: options.userIsAdmin ?? false,
    multiTenantApp: options.multiTenantApp ?? false,
    exposeRetryAfter: options.exposeRetryAfter ?? false,
    /** Domains the tenant's collaboration settings block, and domains whose tenants block us. */
    blockedDomains: options.blockedDomains ?? [],
    crossTenantBlocked: options.crossTenantBlocked ?? [],
    /** The tenant refuses invitations that name sponsors (403), as a role or policy may. */
    sponsorsRefused: options.sponsorsRefused ?? false,
    /** The signed-in user's directory roles (beyond userIsAdmin, a Global Administrator). */
    userRoles: options.userRoles ?? [],
    /** Entitlement management: the licence, the domains of connected organizations, delivery time. */
    entitlementLicensed: options.entitlementLicensed ?? true,
    connectedDomains: options.connectedDomains ?? ['fabrikam.com'],
    deliveryMs: options.deliveryMs ?? 1000,
    accessPackages: seedPackages(),
    assignmentRequests: new Map(),
    user: {
      oid: org.userOid ?? 'a1b2c3d4-0000-4000-8000-00000000a11c',
      name: org.userName ?? 'Alex Admin',
      username: org.username ?? `${org.userLocal ?? 'alex'}@${domain}`,
      /** A guest from another directory: where its account lives (MSAL's home account). */
      home: org.home,
    },
    /** 'ok' answers at once; 'deny' redirects with access_denied; 'hang' shows a page and never redirects. */
    authorizeMode: 'ok',
    codes: new Map(),
    refreshTokens: new Map(),
    accessTokens: new Map(),
    sessions: new Set(),
    users: new Map(),
    /** Faults for the next matching requests: { path: RegExp|string, status?, reset?, retryAfter?, body?, times? } */
    faults: [],
    requests: [],
    latencyMs: options.latencyMs ?? 0,
    verifiedDomains: org.verifiedDomains ?? [TENANT_DOMAIN, 'contoso.com'],
    groups: seedGroups(),
    /** How long a new guest is invisible to reads and group changes (seconds to minutes in Entra). */
    replicationDelayMs: options.replicationDelayMs ?? 0,
    /** Successful (201) invitations per address: "invited at most once" is checked on this. */
    inviteCounts: new Map(),
    /** Invitation emails sent per address (re-inviting with mail on sends another). */
    emailsSent: new Map(),
    quota: options.writeQuota ? tokenBucket(options.writeQuota) : undefined,
    chaos: options.chaos ? chaos(options.chaos) : undefined,
  };

  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      handle(state, req, res, raw).catch((error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error?.stack ?? error));
      });
    });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `https://localhost:${server.address().port}`;
  state.url = url;

  const api = {
    url,
    tenantId: state.tenantId,
    state,
    /** Requests seen, oldest first, optionally filtered by method and path prefix. */
    requests: (method, pathPrefix) =>
      state.requests.filter((r) => (!method || r.method === method) && (!pathPrefix || r.path.startsWith(pathPrefix))),
    /** Every invitation the tenant was asked for, one at a time or inside a $batch, in order. */
    invitations: () =>
      state.requests.flatMap((r) => {
        if (r.method === 'POST' && r.path === '/v1.0/invitations')
          return [{ body: r.body, status: r.status, at: r.at, headers: r.headers }];
        if (r.method !== 'POST' || r.path !== '/v1.0/$batch' || !Array.isArray(r.body?.requests)) return [];
        const statuses = new Map((r.responses ?? []).map((x) => [x.id, x.status]));
        return r.body.requests
          .filter((q) => q.url === '/invitations')
          .map((q) => ({ body: q.body, status: statuses.get(q.id) ?? r.status, at: r.at, headers: r.headers }));
      }),
    fault: (fault) => state.faults.push({ times: 1, ...fault }),
    setAuthorizeMode: (mode) => (state.authorizeMode = mode),
    /** Pretend every access token issued so far has expired (forces the refresh-token path). */
    expireAccessTokens: () => state.accessTokens.forEach((t) => (t.expires = 0)),
    /** Forget browser sessions: a silent (prompt=none) sign-in then fails with login_required. */
    dropSessions: () => state.sessions.clear(),
    revokeRefreshTokens: () => state.refreshTokens.clear(),
    /** The guest redeems the invitation. */
    accept: (email) => {
      const user = state.users.get(email.toLowerCase());
      if (!user) return;
      user.externalUserState = 'Accepted';
      user.externalUserStateChangeDateTime = new Date().toISOString();
    },
    /** A user who is already in the directory (a member, or a guest from an earlier invitation). */
    addUser: ({
      mail,
      userType = 'Guest',
      externalUserState = userType === 'Guest' ? 'PendingAcceptance' : null,
      displayName = null,
      id = randomUUID(),
      otherMails = [],
    }) => {
      const user = {
        external: externalUserState !== null,
        id,
        mail,
        otherMails,
        externalUserStateChangeDateTime: externalUserState ? new Date().toISOString() : null,
        displayName,
        userType,
        userPrincipalName: userType === 'Member' ? mail : `${mail.replace('@', '_')}#EXT#@${state.domain}`,
        externalUserState,
      };
      state.users.set(mail.toLowerCase(), user);
      return user;
    },
    /** An admin deletes the guest. */
    deleteUser: (email) => state.users.delete(email.toLowerCase()),
    setChaos: (config) => (state.chaos = config ? chaos(config) : undefined),
    /**
     * Between tests: the directory as seeded (no guests, no memberships added, no counts), no faults,
     * no requests recorded. Sign-in state (sessions, tokens) stays: that is the browser's to forget.
     */
    reset: () => {
      state.requests.length = 0;
      state.faults.length = 0;
      state.authorizeMode = 'ok';
      state.users.clear();
      state.inviteCounts.clear();
      state.emailsSent.clear();
      state.groups = seedGroups();
      state.assignmentRequests.clear();
      for (const person of seedPeople(state)) api.addUser(person);
      for (const mail of options.members ?? []) api.addUser({ mail, userType: 'Member' });
    },
    /** Within a test: forget the requests seen so far (to count what comes next), nothing else. */
    clearRequests: () => {
      state.requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
  api.reset(); // seeds the members
  return api;
}

async function handle(state, req, res, raw) {
  const url = new URL(req.url, state.url);
  const record = {
    method: req.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: {
      host: req.headers.host,
      authorization: req.headers.authorization,
      origin: req.headers.origin,
      'content-type': req.headers['content-type'],
    },
    body: parseBody(req.headers['content-type'], raw),
    at: Date.now(),
  };
  state.requests.push(record);
  cors(state, req, res);
  if (req.method === 'OPTIONS') {
    res.writeHead(204);
    return res.end();
  }
  if (state.latencyMs) await new Promise((r) => setTimeout(r, state.latencyMs));

  const fault = takeFault(state, url.pathname, req.method);
  if (fault?.reset) return req.socket.destroy();
  if (fault && !fault.afterWork) {
    record.status = fault.status;
    const headers = { 'content-type': 'application/json' };
    if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
    res.writeHead(fault.status, headers);
    return res.end(JSON.stringify(fault.body ?? { error: { code: 'Fault', message: `Injected ${fault.status}` } }));
  }

  const discovery = url.pathname.match(/^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/);
  if (discovery && req.method === 'GET') {
    const problem = authorityProblem(state, discovery[1]);
    if (problem) return json(res, 400, { error: 'invalid_tenant', error_description: problem }, record);
    return openIdConfiguration(state, req, res, discovery[1], record);
  }
  const auth = url.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/(authorize|token|logout)$/);
  if (auth) {
    const problem = authorityProblem(state, auth[1]);
    if (problem && auth[2] === 'token')
      return json(res, 400, { error: 'invalid_request', error_description: problem }, record);
    if (problem) return page(res, 400, problem, record);
    if (auth[2] === 'authorize') return authorize(state, req, res, url, record);
    if (auth[2] === 'token') return tokenEndpoint(state, req, res, record);
    // Logout ends the browser's Microsoft session: a silent sign-in fails from now on.
    const session = sessionCookie(state, req);
    if (session) state.sessions.delete(session);
    return redirect(res, url.searchParams.get('post_logout_redirect_uri') || `${state.url}/`, record);
  }
  if (url.pathname.startsWith('/v1.0/'))
    return handleGraph(state, req, res, url, record, fault?.afterWork ? fault : undefined);
  return json(res, 404, { error: { code: 'NotFound', message: 'Not found' } }, record);
}

function parseBody(type = '', raw) {
  if (!raw) return undefined;
  if (type.includes('application/json')) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return raw;
}

/** Extension pages call us cross-origin without host permissions, as they call Entra and Graph. */
function cors(state, req, res) {
  const origin = req.headers.origin;
  if (!origin || !/^(chrome-extension|moz-extension):\/\//.test(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  // Whether Graph lists Retry-After here is unverified; by default it does not (reality.md, CORS).
  res.setHeader(
    'Access-Control-Expose-Headers',
    `${state.exposeRetryAfter ? 'Retry-After, ' : ''}client-request-id, request-id`,
  );
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', req.headers['access-control-request-headers'] ?? '*');
    res.setHeader('Access-Control-Max-Age', '600');
  }
}

/** Graph's write limit as a token bucket: `capacity` writes at once, refilled at `perSecond`. */
function tokenBucket({ capacity, perSecond }) {
  let tokens = capacity;
  let last = Date.now();
  return {
    /** Takes a token; returns 0, or the seconds to wait (the Retry-After). */
    take() {
      const now = Date.now();
      tokens = Math.min(capacity, tokens + ((now - last) / 1000) * perSecond);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - tokens) / perSecond));
    },
  };
}

/** Seeded fault injection, so a failing run can be replayed: rates are per batch or per item. */
function chaos({
  seed = 1,
  resetBefore = 0,
  resetAfter = 0,
  gatewayAfter = 0,
  expire401 = 0,
  item429 = 0,
  item503 = 0,
}) {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rates = { resetBefore, resetAfter, gatewayAfter, expire401 };
  /** How often each fault was injected, so that a test can tell they all happened. */
  const fired = { resetBefore: 0, resetAfter: 0, gatewayAfter: 0, expire401: 0, item429: 0, item503: 0 };
  return {
    fired,
    roll: (kind) => random() < rates[kind] && ++fired[kind] > 0,
    itemFault: () => {
      const r = random();
      const status = r < item429 ? 429 : r < item429 + item503 ? 503 : 0;
      if (status) fired[`item${status}`]++;
      return status;
    },
  };
}
