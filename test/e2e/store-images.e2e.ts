// The stores' images, made from the real extension by this run (issue 18, item 3), in
// artifacts/store-images/: 1280×800 screenshots (the popup over a page, a bulk run, settings, history;
// light and dark) and the 440×280 small promo tile, each checked against the size the stores ask for.
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { confirmedAccount, openPopupOver, signedInWithPages } from './harness';

const env = signedInWithPages();
const root = resolve(import.meta.dirname, '../..');
const out = resolve(root, 'artifacts/store-images');
const SCREEN = { width: 1280, height: 800 };

/** A PNG's width and height, from its header. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The page behind, with the popup where the toolbar shows it: one 1280×800 picture. */
async function composed(page: Page, popup: Page, file: string, scheme: 'light' | 'dark'): Promise<void> {
  const behind = (await page.screenshot()).toString('base64');
  const front = (await popup.screenshot()).toString('base64');
  const canvas = await env.browser.context.newPage();
  await canvas.setViewportSize(SCREEN);
  await canvas.emulateMedia({ colorScheme: scheme });
  await canvas.setContent(
    `<body style="margin:0;position:relative;width:1280px;height:800px;overflow:hidden">` +
      `<img src="data:image/png;base64,${behind}" style="position:absolute;inset:0;width:1280px;height:800px">` +
      `<img src="data:image/png;base64,${front}" style="position:absolute;top:8px;right:16px;` +
      `box-shadow:0 4px 24px rgba(0,0,0,.35);border-radius:8px"></body>`,
  );
  await canvas.screenshot({ path: file });
  await canvas.close();
}

test('screenshots at 1280×800, light and dark: the popup over a page, a bulk run, settings, history', async () => {
  mkdirSync(out, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    // Each pass from a fresh start: nobody invited yet, an empty history.
    env.tenant.reset();
    await env.browser.worker.evaluate(() => chrome.storage.local.remove('history'));
    const page = await env.browser.context.newPage();
    await page.setViewportSize(SCREEN);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${env.pages.url}/demo.html`);
    const popup = await openPopupOver(env.browser, page, { width: 380, height: 600 });
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.emulateMedia({ colorScheme: scheme });
    await confirmedAccount(popup).waitFor();
    await popup.getByTestId('addresses').waitFor();
    await composed(page, popup, resolve(out, `1-popup-${scheme}.png`), scheme);
    await popup.getByTestId('invite').click();
    await popup.getByTestId('batch-done').waitFor({ timeout: 30_000 });
    await composed(page, popup, resolve(out, `2-bulk-${scheme}.png`), scheme);
    await Promise.all([popup.close(), page.close()]);

    for (const [name, path, ready] of [
      ['3-settings', 'options/options.html', '#clientId'],
      ['4-history', 'history/history.html', '[data-testid=history]'],
    ] as const) {
      const tab = await env.browser.context.newPage();
      await tab.setViewportSize(SCREEN);
      await tab.emulateMedia({ colorScheme: scheme });
      await tab.goto(`chrome-extension://${env.browser.extensionId}/${path}`);
      await tab.locator(ready).waitFor();
      await tab.screenshot({ path: resolve(out, `${name}-${scheme}.png`) });
      await tab.close();
    }
  }
  for (const name of ['1-popup', '2-bulk', '3-settings', '4-history'])
    for (const scheme of ['light', 'dark']) expect(pngSize(resolve(out, `${name}-${scheme}.png`))).toEqual(SCREEN);
});

test('the small promo tile is 440×280, with the icon, the name and the short description', async () => {
  mkdirSync(out, { recursive: true });
  const messages = JSON.parse(readFileSync(resolve(root, 'public/_locales/en/messages.json'), 'utf8'));
  const icon = readFileSync(resolve(root, 'public/icons/128.png')).toString('base64');
  const tile = await env.browser.context.newPage();
  await tile.setViewportSize({ width: 440, height: 280 });
  await tile.setContent(
    `<body style="margin:0;width:440px;height:280px;display:flex;align-items:center;gap:20px;` +
      `padding:0 28px;box-sizing:border-box;background:#0a5fb4;color:#fff;font:16px system-ui,sans-serif">` +
      `<img src="data:image/png;base64,${icon}" width="96" height="96" alt="">` +
      `<div><div style="font-size:24px;font-weight:700;margin-bottom:8px" id="name"></div>` +
      `<div id="what"></div></div></body>`,
  );
  // Text from the locale, set as text (never as markup).
  await tile.evaluate(
    ({ name, what }) => {
      document.getElementById('name')!.textContent = name;
      document.getElementById('what')!.textContent = what;
    },
    { name: messages.extName.message, what: messages.extDescription.message },
  );
  const file = resolve(out, 'promo-small-440x280.png');
  await tile.screenshot({ path: file });
  await tile.close();
  expect(pngSize(file)).toEqual({ width: 440, height: 280 });
  // The stores' icon sizes: 128×128 for Chrome and Edge, and the manifest's 128 for Firefox.
  expect(pngSize(resolve(root, 'public/icons/128.png'))).toEqual({ width: 128, height: 128 });
});
