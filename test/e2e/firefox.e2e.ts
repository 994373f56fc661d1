// Firefox for real: the event page hosts MSAL and the Graph client; sign in through the simulated
// tenant (allizom redirect URI, PKCE) and invite one guest. And the page scanner, built for Firefox,
// on every page of the corpus in Gecko.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import type { Tenant } from '../tenant/tenant.mjs';
import { CLIENT_ID, FABRIKAM, startSuiteTenant } from './harness';
import { FIREFOX_DIR, launchFirefox, openAddonPage } from '../support/firefox';
import { servePages } from '../support/pages-server.mjs';
import type { Found } from '../../src/core/extract';
import { firefoxRedirectUri } from '../../src/core/setup-commands';

let tenant: Tenant;
let browser: Browser;

/** Firefox suspends an idle event page after 30 s; 5 s here, so that the suite can see it happen. */
const IDLE_MS = 5000;

beforeAll(async () => {
  tenant = await startSuiteTenant();
  browser = await launchFirefox({ 'extensions.background.idle.timeout': IDLE_MS });
});
afterAll(async () => {
  await browser?.close();
  await tenant?.close();
});

/** What an admin types on the options page for a simulated tenant, then Save. */
async function saveSignInSettings(options: Page, tenantName: string, url: string): Promise<void> {
  await options.locator('#clientId').fill(CLIENT_ID);
  await options.locator('#tenant').fill(tenantName);
  await options.select('#cloud', 'custom');
  await options.locator('#customAuthority').fill(url);
  await options.locator('#customGraph').fill(url);
  await options.click('[data-testid=save]');
  await options.waitForFunction(() => document.querySelector('[role=status]')?.textContent === 'Saved.');
}

test('Firefox: sign in with PKCE through the allizom redirect, then invite one guest', async () => {
  const options = await openAddonPage(browser, 'options/options.html', '[data-testid=save]');
  const redirectUri = await options.$eval('[data-testid=setup-redirect-uri]', (el) => (el as HTMLInputElement).value);
  expect(redirectUri).toMatch(/^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/);
  // Firefox's redirect URI is the SHA-1 of the add-on ID: the set-up assistant computes it for Chrome users.
  expect(redirectUri).toBe(await firefoxRedirectUri());
  await saveSignInSettings(options, tenant.tenantId, tenant.url);

  const popup = await openAddonPage(browser, 'popup/popup.html', '[data-testid=sign-in]');
  await popup.click('[data-testid=sign-in]');
  await popup.waitForSelector('[data-testid=account]', { timeout: 20_000 });
  // The tenant by its name and primary domain (from /organization), not its id.
  await popup.waitForFunction(
    () => document.querySelector('[data-testid=account]')?.textContent?.includes('Tenant Contoso (contoso.test)'),
    { timeout: 20_000 },
  );
  const [authorize] = tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`);
  const [token] = tenant.requests('POST', `/${tenant.tenantId}/oauth2/v2.0/token`);
  expect(authorize.query.redirect_uri).toBe(redirectUri);
  expect(createHash('sha256').update(token.body.code_verifier).digest('base64url')).toBe(
    authorize.query.code_challenge,
  );
  expect(token.headers.origin).toMatch(/^moz-extension:\/\//);

  await popup.locator('#email').fill('fox@fabrikam.com');
  await popup.locator('#displayName').fill('Fox Mulder');
  await popup.click('[data-testid=options-summary]'); // the options start folded into one line
  await popup.waitForSelector('#sendMail', { visible: true });
  // Brought to the middle of the popup first, as a person scrolls to it: at the bottom edge it sits
  // under the Invite bar, where a click at its centre would land on the bar.
  await popup.$eval('#sendMail', (box) => box.scrollIntoView({ block: 'center' }));
  await popup.locator('#sendMail').click();
  await popup.click('[data-testid=invite]');
  await popup.waitForSelector('[data-testid=redeem-url]', { timeout: 20_000 });
  const [post] = tenant.invitations();
  expect(post.body).toEqual({
    invitedUserEmailAddress: 'fox@fabrikam.com',
    inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${tenant.tenantId}`, // the inviting tenant's My Apps
    sendInvitationMessage: false,
    invitedUserType: 'Guest',
    invitedUserDisplayName: 'Fox Mulder',
  });
  expect(tenant.state.accessTokens.has(post.headers.authorization!.replace('Bearer ', ''))).toBe(true);
});

test('Firefox: once idle, nothing keeps the event page (and MSAL in it) alive; the account survives', async () => {
  const popup = await openAddonPage(browser, 'popup/popup.html', '[data-testid=account][aria-busy=false]');
  // The event page's window, as an add-on page reaches it (this wakes a suspended one, fresh).
  type Background = { idleMark?: string };
  type AddonApi = { browser: { runtime: { getBackgroundPage(): Promise<Background> } } };
  const mark = (value?: string) =>
    popup.evaluate(async (set) => {
      const page = await (globalThis as unknown as AddonApi).browser.runtime.getBackgroundPage();
      if (set) page.idleMark = set;
      return page.idleMark;
    }, value);
  expect(await mark('still here')).toBe('still here');
  expect(await mark()).toBe('still here');
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 2));
  // A fresh event page: the one that signed in and invited was suspended.
  expect(await mark()).toBeUndefined();
  await popup.close();
  const again = await openAddonPage(browser, 'popup/popup.html', '[data-testid=account][aria-busy=false]');
  await again.close();
});

test('Firefox: a permission nobody granted is asked for in a consent window (an admin grants it)', async () => {
  // Signed in by the test before; now the app has only User.Invite.All, and the user is an admin.
  tenant.state.consented.splice(0, Infinity, 'User.Invite.All');
  tenant.state.userIsAdmin = true;
  const popup = await openAddonPage(browser, 'popup/popup.html', '[data-testid=invite-another]');
  await popup.click('[data-testid=invite-another]'); // the invitation of the test before is still shown
  // The options stay open as the user left them (the test before opened them).
  expect(await popup.$eval('details.advanced', (d) => d.open)).toBe(true);
  await popup.locator('[data-testid=group-search]').fill('Partners');
  const failed = await popup.waitForSelector('[data-testid=group-search-error]', { timeout: 20_000 });
  expect(await failed!.evaluate((el) => el.textContent)).toContain('needs the permission GroupMember.ReadWrite.All');
  await popup.click('[data-testid=grant-permission]');
  await popup.waitForSelector('[data-testid=group-add]', { timeout: 20_000 });
  expect(tenant.state.consented).toContain('GroupMember.ReadWrite.All');
  // No silent round trip was tried for a consent that was missing.
  const silent = tenant
    .requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`)
    .filter((r) => r.query.prompt === 'none');
  expect(silent).toHaveLength(0);
});

test('Firefox: a sponsor chosen by name goes with the invitation; the history page resets a redemption', async () => {
  tenant.state.consented.push('User.Read.All', 'User.ReadWrite.All');
  // The form, or an earlier single invitation's result kept for a while: then "Invite someone else".
  const popup = await openAddonPage(browser, 'popup/popup.html', '[data-testid=invite], [data-testid=invite-another]');
  if (await popup.$('[data-testid=invite-another]')) await popup.click('[data-testid=invite-another]');
  await popup.waitForSelector('#email');
  await popup.locator('#email').fill('sly@fabrikam.com');
  if (!(await popup.$eval('details.advanced', (d) => d.open))) await popup.click('[data-testid=options-summary]');
  await popup.locator('[data-testid=sponsor-search]').fill('sam');
  const sam = await popup.waitForSelector('[data-testid=sponsor-add]', { timeout: 20_000 });
  await sam!.evaluate((button) => button.scrollIntoView({ block: 'center' }));
  await sam!.click();
  await popup.click('[data-testid=invite]');
  await popup.waitForSelector('[data-testid=result]', { timeout: 20_000 });
  const sent = tenant.invitations().find((i) => i.body.invitedUserEmailAddress === 'sly@fabrikam.com')!;
  expect(sent.body.invitedUserSponsors).toEqual([{ id: tenant.state.users.get('sam.sponsor@contoso.test')!.id }]);

  tenant.accept('sly@fabrikam.com');
  tenant.state.userRoles = ['User Administrator'];
  await new Promise((resolve) => setTimeout(resolve, 1500)); // the new guest replicates
  const history = await openAddonPage(browser, 'history/history.html', '[data-testid=refresh]');
  await history.click('[data-testid=refresh]');
  const reset = await history.waitForSelector('[data-testid=reset]', { timeout: 20_000 });
  await reset!.click();
  await history.waitForSelector('[data-testid=confirm-reset] select:not([disabled])', { timeout: 20_000 });
  await history.click('[data-testid=confirm-reset] button.danger');
  await history.waitForFunction(
    () =>
      document.querySelector('[data-testid=guest-action-status]')?.textContent ===
      'Redemption reset, new invitation sent',
    { timeout: 20_000 },
  );
  const guest = tenant.state.users.get('sly@fabrikam.com')!;
  expect([guest.externalUserState, guest.resetTo]).toEqual(['PendingAcceptance', 'sly@fabrikam.com']);
});

test('Firefox: a second profile signs in to its own directory; switching back needs no new sign-in', async () => {
  const fabrikam = await startSuiteTenant({ organization: FABRIKAM });
  try {
    const options = await openAddonPage(browser, 'options/options.html', '[data-testid=add-profile]');
    await options.click('[data-testid=add-profile]');
    await options.waitForFunction(() => (document.querySelector('#clientId') as HTMLInputElement).value === '');
    await options.locator('#profileName').fill('Fabrikam');
    await saveSignInSettings(options, FABRIKAM.domain, fabrikam.url);

    const popup = await openAddonPage(browser, 'popup/popup.html', '[data-testid=sign-in]');
    await popup.click('[data-testid=sign-in]');
    const signedInAs = (who: string) =>
      popup.waitForFunction(
        (name) => document.querySelector('[data-testid=account]')?.textContent?.includes(name),
        { timeout: 20_000 },
        who,
      );
    await signedInAs('pat@fabrikam.test');
    const contosoSignIns = tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`).length;
    // The switch starts the popup afresh (a reload): read its account until it is Contoso's.
    await popup.select('[data-testid=profile-switcher]', 'default');
    const account = () =>
      popup.evaluate(() => document.querySelector('[data-testid=account][aria-busy=false]')?.textContent ?? '');
    await expect.poll(() => account().catch(() => ''), { timeout: 20_000 }).toContain('Tenant Contoso (contoso.test)');
    expect(tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`)).toHaveLength(contosoSignIns);
  } finally {
    await fabrikam.close();
  }
});

test('Firefox: the page scanner finds every corpus address, with its name, and no decoy', async () => {
  const pages = await servePages();
  // As the corpus is scored: addresses compared without case (the local part keeps the page's), names exactly.
  const byAddress = (list: Found[]) =>
    list.map((f) => ({ ...f, address: f.address.toLowerCase() })).sort((a, b) => a.address.localeCompare(b.address));
  try {
    for (const file of readdirSync(resolve(import.meta.dirname, '../corpus')).filter((f) => f.endsWith('.html'))) {
      const page = await browser.newPage();
      await page.goto(`${pages.url}/${file}`);
      await page.addScriptTag({ path: resolve(FIREFOX_DIR, 'content/scan.js') });
      const { found, expected } = await page.evaluate(() => ({
        found: (globalThis as unknown as { __guestInviteScan: (mode: string) => { found: Found[] } }).__guestInviteScan(
          'page',
        ).found,
        expected: JSON.parse(document.getElementById('expected')!.textContent) as Found[],
      }));
      expect(byAddress(found), file).toEqual(byAddress(expected));
      await page.close();
    }
  } finally {
    pages.close();
  }
});
