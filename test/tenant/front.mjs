// Several simulated directories behind one sign-in host and one Graph host, as Entra serves every
// tenant from login.microsoftonline.com and graph.microsoft.com. MSAL keys accounts and tokens by that
// host: a person who is a guest in two directories signs in to both with one account only when both
// share it. Requests go to the directory their path names (/{tenant}/oauth2/…, /{tenant}/v2.0/…) or,
// for Graph, the one that issued their token.
import { createServer } from 'node:https';
import { request } from 'node:https';
import { localhostCertificate } from './http.mjs';
import { sessionCookie } from './identity.mjs';

/**
 * @param {import('./tenant.mjs').Tenant[]} tenants the first answers what names no directory
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
export async function startFront(tenants) {
  const pems = await localhostCertificate();
  const byName = (segment) =>
    tenants.find((t) => [t.state.tenantId, t.state.domain].includes(decodeURIComponent(segment ?? '').toLowerCase()));
  const byToken = (authorization = '') =>
    tenants.find((t) => t.state.accessTokens.has(authorization.replace(/^Bearer /u, '')));
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    // Entra's logout ends the browser's one Microsoft session, whichever directory it names: every
    // directory behind this host forgets the session this browser holds with it.
    if (/\/oauth2\/v2\.0\/logout$/u.test(new URL(req.url ?? '/', 'https://front').pathname))
      for (const tenant of tenants) tenant.state.sessions.delete(sessionCookie(tenant.state, req) ?? '');
    const segment = new URL(req.url ?? '/', 'https://front').pathname.split('/')[1];
    const target = byName(segment) ?? byToken(req.headers.authorization) ?? tenants[0];
    const upstream = request(
      `${target.url}${req.url}`,
      { method: req.method, headers: req.headers, rejectUnauthorized: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://localhost:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
