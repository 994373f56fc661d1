// Firefox for real: the event page hosts MSAL and the Graph client; sign in through the simulated
// tenant (allizom redirect URI, PKCE) and invite one guest.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { startTenant, type Tenant } from '../tenant/tenant.mjs';
import { CLIENT_ID } from './harness';
import { launchFirefox, openAddonPage } from './firefox';

let tenant: Tenant;
let browser: Browser;

beforeAll(async () => {
  tenant = await startTenant();
  browser = await launchFirefox();
});
afterAll(async () => {
  await browser?.close();
  await tenant?.close();
});

test('Firefox: sign in with PKCE through the allizom redirect, then invite one guest', async () => {
  const options = await openAddonPage(browser, 'options/options.html', '[data-testid=save]');
  const redirectUri = await options.$eval('[data-testid=redirect-uri]', (el) => (el as HTMLInputElement).value);
  expect(redirectUri).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/);
  // What an admin types on the options page.
  await options.locator('#clientId').fill(CLIENT_ID);
  await options.locator('#tenant').fill(tenant.tenantId);
  await options.select('#cloud', 'custom');
  await options.locator('#customAuthority').fill(tenant.url);
  await options.locator('#customGraph').fill(tenant.url);
  await options.click('[data-testid=save]');
  await options.waitForFunction(() => document.querySelector('[role=status]')?.textContent === 'Saved.');

  const popup = await openAddonPage(browser, 'popup/popup.html', '[data-testid=sign-in]');
  await popup.click('[data-testid=sign-in]');
  await popup.waitForSelector('[data-testid=account]', { timeout: 20_000 });
  const [authorize] = tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`);
  const [token] = tenant.requests('POST', `/${tenant.tenantId}/oauth2/v2.0/token`);
  expect(authorize!.query.redirect_uri).toBe(redirectUri);
  expect(createHash('sha256').update(token!.body.code_verifier).digest('base64url')).toBe(authorize!.query.code_challenge);
  expect(token!.headers.origin).toMatch(/^moz-extension:\/\//);

  await popup.locator('#email').fill('fox@fabrikam.com');
  await popup.locator('#displayName').fill('Fox Mulder');
  await popup.click('#sendMail');
  await popup.click('[data-testid=invite]');
  await popup.waitForSelector('[data-testid=redeem-url]', { timeout: 20_000 });
  const [post] = tenant.requests('POST', '/v1.0/invitations');
  expect(post!.body).toEqual({
    invitedUserEmailAddress: 'fox@fabrikam.com',
    inviteRedirectUrl: 'https://myapps.microsoft.com',
    sendInvitationMessage: false,
    invitedUserType: 'Guest',
    invitedUserDisplayName: 'Fox Mulder',
  });
  expect(tenant.state.accessTokens.has(post!.headers.authorization!.replace('Bearer ', ''))).toBe(true);
});
