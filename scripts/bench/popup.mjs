// Popup open → interactive: from navigation start until the form and the signed-in account show.
import { resolve } from 'node:path';
import { startTenant } from '../../test/tenant/tenant.mjs';
import { configureForTenant, EXTENSION_DIR, launchWithExtension } from '../../test/support/browser.mjs';
import { popupFiles } from '../popup-size.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchPopup({ runs = 15 } = {}) {
  const tenant = await startTenant();
  const { context, worker, extensionId } = await launchWithExtension();
  try {
    await configureForTenant(worker, tenant);
    const url = `chrome-extension://${extensionId}/popup/popup.html`;
    const first = await context.newPage();
    await first.goto(url);
    await first.getByTestId('sign-in').click();
    await first.getByTestId('account').waitFor();
    await first.close();

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
