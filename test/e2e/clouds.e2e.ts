// The national clouds for real: each cloud's sign-in and Graph hosts are mapped to the simulated
// tenant (Chromium's host resolver), which answers as that cloud does: its OpenID configuration,
// tokens only for that cloud's Graph (a scope naming another resource is refused), and Graph refusing a
// token meant for another host. A wrong host or scope prefix in the extension fails here.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import { launchWithExtension, EXTENSION_DIR } from '../support/browser.mjs';
import { configureFor, confirmedAccount, fillInvite, openPopup, startSuiteTenant, submitInvite } from './harness';

let tenant: Tenant;
beforeAll(async () => {
  tenant = await startSuiteTenant();
});
afterAll(() => tenant?.close());

/** China's sign-in host as published, and the alias MSAL's cloud metadata makes it call on the network. */
const CHINA_PARTNER = 'login.partner.microsoftonline.cn';

describe.each([
  {
    cloud: 'usgov',
    login: 'login.microsoftonline.us',
    graph: 'graph.microsoft.us',
    network: 'login.microsoftonline.us',
  },
  {
    cloud: 'usgovdod',
    login: 'login.microsoftonline.us',
    graph: 'dod-graph.microsoft.us',
    network: 'login.microsoftonline.us',
  },
  { cloud: 'china', login: 'login.chinacloudapi.cn', graph: 'microsoftgraph.chinacloudapi.cn', network: CHINA_PARTNER },
])('$cloud', ({ cloud, login, graph, network }) => {
  test(`signs in at ${login} and invites through ${graph}, with that cloud's scopes`, async () => {
    const port = new URL(tenant.url).port;
    const browser = await launchWithExtension({
      extensionDir: EXTENSION_DIR,
      hostRules: [login, network, graph].map((host) => `MAP ${host} 127.0.0.1:${port}`),
    });
    try {
      await configureFor(browser.worker, tenant, {}, { cloud, customAuthority: '', customGraph: '' });
      tenant.reset();
      const popup = await openPopup(browser.context, browser.extensionId);
      await popup.getByTestId('sign-in').click();
      await confirmedAccount(popup).waitFor();
      await fillInvite(popup, { email: `${cloud}@fabrikam.com` });
      await submitInvite(popup);
      await popup.getByTestId('result').waitFor();

      const authorize = tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`);
      expect(authorize.map((r) => r.headers.host)).toEqual([network]);
      const tokens = tenant.requests('POST', `/${tenant.tenantId}/oauth2/v2.0/token`);
      expect(tokens.length).toBeGreaterThan(0);
      expect(tokens.every((r) => r.headers.host === network)).toBe(true);
      // Fully qualified scopes naming this cloud's Graph, as the tenant requires for its tokens.
      expect(tokens.map((r) => r.body.scope).join(' ')).toContain(`https://${graph}/User.Invite.All`);
      const [invitation] = tenant.invitations();
      expect(invitation.headers.host).toBe(graph);
      expect(invitation.body.invitedUserEmailAddress).toBe(`${cloud}@fabrikam.com`);
      await popup.close();
    } finally {
      await browser.context.close();
    }
  });
});

test("a token from one cloud is refused by another cloud's Graph", async () => {
  const port = new URL(tenant.url).port;
  const browser = await launchWithExtension({
    extensionDir: EXTENSION_DIR,
    // Signed in to China's cloud; the US Graph host answers too, and must refuse China's token.
    hostRules: ['login.chinacloudapi.cn', CHINA_PARTNER, 'graph.microsoft.us'].map(
      (host) => `MAP ${host} 127.0.0.1:${port}`,
    ),
  });
  try {
    await configureFor(browser.worker, tenant, {}, { cloud: 'china', customAuthority: '', customGraph: '' });
    tenant.reset();
    const popup = await openPopup(browser.context, browser.extensionId);
    await popup.getByTestId('sign-in').click();
    await confirmedAccount(popup).waitFor();
    // A token for China's Graph presented at the US Graph host: refused, whatever it allows.
    const answer = await popup.evaluate(async () => {
      const key = Object.keys(localStorage).find((k) => /-accesstoken-/i.test(k))!;
      const { secret } = JSON.parse(localStorage.getItem(key)!) as { secret: string };
      const response = await fetch('https://graph.microsoft.us/v1.0/invitations', {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ invitedUserEmailAddress: 'x@fabrikam.com', inviteRedirectUrl: 'https://x.example' }),
      });
      return { status: response.status, body: await response.text() };
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toContain('Invalid audience');
    expect(tenant.invitations().filter((i) => i.status === 201)).toEqual([]);
    await popup.close();
  } finally {
    await browser.context.close();
  }
});
