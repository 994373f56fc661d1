// npm run test:live — the real product, in Chromium, against a real Entra tenant (opt-in, never in CI).
// Signs in (an interactive window: you type your password), invites one address with mail off, reads
// the guest back, looks it up as the popup does, optionally adds it to a test group, and prints a
// PASS/FAIL line per step. Without the variables below it prints how to set it up and exits 0.
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXTENSION_DIR, launchWithExtension } from '../test/support/browser.mjs';

const env = {
  clientId: process.env.LIVE_CLIENT_ID ?? '',
  tenant: process.env.LIVE_TENANT ?? '',
  email: process.env.LIVE_INVITE_EMAIL ?? '',
  group: process.env.LIVE_GROUP ?? '',
  cloud: process.env.LIVE_CLOUD ?? 'global',
  remove: process.env.LIVE_DELETE === '1',
};
const root = resolve(import.meta.dirname, '..');
/** A fixed profile and build folder give a fixed extension ID, so the redirect URI stays registered. */
const profile = resolve(root, '.live-profile');

/** Chrome's ID for an unpacked extension: SHA-256 of its folder's path, first 32 hex digits as a–p. */
function unpackedId(dir) {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}
const redirectUri = `https://${unpackedId(EXTENSION_DIR)}.chromiumapp.org/`;

if (!env.clientId || !env.tenant || !env.email) {
  console.log(`npm run test:live checks the product against your own Entra tenant (a free Microsoft 365
developer tenant works). Nothing runs until these are set:

  LIVE_CLIENT_ID      the Application (client) ID of your app registration
  LIVE_TENANT         your tenant ID or a verified domain (e.g. contoso.onmicrosoft.com)
  LIVE_INVITE_EMAIL   an address you own, to be invited (mail is off: no email is sent)
  LIVE_GROUP          optional: the exact name of a test security group to add the guest to
  LIVE_CLOUD          optional: global (default), usgov, usgovdod or china
  LIVE_DELETE=1       optional: open the new guest in the Entra admin center at the end, to delete it

Register the app once (Entra admin center → App registrations → New registration):
  1. "Accounts in this organizational directory only".
  2. Authentication → Add a platform → Single-page application, redirect URI:
       ${redirectUri}
     (this checkout's build folder and the profile in .live-profile fix that ID).
  3. API permissions → Microsoft Graph → Delegated: User.Invite.All, User.Read.All,
     GroupMember.ReadWrite.All, User.Read → "Grant admin consent for <tenant>".
  4. Copy the Application (client) ID into LIVE_CLIENT_ID.

Then: LIVE_CLIENT_ID=… LIVE_TENANT=… LIVE_INVITE_EMAIL=… npm run test:live
(On a machine without a display: xvfb-run npm run test:live, and sign in through VNC or similar.)`);
  process.exit(0);
}

execSync('npm run build --silent', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
mkdirSync(profile, { recursive: true });
const { context, worker, extensionId } = await launchWithExtension({
  userDataDir: profile,
  headless: false,
  microsoftReachable: true,
});
const results = [];
const step = async (name, check) => {
  try {
    const detail = await check();
    results.push(['PASS', name, detail ?? '']);
  } catch (error) {
    results.push(['FAIL', name, error instanceof Error ? error.message : String(error)]);
    throw error;
  }
};

try {
  await step('extension ID matches the registered redirect URI', async () => {
    if (`https://${extensionId}.chromiumapp.org/` !== redirectUri) throw new Error(`ID is ${extensionId}`);
    return redirectUri;
  });
  await worker.evaluate(async (s) => chrome.storage.local.set({ settings: s }), {
    clientId: env.clientId,
    tenant: env.tenant,
    cloud: env.cloud,
    customAuthority: '',
    customGraph: '',
    askAllAtSignIn: true,
    defaults: { sendMail: false },
  });
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 760 });
  await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);

  await step('sign in (interactive window; asks for every permission at once)', async () => {
    const account = popup.getByTestId('account');
    if (!(await account.isVisible())) await popup.getByTestId('sign-in').click();
    await account.waitFor({ timeout: 5 * 60_000 });
    return (await account.innerText()).replace(/\s+/g, ' ');
  });

  const another = popup.getByTestId('invite-another');
  if (await another.isVisible()) await another.click();
  await popup.locator('#email').fill(env.email);
  await popup.locator('#displayName').fill('Live check');
  if (env.group) {
    await popup.getByTestId('group-search').fill(env.group);
    await step(`find the group "${env.group}"`, async () => {
      await popup.getByRole('button', { name: env.group, exact: true }).click({ timeout: 20_000 });
    });
  }
  let userId = '';
  await step('invite with mail off: a user ID and a redeem link', async () => {
    await popup.getByTestId('invite').click();
    if (env.group) {
      const summary = popup.getByTestId('batch-summary');
      await popup.waitForFunction(
        () => /1 invited|failed/.test(document.querySelector('[data-testid=batch-summary]')?.textContent ?? ''),
        null,
        { timeout: 5 * 60_000 },
      );
      const text = await summary.innerText();
      if (!text.startsWith('1 invited')) throw new Error(text);
      return `${text} (group added)`;
    }
    await popup.getByTestId('result').waitFor({ timeout: 60_000 });
    userId = await popup.getByTestId('user-id').innerText();
    if (!(await popup.getByTestId('redeem-url').inputValue()).startsWith('https://')) throw new Error('no redeem link');
    return userId;
  });

  await step('read the guest back (history refresh: externalUserState)', async () => {
    const history = await context.newPage();
    await history.goto(`chrome-extension://${extensionId}/history/history.html`);
    // A new guest can take a while to replicate: refresh until Graph knows it.
    for (let i = 0; i < 20; i++) {
      await history.getByTestId('refresh').click();
      await history.waitForFunction(() => !document.querySelector('[data-testid=refresh]')?.hasAttribute('disabled'));
      const state = await history.getByTestId('state').first().innerText();
      if (state === 'Invitation pending' || state === 'Accepted') return state;
      await history.waitForTimeout(5000);
    }
    throw new Error('the guest did not show up within 100 s');
  });

  await step('look the address up as the popup does (pending guest, not ticked)', async () => {
    const look = await context.newPage();
    await look.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    const again = look.getByTestId('invite-another');
    if (await again.isVisible()) await again.click();
    await look.locator('#email').focus();
    await look.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document
        .getElementById('email')
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, `${env.email}; nobody-${Date.now()}@example.com`);
    const standing = look.getByTestId('standing').first();
    await standing.waitFor({ timeout: 60_000 });
    return standing.innerText();
  });

  if (env.remove && userId)
    await step('open the guest in the Entra admin center, to delete it', async () => {
      const admin = await context.newPage();
      await admin.goto(
        `https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${userId}`,
      );
      return `or: Remove-MgUser -UserId ${userId}`;
    });
} catch {
  // Reported below.
} finally {
  for (const [verdict, name, detail] of results) console.log(`${verdict}  ${name}${detail ? `  — ${detail}` : ''}`);
  if (!env.remove) await context.close();
  else console.log('The browser stays open for the deletion; close it when done.');
  process.exitCode = results.some(([verdict]) => verdict === 'FAIL') ? 1 : 0;
}
