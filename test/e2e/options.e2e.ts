// The settings page: checks what it saves and shows the redirect URI to register.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launch, showOptions, type Launched } from './harness';

let browser: Launched;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.context.close();
});

const stored = () => browser.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings);

test('shows the redirect URI, refuses bad values with specific messages, saves good ones', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  // This browser's redirect URI, and Firefox's (fixed by the add-on ID) for the same registration.
  // The second (Firefox's, computed) appears a moment after the page opens.
  const uris = () =>
    page.getByTestId('setup-redirect-uri').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  await expect
    .poll(uris)
    .toEqual([
      `https://${browser.extensionId}.chromiumapp.org/`,
      'https://f35ff0aff32c56bf4f0eabf949671dd1ce88680e.extensions.allizom.org/',
    ]);
  const shortcuts = await page.getByTestId('shortcuts').innerText();
  expect(shortcuts).toContain('Open the invite popup');
  expect(shortcuts).toContain('Alt+Shift+I');
  expect(shortcuts).toContain('Invite the addresses in the selection');

  await page.locator('#clientId').fill('my-app');
  await page.locator('#tenant').fill('common');
  await page.locator('#cloud').selectOption('custom');
  await page.locator('#customAuthority').fill('http://localhost:8443');
  await page.locator('#customGraph').fill('not a url');
  await page.locator('#redirectUrl').fill('javascript:alert(1)');
  await page.getByTestId('save').click();
  expect(await page.locator('#clientId-error').innerText()).toContain('GUID');
  // A single-tenant app cannot sign in through /common (AADSTS50194): the page says so before saving.
  expect(await page.locator('#tenant-error').innerText()).toContain('Multi-tenant app');
  expect(await page.locator('#customAuthority-error').innerText()).toContain('https://');
  expect(await page.locator('#customGraph-error').innerText()).toContain('https://');
  expect(await page.locator('#redirectUrl-error').innerText()).toContain('https://');
  expect(await stored()).toBeUndefined();

  await page.locator('#clientId').fill(' 3f6c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69 ');
  await page.locator('#tenant').fill('contoso.onmicrosoft.com');
  await page.locator('#cloud').selectOption('usgov');
  await page.locator('#redirectUrl').fill('https://contoso.sharepoint.com/sites/partners');
  await page.locator('#language').selectOption('sv-SE');
  await page.getByTestId('save').click();
  await expect.poll(() => page.getByRole('status').innerText()).toBe('Saved.');
  expect(await stored()).toMatchObject({
    clientId: '3f6c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69',
    tenant: 'contoso.onmicrosoft.com',
    cloud: 'usgov',
    defaults: {
      redirectUrl: 'https://contoso.sharepoint.com/sites/partners',
      messageLanguage: 'sv-SE',
      sendMail: true,
    },
  });

  // The popup picks the defaults up.
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  await popup.getByTestId('sign-in').waitFor();
  await showOptions(popup);
  expect(await popup.locator('#redirectUrl').inputValue()).toBe('https://contoso.sharepoint.com/sites/partners');
  expect(await popup.locator('#messageLanguage').inputValue()).toBe('sv-SE');
});

test('an unconfigured popup shows the set-up assistant instead of a dead sign-in button', async () => {
  await browser.worker.evaluate(() => chrome.storage.local.clear());
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup/popup.html`);
  expect(await popup.getByTestId('setup').innerText()).toContain('1. Register the app');
  expect(await popup.locator('#clientId').count()).toBe(1);
  expect(await popup.getByTestId('sign-in').count()).toBe(0);
});

test('the settings page links to the privacy policy it ships: the same text as PRIVACY.md', async () => {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options/options.html`);
  const opened = browser.context.waitForEvent('page');
  await page.getByTestId('privacy-link').click();
  const policy = await opened;
  await policy.waitForLoadState();
  const shown = await policy.locator('body').innerText();
  const committed = readFileSync(resolve(import.meta.dirname, '../../PRIVACY.md'), 'utf8');
  expect(shown.trim()).toBe(committed.trim());
  await Promise.all([policy.close(), page.close()]);
});
