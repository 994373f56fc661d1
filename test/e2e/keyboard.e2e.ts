// Everything by keyboard, proven by pressing Tab and Shift+Tab (never a script's focus()): sign out and
// in, one invitation and its redeem link, a page's address list, the group picker, the queue's
// controls, history and settings. Every stop on the way has a name a screen reader says and a
// visible focus ring; every action works with Enter or Space.
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { configureFor, confirmedAccount, openPopup, openPopupOver, signedInWithPages } from './harness';

const env = signedInWithPages();

interface Stop {
  tag: string;
  id: string;
  testid: string | null;
  /** What a screen reader announces: aria-label, aria-labelledby, the label, or the text. */
  name: string;
  ring: boolean;
}

function focused(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const byIds = el
      .getAttribute('aria-labelledby')
      ?.split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    const labels =
      'labels' in el ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent).join(' ') : '';
    const text = ['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) ? el.textContent : '';
    const name = el.getAttribute('aria-label') || byIds || labels || text || el.getAttribute('title') || '';
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      testid: el.getAttribute('data-testid'),
      name: name.trim(),
      ring: getComputedStyle(el).outlineStyle !== 'none',
    };
  });
}

/**
 * Presses Tab (Shift+Tab with `back`) until `wanted` has the focus, and returns the stops on the way.
 * Each must be named and show its focus ring (the page itself, between the last stop and the first,
 * is passed over).
 */
async function tabTo(page: Page, wanted: (stop: Stop) => boolean, back = false): Promise<Stop[]> {
  const path: Stop[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const stop = await focused(page);
    if (stop.tag === 'body') continue;
    path.push(stop);
    if (!wanted(stop)) continue;
    expect(path.filter((s) => !s.name || !s.ring)).toEqual([]);
    return path;
  }
  throw new Error(`not reached by the keyboard: ${path.map((s) => s.testid ?? (s.id || s.name)).join(' → ')}`);
}
const testid = (id: string) => (stop: Stop) => stop.testid === id;
const id = (value: string) => (stop: Stop) => stop.id === value;

test('sign out and in, invite one guest and copy the redeem link, all by keyboard', async () => {
  await configureFor(env.browser.worker, env.tenant, { sendMail: false });
  const popup = await openPopup(env.browser.context, env.browser.extensionId);
  await confirmedAccount(popup).waitFor();
  // Focus starts in the address field; the account bar is behind it.
  expect((await focused(popup)).id).toBe('email');
  await tabTo(popup, testid('sign-out'), true);
  await popup.keyboard.press('Enter');
  await tabTo(popup, testid('sign-in'));
  await popup.keyboard.press('Enter');
  await confirmedAccount(popup).waitFor();

  await tabTo(popup, id('email'));
  await popup.keyboard.type('keys@fabrikam.com');
  await popup.keyboard.press('Tab');
  expect((await focused(popup)).id).toBe('displayName');
  await popup.keyboard.type('Kay Board');
  await popup.keyboard.press('Enter'); // submits the form
  await popup.getByTestId('result').waitFor();
  expect(env.tenant.invitations().at(-1)!.body.invitedUserDisplayName).toBe('Kay Board');
  // The result is announced: it sits in a status live region.
  expect(await popup.getByTestId('result').getAttribute('role')).toBe('status');

  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await tabTo(popup, testid('copy-redeem-url'));
  await popup.keyboard.press('Enter');
  expect(await popup.evaluate(() => navigator.clipboard.readText())).toMatch(
    /^https:\/\/login\.microsoftonline\.com\/redeem/,
  );
  await tabTo(popup, testid('invite-another'));
  await popup.keyboard.press('Enter');
  await popup.locator('#email').waitFor();
  await configureFor(env.browser.worker, env.tenant);
  await popup.close();
});

test('the options and the group picker: open, search, add a group, remove it', async () => {
  const popup = await openPopup(env.browser.context, env.browser.extensionId);
  await confirmedAccount(popup).waitFor();
  await tabTo(popup, testid('options-summary'));
  await popup.keyboard.press('Enter'); // a summary opens its details
  await tabTo(popup, testid('group-search'));
  await popup.keyboard.type('Project');
  await popup.getByTestId('group-add').first().waitFor(); // the matches, as they show
  await tabTo(popup, testid('group-add'));
  expect((await focused(popup)).name).toBe('Project Falcon guests');
  await popup.keyboard.press('Enter');
  const remove = (stop: Stop) => stop.name === 'Remove Project Falcon guests';
  await tabTo(popup, remove, true);
  await popup.keyboard.press('Enter');
  expect(await popup.locator('.chips li').count()).toBe(0);
  await popup.close();
});

test("a page's addresses: choose with Space, invite, then pause, cancel and retry the run", async () => {
  const people = Array.from({ length: 100 }, (_, i) => `key${i}@fabrikam.com`);
  const page = await env.browser.context.newPage();
  await page.goto(`${env.pages.url}/demo.html`);
  const popup = await openPopupOver(env.browser, page);
  await popup.getByTestId('addresses').waitFor();

  // None chosen, then one by Space: the button says how many.
  await tabTo(popup, testid('select-none'));
  await popup.keyboard.press('Enter');
  // The list is one Tab stop; the arrow keys move within it.
  await tabTo(popup, (stop) => stop.id.startsWith('addr-'));
  const first = (await focused(popup)).id;
  await popup.keyboard.press('ArrowDown');
  await expect.poll(async () => (await focused(popup)).id).not.toBe(first);
  const second = await focused(popup);
  expect(second.id).toMatch(/^addr-/);
  expect(second.ring).toBe(true);
  await popup.keyboard.press('Space');
  expect(await popup.locator(`input[id="${second.id}"]`).isChecked()).toBe(true);
  expect(await popup.getByTestId('invite').innerText()).toMatch(/Invite 1 guest/);
  await popup.keyboard.press('Tab');
  expect((await focused(popup)).id).not.toMatch(/^addr-/);

  // A list of 100 pasted with Ctrl+V, sent slowly enough to be paused.
  const fresh = await openPopup(env.browser.context, env.browser.extensionId);
  await confirmedAccount(fresh).waitFor();
  await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await fresh.evaluate((text) => navigator.clipboard.writeText(text), people.join('\n'));
  await fresh.keyboard.press('Control+V'); // the address field has the focus
  await fresh.getByTestId('addresses').waitFor();
  env.tenant.state.latencyMs = 1500;
  try {
    await tabTo(fresh, testid('invite'));
    await fresh.keyboard.press('Enter');
    await fresh.getByTestId('batch').waitFor();
    await tabTo(fresh, testid('pause'));
    await fresh.keyboard.press('Enter');
    await tabTo(fresh, testid('cancel'));
    await fresh.keyboard.press('Enter');
    // What was on its way comes back first; then the cancelled rest can be retried.
    await fresh.getByTestId('retry').waitFor({ timeout: 20_000 });
    await tabTo(fresh, testid('retry'));
    await fresh.keyboard.press('Enter');
    await expect.poll(() => fresh.getByTestId('batch-summary').innerText(), { timeout: 30_000 }).toMatch(/^100 /);
  } finally {
    env.tenant.state.latencyMs = 0;
  }
  await tabTo(fresh, testid('batch-done'));
  await fresh.keyboard.press('Enter');
  await fresh.locator('#email').waitFor();
  await Promise.all([fresh.close(), popup.close(), page.close()]);
});

test('history: refresh, show a redeem link, export and clear, by keyboard', async () => {
  const guest = env.tenant.addUser({ mail: 'kept@fabrikam.com' });
  await env.browser.worker.evaluate(async (userId) => {
    const at = Date.now() - 3_600_000;
    const entry = { email: 'kept@fabrikam.com', userId, userType: 'Guest', sentMail: false, tenantId: 't', at };
    await chrome.storage.local.set({ history: [entry] });
    await chrome.storage.session.set({ redeemLinks: { [userId]: 'https://login.microsoftonline.com/redeem?rd=x' } });
  }, guest.id);
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/history/history.html`);
  await page.getByTestId('history').waitFor();
  await tabTo(page, testid('refresh'));
  await page.keyboard.press('Enter');
  await tabTo(page, (stop) => stop.name === 'Show');
  await page.keyboard.press('Enter');
  expect(await page.locator('body').innerText()).toMatch(/login\.microsoftonline\.com\/redeem/);
  await tabTo(page, testid('export'));
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  await download;
  await tabTo(page, testid('clear'));
  await page.keyboard.press('Enter');
  await tabTo(page, testid('confirm-clear'), true);
  await page.keyboard.press('Enter');
  await page.getByTestId('empty').waitFor();
  await page.close();
});

test('settings: every field reached and named in order, saved with Enter', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(`chrome-extension://${env.browser.extensionId}/options/options.html`);
  await page.locator('#clientId').waitFor();
  const path = await tabTo(page, testid('save'));
  const ids = path.map((s) => s.id).filter(Boolean);
  for (const field of ['clientId', 'tenant', 'cloud', 'redirectUrl', 'message', 'language', 'keepRedeemLinks'])
    expect(ids, field).toContain(field);
  expect(ids.indexOf('clientId')).toBeLessThan(ids.indexOf('tenant'));
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('[role=status]').innerText()).toBe('Saved.');
  await page.close();
});
