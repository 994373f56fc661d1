// Everything by keyboard: sign in, fill the form, invite, copy the link, with a visible focus ring.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import { configureFor, launch, openPopup, startSuiteTenant, type Launched, confirmedAccount } from './harness';

let tenant: Tenant;
let browser: Launched;

beforeAll(async () => {
  tenant = await startSuiteTenant();
  browser = await launch();
  await configureFor(browser.worker, tenant, { sendMail: false });
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});

test('sign in, invite and copy the redeem link without a mouse', async () => {
  const popup = await openPopup(browser.context, browser.extensionId);
  await popup.getByTestId('sign-in').waitFor();
  // Focus starts in the email field; Shift+Tab walks back to the Sign in button.
  expect(await popup.evaluate(() => document.activeElement?.id)).toBe('email');
  await popup.keyboard.type('keys@fabrikam.com');
  while ((await popup.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== 'sign-in')
    await popup.keyboard.press('Shift+Tab');
  const ring = await popup.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(ring).not.toBe('none');
  await popup.keyboard.press('Enter');
  await confirmedAccount(popup).waitFor();

  await popup.locator('#email').focus();
  await popup.keyboard.press('Tab');
  await popup.keyboard.type('Kay Board');
  await popup.keyboard.press('Enter'); // submits the form
  await popup.getByTestId('result').waitFor();
  expect(tenant.invitations()[0].body.invitedUserDisplayName).toBe('Kay Board');

  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await popup.getByTestId('copy-redeem-url').focus();
  await popup.keyboard.press('Enter');
  expect(await popup.evaluate(() => navigator.clipboard.readText())).toMatch(
    /^https:\/\/login\.microsoftonline\.com\/redeem/,
  );
  // The result is announced: it sits in a status live region.
  expect(await popup.getByTestId('result').getAttribute('role')).toBe('status');
});
