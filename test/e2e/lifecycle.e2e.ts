// After the invitation (issue 12, item 2), from the history page: a pending guest gets a new email
// (Resend), a guest who accepted gets a fresh start with an address already on their account (Reset
// redemption), each behind a confirmation; the guest's state and since when; and what the directory
// asks for a reset: User.ReadWrite.All, asked for only then, and the Helpdesk or User Administrator role.
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Tenant } from '../tenant/tenant.mjs';
import { violationsInBothSchemes } from './axe';
import { fillInvite, openFreshPopup, pasteAddresses, REPLICATION_MS, startSignedIn, type Launched } from './harness';

let tenant: Tenant;
let browser: Launched;
let page: Page;
beforeAll(async () => {
  ({ tenant, browser } = await startSignedIn());
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'pia@fabrikam.com', displayName: 'Pia' });
  await popup.getByTestId('invite').click();
  await popup.getByTestId('result').waitFor();
  await popup.close();
  await new Promise((r) => setTimeout(r, REPLICATION_MS));
  page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/history/history.html`);
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});

const row = () => page.getByTestId('history').locator('tbody tr').last();
const refresh = async () => {
  await page.getByTestId('refresh').click();
  await expect.poll(() => page.getByTestId('refresh').isEnabled()).toBe(true);
};
const pia = () => tenant.state.users.get('pia@fabrikam.com')!;

test('resend: a pending guest gets a new invitation email, after a confirmation that says so', async () => {
  await refresh();
  expect(await row().getByTestId('state').innerText()).toBe('Invitation pending');
  expect(await row().getByTestId('state-since').innerText()).toMatch(/^since .*2\d{3}/);
  await row().getByTestId('resend').click();
  expect(await row().getByTestId('confirm-resend').innerText()).toContain(
    'Send Pia a new invitation email? The link in the first one keeps working.',
  );
  await row().getByRole('button', { name: 'Cancel' }).click();
  expect(tenant.state.emailsSent.get('pia@fabrikam.com')).toBe(1);

  await row().getByTestId('resend').click();
  await row().getByRole('button', { name: 'Send again' }).click();
  await expect.poll(() => row().getByTestId('guest-action-status').innerText()).toBe('Invited');
  expect(tenant.state.emailsSent.get('pia@fabrikam.com')).toBe(2);
  const sent = tenant.invitations().filter((i) => i.body.invitedUserEmailAddress === 'pia@fabrikam.com');
  expect(sent.map((i) => [i.status, i.body.sendInvitationMessage, i.body.resetRedemption])).toEqual([
    [201, true, undefined],
    [201, true, undefined],
  ]);
});

test('reset: its permission asked for only then, the role named, then reset to an address on the account', async () => {
  tenant.accept('pia@fabrikam.com');
  pia().otherMails = ['pia@home.example'];
  const id = pia().id;
  await refresh();
  expect(await row().getByTestId('state').innerText()).toBe('Accepted');
  expect(await row().getByTestId('state-since').innerText()).toMatch(/^since /);
  await row().getByTestId('reset').click();
  const confirm = row().getByTestId('confirm-reset');
  expect(await confirm.innerText()).toContain('They keep their user ID, groups and app access');
  await expect
    .poll(() => confirm.locator('select option').allInnerTexts())
    .toEqual(['pia@fabrikam.com', 'pia@home.example']);
  await confirm.locator('select').selectOption('pia@home.example');
  expect(await violationsInBothSchemes(page)).toEqual([]);
  await page.screenshot({ path: resolve(import.meta.dirname, '../../docs/history-reset.png') });
  await confirm.getByRole('button', { name: 'Reset redemption' }).click();

  // User.ReadWrite.All was never granted (sign-in asked for less): the run waits, naming it.
  const grant = row().getByTestId('grant-permission');
  expect(await grant.innerText()).toContain('User.ReadWrite.All');
  expect(tenant.invitations().filter((i) => i.body.resetRedemption)).toEqual([]);
  tenant.state.consented.push('User.ReadWrite.All'); // an administrator grants it
  await grant.click();

  // Granted, but this user holds no role that may reset: plain words, nothing changed.
  await expect
    .poll(() => row().getByTestId('guest-action-status').innerText())
    .toContain('needs the Helpdesk Administrator or User Administrator role');
  expect(pia().externalUserState).toBe('Accepted');

  tenant.state.userRoles = ['Helpdesk Administrator'];
  await row().getByTestId('reset').click();
  await row().locator('select').selectOption('pia@home.example');
  await row().getByRole('button', { name: 'Reset redemption' }).click();
  await expect
    .poll(() => row().getByTestId('guest-action-status').innerText())
    .toBe('Redemption reset, new invitation sent');
  const resets = tenant.invitations().filter((i) => i.body.resetRedemption && i.status === 201);
  expect(resets.map((i) => [i.body.invitedUserEmailAddress, i.body.invitedUser])).toEqual([
    ['pia@home.example', { id }],
  ]);
  expect(pia()).toMatchObject({ id, externalUserState: 'PendingAcceptance', resetTo: 'pia@home.example' });
  expect(tenant.state.emailsSent.get('pia@home.example')).toBe(1);
});

test('one address typed in the popup: a guest already, since when, with Resend or Reset right there', async () => {
  const quinn = tenant.addUser({ mail: 'quinn@fabrikam.com' });
  tenant.accept('quinn@fabrikam.com');
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await popup.locator('#email').fill('quinn@fabrikam.com');
  const standing = popup.getByTestId('single-standing');
  await expect
    .poll(() => standing.locator('p').first().innerText())
    .toMatch(/^Already a guest here, invitation accepted since /);
  await standing.getByTestId('reset').click();
  await expect.poll(() => standing.locator('select option').allInnerTexts()).toEqual(['quinn@fabrikam.com']);
  await standing.getByRole('button', { name: 'Reset redemption' }).click();
  await expect
    .poll(() => standing.getByTestId('guest-action-status').innerText())
    .toBe('Redemption reset, new invitation sent');
  expect(tenant.state.users.get('quinn@fabrikam.com')).toMatchObject({
    id: quinn.id,
    externalUserState: 'PendingAcceptance',
  });

  // A pending guest: Resend; a member of the organization: named as such.
  await popup.locator('#email').fill('pia@fabrikam.com');
  await expect
    .poll(() => standing.locator('p').first().innerText())
    .toMatch(/^Already a guest here, invitation pending/);
  expect(await standing.getByTestId('resend').count()).toBe(1);
  await popup.locator('#email').fill('sam.sponsor@contoso.test');
  await expect.poll(() => standing.innerText()).toBe('Already a member of your organization');
  await popup.close();
});

test("the popup's list: an accepted guest's row offers Reset redemption; the new address is untouched", async () => {
  const rae = tenant.addUser({ mail: 'rae@fabrikam.com', displayName: 'Rae' });
  tenant.accept('rae@fabrikam.com');
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await pasteAddresses(popup, 'Rae <rae@fabrikam.com>; new.person@fabrikam.com');
  const raeRow = popup.getByTestId('addresses').locator('li', { hasText: 'rae@fabrikam.com' });
  await expect.poll(() => raeRow.getByTestId('standing').innerText()).toBe('Guest, already accepted');
  expect(await raeRow.locator('input[type=checkbox]').isChecked()).toBe(false);
  await raeRow.getByTestId('reset').click();
  expect(await raeRow.getByTestId('confirm-reset').innerText()).toContain('Rae');
  await popup.screenshot({ path: resolve(import.meta.dirname, '../../docs/popup-list-reset.png') });
  expect(await violationsInBothSchemes(popup)).toEqual([]);
  await raeRow.getByRole('button', { name: 'Reset redemption' }).click();
  await expect
    .poll(() => raeRow.getByTestId('guest-action-status').innerText())
    .toBe('Redemption reset, new invitation sent');
  const sent = tenant.invitations().filter((i) => i.status === 201);
  expect(sent.filter((i) => i.body.invitedUser?.id === rae.id)).toHaveLength(1);
  // The other address is still ticked, and was not sent: that waits for Invite.
  expect(sent.some((i) => i.body.invitedUserEmailAddress === 'new.person@fabrikam.com')).toBe(false);
  const other = popup.getByTestId('addresses').locator('li', { hasText: 'new.person@fabrikam.com' });
  expect(await other.locator('input[type=checkbox]').isChecked()).toBe(true);
  await popup.close();
});
