// Real Chromium with the built extension loaded, pointed at the simulated tenant. Nothing of the
// product is replaced: the settings are written the way the options page writes them.
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { servePages } from '../support/pages-server.mjs';
import { ALL_PERMISSIONS, startTenant, type Tenant } from '../tenant/tenant.mjs';
import {
  CHROMIUM,
  CLIENT_ID,
  E2E_EXTENSION_DIR,
  configureForTenant,
  freshProfile,
  launchWithExtension,
} from '../support/browser.mjs';

export { CHROMIUM, CLIENT_ID, freshProfile };
export const EXTENSION_DIR = E2E_EXTENSION_DIR;

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

export function launch(userDataDir = freshProfile(), extraArgs: string[] = []): Promise<Launched> {
  return launchWithExtension({ userDataDir, extraArgs, extensionDir: EXTENSION_DIR });
}

/**
 * In the suite, a lookup that finds nobody after a lost answer is proof only after this long: a few
 * times the tenant's replication delay (REPLICATION_MS), seconds instead of the product's minutes.
 */
export const LOOKUP_WINDOW_S = 5;
/** How long a new guest stays invisible to reads and group changes in the suite's tenants. */
export const REPLICATION_MS = 1000;

/** A second directory for tests with two tenants (profiles): Fabrikam, signed in to as Pat Partner. */
export const FABRIKAM = {
  tenantId: '5c0fb1e2-7a3d-4e9f-8b6c-2d1e0f9a8b7c',
  domain: 'fabrikam.test',
  displayName: 'Fabrikam',
  verifiedDomains: ['fabrikam.test'],
  userOid: 'f1f2f3f4-0000-4000-8000-0000000fab01',
  userName: 'Pat Partner',
  userLocal: 'pat',
};

/** Points the extension at the tenant, as the options page would (plus the suite's lookup window). */
export const configureFor = (
  worker: Worker,
  tenant: TenantLike,
  defaults: Record<string, unknown> = {},
  more: Record<string, unknown> = {},
): Promise<void> => configureForTenant(worker, tenant, defaults, { lookupWindowSeconds: LOOKUP_WINDOW_S, ...more });

/**
 * The suite's tenant: as strict as Entra, with every permission the extension uses granted by an
 * administrator (the consent tests start from the default, User.Invite.All only) and replication on.
 */
export const startSuiteTenant = (options: Parameters<typeof startTenant>[0] = {}) =>
  startTenant({ consented: ALL_PERMISSIONS, replicationDelayMs: REPLICATION_MS, ...options });

export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 640 });
  await page.goto(`chrome-extension://${extensionId}/popup/popup.html`);
  return page;
}

/**
 * The popup as the toolbar button opens it over a page: the page is the active tab of the window the
 * user last focused, and the popup (here a window that does not take the focus) reads that tab.
 */
export async function openPopupOver(launched: Launched, page: Page, size = { width: 400, height: 760 }): Promise<Page> {
  await page.bringToFront();
  const opened = launched.context.waitForEvent('page', (p) => p.url().endsWith('/popup/popup.html'));
  const worker = await currentWorker(launched.context);
  await worker.evaluate(
    ({ width, height }) =>
      chrome.windows.create({
        url: chrome.runtime.getURL('popup/popup.html'),
        type: 'popup',
        focused: false,
        width,
        height,
      }),
    size,
  );
  const popup = await opened;
  await popup.setViewportSize(size);
  return popup;
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
  await confirmedAccount(popup).waitFor();
  return popup;
}

/** The signed-in account as the background confirmed it (not the one remembered from the last opening). */
export const confirmedAccount = (popup: Page) => popup.locator('[data-testid=account][aria-busy=false]');

export async function signIn(popup: Page): Promise<void> {
  await popup.getByTestId('sign-in').click();
  await confirmedAccount(popup).waitFor();
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

/** Opens the options under the addresses (folded into one line until then), as a click on that line does. */
export async function showOptions(popup: Page): Promise<void> {
  const open = await popup.locator('details.advanced').evaluate((details: HTMLDetailsElement) => details.open);
  if (!open) await popup.getByTestId('options-summary').click();
}

/** Fills the popup form the way a person does, field by field. */
export async function fillInvite(popup: Page, fields: InviteFields): Promise<void> {
  await popup.locator('#email').fill(fields.email);
  if (fields.displayName !== undefined) await popup.locator('#displayName').fill(fields.displayName);
  const { email: _email, displayName: _name, ...options } = fields;
  if (Object.keys(options).length) await showOptions(popup);
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

/** A simulated tenant and a browser already signed in to it: the start of most test files. */
export async function startSignedIn(
  options: Parameters<typeof startTenant>[0] = {},
): Promise<{ tenant: Tenant; browser: Launched }> {
  const tenant = await startSuiteTenant(options);
  const browser = await launch();
  await configureFor(browser.worker, tenant);
  const popup = await openPopup(browser.context, browser.extensionId);
  await signIn(popup);
  await popup.close();
  return { tenant, browser };
}

/** Pastes text into the popup's address box, as Ctrl+V with that text on the clipboard would. */
export async function pasteAddresses(popup: Page, text: string): Promise<void> {
  await popup.locator('#email').focus();
  await popup.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    document
      .getElementById('email')!
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** For a whole test file: the test pages served, a simulated tenant, and a browser signed in to it. */
export function signedInWithPages(extraPages?: Record<string, string>) {
  const env = {} as { tenant: Tenant; browser: Launched; pages: Awaited<ReturnType<typeof servePages>> };
  beforeAll(async () => {
    env.pages = await servePages(extraPages);
    Object.assign(env, await startSignedIn());
  });
  afterAll(async () => {
    await env.browser?.context.close();
    await env.tenant?.close();
    env.pages?.close();
  });
  return env;
}
