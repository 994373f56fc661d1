// The history page: every invitation from this browser, redeem links hidden until asked for,
// status refreshed from Graph, CSV export, clearing.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import { fillInvite, openFreshPopup, REPLICATION_MS, startSignedIn, submitInvite, type Launched } from './harness';

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
  // The directory by its name, its id at hand.
  expect(await rows.nth(1).getByTestId('tenant').innerText()).toBe('Contoso');
  expect(await rows.nth(1).getByTestId('tenant').locator('span').getAttribute('title')).toBe(tenant.tenantId);

  // bo@ got no mail: the link exists but is not on screen until asked for.
  const bo = rows.nth(1);
  // It is a secret: kept in session storage only, never with the history in storage.local.
  const { stored, links } = await browser.worker.evaluate(async () => ({
    stored: (await chrome.storage.local.get('history')).history as { userId: string; redeemUrl?: string }[],
    links: (await chrome.storage.session.get('redeemLinks')).redeemLinks as Record<string, string>,
  }));
  expect(stored.every((e) => e.redeemUrl === undefined)).toBe(true);
  expect(JSON.stringify(await browser.worker.evaluate(() => chrome.storage.local.get(null)))).not.toContain(
    'redeem?rd=',
  );
  const link = links[stored[1].userId];
  expect(link).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem/);
  expect(await page.getByTestId('links-note').innerText()).toContain('until you close the browser');
  expect(await page.locator('body').innerText()).not.toContain(link);
  await bo.getByRole('button', { name: 'Show' }).click();
  expect(await bo.innerText()).toContain(link);

  // ann accepts, cy is deleted by an admin; a refresh asks Graph (with User.Read.All) and says so.
  // Just after the invitation, "not found" proves nothing (the guest may not have replicated yet).
  await new Promise((resolve) => setTimeout(resolve, REPLICATION_MS));
  tenant.accept('ann@fabrikam.com');
  tenant.deleteUser('cy@litware.com');
  await page.getByTestId('refresh').click();
  await expect.poll(() => rows.nth(2).getByTestId('state').innerText()).toBe('Accepted');
  expect(await rows.nth(0).getByTestId('state').innerText()).toBe('Unknown');
  // An hour later it does.
  await browser.worker.evaluate(async () => {
    const { history } = await chrome.storage.local.get<{ history: { at: number }[] }>('history');
    await chrome.storage.local.set({ history: history.map((e) => ({ ...e, at: e.at - 3_600_000 })) });
  });
  await page.reload();
  await table.waitFor();
  tenant.clearRequests();
  await page.getByTestId('refresh').click();
  await expect.poll(() => rows.nth(0).getByTestId('state').innerText()).toBe('No longer in the directory');
  expect(await rows.nth(2).getByTestId('state').innerText()).toBe('Accepted');
  expect(await rows.nth(1).getByTestId('state').innerText()).toBe('Invitation pending');
  const gets = tenant.requests('GET', '/v1.0/users/');
  expect(gets).toHaveLength(3);
  expect(gets.every((g) => g.query.$select === 'id,externalUserState,externalUserStateChangeDateTime')).toBe(true);

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

test('the status refresh works for any number of entries, and for entries without a user id', async () => {
  const guest = tenant.addUser({ mail: 'many@fabrikam.com' });
  tenant.accept('many@fabrikam.com');
  await browser.worker.evaluate(
    async ({ userId, tenantId }) => {
      const entry = (i: number, id: string) => ({
        email: `g${i}@fabrikam.com`,
        userId: id,
        userType: 'Guest',
        sentMail: true,
        tenantId,
        at: Date.now() - 3_600_000 - i,
        state: 'PendingAcceptance',
      });
      // 1,200 entries: one real guest twice, 1,198 since removed; one more whose answer was lost.
      const history = Array.from({ length: 1200 }, (_, i) => entry(i, i === 0 || i === 600 ? userId : `gone-${i}`));
      history.push(entry(1200, ''));
      await chrome.storage.local.set({ history });
    },
    { userId: guest.id, tenantId: tenant.tenantId },
  );
  tenant.clearRequests();
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/history/history.html`);
  await page.getByTestId('history').waitFor();
  await page.getByTestId('refresh').click();
  await expect.poll(() => page.getByTestId('refresh').isEnabled(), { timeout: 60_000 }).toBe(true);
  expect(await page.locator('.error-box').count()).toBe(0);
  const states = await page.getByTestId('state').allInnerTexts();
  expect(states).toHaveLength(1201);
  expect(states.filter((s) => s === 'Accepted')).toHaveLength(2);
  expect(states.filter((s) => s === 'No longer in the directory')).toHaveLength(1198);
  // Each guest asked about once; nobody asked about for the entry without an id.
  expect(tenant.requests('GET', '/v1.0/users/')).toHaveLength(1199);
  await page.close();
});
