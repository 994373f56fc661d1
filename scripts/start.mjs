// npm start: build, start the simulated tenant, and open Chromium with the extension configured for
// it on a demo page. Without a display, run the same demo headless: sign in, invite the page's
// partners, print what the tenant received and save a screenshot of the popup.
import { execSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTenant } from '../test/tenant/tenant.mjs';
import {
  configureForTenant,
  E2E_EXTENSION_DIR,
  E2E_HOST_PERMISSION,
  EXTENSION_DIR,
  launchWithExtension,
} from '../test/support/browser.mjs';
import { servePages } from '../test/support/pages-server.mjs';

const root = resolve(import.meta.dirname, '..');
const headless = !process.env.DISPLAY || process.argv.includes('--headless');

execSync('npm run build --silent', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
// Headless, nobody clicks the toolbar button that grants activeTab: the demo uses the build whose
// only difference is a host permission for the local demo page.
if (headless)
  execSync('npx vite build --mode chrome --logLevel warn', {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, E2E_HOST_PERMISSION },
  });
// Like a fresh app registration: invitations (and User.Read) granted; the signed-in user is an
// administrator, so features that need more ask for it in a consent window, as they would in Entra.
const tenant = await startTenant({
  port: Number(process.env.TENANT_PORT ?? 0),
  consented: ['User.Invite.All', 'User.Read'],
  userIsAdmin: true,
});
const pages = await servePages();
const { context, worker, extensionId } = await launchWithExtension({
  headless,
  extensionDir: headless ? E2E_EXTENSION_DIR : EXTENSION_DIR,
});
await configureForTenant(worker, tenant, { message: 'Welcome to the Q3 partner workspace.' });

console.log(`Simulated tenant  ${tenant.url}  (tenant ${tenant.tenantId}, user alex@contoso.test)`);
console.log(`Demo page         ${pages.url}/demo.html`);
console.log(`Extension         chrome-extension://${extensionId}/  (settings already point at the simulated tenant)`);

const demo = await context.newPage();
await demo.goto(`${pages.url}/demo.html`);

if (headless) {
  await runDemo();
  await context.close();
  await tenant.close();
  pages.close();
} else {
  console.log(
    '\nClick the extension icon (puzzle piece → Guest Invite) to sign in and invite. Close the browser to stop.',
  );
  await worker.evaluate(() => chrome.action.openPopup?.()).catch(() => undefined);
  context.on('close', async () => {
    await tenant.close();
    pages.close();
  });
}

async function runDemo() {
  const demoUrl = `${pages.url}/demo.html`;
  const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, demoUrl);
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 760 });
  // The toolbar popup, opened on the demo tab: it scans the page when it opens.
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html?tabId=${tabId}`);
  await popup.getByTestId('sign-in').click();
  await popup.getByTestId('account').waitFor();
  await popup.getByTestId('addresses').waitFor();
  const listed = await popup.locator('[data-testid=addresses] li').allInnerTexts();
  console.log(`\nThe popup found ${listed.length} addresses on the demo page:`);
  for (const row of listed) console.log(`  ${row.replace(/\s+/g, ' ')}`);
  mkdirSync(resolve(root, 'artifacts'), { recursive: true });
  await popup.screenshot({ path: resolve(root, 'artifacts/demo-popup.png') });
  await popup.getByTestId('invite').click();
  await popup.locator('[data-testid=batch-done]').waitFor({ timeout: 60_000 });
  console.log('\nInvitations the simulated tenant received:');
  for (const request of tenant.invitations()) {
    const user = tenant.state.users.get(request.body.invitedUserEmailAddress.toLowerCase());
    console.log(
      `  ${request.status}  ${request.body.invitedUserEmailAddress.padEnd(36)} ` +
        `${String(request.body.invitedUserDisplayName ?? '').padEnd(20)} user ${user?.id}`,
    );
  }
  console.log('\nPopup screenshot: artifacts/demo-popup.png');
}
