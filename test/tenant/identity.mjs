// The identity side of the simulated tenant: the v2.0 authorize and token endpoints as strict as
// Entra ID about the app, the redirect URI, PKCE and — what real tenants enforce first — admin consent.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { json, page, redirect } from './http.mjs';

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const token = (prefix) => `${prefix}.${randomBytes(24).toString('base64url')}`;
/** OpenID Connect scopes: part of every sign-in, no consent needed. */
const OIDC = new Set(['openid', 'profile', 'offline_access', 'email']);

/**
 * The Graph permissions a scope string asks for, in short form: `User.Read.All` and
 * `https://graph.microsoft.com/User.Read.All` are the same permission.
 */
export function permissionsOf(scope = '') {
  return scope
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => s.replace(/^https?:\/\/[^/]+\//i, ''))
    .filter((s) => !OIDC.has(s.toLowerCase()));
}

/**
 * Each Microsoft cloud's sign-in host and the Graph hosts that take its tokens (graph.md, section 13):
 * a token from one cloud is useless in another. Any other sign-in host is this simulated tenant on its
 * own address (the custom cloud), which is its own Graph too.
 */
export const CLOUD_RESOURCES = {
  'login.microsoftonline.com': ['graph.microsoft.com'],
  'login.microsoftonline.us': ['graph.microsoft.us', 'dod-graph.microsoft.us'],
  'login.chinacloudapi.cn': ['microsoftgraph.chinacloudapi.cn'],
  // The same China cloud: MSAL's cloud metadata sends its network calls to this alias.
  'login.partner.microsoftonline.cn': ['microsoftgraph.chinacloudapi.cn'],
};

/**
 * The one Graph host the scopes of a token request name (a short scope names the global one), or the
 * AADSTS error a real tenant of that cloud would give.
 */
function resourceOf(scope, loginHost) {
  const hosts = new Set(
    scope
      .split(/\s+/)
      .filter((s) => s && !OIDC.has(s.toLowerCase()))
      .map((s) => /^https?:\/\/([^/]+)\//i.exec(s)?.[1].toLowerCase() ?? 'graph.microsoft.com'),
  );
  if (hosts.size > 1)
    return {
      error:
        'AADSTS28000: Provided value for the input parameter scope is not valid because it contains ' +
        'more than one resource.',
    };
  const [resource = CLOUD_RESOURCES[loginHost]?.[0] ?? loginHost] = hosts;
  const known = CLOUD_RESOURCES[loginHost] ?? [loginHost];
  if (!known.includes(resource))
    return {
      error:
        `AADSTS500011: The resource principal named https://${resource} was not found in the tenant. ` +
        'This can happen if the application has not been installed by the administrator of the tenant.',
    };
  return { resource };
}

/** What of these permissions nobody has consented to for this app. */
function unconsented(state, permissions) {
  const granted = new Set(state.consented.map((p) => p.toLowerCase()));
  return permissions.filter((p) => !granted.has(p.toLowerCase()));
}

const consentRequired = (missing) =>
  `AADSTS65001: The user or administrator has not consented to use the application. ` +
  `Send an interactive authorization request for this user and resource. Missing: ${missing.join(', ')}.`;

/** Single-tenant apps sign in through their own tenant only (AADSTS50194), unless registered multi-tenant. */
export function authorityProblem(state, segment) {
  const value = segment.toLowerCase();
  if (value === state.tenantId || value === state.domain) return undefined;
  if (value === 'organizations' || value === 'common') {
    if (state.multiTenantApp) return undefined;
    return (
      `AADSTS50194: Application '${state.clientId}' is not configured as a multi-tenant application. ` +
      `Usage of the /${value} endpoint is not supported for such applications.`
    );
  }
  return `AADSTS90002: Tenant '${segment}' not found.`;
}

export function authorize(state, req, res, url, record) {
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
  const session = sessionCookie(state, req);
  const signedIn = session && state.sessions.has(session);
  const missing = unconsented(state, permissionsOf(q.get('scope') ?? ''));
  if (q.get('prompt') === 'none') {
    if (!signedIn)
      return answer({
        error: 'login_required',
        error_description: 'AADSTS50058: A silent sign-in request was sent but no user is signed in.',
      });
    if (missing.length) return answer({ error: 'consent_required', error_description: consentRequired(missing) });
  }
  if (missing.length) {
    // An administrator consents for the whole organization; anyone else meets the approval page,
    // which has no way back to the app.
    if (!state.userIsAdmin)
      return page(
        res,
        200,
        `AADSTS90094: Need admin approval. ${missing.join(', ')} needs permission to access resources ` +
          'in your organization that only an admin can grant.',
        record,
      );
    state.consented.push(...missing);
  }
  const sessionId = signedIn ? session : randomUUID();
  state.sessions.add(sessionId);
  res.setHeader('Set-Cookie', `${cookieName(state)}=${sessionId}; Path=/; Secure; HttpOnly; SameSite=None`);
  const code = token('code');
  state.codes.set(code, {
    clientId: q.get('client_id'),
    redirectUri,
    challenge: q.get('code_challenge'),
    method: q.get('code_challenge_method'),
    nonce: q.get('nonce'),
    scope: q.get('scope') ?? '',
  });
  return answer({ code, client_info: clientInfo(state), session_state: sessionId });
}

/**
 * Who signed in, as MSAL keys its accounts (uid.utid): the user's home directory. A guest from another
 * directory (a consultant's one Microsoft account) has the same home in every directory it is a guest in.
 */
const clientInfo = (state) =>
  b64url({ uid: state.user.home?.oid ?? state.user.oid, utid: state.user.home?.tenantId ?? state.tenantId });

/** The browser's Microsoft session cookie, one per directory (several may share a sign-in host). */
const cookieName = (state) => `tenant_sso_${state.tenantId.slice(0, 8)}`;
export const sessionCookie = (state, req) =>
  new RegExp(`${cookieName(state)}=([\\w-]+)`).exec(req.headers.cookie ?? '')?.[1];

export function tokenEndpoint(state, req, res, record) {
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
  const loginHost = (req.headers.host ?? '').toLowerCase();
  const redeem = (clientId, scope, nonce) => {
    const { resource, error: wrongResource } = resourceOf(scope, loginHost);
    if (wrongResource) return error(wrongResource, 'invalid_resource');
    const missing = unconsented(state, permissionsOf(scope));
    if (missing.length) return error(consentRequired(missing), 'invalid_grant', 'consent_required');
    return json(res, 200, issueTokens(state, { clientId, scope, nonce, resource, loginHost }), record);
  };
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
    return redeem(grant.clientId, form.scope || grant.scope, grant.nonce);
  }
  if (form.grant_type === 'refresh_token') {
    const rt = state.refreshTokens.get(form.refresh_token);
    if (!rt || rt.clientId !== form.client_id)
      return error('AADSTS700082: The refresh token has expired due to inactivity.', 'invalid_grant', 'bad_token');
    // A refresh token stays usable when the scope asked for is refused (nothing was issued).
    if (unconsented(state, permissionsOf(form.scope || rt.scope)).length) return redeem(rt.clientId, form.scope);
    state.refreshTokens.delete(form.refresh_token);
    return redeem(rt.clientId, form.scope || rt.scope);
  }
  return error(`Unsupported grant_type ${form.grant_type}`, 'unsupported_grant_type');
}

/**
 * Tokens for exactly the permissions asked for (stricter than Entra, whose tokens carry every
 * permission consented for the resource): a call made with the wrong token fails here as it may there.
 */
function issueTokens(state, { clientId, scope, nonce, resource, loginHost }) {
  const now = Math.floor(Date.now() / 1000);
  const accessToken = token('at');
  const refreshToken = token('rt');
  const permissions = permissionsOf(scope);
  state.accessTokens.set(accessToken, {
    expires: Date.now() + state.accessTokenSeconds * 1000,
    scope,
    permissions,
    clientId,
    /** The Graph host this token is for: any other refuses it. */
    audience: resource,
  });
  state.refreshTokens.set(refreshToken, { clientId, scope });
  const claims = {
    aud: clientId,
    iss: `https://${loginHost}/${state.tenantId}/v2.0`,
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
      .filter((s) => !OIDC.has(s))
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
    client_info: clientInfo(state),
  };
}

/** The tenant's OpenID configuration, as MSAL reads it for an authority it has no metadata for. */
export function openIdConfiguration(state, req, res, tenant, record) {
  const base = `https://${req.headers.host}/${tenant}`;
  return json(
    res,
    200,
    {
      issuer: `https://${req.headers.host}/${state.tenantId}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      tenant_region_scope: req.headers.host?.endsWith('.us') ? 'USGOV' : null,
    },
    record,
  );
}
