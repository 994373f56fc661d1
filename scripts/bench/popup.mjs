// Popup open → interactive: from navigation start until the form and the signed-in account show.
import { resolve } from 'node:path';
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

export async function benchPopup({ runs = 15 } = {}) {
  const { context, tenant, url } = await signedIn();
  try {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const page = await context.newPage();
      await page.goto(url);
      await page.locator('#email').waitFor();
      await page.getByTestId('account').waitFor();
      times.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
    const size = popupFiles(resolve(EXTENSION_DIR));
    return { times, median: median(times), gzip: size.gzip, files: size.files.length };
  } finally {
    await context.close();
    await tenant.close();
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
