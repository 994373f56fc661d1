// Real Chromium with the built extension loaded, pointed at the simulated tenant. Nothing of the
// product is replaced: the settings are written the way the options page writes them.
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/chrome');
export const CLIENT_ID = '3f6c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69';

export interface TenantLike {
  url: string;
  tenantId: string;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
}

export function freshProfile(): string {
  return mkdtempSync(join(tmpdir(), 'invite-e2e-'));
}

export async function launch(userDataDir = freshProfile(), extraArgs: string[] = []): Promise<Launched> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('dist/chrome is missing: run npm run build');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // The simulated tenant's certificate is made at test time; tests only.
      '--ignore-certificate-errors',
      // Nothing may reach Microsoft: its hosts resolve nowhere.
      '--host-resolver-rules=MAP login.microsoftonline.com 0.0.0.0, MAP graph.microsoft.com 0.0.0.0',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      ...extraArgs,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, userDataDir };
}

/** Writes the settings an admin would type on the options page for the simulated tenant. */
export async function configureFor(worker: Worker, tenant: TenantLike, defaults: Record<string, unknown> = {}): Promise<void> {
  await worker.evaluate(
    async ({ url, tenantId, clientId, defaults }) => {
      const settings = {
        clientId,
        tenant: tenantId,
        cloud: 'custom',
        customAuthority: url,
        customGraph: url,
        defaults: { redirectUrl: 'https://myapps.microsoft.com', message: '', sendMail: true, messageLanguage: '', userType: 'Guest', ...defaults },
      };
      await chrome.storage.local.set({ settings });
    },
    { url: tenant.url, tenantId: tenant.tenantId, clientId: CLIENT_ID, defaults },
  );
}

export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 640 });
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  return page;
}

/** The current service worker (a new one after a restart). */
export async function currentWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Opens the popup ready for a new invitation (a recent result is shown until dismissed). */
export async function openFreshPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const popup = await openPopup(context, extensionId);
  await popup.locator('#email, [data-testid=invite-another]').first().waitFor();
  const another = popup.getByTestId('invite-another');
  if (await another.count()) await another.click();
  await popup.getByTestId('account').waitFor();
  return popup;
}

export async function signIn(popup: Page): Promise<void> {
  await popup.getByTestId('sign-in').click();
  await popup.getByTestId('account').waitFor();
}

export interface InviteFields {
  email: string;
  displayName?: string;
  redirectUrl?: string;
  sendMail?: boolean;
  message?: string;
  language?: string;
  cc?: string;
  member?: boolean;
}

/** Fills the popup form the way a person does, field by field. */
export async function fillInvite(popup: Page, fields: InviteFields): Promise<void> {
  await popup.locator('#email').fill(fields.email);
  if (fields.displayName !== undefined) await popup.locator('#displayName').fill(fields.displayName);
  if (fields.redirectUrl !== undefined) await popup.locator('#redirectUrl').fill(fields.redirectUrl);
  if (fields.member) await popup.getByLabel(/Member/).check();
  if (fields.sendMail === false) await popup.locator('#sendMail').uncheck();
  if (fields.sendMail !== false) {
    if (fields.message !== undefined) await popup.locator('#message').fill(fields.message);
    if (fields.language !== undefined) await popup.locator('#messageLanguage').selectOption(fields.language);
    if (fields.cc !== undefined) await popup.locator('#cc').fill(fields.cc);
  }
}

/** Clicks Invite and waits for the answer: the result panel or an alert. */
export async function submitInvite(popup: Page): Promise<void> {
  await popup.getByTestId('invite').click();
  await popup.locator('[data-testid=result], .error-box, .error').first().waitFor();
}

/** Stops the extension's service worker the way Chrome does when it is idle (DevTools "Stop"). */
export async function stopServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  const running = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const version = versions.find((v) => v.runningStatus === 'running' && v.scriptURL.endsWith('/background.js'));
      if (version) resolve(version.versionId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopWorker', { versionId: await running });
  await cdp.detach();
}

/** MSAL's persisted credentials, read from the extension origin's localStorage. */
export async function storedCredentialKinds(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .map((key) => /-(accesstoken|refreshtoken|idtoken)-/i.exec(key)?.[1]?.toLowerCase())
      .filter((kind): kind is string => !!kind)
      .sort(),
  );
}
