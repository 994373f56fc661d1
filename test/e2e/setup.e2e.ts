// The first five minutes: nothing configured, the popup walks the user through registering the app
// (commands with this install's real redirect URIs), pasting its IDs, and testing the connection,
// which reports each permission as the tenant answers for it, with the fix for what is missing.
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import { violations } from './axe';
import { CLIENT_ID, launch, openPopup, startSuiteTenant, type Launched, confirmedAccount } from './harness';

let tenant: Tenant;
let browser: Launched;
beforeAll(async () => {
  // A fresh registration: an administrator granted inviting and User.Read, nothing else yet.
  tenant = await startSuiteTenant({ consented: ['User.Invite.All', 'User.Read'] });
  browser = await launch();
  // Pointed at the simulated tenant's hosts (as the options page's custom cloud would), nothing else set.
  await browser.worker.evaluate(
    (url) =>
      chrome.storage.local.set({
        settings: { clientId: '', tenant: '', cloud: 'custom', customAuthority: url, customGraph: url, defaults: {} },
      }),
    tenant.url,
  );
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});

test('nothing configured: register (real redirect URIs in the commands), paste the IDs, test', async () => {
  const popup = await openPopup(browser.context, browser.extensionId);
  await popup.setViewportSize({ width: 400, height: 600 });
  const setup = popup.getByTestId('setup');
  await setup.waitFor();
  const chrome = `https://${browser.extensionId}.chromiumapp.org/`;
  const firefox = 'https://f35ff0aff32c56bf4f0eabf949671dd1ce88680e.extensions.allizom.org/';
  // The second (Firefox's, computed) appears a moment after the page opens.
  const uris = () =>
    popup.getByTestId('setup-redirect-uri').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  await expect.poll(uris).toEqual([chrome, firefox]);
  await popup.getByText('Azure CLI (bash)').click();
  const cli = await popup.getByTestId('setup-cli').innerText();
  expect(cli).toContain(`"redirectUris":["${chrome}","${firefox}"]`);
  await popup.getByText('Microsoft Graph PowerShell').click();
  expect(await popup.getByTestId('setup-powershell').innerText()).toContain(
    `RedirectUris = @('${chrome}', '${firefox}')`,
  );
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    expect(await violations(popup)).toEqual([]);
  }
  await popup.emulateMedia({ colorScheme: 'light' });
  await popup.screenshot({ path: resolve(import.meta.dirname, '../../docs/setup-assistant.png'), fullPage: true });

  // Bad IDs are refused before anything is saved.
  await popup.locator('#clientId').fill('my app');
  await popup.locator('#tenant').fill('common');
  await popup.getByTestId('setup-save').click();
  expect(await popup.locator('#clientId-error').innerText()).toContain('GUID');
  expect(await popup.locator('#tenant-error').innerText()).toContain('Multi-tenant app');
  await popup.locator('#clientId').fill(CLIENT_ID);
  await popup.locator('#tenant').fill(tenant.tenantId);
  await popup.getByTestId('setup-save').click();

  // Once the IDs are saved: the administrator's one link for every permission.
  const consent = new URL(await popup.getByTestId('setup-admin-consent').inputValue());
  expect(consent.pathname).toBe(`/${tenant.tenantId}/v2.0/adminconsent`);
  expect(consent.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(consent.searchParams.get('redirect_uri')).toBe(chrome);
  expect(consent.searchParams.get('scope')?.split(' ')).toHaveLength(4);
  await popup.getByTestId('check-connection').click();
  const results = popup.getByTestId('check-results');
  await results.waitFor();
  expect(await results.innerText()).toContain('Signed in as alex@contoso.test to Contoso');
  expect(await popup.getByTestId('check-invite').getAttribute('data-state')).toBe('granted');
  expect(await popup.getByTestId('check-domains').getAttribute('data-state')).toBe('granted');
  expect(await popup.getByTestId('check-read').innerText()).toContain('User.Read.All not granted yet');
  expect(await popup.getByTestId('check-groups').getAttribute('data-state')).toBe('missing');
  await popup.screenshot({ path: resolve(import.meta.dirname, '../../docs/setup-check.png'), fullPage: true });
  // No consent window was opened by the check itself: one sign-in, no silent round trips.
  const authorize = tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`);
  expect(authorize.map((r) => r.query.prompt)).toEqual(['select_account']);

  await popup.getByTestId('setup-done').click();
  await confirmedAccount(popup).waitFor();
  await popup.locator('#email').waitFor();
  await popup.close();
});
