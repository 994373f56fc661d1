// The addresses come to the user: the popup lists what the page or the selection holds, and the
// context menu invites a selection or a mailto: link, all against real pages in real Chromium.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Tenant } from '../tenant/tenant.mjs';
import { servePages } from '../support/pages-server.mjs';
import { HOSTILE_PAGES, hostilePages } from '../pages/hostile.mjs';
import { openPopup, openPopupOver, pasteAddresses, startSignedIn, type Launched, confirmedAccount } from './harness';

let tenant: Tenant;
let pages: Awaited<ReturnType<typeof servePages>>;
let browser: Launched;
const posts = () => tenant.invitations();

beforeAll(async () => {
  pages = await servePages({
    ...hostilePages(),
    'quiet.html': '<!doctype html><title>Quiet</title><p>Nothing to see here, write to us at our office.</p>',
  });
  ({ tenant, browser } = await startSignedIn());
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
  pages?.close();
});
beforeEach(async () => {
  tenant.reset();
  await browser.worker.evaluate(() => chrome.storage.session.clear());
});

async function openPage(name: string): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/${name}`);
  const tabId = await browser.worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0].id!, page.url());
  return { page, tabId };
}

/** The toolbar popup over a page (as a click on the toolbar button opens it). */
async function popupFor(page: Page): Promise<Page> {
  const popup = await openPopupOver(browser, page);
  await confirmedAccount(popup).waitFor();
  return popup;
}

const rows = (popup: Page) =>
  popup
    .locator('[data-testid=addresses] li')
    .allInnerTexts()
    .then((r) => r.map((t) => t.replace(/\s+/g, ' ').trim()));

describe('popup scan', () => {
  test('lists the page addresses with their names, in page order', async () => {
    const { page } = await openPage('team-directory.html');
    const popup = await popupFor(page);
    await popup.getByTestId('addresses').waitFor();
    const listed = await rows(popup);
    expect(listed.slice(0, 3)).toEqual([
      'Maria Anders maria.anders@northwind.com',
      'Ana Trujillo ana.trujillo@northwind.com',
      'Antonio Moreno antonio.moreno@northwind.com',
    ]);
    expect(listed).toHaveLength(10);
    expect(await popup.locator('.picker-title').innerText()).toBe('10 found on this page');
    await popup.close();
    await page.close();
  });

  test('knows the tenant first: members, pending and accepted guests, own domain are not ticked', async () => {
    tenant.addUser({ mail: 'maria.anders@northwind.com', userType: 'Member' });
    tenant.addUser({ mail: 'ana.trujillo@northwind.com' });
    tenant.addUser({ mail: 'antonio.moreno@northwind.com', externalUserState: 'Accepted' });
    const { page } = await openPage('team-directory.html');
    const popup = await popupFor(page);
    await popup.getByTestId('standing').first().waitFor();
    const standing = (address: string) => popup.locator('li', { hasText: address });
    expect(await standing('maria.anders@').innerText()).toContain('Already a member');
    expect(await standing('ana.trujillo@').innerText()).toContain('invitation pending: tick to resend');
    expect(await standing('antonio.moreno@').innerText()).toContain('already accepted');
    expect(await popup.getByTestId('invite').innerText()).toBe('Invite 7 guests to Contoso');
    // A pending guest can be ticked to resend.
    await popup.getByLabel(/ana\.trujillo/).check();
    expect(await popup.getByTestId('invite').innerText()).toBe('Invite 8 guests to Contoso');
    await popup.close();
    await page.close();

    const pasted = await openPopup(browser.context, browser.extensionId);
    await confirmedAccount(pasted).waitFor();
    await pasteAddresses(pasted, 'pmo@contoso.com; new.partner@fabrikam.com');
    await pasted.getByTestId('standing').waitFor();
    expect(await pasted.locator('li', { hasText: 'pmo@contoso.com' }).innerText()).toContain('own domain');
    expect(await pasted.getByTestId('invite').innerText()).toBe('Invite 1 guest to Contoso');
    expect(
      tenant
        .requests('POST', '/v1.0/$batch')
        .every((r) => r.body.requests.every((q: { method: string }) => q.method === 'GET')),
    ).toBe(true);
    await pasted.close();
  });

  test('decoys are not listed: asset names, versions, credentials, script text', async () => {
    const { page } = await openPage('decoys.html');
    const popup = await popupFor(page);
    await popup.getByTestId('addresses').waitFor();
    expect(await rows(popup)).toEqual(['security@adventure-works.com']);
    await popup.close();
    await page.close();
  });

  test('hostile pages (10,000-deep DOM, 1 MB of @ or dots, 1 MB attributes): the real address is listed', async () => {
    for (const [name, { address }] of Object.entries(HOSTILE_PAGES)) {
      const { page } = await openPage(name);
      const popup = await popupFor(page);
      await popup.getByTestId('addresses').waitFor();
      expect(await rows(popup), name).toEqual([address]);
      await popup.close();
      await page.close();
    }
  });

  test('the selection comes first; filter, select none/all, then invite the chosen ones', async () => {
    const { page } = await openPage('mailing-list.html');
    await page.evaluate(() => {
      const range = document.createRange();
      range.setStart(document.querySelector('pre')!.firstChild!, 0);
      range.setEnd(document.querySelector('pre')!.firstChild!, 140);
      getSelection()!.addRange(range);
    });
    const popup = await popupFor(page);
    await popup.getByTestId('addresses').waitFor();
    expect(await popup.locator('.picker-title').innerText()).toBe('2 found in the selection');
    await popup.getByTestId('select-none').click();
    expect(await popup.getByTestId('invite').isDisabled()).toBe(true);
    await popup.getByLabel(/giovanni\.rovelli/).check();
    await popup.getByTestId('invite').click();
    await popup.getByTestId('result').waitFor();
    expect(posts().map((p) => [p.body.invitedUserEmailAddress, p.body.invitedUserDisplayName])).toEqual([
      ['giovanni.rovelli@proseware.com', 'Rovelli, Giovanni'],
    ]);
    await popup.close();

    await page.evaluate(() => getSelection()!.removeAllRanges());
    tenant.reset();
    const whole = await popupFor(page);
    await whole.getByTestId('addresses').waitFor();
    expect(await whole.locator('.picker-title').innerText()).toBe('8 found on this page');
    // Giovanni was just invited: a pending guest, so not ticked again unless asked.
    await whole.getByTestId('standing').waitFor();
    expect(await whole.locator('li', { hasText: 'giovanni.rovelli@' }).innerText()).toContain('invitation pending');
    expect(await whole.getByTestId('invite').innerText()).toBe('Invite 7 guests to Contoso');
    await whole.getByTestId('filter').fill('wang');
    expect(await rows(whole)).toEqual(['Yang Wang yang.wang@proseware.com']);
    // Select all/none act on what the filter shows.
    await whole.getByTestId('select-none').click();
    await whole.getByTestId('filter').fill('');
    expect(await whole.getByTestId('invite').innerText()).toBe('Invite 6 guests to Contoso');
    await whole.getByTestId('select-all').click();
    expect(await whole.getByTestId('invite').innerText()).toBe('Invite 8 guests to Contoso');
    await whole.getByTestId('invite').click();
    await whole.getByTestId('batch-done').waitFor();
    expect(await whole.getByTestId('batch').locator('[data-status=done]').count()).toBe(8);
    expect(posts()).toHaveLength(8);
    await whole.close();
    await page.close();
  });

  test('a long list puts 200 rows on screen at a time, more as it is scrolled', async () => {
    const popup = await openPopup(browser.context, browser.extensionId);
    await confirmedAccount(popup).waitFor();
    await pasteAddresses(popup, Array.from({ length: 1000 }, (_, i) => `p${i}@fabrikam.com`).join(' '));
    await popup.getByTestId('addresses').waitFor();
    expect(await popup.locator('.picker-title').innerText()).toBe('1000 in the pasted text');
    const shown = () => popup.locator('[data-testid=addresses] li').count();
    expect(await shown()).toBe(200);
    await popup.getByTestId('addresses').evaluate((list) => list.scrollTo(0, list.scrollHeight));
    await expect.poll(shown).toBe(400);
    // Select all still means all of them, shown or not.
    await popup.getByTestId('select-none').click();
    await popup.getByTestId('select-all').click();
    expect(await popup.getByTestId('invite').innerText()).toBe('Invite 1000 guests to Contoso');
    await popup.close();
  });

  test('pasted free text is parsed like a page', async () => {
    const popup = await openPopup(browser.context, browser.extensionId);
    await confirmedAccount(popup).waitFor();
    await pasteAddresses(popup, 'Jane <j@fabrikam.com>; k@tailspintoys.com');
    await popup.getByTestId('addresses').waitFor();
    expect(await rows(popup)).toEqual(['Jane j@fabrikam.com', 'k@tailspintoys.com']);
    await popup.close();
  });
});

describe('context menu', () => {
  /** Native menus cannot be clicked by automation: fire the registered handler with a real tab. */
  async function clickMenu(info: Record<string, unknown>, tabId: number): Promise<void> {
    await browser.worker.evaluate(
      async ({ info, tabId }) => {
        const tab = await chrome.tabs.get(tabId);
        (chrome.contextMenus.onClicked as unknown as { dispatch: (i: unknown, t: unknown) => void }).dispatch(
          { frameId: 0, editable: false, pageUrl: tab.url, ...info },
          tab,
        );
      },
      { info, tabId },
    );
  }

  test('"Find addresses on this page…" lists the whole page in the invite window', async () => {
    const { page, tabId } = await openPage('mailing-list.html');
    const opened = browser.context.waitForEvent('page', (p) => p.url().includes('popup.html?draft=1'));
    await clickMenu({ menuItemId: 'find-on-page' }, tabId);
    const window = await opened;
    await window.getByTestId('addresses').waitFor();
    expect(await window.locator('.picker-title').innerText()).toBe('8 found on this page');
    await window.close();
    await page.close();
  });

  test('nothing found: a notification says so and no window opens', async () => {
    const { page, tabId } = await openPage('quiet.html');
    const shown = () => browser.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()).length);
    const before = await shown();
    let windows = 0;
    const count = () => windows++;
    browser.context.on('page', count);
    await clickMenu({ menuItemId: 'find-on-page' }, tabId);
    await expect.poll(shown).toBe(before + 1);
    browser.context.off('page', count);
    expect(windows).toBe(0);
    await page.close();
  });

  test('a selected address opens the invite window prefilled; one click sends it', async () => {
    const { page, tabId } = await openPage('webmail-thread.html');
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('p')].find((el) => el.textContent.startsWith('Cc:'))!;
      getSelection()!.selectAllChildren(p);
    });
    const opened = browser.context.waitForEvent('page', (p) => p.url().includes('popup.html?draft=1'));
    await clickMenu({ menuItemId: 'invite-selection', selectionText: 'Cc: "Brown, Elizabeth"…' }, tabId);
    const window = await opened;
    await window.getByTestId('addresses').waitFor();
    expect(await rows(window)).toEqual([
      'Brown, Elizabeth elizabeth.brown@fabrikam.com',
      'Jytte Petersen jytte.petersen@fabrikam.com',
    ]);
    await window.getByTestId('invite').click();
    await window.getByTestId('batch-done').waitFor();
    expect(posts().map((p) => p.body.invitedUserDisplayName)).toEqual(['Brown, Elizabeth', 'Jytte Petersen']);
    await window.close();
    await page.close();
  });

  test('the "invite the selection" shortcut works like the menu item', async () => {
    const { page, tabId } = await openPage('international.html');
    await page.evaluate(() => getSelection()!.selectAllChildren(document.querySelectorAll('p')[1]));
    const opened = browser.context.waitForEvent('page', (p) => p.url().includes('popup.html?draft=1'));
    await browser.worker.evaluate(async (id) => {
      const tab = await chrome.tabs.get(id);
      (chrome.commands.onCommand as unknown as { dispatch: (c: string, t: unknown) => void }).dispatch(
        'invite-selection',
        tab,
      );
    }, tabId);
    const window = await opened;
    await window.getByTestId('addresses').waitFor();
    expect(await rows(window)).toEqual(['Åsa Lindqvist åsa.lindqvist@exempel.se']);
    await window.close();
    await page.close();
  });

  test('a mailto: link is invited through the invite window', async () => {
    const { page, tabId } = await openPage('mailto-variants.html');
    const opened = browser.context.waitForEvent('page', (p) => p.url().includes('popup.html?draft=1'));
    await clickMenu({ menuItemId: 'invite-mailto', linkUrl: 'mailto:Jane%20Doe%20%3Cjane.doe@litware.com%3E' }, tabId);
    const window = await opened;
    await window.getByTestId('addresses').waitFor();
    expect(await rows(window)).toEqual(['Jane Doe jane.doe@litware.com']);
    await window.getByTestId('invite').click();
    await window.getByTestId('result').waitFor();
    expect(posts().map((p) => [p.body.invitedUserEmailAddress, p.body.invitedUserDisplayName])).toEqual([
      ['jane.doe@litware.com', 'Jane Doe'],
    ]);
    await window.close();
    await page.close();
  });

  test('"invite immediately" sends with the defaults and needs no window', async () => {
    await browser.worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get<{ settings: Record<string, Record<string, unknown>> }>(
        'settings',
      );
      await chrome.storage.local.set({
        settings: { ...settings, inviteImmediately: true, defaults: { ...settings.defaults, sendMail: false } },
      });
    });
    const { page, tabId } = await openPage('inline-split.html');
    await page.evaluate(() => getSelection()!.selectAllChildren(document.querySelector('p')!));
    await clickMenu({ menuItemId: 'invite-selection', selectionText: 'Write to ana@contoso.com for bookings.' }, tabId);
    await expect.poll(() => posts().length).toBe(1);
    expect(posts()[0].body).toEqual({
      invitedUserEmailAddress: 'ana@contoso.com',
      inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${tenant.tenantId}`, // the inviting tenant's My Apps
      sendInvitationMessage: false,
      invitedUserType: 'Guest',
    });
    await page.close();
  });

  test('a page cannot choose recipients: hidden text and copies in links never count', async () => {
    const { page, tabId } = await openPage('selection-decoys.html');
    const setImmediately = (on: boolean) =>
      browser.worker.evaluate(async (inviteImmediately) => {
        const { settings } = await chrome.storage.local.get<{ settings: Record<string, unknown> }>('settings');
        await chrome.storage.local.set({ settings: { ...settings, inviteImmediately } });
      }, on);
    const shown = 'Contact jane.visible@fabrikam.com write to us for the launch.';

    // The invite window lists what the user saw, nothing else.
    await setImmediately(false);
    await page.evaluate(() => getSelection()!.selectAllChildren(document.getElementById('chosen')!));
    let opened = browser.context.waitForEvent('page', (p) => p.url().includes('popup.html?draft=1'));
    await clickMenu({ menuItemId: 'invite-selection', selectionText: shown }, tabId);
    let window = await opened;
    await window.getByTestId('addresses').waitFor();
    expect(await rows(window)).toEqual(['jane.visible@fabrikam.com']);
    await window.close();

    // At once: only that one visible address goes.
    await setImmediately(true);
    await clickMenu({ menuItemId: 'invite-selection', selectionText: shown }, tabId);
    await expect.poll(() => posts().length).toBe(1);
    expect(posts()[0].body.invitedUserEmailAddress).toBe('jane.visible@fabrikam.com');

    // The page widens the selection after the user's click: nothing goes at once, the window asks.
    tenant.reset();
    await page.evaluate(() => {
      const range = document.createRange();
      range.setStartBefore(document.getElementById('chosen')!);
      range.setEndAfter(document.getElementById('widened')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    opened = browser.context.waitForEvent('page', (p) => p.url().includes('popup.html?draft=1'));
    await clickMenu({ menuItemId: 'invite-selection', selectionText: shown }, tabId);
    window = await opened;
    await window.getByTestId('addresses').waitFor();
    // (Jane was just invited: her row may also say so once the tenant has been asked.)
    const listed = await window.locator('[data-testid=addresses] li .address').allInnerTexts();
    expect(listed).toEqual(['jane.visible@fabrikam.com', 'other.visible@fabrikam.com']);
    expect(posts()).toEqual([]);
    await window.close();
    await setImmediately(false);
    await page.close();
  });
});
