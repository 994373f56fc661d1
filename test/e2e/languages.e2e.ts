// Every screen in each language: with the browser's UI in Dutch, Swedish, Turkish or French, the
// set-up assistant and a signed-in popup with a list show no English text where the language has its own.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_EXTENSION_DIR, launchWithExtension, freshProfile } from '../support/browser.mjs';
import type { Tenant } from '../tenant/tenant.mjs';
import { configureFor, openPopup, pasteAddresses, signIn, startSuiteTenant } from './harness';

const load = (locale: string) =>
  JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../../public/_locales/${locale}/messages.json`), 'utf8'),
  ) as Record<string, { message: string }>;
const english = load('en');

/** English phrases (parts of messages between placeholders) the locale says otherwise, long enough to be words. */
function englishLeftIn(text: string, locale: string): string[] {
  const own = load(locale);
  const phrases = Object.entries(english)
    .filter(([key, { message }]) => own[key] && own[key].message !== message)
    .flatMap(([, { message }]) => message.split(/\$\d/))
    .map((part) => part.trim())
    .filter((part) => part.length >= 12 && part.includes(' '));
  return [...new Set(phrases)].filter((phrase) => text.includes(phrase));
}

let tenant: Tenant;
beforeAll(async () => {
  tenant = await startSuiteTenant();
});
afterAll(async () => tenant?.close());

/** What the page says, without the scripts to paste (code, not words). */
const shown = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector('main')!;
    const code = [...main.querySelectorAll('pre')].map((pre) => pre.innerText);
    return code.reduce((text, block) => text.replace(block, ''), main.innerText);
  });

test.each(['nl', 'sv', 'tr', 'fr'])(
  '%s: no English left on the set-up assistant and the signed-in popup',
  async (locale) => {
    const browser = await launchWithExtension({
      userDataDir: freshProfile(),
      extensionDir: E2E_EXTENSION_DIR,
      uiLanguage: locale,
    });
    try {
      expect(await browser.worker.evaluate(() => chrome.i18n.getUILanguage())).toMatch(new RegExp(`^${locale}`));
      const setup = await openPopup(browser.context, browser.extensionId);
      await setup.getByTestId('setup').waitFor();
      for (const script of await setup.locator('details.script > summary').all()) await script.click();
      expect(englishLeftIn(await shown(setup), locale)).toEqual([]);
      await setup.close();

      await configureFor(browser.worker, tenant);
      const popup = await openPopup(browser.context, browser.extensionId);
      await signIn(popup);
      await pasteAddresses(popup, 'Ann <ann@fabrikam.com>; bo+news@fabrikam.com; dee@litware.com');
      await popup.getByTestId('addresses').waitFor();
      await popup.getByTestId('options-summary').click();
      expect(englishLeftIn(await shown(popup), locale)).toEqual([]);
      await popup.close();
    } finally {
      await browser.context.close();
    }
  },
);
