// Sponsors (issue 12, item 1): people of the directory, found by name or address, sent with the
// invitation as invitedUserSponsors; defaults from the settings; and a tenant that refuses them gets
// the invitation once more without them, the row saying why.
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { violationsInBothSchemes } from './axe';
import type { Tenant } from '../tenant/tenant.mjs';
import { fillInvite, openFreshPopup, pasteAddresses, showOptions, startSignedIn, type Launched } from './harness';

let tenant: Tenant;
let browser: Launched;
beforeAll(async () => {
  ({ tenant, browser } = await startSignedIn());
});
beforeEach(() => {
  tenant.reset();
  tenant.state.sponsorsRefused = false;
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});

const idOf = (mail: string) => tenant.state.users.get(mail)!.id;
const sponsorsSent = () => tenant.invitations().map((i) => i.body.invitedUserSponsors);

test('choose sponsors by name or address: the invitation names them, and the guest gets them', async () => {
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'ravi@fabrikam.com', displayName: 'Ravi' });
  await showOptions(popup);
  // Nobody chosen: the signed-in user is the sponsor, and the field says so.
  expect(await popup.locator('#sponsors-hint').innerText()).toContain('Alex Admin will be the sponsor');
  await popup.getByTestId('sponsor-search').fill('sam');
  await popup.getByRole('button', { name: 'Sam Sponsor (sam.sponsor@contoso.test)' }).click();
  // By address too; a guest of the directory is not offered as a sponsor.
  await popup.getByTestId('sponsor-search').fill('dana');
  await expect
    .poll(() => popup.getByTestId('sponsor-add').allInnerTexts())
    .toEqual(['Dana Lee (dana.lee@contoso.test)']);
  await popup.getByTestId('sponsor-add').click();
  expect(await popup.getByRole('list', { name: 'Sponsors (optional)' }).innerText()).toMatch(/Sam Sponsor[\s\S]*Dana/);
  expect(await popup.getByTestId('options-summary').innerText()).toContain('sponsors: 2');
  expect(await violationsInBothSchemes(popup)).toEqual([]);
  await popup.getByTestId('sponsor-search').fill('');
  await popup.locator('#sponsors').scrollIntoViewIfNeeded();
  await popup.screenshot({ path: resolve(import.meta.dirname, '../../docs/popup-sponsors.png') });
  await popup.getByTestId('invite').click();
  await popup.getByTestId('result').waitFor();

  const sponsors = [idOf('sam.sponsor@contoso.test'), idOf('dana.lee@contoso.test')];
  expect(sponsorsSent()).toEqual([sponsors.map((id) => ({ id }))]);
  expect(tenant.state.users.get('ravi@fabrikam.com')!.sponsors).toEqual(sponsors);
  expect(await popup.getByTestId('result-note').count()).toBe(0);
  await popup.close();
});

test('nobody chosen: no sponsors are sent, and Entra makes the inviter the sponsor', async () => {
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'noor@fabrikam.com' });
  await popup.getByTestId('invite').click();
  await popup.getByTestId('result').waitFor();
  expect(sponsorsSent()).toEqual([undefined]);
  expect(tenant.state.users.get('noor@fabrikam.com')!.sponsors).toEqual([tenant.state.user.oid]);
  await popup.close();
});

test('default sponsors from the settings go with every invitation of a list; at most 5 can be chosen', async () => {
  for (const n of [1, 2, 3])
    tenant.addUser({ mail: `pat${n}@contoso.test`, userType: 'Member', displayName: `Pat ${n}` });
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  await page.getByTestId('sponsor-search').fill('Sam');
  await page.getByRole('button', { name: /^Sam Sponsor/ }).click();
  await page.getByTestId('save').click();
  await page.getByText('Saved').waitFor();
  await page.close();

  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await pasteAddresses(popup, 'Ada <ada@fabrikam.com>; bo@fabrikam.com');
  expect(await popup.getByTestId('options-summary').innerText()).toContain('sponsors: 1');
  await showOptions(popup);
  // Four more fill the five Graph allows; then nobody else can be added.
  await popup.getByTestId('sponsor-search').fill('pat');
  await popup.getByTestId('sponsor-add').first().waitFor();
  for (const n of [1, 2, 3]) await popup.getByRole('button', { name: new RegExp(`^Pat ${n}`) }).click();
  await popup.getByTestId('sponsor-search').fill('dana');
  await popup.getByRole('button', { name: /^Dana Lee/ }).click();
  expect(await popup.locator('#sponsors-hint').innerText()).toBe('At most 5 can be chosen.');
  await popup.getByTestId('sponsor-search').fill('alex');
  await expect.poll(() => popup.getByRole('button', { name: /^Alex Admin/ }).isDisabled()).toBe(true);
  // Back to the default alone, for the list.
  for (const name of ['Pat 1', 'Pat 2', 'Pat 3', 'Dana Lee'])
    await popup.getByRole('button', { name: `Remove ${name}` }).click();
  await popup.getByTestId('invite').click();
  await expect
    .poll(() => popup.getByTestId('batch-summary').innerText(), { timeout: 30_000 })
    .toBe('2 invited, 0 failed, 0 skipped, 0 waiting');
  const sam = [{ id: idOf('sam.sponsor@contoso.test') }];
  expect(sponsorsSent()).toEqual([sam, sam]);
  await popup.close();
  await browser.worker.evaluate(async () => {
    const { settings } = await chrome.storage.local.get<{ settings: { defaults: { sponsors?: unknown } } }>('settings');
    delete settings.defaults.sponsors;
    await chrome.storage.local.set({ settings });
  });
});

test('a tenant that refuses sponsors: each guest is invited once without them, and the row says why', async () => {
  tenant.state.sponsorsRefused = true;
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await pasteAddresses(popup, 'cy@fabrikam.com, di@fabrikam.com');
  await showOptions(popup);
  await popup.getByTestId('sponsor-search').fill('sam');
  await popup.getByRole('button', { name: /^Sam Sponsor/ }).click();
  await popup.getByTestId('invite').click();
  await expect
    .poll(() => popup.getByTestId('batch-summary').innerText(), { timeout: 30_000 })
    .toBe('2 invited, 0 failed, 0 skipped, 0 waiting');
  expect(await popup.getByTestId('batch-not-grouped').innerText()).toContain(
    '2 invited guest(s) did not get everything',
  );
  const rows = await popup.locator('[data-problem=short]').allInnerTexts();
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(row).toContain('Invited, without sponsors');
    expect(row).toContain('Invited without the sponsors you chose, because Microsoft refused them:');
  }
  // Each address: refused once with its sponsors (nothing created), then invited once without; one email.
  for (const address of ['cy@fabrikam.com', 'di@fabrikam.com']) {
    const sent = tenant.invitations().filter((i) => i.body.invitedUserEmailAddress === address);
    expect(sent.map((i) => [i.status, !!i.body.invitedUserSponsors])).toEqual([
      [403, true],
      [201, false],
    ]);
    expect(tenant.state.emailsSent.get(address)).toBe(1);
  }
  await popup.close();
});

test('one address whose sponsors are refused: the result says it was invited without them, and why', async () => {
  tenant.state.sponsorsRefused = true;
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'eli@fabrikam.com' });
  await showOptions(popup);
  await popup.getByTestId('sponsor-search').fill('dana');
  await popup.getByRole('button', { name: /^Dana Lee/ }).click();
  await popup.getByTestId('invite').click();
  await popup.getByTestId('result').waitFor();
  expect(await popup.getByTestId('result-note').innerText()).toContain('Invited without the sponsors you chose');
  expect(tenant.state.users.get('eli@fabrikam.com')!.sponsors).toEqual([tenant.state.user.oid]);
  await popup.close();
});
