// Debian's firefox-esr driven over WebDriver BiDi (puppeteer-core): the add-on installed temporarily
// from dist/firefox, its internal UUID pinned so its pages have a known address.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_DIR = resolve(import.meta.dirname, '../../dist/firefox');
const ADDON_ID = 'guest-invite@entra-invite.example';
const UUID = '6d1f3c2a-1b2c-4d3e-8f9a-0b1c2d3e4f5a';

/** `prefs`: more Firefox preferences (e.g. a shorter idle time before the event page is suspended). */
export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<Browser> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true, // the simulated tenant's certificate is made at test time
    // Firefox 153+ lets WebDriver open moz-extension:// pages only with system access.
    args: ['--remote-allow-system-access'],
    userDataDir: mkdtempSync(join(tmpdir(), 'invite-firefox-')),
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }), ...prefs },
  });
  await browser.installExtension(FIREFOX_DIR);
  return browser;
}

/** Opens one of the add-on's pages; Firefox reports no load event for them, so wait for content. */
export async function openAddonPage(browser: Browser, path: string, ready: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(`moz-extension://${UUID}/${path}`).catch(() => undefined);
  // While the add-on page replaces the blank document, BiDi can fail a poll with a protocol error
  // ("right-hand side of 'in' should be an object"): poll again until the deadline.
  // Generous: the first page of a Firefox just started on a loaded CI machine can take long.
  const deadline = Date.now() + 45_000;
  for (;;) {
    try {
      await page.waitForSelector(ready, { timeout: Math.max(1, deadline - Date.now()) });
      return page;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
}
