// Admin consent as Entra enforces it: an app that was granted only User.Invite.All. Features that need
// more say which permission is missing and ask for it in a consent window; an administrator's consent
// adds it, anyone else meets the approval page (AADSTS90094) and gets the admin-consent link to pass on.
// Nothing loops on prompt=none, and a lost answer that cannot be checked is never resent blindly.
import type { Page } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import {
  CLIENT_ID,
  configureFor,
  fillInvite,
  launch,
  openPopup,
  pasteAddresses,
  signIn,
  startSuiteTenant,
  type Launched,
  showOptions,
} from './harness';
import { violationsInBothSchemes } from './axe';

let tenant: Tenant | undefined;
let browser: Launched | undefined;
afterEach(async () => {
  await browser?.context.close();
  await tenant?.close();
  tenant = browser = undefined;
});

/** A tenant whose admin granted only User.Invite.All (the default), and a browser signed in to it. */
async function grantedInviteOnly(options: { userIsAdmin?: boolean; settings?: Record<string, unknown> } = {}) {
  const t = await startSuiteTenant({ consented: ['User.Invite.All'], userIsAdmin: options.userIsAdmin });
  const b = await launch();
  await configureFor(b.worker, t, {}, options.settings);
  tenant = t;
  browser = b;
  return { t, b };
}

const authorizeCalls = (t: Tenant) => t.requests('GET', `/${t.tenantId}/oauth2/v2.0/authorize`);
const silentCalls = (t: Tenant) => authorizeCalls(t).filter((r) => r.query.prompt === 'none');

/** Clicks a button that opens the consent window and hands back that window. */
async function consentWindow(b: Launched, popup: Page, testId = 'grant-permission'): Promise<Page> {
  const opened = b.context.waitForEvent('page', (p) => p.url().includes('/oauth2/v2.0/authorize'));
  await popup.getByTestId(testId).first().click();
  return opened;
}

test('without User.Read.All the list still works, says what is missing; a non-admin gets the admin link', async () => {
  const { t, b } = await grantedInviteOnly();
  const popup = await openPopup(b.context, b.extensionId);
  await signIn(popup);
  await pasteAddresses(popup, 'ann@fabrikam.com; bo@tailspintoys.com; cy@litware.com');
  const problem = popup.getByTestId('lookup-problem');
  await problem.waitFor();
  expect(await problem.innerText()).toContain('needs the permission User.Read.All');
  expect(await violationsInBothSchemes(popup)).toEqual([]); // the list with its Grant button
  expect(await popup.getByTestId('invite').innerText()).toBe('Invite 3 guests'); // the directory's name needs User.Read
  // A missing consent is not something a silent round trip can cure: none was made.
  expect(silentCalls(t)).toHaveLength(0);

  const approval = await consentWindow(b, popup);
  await approval.waitForLoadState();
  expect(await approval.title()).toContain('AADSTS90094');
  await approval.close();
  const refused = popup.getByTestId('consent-refused');
  await refused.waitFor();
  expect(await refused.innerText()).toContain('An administrator must grant User.Read.All to this app');
  expect(await violationsInBothSchemes(popup)).toEqual([]); // the refusal with the administrator's link
  const link = new URL(await popup.getByTestId('admin-consent-link').inputValue());
  expect(link.href.startsWith(`${t.url}/${t.tenantId}/v2.0/adminconsent?`)).toBe(true);
  expect(link.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(link.searchParams.get('scope')).toContain(`${t.url}/User.Read.All`);
  expect(t.state.consented).toEqual(['User.Invite.All']);

  // The invitations themselves need nothing more.
  await popup.getByTestId('invite').click();
  await expect
    .poll(() => popup.getByTestId('batch-summary').innerText())
    .toBe('3 invited, 0 failed, 0 skipped, 0 waiting');
  expect(t.invitations().filter((i) => i.status === 201)).toHaveLength(3);
  await popup.close();

  // Opening the list again asks nobody to sign in silently, over and over.
  for (let i = 0; i < 3; i++) {
    const again = await openPopup(b.context, b.extensionId);
    await pasteAddresses(again, 'dee@fabrikam.com; eve@litware.com');
    await again.getByTestId('lookup-problem').waitFor();
    await again.close();
  }
  expect(silentCalls(t)).toHaveLength(0);
  expect(authorizeCalls(t)).toHaveLength(2); // the sign-in and the consent window
});

test('an administrator grants a missing permission in the consent window, and the feature goes on', async () => {
  const { t, b } = await grantedInviteOnly({ userIsAdmin: true });
  const popup = await openPopup(b.context, b.extensionId);
  await signIn(popup);
  await fillInvite(popup, { email: 'grace@fabrikam.com' });
  await showOptions(popup);
  await popup.getByTestId('group-search').fill('Partners');
  const failed = popup.getByTestId('group-search-error');
  await failed.waitFor();
  expect(await failed.innerText()).toContain('needs the permission GroupMember.ReadWrite.All');
  await popup.getByTestId('grant-permission').click();
  // The consent went through (the window closed by itself) and the search ran again.
  await popup.getByTestId('group-add').first().waitFor();
  expect(t.state.consented).toContain('GroupMember.ReadWrite.All');
  expect(t.state.consented).not.toContain('User.Read.All');
  await popup.close();
});

test('a lost answer that cannot be checked ends as "outcome unknown"; granting the permission checks it', async () => {
  const { t, b } = await grantedInviteOnly({ userIsAdmin: true });
  const popup = await openPopup(b.context, b.extensionId);
  await signIn(popup);
  t.fault({ path: '/v1.0/$batch', method: 'POST', status: 504, afterWork: true });
  await fillInvite(popup, { email: 'lost@fabrikam.com' });
  await popup.getByTestId('invite').click();
  const box = popup.locator('.error-box');
  await box.waitFor();
  expect(await box.innerText()).toContain('looking guests up needs the permission User.Read.All');
  expect(await violationsInBothSchemes(popup)).toEqual([]); // "outcome unknown", with its Grant button
  // Sent once; never again behind the user's back.
  expect(t.invitations()).toHaveLength(1);
  await popup.getByTestId('grant-permission').click();
  await popup.getByTestId('result').waitFor({ timeout: 20_000 });
  expect(await popup.getByTestId('user-id').innerText()).toBe(t.state.users.get('lost@fabrikam.com')!.id);
  expect(t.invitations()).toHaveLength(1);
  expect(t.state.emailsSent.get('lost@fabrikam.com')).toBe(1);
  await popup.close();
});

test('"ask for all permissions at sign-in": one admin consent covers every feature; others get the link', async () => {
  const asked = { askAllAtSignIn: true };
  const { t, b } = await grantedInviteOnly({ settings: asked });
  const popup = await openPopup(b.context, b.extensionId);
  const approval = await consentWindow(b, popup, 'sign-in');
  expect(await approval.title()).toContain('AADSTS90094');
  await approval.close();
  const box = popup.locator('.error-box');
  await box.waitFor();
  expect(await box.innerText()).toContain('If Microsoft said an administrator must approve');
  expect(await popup.getByTestId('admin-consent-link').inputValue()).toContain('GroupMember.ReadWrite.All');
  await b.context.close();
  await t.close();

  const admin = await grantedInviteOnly({ userIsAdmin: true, settings: asked });
  const page = await openPopup(admin.b.context, admin.b.extensionId);
  await signIn(page);
  expect([...admin.t.state.consented].sort()).toEqual(
    ['GroupMember.ReadWrite.All', 'User.Invite.All', 'User.Read', 'User.Read.All'].sort(),
  );
  await pasteAddresses(page, 'ann@fabrikam.com; bo@tailspintoys.com');
  const looked = () =>
    admin.t
      .requests('POST', '/v1.0/$batch')
      .some((r) => r.status === 200 && r.body.requests.some((q: { url: string }) => q.url.startsWith('/users?')));
  await expect.poll(looked).toBe(true);
  await showOptions(page);
  await page.getByTestId('group-search').fill('Partners');
  await page.getByTestId('group-add').first().waitFor();
  expect(authorizeCalls(admin.t)).toHaveLength(1);
  await page.close();
});

test('a single-tenant app cannot sign in through /organizations (AADSTS50194); a multi-tenant one can', async () => {
  const { t, b } = await grantedInviteOnly({ settings: { tenant: 'organizations', multiTenant: true } });
  const popup = await openPopup(b.context, b.extensionId);
  await popup.getByTestId('sign-in').click();
  const box = popup.locator('.error-box');
  await box.waitFor();
  // Entra answers with an error page, which the browser cannot hand back: the user is told what to check.
  expect(await box.innerText()).toContain('not "organizations"');
  expect(authorizeCalls(t)).toHaveLength(0);
  const [refused] = t.requests('GET', '/organizations/oauth2/v2.0/authorize');
  expect(refused.status).toBe(400);

  t.state.multiTenantApp = true;
  await signIn(popup);
  await popup.close();
});
