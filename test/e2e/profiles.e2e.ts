// Several tenants (issue 12, item 5): two simulated directories, Contoso and Fabrikam, each a profile
// with its own sign-in. The options page adds, removes, exports and imports profiles; the popup
// switches between them; a run finishes in the directory it started in while the user switches; the
// history labels each guest with its directory and only checks the one in use.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import { violationsInBothSchemes } from './axe';
import {
  CLIENT_ID,
  configureFor,
  FABRIKAM,
  confirmedAccount,
  launch,
  openPopup,
  pasteAddresses,
  signIn,
  startSuiteTenant,
  submitInvite,
  type Launched,
} from './harness';

let contoso: Tenant;
let fabrikam: Tenant;
let browser: Launched;
beforeAll(async () => {
  [contoso, fabrikam] = await Promise.all([startSuiteTenant(), startSuiteTenant({ organization: FABRIKAM })]);
  browser = await launch();
  await configureFor(browser.worker, contoso, {}, { name: 'Contoso' });
});
afterAll(async () => {
  await browser?.context.close();
  await Promise.all([contoso?.close(), fabrikam?.close()]);
});

const optionsUrl = () => `chrome-extension://${browser.extensionId}/options/options.html`;
const authorizations = (tenant: Tenant) => tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`).length;
const profileNames = (page: Page, selector: string) =>
  page.locator(`${selector} option`).evaluateAll((options) => options.map((o) => o.textContent));
/** Chooses a profile in the popup's switcher, which starts the popup afresh. */
const switchIn = (popup: Page, option: string | { label: string }) =>
  Promise.all([popup.waitForEvent('load'), popup.getByTestId('profile-switcher').selectOption(option)]);
/**
 * In Contoso, starts a run of 130 addresses (`tag`0…129@northwind.com) that Contoso answers slowly: more
 * batches than go at once, so some leave after a switch of profile. Returns the addresses.
 */
async function startSlowContosoRun(popup: Page, tag: string): Promise<string[]> {
  await switchIn(popup, 'default');
  await confirmedAccount(popup).waitFor();
  contoso.state.latencyMs = 800;
  const addresses = Array.from({ length: 130 }, (_, i) => `${tag}${i}@northwind.com`);
  await pasteAddresses(popup, addresses.join('; '));
  await popup.getByTestId('addresses').waitFor();
  await popup.getByTestId('invite').click();
  await popup.getByTestId('batch').waitFor();
  return addresses;
}
const announced = (page: Page) => page.getByRole('status').innerText();

test('a second profile from the options page; each keeps its own sign-in across switches', async () => {
  const popup = await openPopup(browser.context, browser.extensionId);
  await signIn(popup);
  expect(await popup.getByTestId('profile-switcher').count()).toBe(0); // one profile: no switcher
  await popup.close();

  const page = await browser.context.newPage();
  await page.goto(optionsUrl());
  expect(await profileNames(page, '#profile')).toEqual(['Contoso']);
  await page.getByTestId('add-profile').click();
  await expect.poll(() => announced(page)).toContain('New profile added');
  expect(await page.locator('#clientId').inputValue()).toBe('');
  await page.locator('#profileName').fill('Fabrikam');
  await page.locator('#clientId').fill(CLIENT_ID);
  await page.locator('#tenant').fill(FABRIKAM.domain);
  await page.locator('#cloud').selectOption('custom');
  await page.locator('#customAuthority').fill(fabrikam.url);
  await page.locator('#customGraph').fill(fabrikam.url);
  await page.getByTestId('save').click();
  await expect.poll(() => announced(page)).toBe('Saved.');
  expect(await profileNames(page, '#profile')).toEqual(['Contoso', 'Fabrikam']);
  expect(await violationsInBothSchemes(page)).toEqual([]);
  await page.close();

  // The new profile is in use, and signed out: its own account, in its own directory.
  const fab = await openPopup(browser.context, browser.extensionId);
  expect(await fab.getByTestId('profile-switcher').inputValue()).not.toBe('default');
  await signIn(fab);
  expect(await fab.getByTestId('account').innerText()).toContain('pat@fabrikam.test');
  expect(await fab.getByTestId('account').innerText()).toContain('Fabrikam (fabrikam.test)');
  expect(await violationsInBothSchemes(fab)).toEqual([]);

  // Back to Contoso: still signed in there, with no new trip to its sign-in page.
  const before = authorizations(contoso);
  await switchIn(fab, 'default');
  await confirmedAccount(fab).waitFor();
  expect(await fab.getByTestId('account').innerText()).toContain('alex@contoso.test');
  expect(authorizations(contoso)).toBe(before);
  // And back to Fabrikam: its account too stayed.
  const fabBefore = authorizations(fabrikam);
  await switchIn(fab, { label: 'Fabrikam' });
  await confirmedAccount(fab).waitFor();
  expect(await fab.getByTestId('account').innerText()).toContain('pat@fabrikam.test');
  expect(authorizations(fabrikam)).toBe(fabBefore);
  await fab.close();
});

test('a run finishes in the directory it started in while the user switches; the history labels each', async () => {
  const popup = await openPopup(browser.context, browser.extensionId);
  const addresses = await startSlowContosoRun(popup, 'run');
  await switchIn(popup, { label: 'Fabrikam' });
  const switchedAt = Date.now();
  await confirmedAccount(popup).waitFor();
  // Fabrikam's popup: its own form, and a line for Contoso's run going on there.
  const line = popup.getByTestId('elsewhere-run');
  await expect.poll(() => line.innerText()).toMatch(/^In Contoso: \d+ invited, \d+ waiting\./u);
  await popup.screenshot({ path: resolve(import.meta.dirname, '../../docs/popup-profiles.png') });

  // One for Fabrikam meanwhile: it takes its turn between Contoso's batches, not after all of them.
  await popup.locator('#email').fill('new@northwind.com');
  expect(await popup.getByTestId('invite').innerText()).toContain('Fabrikam');
  await submitInvite(popup);
  await popup.getByTestId('result').waitFor();
  expect(fabrikam.invitations().map((i) => i.body.invitedUserEmailAddress)).toEqual(['new@northwind.com']);
  await expect.poll(() => line.count(), { timeout: 30_000 }).toBe(0); // Contoso's run has ended
  contoso.state.latencyMs = 0;
  const toContoso = contoso.invitations();
  expect(toContoso.map((i) => i.body.invitedUserEmailAddress).sort()).toEqual([...addresses].sort());
  expect(toContoso.filter((i) => i.at > switchedAt).length).toBeGreaterThan(0);
  expect(fabrikam.invitations()[0].at).toBeLessThan(Math.max(...toContoso.map((i) => i.at)));
  await popup.close();

  // The history names each guest's directory; only the one in use is checked and offers actions.
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/history/history.html`);
  const tenants = await page.getByTestId('tenant').allInnerTexts();
  expect(tenants.filter((name) => name === 'Contoso')).toHaveLength(130);
  expect(tenants.filter((name) => name === 'Fabrikam')).toHaveLength(1);
  expect(await page.locator('tr', { hasText: 'run0@northwind.com' }).getByTestId('next').innerText()).toBe(
    'Switch to the profile of Contoso to act',
  );
  const contosoReads = contoso.requests('GET', '/v1.0/users/').length;
  await page.getByTestId('refresh').click();
  await expect
    .poll(() => page.locator('tr', { hasText: 'new@northwind.com' }).getByTestId('state').innerText())
    .toBe('Invitation pending');
  await expect.poll(() => fabrikam.requests('GET', '/v1.0/users/').length).toBe(1);
  expect(contoso.requests('GET', '/v1.0/users/')).toHaveLength(contosoReads);
  await page.close();
});

test('profiles export without accounts or tokens, import all or nothing; a removed one is signed out', async () => {
  const page = await browser.context.newPage();
  await page.goto(optionsUrl());
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-profiles').click()]);
  const file = readFileSync(await download.path(), 'utf8');
  const exported = JSON.parse(file) as { profiles: { name: string; tenant: string; clientId: string }[] };
  expect(exported.profiles.map((p) => [p.name, p.tenant])).toEqual([
    ['Contoso', contoso.tenantId],
    ['Fabrikam', FABRIKAM.domain],
  ]);
  expect(file).not.toMatch(/"id"|token|homeAccountId|pat@|alex@/u);

  // Switched on this page too: removing Fabrikam signs it out and makes Contoso the profile in use.
  await page.locator('#profile').selectOption({ label: 'Fabrikam' });
  await expect.poll(() => announced(page)).toBe('Now using Fabrikam.');
  expect(await page.locator('#tenant').inputValue()).toBe(FABRIKAM.domain);
  await page.getByTestId('remove-profile').click();
  await page.getByTestId('confirm-remove-profile').getByRole('button', { name: 'Remove this profile' }).click();
  await expect.poll(() => announced(page)).toBe('Fabrikam removed. Now using Contoso.');
  expect(await profileNames(page, '#profile')).toEqual(['Contoso']);
  expect(await page.locator('#tenant').inputValue()).toBe(contoso.tenantId);

  // A file that is not an export, then one with a bad profile: nothing imported, and why.
  const picker = page.getByTestId('import-file');
  await picker.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
  const problem = () => page.locator('.error-box').innerText();
  await expect.poll(problem).toContain('not a profiles export');
  const broken = structuredClone(exported);
  broken.profiles[1].clientId = 'my-app';
  await picker.setInputFiles({
    name: 'p.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  await expect.poll(problem).toMatch(/Nothing was imported\. Profile 2 \(Fabrikam\): .*GUID/u);
  expect(await profileNames(page, '#profile')).toEqual(['Contoso']);

  await picker.setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(file) });
  await expect.poll(() => announced(page)).toBe('Profiles imported: 1 added, 1 updated.');
  expect(await profileNames(page, '#profile')).toEqual(['Contoso', 'Fabrikam']);
  await page.screenshot({ path: resolve(import.meta.dirname, '../../docs/options-profiles.png') });
  await page.close();

  // The imported Fabrikam is a new profile: its sign-in went with the removed one.
  const popup = await openPopup(browser.context, browser.extensionId);
  await switchIn(popup, { label: 'Fabrikam' });
  await popup.getByTestId('sign-in').waitFor();
  await popup.close();
});

test('signed in before profiles existed: still signed in after the update, in that profile only', async () => {
  const popup = await openPopup(browser.context, browser.extensionId);
  await switchIn(popup, 'default');
  await confirmedAccount(popup).waitFor();
  // What the version before profiles left in this origin's localStorage (shared with the host): MSAL's
  // cache and the one configuration's key, and no account per configuration.
  const tenantId = contoso.tenantId;
  await popup.evaluate((id) => {
    const remembered = Object.keys(localStorage).filter((key) => key.startsWith('invite.account.'));
    const contosoKey = remembered.find((key) => key.includes(id))!.slice('invite.account.'.length);
    for (const key of remembered) localStorage.removeItem(key);
    localStorage.setItem('invite.configKey', contosoKey);
  }, tenantId);
  const before = authorizations(contoso);
  await popup.reload();
  await confirmedAccount(popup).waitFor();
  expect(await popup.getByTestId('account').innerText()).toContain('alex@contoso.test');
  expect(authorizations(contoso)).toBe(before);
  // Fabrikam does not take Contoso's account over.
  await switchIn(popup, { label: 'Fabrikam' });
  await popup.getByTestId('sign-in').waitFor();
  await popup.close();
});

test("a run stopped in another directory's sign-in says where to go on; signed in there, it ends", async () => {
  const popup = await openPopup(browser.context, browser.extensionId);
  await signIn(popup); // Fabrikam, in use since the last test
  contoso.clearRequests();
  const addresses = await startSlowContosoRun(popup, 'stop');
  await switchIn(popup, { label: 'Fabrikam' });
  // Contoso's session ends while its run is going (a password change, say): nothing renews it.
  contoso.revokeRefreshTokens();
  contoso.state.accessTokens.clear();
  contoso.state.sessions.clear();
  const line = popup.getByTestId('elsewhere-run');
  await expect
    .poll(() => line.innerText(), { timeout: 30_000 })
    .toMatch(/^In Contoso: \d+ waiting, stopped\. Switch to the profile of Contoso to see why and go on\.$/u);
  contoso.state.latencyMs = 0;
  // Fabrikam is not held by Contoso's sign-in: an invitation here goes at once.
  await popup.locator('#email').fill('meanwhile@northwind.com');
  await submitInvite(popup);
  await popup.getByTestId('result').waitFor();
  expect(fabrikam.invitations().map((i) => i.body.invitedUserEmailAddress)).toContain('meanwhile@northwind.com');

  // In Contoso: sign in again right there, and the run goes on by itself.
  await switchIn(popup, 'default');
  await popup.getByTestId('batch-sign-in').click();
  await expect.poll(() => popup.getByTestId('batch-summary').innerText(), { timeout: 30_000 }).toMatch(/^130 invited/);
  // Each address once: what was refused for the lost sign-in had created nothing, and went again.
  const created = contoso.invitations().filter((i) => i.status === 201);
  expect(created.map((i) => i.body.invitedUserEmailAddress).sort()).toEqual([...addresses].sort());
  expect(fabrikam.invitations().filter((i) => i.body.invitedUserEmailAddress.startsWith('stop'))).toEqual([]);
  await popup.close();
});
