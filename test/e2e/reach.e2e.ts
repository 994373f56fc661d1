// The first minutes: in a popup of the size Chrome gives, the Invite button is in reach without a
// scroll, for one typed address and for a long list, and says what will happen; the options sit
// folded into one line that says what they are, open when needed, and stay as the user left them.
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { violations } from './axe';
import { fillInvite, openPopup, openPopupOver, pasteAddresses, showOptions, signedInWithPages } from './harness';

const env = signedInWithPages({ 'quiet.html': '<!doctype html><title>Quiet</title><p>Nothing to see here.</p>' });

/** The element lies wholly inside the popup's viewport, with the page not scrolled. */
async function inReach(popup: Page, selector: string): Promise<void> {
  const box = await popup.locator(selector).first().boundingBox();
  const { height, scrolled } = await popup.evaluate(() => ({ height: innerHeight, scrolled: scrollY }));
  expect(scrolled).toBe(0);
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(height);
}

test.each([
  [380, 600],
  [800, 600],
])('at %i×%i the Invite button is in reach for one address and for a long list', async (width, height) => {
  const popup = await openPopup(env.browser.context, env.browser.extensionId);
  await popup.setViewportSize({ width, height });
  await fillInvite(popup, { email: 'jane@fabrikam.com', displayName: 'Jane' });
  await inReach(popup, '[data-testid=invite]');
  expect(await popup.getByTestId('invite').innerText()).toBe('Invite 1 guest to Contoso');
  // With the options open, the form is longer than the popup: the button stays at its bottom edge.
  await showOptions(popup);
  await inReach(popup, '[data-testid=invite]');

  const list = Array.from({ length: 60 }, (_, i) => `partner${i}@fabrikam${i % 7}.com`);
  await pasteAddresses(popup, list.join('; '));
  await popup.getByTestId('addresses').waitFor();
  await popup.evaluate(() => scrollTo(0, 0));
  await inReach(popup, '[data-testid=invite]');
  await inReach(popup, '[data-testid=filter]');
  await inReach(popup, '[data-testid=select-all]');
  expect(await popup.getByTestId('invite').innerText()).toBe('Invite 60 guests to Contoso');
  await popup.close();
  await env.browser.worker.evaluate(() => chrome.storage.local.remove('popupUi'));
});

test('the options are one line that says what they are; opened, they stay open; a problem opens them', async () => {
  const popup = await openPopup(env.browser.context, env.browser.extensionId);
  const summary = popup.getByTestId('options-summary');
  await summary.waitFor();
  expect(await summary.innerText()).toMatch(/^Options: Guest · Microsoft email · .+ · lands on My Apps$/);
  expect(await popup.locator('#redirectUrl').isVisible()).toBe(false);
  await summary.click();
  await popup.locator('#sendMail').uncheck();
  expect(await summary.innerText()).toBe('Options: Guest · no email (redeem link) · lands on My Apps');
  await popup.close();

  const again = await openPopup(env.browser.context, env.browser.extensionId);
  await again.locator('#redirectUrl').waitFor(); // remembered open
  await again.getByTestId('options-summary').click();
  expect(await again.locator('#redirectUrl').isVisible()).toBe(false);
  await again.close();

  // A problem in them opens them, with the problem shown: here a stored default Graph would refuse
  // (saved by an older version, say).
  const setRedirect = (redirectUrl: string) =>
    env.browser.worker.evaluate(async (url) => {
      const { settings } = await chrome.storage.local.get<{ settings: { defaults: object } }>('settings');
      await chrome.storage.local.set({
        settings: { ...settings, defaults: { ...settings.defaults, redirectUrl: url } },
      });
    }, redirectUrl);
  await setRedirect('javascript:alert(1)');
  const third = await openPopup(env.browser.context, env.browser.extensionId);
  await expect.poll(() => third.getByTestId('options-summary').innerText()).not.toContain('My Apps');
  await third.locator('#email').fill('sam@fabrikam.com');
  // Folded first, whatever was remembered, so that only the problem can open them.
  const folded = () => third.locator('details.advanced').evaluate((d: HTMLDetailsElement) => !d.open);
  if (!(await folded())) await third.getByTestId('options-summary').click();
  await expect.poll(folded).toBe(true);
  await third.getByTestId('invite').click();
  await third.locator('#redirectUrl-error').waitFor();
  expect(await third.locator('#redirectUrl').isVisible()).toBe(true);
  await third.close();
  await setRedirect('https://myapps.microsoft.com');
});

test('a clear state where the page gives nothing: no address on it, a page that cannot be read, offline', async () => {
  const launched = env.browser;
  const quiet = await launched.context.newPage();
  await quiet.goto(`${env.pages.url}/quiet.html`);
  const popup = await openPopupOver(launched, quiet, { width: 380, height: 600 });
  const notice = popup.getByTestId('notice');
  await notice.waitFor();
  expect(await notice.innerText()).toBe('No addresses on this page. Paste a list or type an address below.');
  for (const scheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme: scheme });
    expect(await violations(popup)).toEqual([]);
  }
  await popup.close();

  const internal = await launched.context.newPage();
  await internal.goto('chrome://version/');
  const over = await openPopupOver(launched, internal, { width: 380, height: 600 });
  await over.getByTestId('notice').waitFor();
  expect(await over.getByTestId('notice').innerText()).toContain('This page cannot be read');
  await over.close();

  await launched.context.setOffline(true);
  const offline = await openPopupOver(launched, quiet, { width: 380, height: 600 });
  await offline.getByTestId('notice').waitFor();
  expect(await offline.getByTestId('notice').innerText()).toContain('You are offline');
  await launched.context.setOffline(false);
  await expect
    .poll(() => offline.getByTestId('notice').innerText(), { timeout: 10_000 })
    .toContain('No addresses on this page');
  await offline.close();
  await quiet.close();
  await internal.close();
});
