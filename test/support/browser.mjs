// Launches Debian's Chromium with the built extension, and points the extension at a tenant the way
// the options page would. Shared by `npm start`, `npm run bench` and the end-to-end tests.
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CLIENT_ID } from '../tenant/tenant.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/chrome');
/** The same build plus a host permission for http://127.0.0.1 pages, standing in for activeTab. */
export const E2E_EXTENSION_DIR = resolve(import.meta.dirname, '../../dist/chrome-e2e');
export const E2E_HOST_PERMISSION = 'http://127.0.0.1/*';
/** What every Chromium we start needs here: no sandbox in the container, no GPU, no network of its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** The client ID the simulated tenant's app registration uses. */
export { CLIENT_ID };

export function freshProfile() {
  return mkdtempSync(join(tmpdir(), 'invite-profile-'));
}

/**
 * @param {{ userDataDir?: string, headless?: boolean, extraArgs?: string[], extensionDir?: string,
 *   microsoftReachable?: boolean, uiLanguage?: string, hostRules?: string[] }} [options]
 * @typedef {{ context: import('playwright-core').BrowserContext, worker: import('playwright-core').Worker }} Browser
 * @returns {Promise<Browser & { extensionId: string, userDataDir: string }>}
 */
export async function launchWithExtension({
  userDataDir = freshProfile(),
  headless = true,
  extraArgs = [],
  extensionDir = EXTENSION_DIR,
  // Only the live-tenant check (npm run test:live) reaches Microsoft.
  microsoftReachable = false,
  // The browser's UI language on Linux comes from LANGUAGE (chrome.i18n follows it).
  uiLanguage,
  // More host mappings, e.g. a national cloud's hosts to the simulated tenant: ['MAP host 127.0.0.1:port'].
  hostRules = [],
} = {}) {
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`${extensionDir} is missing: run the build first`);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    viewport: headless ? { width: 1200, height: 800 } : null,
    ...(uiLanguage && { env: { ...process.env, LANGUAGE: uiLanguage } }),
    args: [
      ...CHROMIUM_ARGS,
      ...(microsoftReachable
        ? []
        : [
            // The simulated tenant's certificate is made at start-up: accepted for this profile only.
            '--ignore-certificate-errors',
            // Nothing may reach Microsoft from here: its hosts resolve nowhere.
            `--host-resolver-rules=${[
              ...hostRules,
              'MAP login.microsoftonline.com 0.0.0.0',
              'MAP graph.microsoft.com 0.0.0.0',
            ].join(', ')}`,
          ]),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // Needs Debian's chromium-l10n for any language but English.
      ...(uiLanguage ? [`--lang=${uiLanguage}`] : []),
      ...extraArgs,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, userDataDir };
}

/**
 * Writes the settings an admin would type on the options page, for the simulated tenant.
 * @param {import('playwright-core').Worker} worker
 * @param {{ url: string, tenantId: string }} tenant
 * @param {Record<string, unknown>} [defaults]
 */
export async function configureForTenant(worker, tenant, defaults = {}, more = {}) {
  await worker.evaluate(
    async ({ url, tenantId, clientId, defaults, more }) => {
      const settings = {
        clientId,
        tenant: tenantId,
        cloud: 'custom',
        customAuthority: url,
        customGraph: url,
        // Fields left out take their defaults when the extension reads the settings.
        defaults,
        ...more,
      };
      await chrome.storage.local.set({ settings });
    },
    { url: tenant.url, tenantId: tenant.tenantId, clientId: CLIENT_ID, defaults, more },
  );
}

/**
 * The queue as the extension stored it (its main record and its pieces, see src/storage/queue-parts.ts),
 * read through an extension page or the service worker.
 * @param {import('playwright-core').Page | import('playwright-core').Worker} target
 */
export function readStoredQueue(target) {
  return target.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    const main = all.queue;
    if (!main || !Array.isArray(main.pieces)) return main;
    const { pieces, ...rest } = main;
    return { ...rest, items: pieces.flatMap((name) => all[`queue:${name}`] ?? []) };
  });
}
