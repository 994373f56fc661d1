// npm start: build, start the simulated tenant, and open Chromium with the extension configured for
// it on a demo page. Without a display, run the same demo headless: sign in, invite the page's
// partners, print what the tenant received and save a screenshot of the popup.
import { execSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startTenant } from '../test/tenant/tenant.mjs';
import { configureForTenant, launchWithExtension } from './browser.mjs';

const root = resolve(import.meta.dirname, '..');
const headless = !process.env.DISPLAY || process.argv.includes('--headless');

execSync('npm run build --silent', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const tenant = await startTenant({ port: Number(process.env.TENANT_PORT ?? 0) });
const pages = await serveDemoPages();
const { context, worker, extensionId } = await launchWithExtension({ headless });
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
  pages.server.close();
} else {
  console.log('\nClick the extension icon (puzzle piece → Guest Invite) to sign in and invite. Close the browser to stop.');
  await worker.evaluate(() => chrome.action.openPopup?.()).catch(() => undefined);
  context.on('close', async () => {
    await tenant.close();
    pages.server.close();
  });
}

async function runDemo() {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 640 });
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  await popup.getByTestId('sign-in').click();
  await popup.getByTestId('account').waitFor();
  const partners = [
    ['maria.anders@northwind.example', 'Maria Anders', true],
    ['thomas.hardy@northwind.example', 'Thomas Hardy', true],
    ['hanna.moos@fabrikam.example', 'Hanna Moos', false],
  ];
  for (const [email, name, sendMail] of partners) {
    await popup.locator('#email').fill(email);
    await popup.locator('#displayName').fill(name);
    await popup.locator('#sendMail').setChecked(sendMail);
    await popup.getByTestId('invite').click();
    await popup.getByTestId('result').waitFor();
    const out = resolve(root, 'artifacts/demo-popup.png');
    mkdirSync(resolve(root, 'artifacts'), { recursive: true });
    await popup.screenshot({ path: out });
    await popup.getByTestId('invite-another').click();
  }
  console.log('\nInvitations the simulated tenant received:');
  for (const request of tenant.requests('POST', '/v1.0/invitations')) {
    const user = tenant.state.users.get(request.body.invitedUserEmailAddress.toLowerCase());
    console.log(`  ${request.status}  ${request.body.invitedUserEmailAddress.padEnd(34)} ${String(request.body.invitedUserDisplayName).padEnd(14)} mail=${request.body.sendInvitationMessage}  user ${user?.id}`);
  }
  console.log(`\nPopup screenshot: artifacts/demo-popup.png`);
}

function serveDemoPages() {
  const dir = resolve(root, 'test/pages');
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '') || 'demo.html';
    if (!/^[\w.-]+\.html$/.test(name)) return res.writeHead(404).end();
    try {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(resolve(dir, name)));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${server.address().port}` })));
}
