// The history page: every invitation from this browser, redeem links hidden until asked for,
// status refreshed from Graph, CSV export, clearing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import { fillInvite, openFreshPopup, startSignedIn, submitInvite, type Launched } from './harness';

let tenant: Tenant;
let browser: Launched;

beforeAll(async () => {
  ({ tenant, browser } = await startSignedIn());
  for (const [email, sendMail] of [
    ['ann@fabrikam.com', true],
    ['bo@tailspintoys.com', false],
    ['cy@litware.com', true],
  ] as const) {
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email, displayName: email.split('@')[0].toUpperCase(), sendMail });
    await submitInvite(popup);
    await popup.getByTestId('result').waitFor();
    await popup.close();
  }
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});

test('lists every invitation, newest first, redeem link hidden until shown; refresh, export, clear', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/history/history.html`);
  const table = page.getByTestId('history');
  await table.waitFor();
  const rows = table.locator('tbody tr');
  expect(await rows.count()).toBe(3);
  expect(await rows.nth(0).innerText()).toContain('cy@litware.com');
  expect(await rows.nth(1).innerText()).toContain(tenant.tenantId);

  // bo@ got no mail: the link exists but is not on screen until asked for.
  const bo = rows.nth(1);
  const link = (await browser.worker.evaluate(
    async () => ((await chrome.storage.local.get('history')).history as { redeemUrl?: string }[])[1].redeemUrl,
  ))!;
  expect(link).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem/);
  expect(await page.locator('body').innerText()).not.toContain(link);
  await bo.getByRole('button', { name: 'Show' }).click();
  expect(await bo.innerText()).toContain(link);

  // ann accepts, cy is deleted by an admin; a refresh asks Graph (with User.Read.All) and says so.
  tenant.accept('ann@fabrikam.com');
  tenant.deleteUser('cy@litware.com');
  tenant.reset();
  await page.getByTestId('refresh').click();
  await expect.poll(() => rows.nth(2).getByTestId('state').innerText()).toBe('Accepted');
  expect(await rows.nth(0).getByTestId('state').innerText()).toBe('No longer in the directory');
  expect(await rows.nth(1).getByTestId('state').innerText()).toBe('Invitation pending');
  const gets = tenant.requests('GET', '/v1.0/users/');
  expect(gets).toHaveLength(3);
  expect(gets.every((g) => g.query.$select === 'id,externalUserState')).toBe(true);

  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toBe('address,name,invited_at,tenant,user_id,user_type,mail_sent,status');
  expect(csv).toHaveLength(4);
  expect(csv[3]).toMatch(/^ann@fabrikam\.com,ANN,.*,Guest,true,Accepted$/);
  expect(csv.join('\n')).not.toContain('redeem');

  await page.getByTestId('clear').click();
  await page.getByTestId('confirm-clear').click();
  await page.getByTestId('empty').waitFor();
  expect(
    await browser.worker.evaluate(async () => (await chrome.storage.local.get('history')).history),
  ).toBeUndefined();
});
