// axe-core in Chromium on every extension page, light and dark: 0 violations.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import { servePages } from '../support/pages-server.mjs';
import { violations, violationsInBothSchemes } from './axe';
import { fillInvite, openPopupOver, pasteAddresses, startSignedIn, type Launched, confirmedAccount } from './harness';

let tenant: Tenant;
let browser: Launched;
let pages: Awaited<ReturnType<typeof servePages>>;

beforeAll(async () => {
  pages = await servePages();
  ({ tenant, browser } = await startSignedIn());
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
  pages?.close();
});

describe.each(['light', 'dark'] as const)('%s', (scheme) => {
  test('popup form, with an inline error', async () => {
    const popup = await browser.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
    await confirmedAccount(popup).waitFor();
    await popup.locator('#email').fill('not an address');
    await popup.getByTestId('invite').click();
    await popup.locator('#email-error').waitFor();
    expect(await violations(popup)).toEqual([]);
    await popup.close();
  });

  test('popup listing a page’s addresses (the invite window looks the same)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${pages.url}/team-directory.html`);
    const popup = await openPopupOver(browser, page, { width: 380, height: 800 });
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.getByTestId('addresses').waitFor();
    expect(await violations(popup)).toEqual([]);
    await popup.screenshot({ path: resolve(import.meta.dirname, `../../docs/popup-list-${scheme}.png`) });
    // Invite them (all: the second pass resends to the guests the first one invited); the progress view must pass too.
    await popup.getByTestId('select-all').click();
    await popup.getByTestId('invite').click();
    await popup.getByTestId('batch-done').waitFor();
    expect(await violations(popup)).toEqual([]);
    await popup.screenshot({ path: resolve(import.meta.dirname, `../../docs/popup-bulk-${scheme}.png`) });
    await popup.close();
    await page.close();
  });

  test('popup states: group results with refusals, a result with its redeem link, a Graph error', async () => {
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
    const another = popup.getByTestId('invite-another');
    await popup.locator('#email, [data-testid=invite-another]').first().waitFor();
    if (await another.count()) await another.click();
    await fillInvite(popup, { email: `a11y-${scheme}@fabrikam.com`, sendMail: false });
    await popup.getByTestId('group-search').fill('Staff');
    await popup.getByTestId('group-refused').first().waitFor();
    expect(await violations(popup)).toEqual([]);
    await popup.getByTestId('group-search').fill('');
    await popup.getByTestId('invite').click();
    await popup.getByTestId('redeem-url').waitFor();
    expect(await violations(popup)).toEqual([]);
    await popup.getByTestId('invite-another').click();
    tenant.fault({
      path: '/v1.0/invitations',
      status: 403,
      body: { error: { message: 'Guest invitations not allowed for your company.' } },
    });
    await fillInvite(popup, { email: `refused-${scheme}@fabrikam.com` });
    await popup.getByTestId('invite').click();
    await popup.locator('.error-box').waitFor();
    expect(await violations(popup)).toEqual([]);
    await popup.close();
  });

  test('invite window opened from the context menu', async () => {
    await browser.worker.evaluate(() =>
      chrome.storage.session.set({
        draft: {
          found: [{ address: 'jane@fabrikam.com', name: 'Jane Doe' }, { address: 'bad+tag@fabrikam.com' }],
          source: 'selection',
          at: Date.now(),
        },
      }),
    );
    const window = await browser.context.newPage();
    await window.setViewportSize({ width: 420, height: 680 });
    await window.emulateMedia({ colorScheme: scheme });
    await window.goto(`chrome-extension://${browser.extensionId}/popup/popup.html?draft=1`);
    await window.getByTestId('addresses').waitFor();
    expect(await violations(window)).toEqual([]);
    await window.close();
  });

  test('history page', async () => {
    const history = await browser.context.newPage();
    await history.emulateMedia({ colorScheme: scheme });
    await history.goto(`chrome-extension://${browser.extensionId}/history/history.html`);
    await history.getByTestId('history').waitFor();
    expect(await violations(history)).toEqual([]);
    await history.close();
  });

  test('options page, with errors', async () => {
    const options = await browser.context.newPage();
    await options.emulateMedia({ colorScheme: scheme });
    await options.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
    await options.locator('#clientId').fill('nope');
    await options.getByTestId('save').click();
    await options.locator('#clientId-error').waitFor();
    expect(await violations(options)).toEqual([]);
    await options.close();
  });
});

test('a bulk run under way, paused, with its controls', async () => {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await confirmedAccount(popup).waitFor();
  await pasteAddresses(popup, Array.from({ length: 80 }, (_, i) => `paused${i}@fabrikam.com`).join('\n'));
  tenant.state.latencyMs = 1500; // slow enough to be caught under way
  try {
    await popup.getByTestId('invite').click();
    await popup.getByTestId('pause').click();
    await popup.getByTestId('resume').waitFor();
    expect(await violationsInBothSchemes(popup)).toEqual([]);
    await popup.getByTestId('cancel').click();
    await popup.getByTestId('retry').waitFor({ timeout: 20_000 });
    expect(await violationsInBothSchemes(popup)).toEqual([]); // stopped: some invited, the rest cancelled
  } finally {
    tenant.state.latencyMs = 0;
  }
  await popup.close();
});

// Last, as it signs out: the signed-out popup and an empty history, light and dark.
test('signed out, and an empty history', async () => {
  await browser.worker.evaluate(() => chrome.storage.local.remove('history'));
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await popup.getByTestId('sign-out').click();
  await popup.getByTestId('sign-in').waitFor();
  const history = await browser.context.newPage();
  await history.goto(`chrome-extension://${browser.extensionId}/history/history.html`);
  await history.getByTestId('empty').waitFor();
  for (const scheme of ['light', 'dark'] as const) {
    for (const page of [popup, history]) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await violations(page)).toEqual([]);
    }
  }
  await popup.close();
  await history.close();
});
