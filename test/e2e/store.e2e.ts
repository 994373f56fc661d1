// What the stores get, in the order they need it: the images, made from the real extension by this run
// (1280×800 screenshots of the popup over a page, a bulk run, settings and history, light and dark; the
// 440×280 small promo tile), then `npm run package`, which puts them with the packages, the listings and
// the privacy policy in artifacts/store/<store>/, and last the rebuild AMO's reviewers make.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
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

const { name: pkgName, version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const base = `${pkgName}-${version}`;
const kit = resolve(root, 'artifacts/store');
const open = (store: string, suffix: string) => unzipSync(readFileSync(resolve(kit, store, `${base}-${suffix}.zip`)));
const manifestOf = (files: Record<string, Uint8Array>) => JSON.parse(strFromU8(files['manifest.json']));

test('npm run package: a folder per store with its package, listings, images, privacy policy and guide', () => {
  execFileSync('node', ['scripts/package.mjs'], { cwd: root, stdio: 'ignore' });

  const chrome = manifestOf(open('chrome', 'chrome'));
  expect(chrome.version).toBe(version);
  expect(chrome.background).toEqual({ service_worker: 'background.js', type: 'module' });
  expect(chrome.permissions).toContain('offscreen');
  expect(chrome.host_permissions).toBeUndefined();
  expect(chrome.browser_specific_settings).toBeUndefined();
  expect(readFileSync(resolve(kit, `edge/${base}-edge.zip`))).toEqual(
    readFileSync(resolve(kit, `chrome/${base}-chrome.zip`)),
  );

  const firefoxFiles = open('firefox', 'firefox');
  const firefox = manifestOf(firefoxFiles);
  expect(firefox.version).toBe(version);
  expect(firefox.background).toEqual({ scripts: ['background.js'], type: 'module' });
  expect(firefox.browser_specific_settings.gecko.id).toBe('guest-invite@entra-invite.example');
  expect(firefox.browser_specific_settings.gecko.data_collection_permissions.required).toEqual([
    'personallyIdentifyingInfo',
  ]);
  expect(firefox.host_permissions).toBeUndefined();
  expect(Object.keys(firefoxFiles)).toContain('content/scan.js');

  const source = Object.keys(open('firefox', 'source'));
  expect(source).toContain(`${base}/package.json`);
  expect(source).toContain(`${base}/src/popup/popup.tsx`);
  expect(source.some((f) => f.includes('node_modules'))).toBe(false);

  const english = JSON.parse(readFileSync(resolve(root, 'public/_locales/en/messages.json'), 'utf8'));
  for (const [store, screenshots] of [
    ['chrome', 5],
    ['edge', 6],
    ['firefox', 8],
  ] as const) {
    const files = readdirSync(resolve(kit, store), { recursive: true, encoding: 'utf8' });
    for (const lang of ['en', 'nl', 'sv', 'tr', 'fr']) expect(files).toContain(join('listing', `${lang}.txt`));
    expect(readFileSync(resolve(kit, store, 'PRIVACY.md'))).toEqual(readFileSync(resolve(root, 'PRIVACY.md')));
    const shots = files.filter((f) => f.startsWith(join('images', 'screenshot-')));
    expect(shots).toHaveLength(screenshots);
    for (const shot of shots) expect(pngSize(resolve(kit, store, shot))).toEqual(SCREEN);
    expect(pngSize(resolve(kit, store, 'images/icon-128.png'))).toEqual({ width: 128, height: 128 });
    const tile = files.includes(join('images', 'promo-small-440x280.png'));
    expect(tile).toBe(store !== 'firefox'); // AMO has no promo tile
    if (tile)
      expect(pngSize(resolve(kit, store, 'images/promo-small-440x280.png'))).toEqual({ width: 440, height: 280 });
    // The guide names this version's package, and every file it names is there.
    const guide = readFileSync(resolve(kit, store, 'UPLOAD.md'), 'utf8');
    expect(guide).toContain(version);
    for (const [, named] of guide.matchAll(/`((?:[\w.-]+\/)*[\w.-]+\.(?:zip|md|png|txt))`/g))
      if (!named.includes('<')) expect(files).toContain(named);
    const listing = readFileSync(resolve(kit, store, 'listing/en.txt'), 'utf8');
    expect(listing).toContain(english.extName.message);
    expect(listing).toContain(english.menuInviteLink.message);
  }
});

test('the source archive rebuilds to the same Firefox package, byte for byte (as AMO reviewers rebuild it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amo-rebuild-'));
  try {
    const files = unzipSync(readFileSync(resolve(kit, 'firefox', `${base}-source.zip`)));
    for (const [path, bytes] of Object.entries(files)) {
      if (path.endsWith('/')) continue;
      const target = join(dir, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    const source = join(dir, base);
    // The documented command is `npm ci && npm run build`; the same locked packages stand in for npm ci.
    symlinkSync(resolve(root, 'node_modules'), join(source, 'node_modules'), 'dir');
    execFileSync('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn'], {
      cwd: source,
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production' }, // a reviewer's shell, not this test runner
    });
    const built = filesUnder(join(source, 'dist/firefox'));
    const shipped = filesUnder(resolve(root, 'dist/firefox'));
    expect(Object.keys(built).sort()).toEqual(Object.keys(shipped).sort());
    const differing = Object.keys(shipped).filter((file) => !built[file].equals(shipped[file]));
    expect(differing).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Every file under a folder, by its path relative to it. */
function filesUnder(dir: string, prefix = ''): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesUnder(dir, path));
    else out[path] = readFileSync(join(dir, path));
  }
  return out;
}
