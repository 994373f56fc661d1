// One person, a guest in two directories (a consultant's one Microsoft account), with a profile for
// each. As in Entra, both directories answer on one sign-in host and one Graph host (front.mjs), and
// the person's home account is the same in both, so MSAL keeps one account with a profile per
// directory and one refresh token. Each profile still signs in, works and signs out on its own.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFront } from '../tenant/front.mjs';
import { TENANT_ID, type Tenant } from '../tenant/tenant.mjs';
import {
  configureFor,
  confirmedAccount,
  FABRIKAM,
  fillInvite,
  launch,
  openPopup,
  signIn,
  startSuiteTenant,
  submitInvite,
  type Launched,
} from './harness';

/** Pat's own directory, where the account lives. */
const HOME = { oid: '9a9b9c9d-0000-4000-8000-000000000ba7', tenantId: '0e0e0e0e-1111-4222-8333-444455556666' };
const PAT = { userName: 'Pat Consultant', username: 'pat@consultancy.example', home: HOME };

let contoso: Tenant;
let fabrikam: Tenant;
let front: Awaited<ReturnType<typeof startFront>>;
let browser: Launched;
beforeAll(async () => {
  [contoso, fabrikam] = await Promise.all([
    startSuiteTenant({
      organization: {
        tenantId: TENANT_ID,
        domain: 'contoso.test',
        displayName: 'Contoso',
        verifiedDomains: ['contoso.test'],
        userOid: 'c0c0c0c0-0000-4000-8000-00000000c0c0',
        ...PAT,
      },
    }),
    startSuiteTenant({ organization: { ...FABRIKAM, ...PAT } }),
  ]);
  front = await startFront([contoso, fabrikam]);
  browser = await launch();
  // Contoso's profile, and Fabrikam's beside it: the same sign-in and Graph host for both.
  await configureFor(browser.worker, { ...contoso, url: front.url }, {}, { name: 'Contoso' });
  await browser.worker.evaluate(
    async ({ url, tenant }) => {
      const { settings } = await chrome.storage.local.get<{ settings: Record<string, unknown> }>('settings');
      const defaults = {
        redirectUrl: 'https://myapps.microsoft.com',
        message: '',
        sendMail: true,
        messageLanguage: '',
        userType: 'Guest',
      };
      const fab = {
        ...settings,
        id: 'fab',
        name: 'Fabrikam',
        tenant,
        customAuthority: url,
        customGraph: url,
        defaults,
      };
      await chrome.storage.local.set({ settings: { ...settings, otherProfiles: [fab] } });
    },
    { url: front.url, tenant: FABRIKAM.domain },
  );
});
afterAll(async () => {
  await browser?.context.close();
  await front?.close();
  await Promise.all([contoso?.close(), fabrikam?.close()]);
});

const switchIn = async (popup: Page, id: string) => {
  await Promise.all([popup.waitForEvent('load'), popup.getByTestId('profile-switcher').selectOption(id)]);
};
const authorizations = (tenant: Tenant) => tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`);
const accountText = (popup: Page) => confirmedAccount(popup).innerText();

test('one account in two directories: a profile each, side by side; signing out of one keeps the other', async () => {
  const popup = await openPopup(browser.context, browser.extensionId);
  await signIn(popup);
  expect(await accountText(popup)).toContain('Tenant Contoso');
  await switchIn(popup, 'fab');
  await signIn(popup);
  expect(await accountText(popup)).toContain('Tenant Fabrikam');
  expect(await accountText(popup)).toContain('pat@consultancy.example');
  // One account in MSAL's cache (its home directory's), known in both directories.
  const accounts = await popup.evaluate(
    () => JSON.parse(localStorage.getItem('msal.account.keys') ?? '[]') as string[],
  );
  expect(accounts).toEqual([expect.stringContaining(HOME.tenantId)]);

  // Back to Contoso: no new sign-in, and the invitation goes to Contoso.
  const before = authorizations(contoso).length;
  await switchIn(popup, 'default');
  await confirmedAccount(popup).waitFor();
  expect(await accountText(popup)).toContain('Tenant Contoso');
  await fillInvite(popup, { email: 'to.contoso@northwind.com' });
  await submitInvite(popup);
  await popup.getByTestId('result').waitFor();
  expect(contoso.invitations().map((i) => i.body.invitedUserEmailAddress)).toEqual(['to.contoso@northwind.com']);
  expect(authorizations(contoso)).toHaveLength(before);

  // Signing out of Contoso leaves Fabrikam signed in with the same account: it still invites, silently.
  await popup.getByTestId('sign-out').click();
  await popup.getByTestId('sign-in').waitFor();
  await switchIn(popup, 'fab');
  await confirmedAccount(popup).waitFor();
  const fabrikamSignIns = authorizations(fabrikam).length;
  await fillInvite(popup, { email: 'to.fabrikam@northwind.com' });
  await submitInvite(popup);
  await popup.getByTestId('result').waitFor();
  expect(fabrikam.invitations().map((i) => i.body.invitedUserEmailAddress)).toEqual(['to.fabrikam@northwind.com']);
  expect(authorizations(fabrikam)).toHaveLength(fabrikamSignIns);
  // And Contoso stays signed out.
  await switchIn(popup, 'default');
  await popup.getByTestId('sign-in').waitFor();
  await popup.close();
});
