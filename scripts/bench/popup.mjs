// Popup open → interactive: from navigation start until the form and the signed-in account show.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ALL_PERMISSIONS, startTenant } from '../../test/tenant/tenant.mjs';
import {
  configureForTenant,
  E2E_EXTENSION_DIR,
  EXTENSION_DIR,
  launchWithExtension,
} from '../../test/support/browser.mjs';
import { collidingAddresses } from '../../test/support/crafted.mjs';
import { servePages } from '../../test/support/pages-server.mjs';
import { directoryPage } from './page-scan.mjs';
import { popupFiles } from '../popup-size.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A simulated tenant and Chromium with the extension signed in to it; `url` is the popup's. */
async function signedIn(extensionDir = EXTENSION_DIR) {
  const tenant = await startTenant({ consented: ALL_PERMISSIONS });
  const launched = await launchWithExtension({ extensionDir });
  await configureForTenant(launched.worker, tenant);
  const url = `chrome-extension://${launched.extensionId}/popup/popup.html`;
  const first = await launched.context.newPage();
  await first.goto(url);
  await first.getByTestId('sign-in').click();
  await first.getByTestId('account').waitFor();
  await first.close();
  return { ...launched, tenant, url };
}

/** A copy of the built extension with a blank page beside the popup: the floor any extension page pays. */
function withBlankPage() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ext-'));
  cpSync(resolve(EXTENSION_DIR), dir, { recursive: true });
  writeFileSync(join(dir, 'blank.html'), '<!doctype html><html><body><p id="ready">ready</p></body></html>');
  // The floor of any page with a script: one module that does nothing but show it ran.
  writeFileSync(
    join(dir, 'script.js'),
    "document.body.append(Object.assign(document.createElement('p'), { id: 'ran', textContent: 'ran' }));",
  );
  writeFileSync(
    join(dir, 'script.html'),
    '<!doctype html><html><head><script type="module" src="script.js"></script></head><body></body></html>',
  );
  return dir;
}

/** Navigation start → `ready` shows, on a fresh tab (as the toolbar opens the popup). */
async function openedIn(context, url, ready) {
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  const ms = await page.evaluate(() => performance.now());
  await page.close();
  return ms;
}

/** The popup against a blank page of the same extension (and the floor of a page with a script), alternating. */
export async function benchPopup({ runs = 15 } = {}) {
  const dir = withBlankPage();
  const { context, tenant, url } = await signedIn(dir);
  const blankUrl = url.replace('popup/popup.html', 'blank.html');
  const optionsUrl = url.replace('popup/popup.html', 'options/options.html');
  const scriptUrl = url.replace('popup/popup.html', 'script.html');
  try {
    const times = [];
    const blank = [];
    const options = [];
    const script = [];
    for (let i = 0; i < runs; i++) {
      blank.push(await openedIn(context, blankUrl, (page) => page.locator('#ready').waitFor()));
      script.push(await openedIn(context, scriptUrl, (page) => page.locator('#ran').waitFor()));
      times.push(
        // One wait, as for the blank page: the form and the account both on screen.
        await openedIn(context, url, (page) => page.locator('body:has(#email):has([data-testid=account])').waitFor()),
      );
      options.push(await openedIn(context, optionsUrl, (page) => page.locator('#clientId').waitFor()));
    }
    const ratios = times.map((t, i) => t / blank[i]);
    const size = popupFiles(resolve(EXTENSION_DIR));
    return {
      times,
      median: median(times),
      blank: { times: blank, median: median(blank) },
      options: { times: options, median: median(options) },
      script: { times: script, median: median(script) },
      ratio: median(times) / median(blank),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
      gzip: size.gzip,
      files: size.files.length,
    };
  } finally {
    await context.close();
    await tenant.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The popup under crafted input: 20,000 pasted addresses whose hashes collide (against 20,000
 * ordinary ones), and the popup opened over a page of 200,000 addresses. Time to the first list on
 * screen; the e2e build, whose host permission stands in for the click that grants activeTab.
 */
export async function benchCraftedPopup() {
  const { crafted, ordinary } = collidingAddresses();
  const { html } = directoryPage(200_000);
  const pages = await servePages({ 'huge.html': html });
  const { context, worker, tenant, url: popupUrl } = await signedIn(E2E_EXTENSION_DIR);
  try {
    const pasteMs = async (text) => {
      const popup = await context.newPage();
      await popup.goto(popupUrl);
      await popup.locator('#email').waitFor();
      const ms = await popup.evaluate(async (pasted) => {
        const start = performance.now();
        const data = new DataTransfer();
        data.setData('text/plain', pasted);
        document
          .getElementById('email')
          .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
        while (!document.querySelector('[data-testid=addresses] li')) await new Promise(requestAnimationFrame);
        return performance.now() - start;
      }, text);
      await popup.close();
      return ms;
    };
    const paste = { crafted: [], ordinary: [] };
    for (let i = 0; i < 5; i++) {
      paste.crafted.push(await pasteMs(crafted));
      paste.ordinary.push(await pasteMs(ordinary));
    }

    const page = await context.newPage();
    await page.goto(`${pages.url}/huge.html`, { waitUntil: 'domcontentloaded', timeout: 180_000 });
    const huge = [];
    for (let i = 0; i < 3; i++) {
      await page.bringToFront();
      const opened = context.waitForEvent('page', (p) => p.url() === popupUrl);
      await worker.evaluate((url) => chrome.windows.create({ url, type: 'popup', focused: false }), popupUrl);
      const popup = await opened;
      await popup.locator('[data-testid=addresses] li').first().waitFor({ timeout: 60_000 });
      huge.push(await popup.evaluate(() => performance.now()));
      await popup.close();
    }
    return { paste: { crafted: median(paste.crafted), ordinary: median(paste.ordinary) }, hugePage: median(huge) };
  } finally {
    await context.close();
    await tenant.close();
    pages.close();
  }
}
