// The simulated Entra tenant: an HTTPS server (certificate made at start-up) that speaks the v2.0
// authorize/token/logout endpoints the way MSAL expects and the Graph endpoints the extension calls.
// It records every request so tests can assert on them, and has switches for the failure cases.
// Plain Node on purpose: `npm start` runs it as it is, and so do the end-to-end tests.
import { createServer } from 'node:https';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { generate } from 'selfsigned';
import { handleGraph } from './graph.mjs';
import { json, page, redirect, takeFault } from './http.mjs';

export const TENANT_ID = '8b2f3c1e-5d4a-4f6b-9c8d-7e6f5a4b3c2d';
export const TENANT_DOMAIN = 'contoso.test';
/** The app registered in this tenant (Single-page application): the only client it signs in. */
export const CLIENT_ID = '3f6c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69';
const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const token = (prefix) => `${prefix}.${randomBytes(24).toString('base64url')}`;

/**
 * @param {object} [options]
 * @param {number} [options.port] 0 = any free port
 * @param {string} [options.clientId] the registered app (CLIENT_ID when omitted); like Entra, no other signs in
 * @param {number} [options.accessTokenSeconds] lifetime of access tokens
 */
export async function startTenant(options = {}) {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 7 * 86400_000),
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const state = {
    tenantId: TENANT_ID,
    domain: TENANT_DOMAIN,
    clientId: options.clientId ?? CLIENT_ID,
    accessTokenSeconds: options.accessTokenSeconds ?? 3600,
    user: { oid: 'a1b2c3d4-0000-4000-8000-00000000a11c', name: 'Alex Admin', username: `alex@${TENANT_DOMAIN}` },
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
    verifiedDomains: [TENANT_DOMAIN, 'contoso.com'],
    groups: new Map(
      ['Partners – Q3 project', 'Partners – Finance', 'Project Falcon guests', "R&D #2 + 100% O'Brien's"].map(
        (displayName, i) => {
          const id = `0000000${i + 1}-aaaa-4bbb-8ccc-00000000000${i + 1}`;
          return [id, { id, displayName, members: new Set() }];
        },
      ),
    ),
    /** How long a new guest is invisible to group changes. */
    replicationDelayMs: options.replicationDelayMs ?? 0,
    /** Successful (201) invitations per address: "invited at most once" is checked on this. */
    inviteCounts: new Map(),
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

  return {
    url,
    tenantId: TENANT_ID,
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
      if (user) user.externalUserState = 'Accepted';
    },
    /** A user who is already in the directory (a member, or a guest from an earlier invitation). */
    addUser: ({ mail, userType = 'Guest', externalUserState = userType === 'Guest' ? 'PendingAcceptance' : null }) => {
      const user = {
        id: randomUUID(),
        mail,
        displayName: null,
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
    reset: () => {
      state.requests.length = 0;
      state.faults.length = 0;
      state.authorizeMode = 'ok';
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

async function handle(state, req, res, raw) {
  const url = new URL(req.url, state.url);
  const record = {
    method: req.method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: {
      authorization: req.headers.authorization,
      origin: req.headers.origin,
      'content-type': req.headers['content-type'],
    },
    body: parseBody(req.headers['content-type'], raw),
    at: Date.now(),
  };
  state.requests.push(record);
  cors(req, res);
  if (req.method === 'OPTIONS') {
    res.writeHead(204);
    return res.end();
  }
  if (state.latencyMs) await new Promise((r) => setTimeout(r, state.latencyMs));

  const fault = takeFault(state, url.pathname, req.method);
  if (fault?.reset) return req.socket.destroy();
  if (fault) {
    record.status = fault.status;
    const headers = { 'content-type': 'application/json' };
    if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
    res.writeHead(fault.status, headers);
    return res.end(JSON.stringify(fault.body ?? { error: { code: 'Fault', message: `Injected ${fault.status}` } }));
  }

  const auth = url.pathname.match(/^\/([^/]+)\/oauth2\/v2\.0\/(authorize|token|logout)$/);
  if (auth) {
    if (!tenantMatches(state, auth[1]))
      return json(
        res,
        400,
        { error: 'invalid_tenant', error_description: `AADSTS90002: Tenant '${auth[1]}' not found.` },
        record,
      );
    if (auth[2] === 'authorize') return authorize(state, req, res, url, record);
    if (auth[2] === 'token') return tokenEndpoint(state, req, res, record);
    // Logout ends the browser's Microsoft session: a silent sign-in fails from now on.
    const session = /tenant_sso=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (session) state.sessions.delete(session);
    return redirect(res, url.searchParams.get('post_logout_redirect_uri') || `${state.url}/`, record);
  }
  if (url.pathname.startsWith('/v1.0/')) return handleGraph(state, req, res, url, record);
  return json(res, 404, { error: { code: 'NotFound', message: 'Not found' } }, record);
}

function tenantMatches(state, segment) {
  const value = segment.toLowerCase();
  return value === state.tenantId || value === state.domain || value === 'organizations';
}

function authorize(state, req, res, url, record) {
  const q = url.searchParams;
  const redirectUri = q.get('redirect_uri') ?? '';
  // Like Entra, problems with the app or the redirect URI get an error page, not a redirect.
  if (!/^https:\/\/[a-z0-9]+\.(chromiumapp\.org|extensions\.allizom\.org)\/$/.test(redirectUri)) {
    return page(
      res,
      400,
      'AADSTS50011: The redirect URI does not match the redirect URIs configured for the application.',
      record,
    );
  }
  if (q.get('client_id') !== state.clientId) {
    return page(res, 400, `AADSTS700016: Application with identifier '${q.get('client_id')}' was not found.`, record);
  }
  const answer = (params) => {
    const target = new URL(redirectUri);
    const body = new URLSearchParams({ ...params, state: q.get('state') ?? '' }).toString();
    if (q.get('response_mode') === 'query') target.search = body;
    else target.hash = body;
    return redirect(res, target.toString(), record);
  };
  if (state.authorizeMode === 'deny') {
    return answer({
      error: 'access_denied',
      error_description: 'AADSTS65004: User declined to consent to access the app.',
    });
  }
  if (state.authorizeMode === 'hang') return page(res, 200, 'Sign in to your account', record);
  const session = /tenant_sso=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1];
  if (q.get('prompt') === 'none' && !(session && state.sessions.has(session))) {
    return answer({
      error: 'login_required',
      error_description: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
    });
  }
  const sessionId = session && state.sessions.has(session) ? session : randomUUID();
  state.sessions.add(sessionId);
  res.setHeader('Set-Cookie', `tenant_sso=${sessionId}; Path=/; Secure; HttpOnly; SameSite=None`);
  const code = token('code');
  state.codes.set(code, {
    clientId: q.get('client_id'),
    redirectUri,
    challenge: q.get('code_challenge'),
    method: q.get('code_challenge_method'),
    nonce: q.get('nonce'),
    scope: q.get('scope') ?? '',
  });
  return answer({ code, client_info: b64url({ uid: state.user.oid, utid: state.tenantId }), session_state: sessionId });
}

function tokenEndpoint(state, req, res, record) {
  const form = record.body ?? {};
  const error = (description, code = 'invalid_grant', suberror) =>
    json(res, 400, { error: code, error_description: description, ...(suberror && { suberror }) }, record);
  // Entra redeems SPA codes only cross-origin (AADSTS9002327); the extension's fetch carries Origin.
  if (!req.headers.origin)
    return error(
      'AADSTS9002327: Tokens issued for the Single-Page Application client-type ' +
        'may only be redeemed via cross-origin requests.',
      'invalid_request',
    );
  if (form.grant_type === 'authorization_code') {
    const grant = state.codes.get(form.code);
    state.codes.delete(form.code);
    if (!grant)
      return error('AADSTS70008: The provided authorization code or refresh token has expired or was already used.');
    if (grant.clientId !== form.client_id || grant.redirectUri !== form.redirect_uri)
      return error('AADSTS50148: The client or redirect URI does not match the authorization request.');
    const expected = createHash('sha256')
      .update(form.code_verifier ?? '')
      .digest('base64url');
    if (grant.method !== 'S256' || expected !== grant.challenge)
      return error(
        'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.',
      );
    return json(res, 200, issueTokens(state, grant.clientId, form.scope || grant.scope, grant.nonce), record);
  }
  if (form.grant_type === 'refresh_token') {
    const rt = state.refreshTokens.get(form.refresh_token);
    if (!rt || rt.clientId !== form.client_id)
      return error('AADSTS700082: The refresh token has expired due to inactivity.', 'invalid_grant', 'bad_token');
    state.refreshTokens.delete(form.refresh_token);
    return json(res, 200, issueTokens(state, rt.clientId, form.scope || rt.scope), record);
  }
  return error(`Unsupported grant_type ${form.grant_type}`, 'unsupported_grant_type');
}

function issueTokens(state, clientId, scope, nonce) {
  const now = Math.floor(Date.now() / 1000);
  const accessToken = token('at');
  const refreshToken = token('rt');
  state.accessTokens.set(accessToken, { expires: Date.now() + state.accessTokenSeconds * 1000, scope, clientId });
  state.refreshTokens.set(refreshToken, { clientId, scope });
  const claims = {
    aud: clientId,
    iss: `${state.url}/${state.tenantId}/v2.0`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    name: state.user.name,
    oid: state.user.oid,
    preferred_username: state.user.username,
    sub: createHash('sha256').update(state.user.oid).digest('base64url'),
    tid: state.tenantId,
    ver: '2.0',
    ...(nonce ? { nonce } : {}),
  };
  return {
    token_type: 'Bearer',
    scope: scope
      .split(' ')
      .filter((s) => !['openid', 'profile', 'offline_access'].includes(s))
      .join(' '),
    expires_in: state.accessTokenSeconds,
    ext_expires_in: state.accessTokenSeconds,
    access_token: accessToken,
    refresh_token: refreshToken,
    id_token: [
      b64url({ typ: 'JWT', alg: 'RS256', kid: 'sim' }),
      b64url(claims),
      randomBytes(32).toString('base64url'),
    ].join('.'),
    client_info: b64url({ uid: state.user.oid, utid: state.tenantId }),
  };
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
function cors(req, res) {
  const origin = req.headers.origin;
  if (!origin || !/^(chrome-extension|moz-extension):\/\//.test(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, client-request-id, request-id');
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
function chaos({ seed = 1, resetBefore = 0, resetAfter = 0, expire401 = 0, item429 = 0, item503 = 0 }) {
  let s = seed >>> 0;
  const random = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rates = { resetBefore, resetAfter, expire401 };
  return {
    roll: (kind) => random() < rates[kind],
    itemFault: () => {
      const r = random();
      return r < item429 ? 429 : r < item429 + item503 ? 503 : 0;
    },
  };
}
