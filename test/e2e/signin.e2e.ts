// Sign-in lifecycle: it survives popup, worker and browser restarts, renews silently, and a
// cancelled or refused sign-in leaves nothing stuck.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  configureFor,
  fillInvite,
  launch,
  openFreshPopup,
  openPopup,
  signIn,
  stopServiceWorker,
  storedCredentialKinds,
  submitInvite,
  type Launched,
  startSuiteTenant,
  confirmedAccount,
} from './harness';

let tenant: Awaited<ReturnType<typeof startSuiteTenant>>;
let browser: Launched;
const authorizeCalls = () => tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`);
const tokenGrants = () =>
  tenant.requests('POST', `/${tenant.tenantId}/oauth2/v2.0/token`).map((r) => r.body.grant_type);

beforeAll(async () => {
  // Access tokens shorter than MSAL's 5-minute renewal margin: every Graph call renews silently.
  tenant = await startSuiteTenant({ accessTokenSeconds: 240 });
  browser = await launch();
  await configureFor(browser.worker, tenant);
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});

describe('sign-in lifecycle', () => {
  test('stays signed in across popup reopen, a worker stop and a closed offscreen document', async () => {
    const first = await openPopup(browser.context, browser.extensionId);
    await signIn(first);
    await first.close();
    expect(authorizeCalls()).toHaveLength(1);

    const second = await openPopup(browser.context, browser.extensionId);
    await confirmedAccount(second).waitFor();
    await browser.context.serviceWorkers()[0].evaluate(() => Object.assign(globalThis, { beforeStop: true }));
    await stopServiceWorker(browser.context, second);
    await second.reload();
    await confirmedAccount(second).waitFor();
    // A fresh worker (the old globals are gone) still finds the signed-in account.
    expect(await browser.context.serviceWorkers()[0].evaluate(() => 'beforeStop' in globalThis)).toBe(false);

    // Chrome may also close the offscreen document: the account comes back from MSAL's cache.
    await browser.context.serviceWorkers()[0].evaluate(() => chrome.offscreen.closeDocument());
    await second.reload();
    await confirmedAccount(second).waitFor();
    expect(authorizeCalls()).toHaveLength(1);
    await second.close();
  });

  test('a lost refresh token is renewed by a silent prompt=none round trip', async () => {
    tenant.reset();
    tenant.revokeRefreshTokens();
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'silent@fabrikam.example' });
    await submitInvite(popup);
    await popup.getByTestId('result').waitFor();
    const calls = authorizeCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0].query.prompt).toBe('none');
    await popup.close();
  });

  test('stays signed in after a browser restart and renews through the refresh token', async () => {
    await browser.context.close();
    tenant.reset();
    browser = await launch(browser.userDataDir);
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'restart@fabrikam.example' });
    await submitInvite(popup);
    await popup.getByTestId('result').waitFor();
    expect(authorizeCalls()).toHaveLength(0);
    expect(tokenGrants()).toEqual(['refresh_token']);
    await popup.close();
  });

  test('with no session left, the invite asks to sign in again and sends nothing', async () => {
    tenant.reset();
    tenant.revokeRefreshTokens();
    tenant.dropSessions();
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'expired@fabrikam.example' });
    await submitInvite(popup);
    await expect.poll(() => popup.locator('.error-box').innerText()).toContain('Sign in again');
    expect(tenant.invitations()).toHaveLength(0);
    // Trying again at once does not send Entra one silent request after another (AADSTS50196).
    for (let i = 0; i < 3; i++) {
      await submitInvite(popup);
      await expect.poll(() => popup.locator('.error-box').innerText()).toContain('Sign in again');
    }
    const silent = authorizeCalls().filter((r) => r.query.prompt === 'none');
    expect(silent).toHaveLength(1);
    // Signing in again right there lets the same invitation go out.
    await popup.getByTestId('sign-in').click();
    await expect.poll(() => popup.locator('.error-box').count()).toBe(0);
    await submitInvite(popup);
    await popup.getByTestId('result').waitFor();
    expect(tenant.invitations()).toHaveLength(1);
    await popup.close();
  });

  test('a refused sign-in says so, leaves no interaction stuck, and the next sign-in works', async () => {
    const popup = await openPopup(browser.context, browser.extensionId);
    await popup.getByTestId('sign-out').click();
    tenant.reset();
    tenant.setAuthorizeMode('deny');
    await popup.getByTestId('sign-in').click();
    await expect.poll(() => popup.locator('.error-box').innerText()).toContain('Sign-in was refused');
    tenant.setAuthorizeMode('ok');
    await signIn(popup);
    expect(authorizeCalls()).toHaveLength(2);
    await popup.close();
  });

  test('a closed sign-in window reads as cancelled, and signing in again works', async () => {
    const popup = await openPopup(browser.context, browser.extensionId);
    await popup.getByTestId('sign-out').click();
    await popup.getByTestId('sign-in').waitFor();
    tenant.reset();
    tenant.setAuthorizeMode('hang');
    const authWindow = browser.context.waitForEvent('page', (p) => p.url().includes('/oauth2/v2.0/authorize'));
    await popup.getByTestId('sign-in').click();
    await (await authWindow).close();
    await expect.poll(() => popup.locator('.error-box').innerText()).toContain('Sign-in was cancelled');
    tenant.setAuthorizeMode('ok');
    await signIn(popup);
    await popup.close();
  });

  test('sign out removes the account and every token', async () => {
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    // One access token per permission asked for (inviting; reading the directory's name at sign-in).
    expect(await storedCredentialKinds(popup)).toEqual(['accesstoken', 'accesstoken', 'idtoken', 'refreshtoken']);
    await popup.getByTestId('sign-out').click();
    await popup.getByTestId('sign-in').waitFor();
    expect(await storedCredentialKinds(popup)).toEqual([]);
    expect(await popup.getByTestId('invite').isDisabled()).toBe(true);
    await popup.reload();
    await popup.getByTestId('sign-in').waitFor();
    await popup.close();
  });

  test('sign out everywhere also ends the Microsoft session in the browser (the logout endpoint)', async () => {
    const popup = await openPopup(browser.context, browser.extensionId);
    await signIn(popup); // the test before signed out
    tenant.reset();
    expect(tenant.state.sessions.size).toBeGreaterThan(0);
    await popup.getByTestId('sign-out-everywhere').click();
    await popup.getByTestId('sign-in').waitFor();
    const [logout] = tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/logout`);
    expect(logout.query.post_logout_redirect_uri).toBe(`https://${browser.extensionId}.chromiumapp.org/`);
    expect(tenant.state.sessions.size).toBe(0);
    expect(await storedCredentialKinds(popup)).toEqual([]);
    expect(await popup.getByTestId('signed-out').innerText()).toContain('history stays');
    await signIn(popup);
    await popup.close();
  });

  test('the host closes after 30 s with nothing to do, and the next invitation opens it again', async () => {
    const offscreenOpen = () =>
      browser.context
        .serviceWorkers()[0]
        .evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length);
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    expect(await offscreenOpen()).toBe(1);
    await expect.poll(offscreenOpen, { timeout: 45_000, interval: 1000 }).toBe(0);
    // Signed in all the same: MSAL's cache is in localStorage, not in the closed document.
    tenant.reset();
    await fillInvite(popup, { email: 'after.idle@fabrikam.test' });
    await submitInvite(popup);
    await popup.getByTestId('result').waitFor();
    expect(authorizeCalls()).toEqual([]);
    expect(await offscreenOpen()).toBe(1);
    await popup.close();
  });

  test('the popup opens with the remembered account and corrects it by what the background says', async () => {
    const popup = await openPopup(browser.context, browser.extensionId);
    const username = await confirmedAccount(popup).locator('.muted').first().innerText();
    // Another account remembered than the one signed in: the background's answer wins.
    await popup.evaluate(() => {
      const view = JSON.parse(localStorage.getItem('popupFirstView')!);
      view.status.account.username = 'someone.else@fabrikam.test';
      localStorage.setItem('popupFirstView', JSON.stringify(view));
    });
    await popup.reload();
    await expect.poll(() => confirmedAccount(popup).innerText()).toContain(username);
    expect(await popup.getByText('someone.else@fabrikam.test').count()).toBe(0);
    // Damaged memory is no memory: the popup waits for the background instead.
    await popup.evaluate(() => localStorage.setItem('popupFirstView', '{"configured":"yes"'));
    await popup.reload();
    await confirmedAccount(popup).waitFor();
    const remembered = () => popup.evaluate(() => localStorage.getItem('popupFirstView'));
    await expect.poll(async () => JSON.parse((await remembered()) ?? '{}').configured).toBe(true);
    await popup.close();
  });

  test('an app the tenant does not know is refused at the authorize page, and nothing is issued', async () => {
    await browser.worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get<{ settings: Record<string, unknown> }>('settings');
      await chrome.storage.local.set({ settings: { ...settings, clientId: '11111111-2222-4333-8444-555555555555' } });
    });
    const popup = await openPopup(browser.context, browser.extensionId);
    await popup.getByTestId('sign-in').waitFor();
    tenant.reset();
    const issuedBefore = tenant.state.accessTokens.size;
    await popup.getByTestId('sign-in').click();
    // Chrome does not show an error page answered with 400: the sign-in fails and says what to check.
    await expect.poll(() => popup.locator('.error-box').innerText()).toContain('check the client ID');
    const [authorize] = tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`);
    expect(authorize.status).toBe(400);
    expect(tenant.requests('POST', `/${tenant.tenantId}/oauth2/v2.0/token`)).toEqual([]);
    expect(tenant.state.accessTokens.size).toBe(issuedBefore);
    await configureFor(browser.worker, tenant);
    await popup.close();
  });
});
