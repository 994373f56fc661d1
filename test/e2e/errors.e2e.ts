// Bad input stops in the popup (zero Graph requests); Graph failures come back in plain words.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Fault, Tenant } from '../tenant/tenant.mjs';
import {
  fillInvite,
  openFreshPopup,
  pasteAddresses,
  startSignedIn,
  submitInvite,
  type InviteFields,
  type Launched,
} from './harness';

let tenant: Tenant;
let browser: Launched;
/** Invitations as Graph receives them: each one a step of a JSON batch. */
const invitationPosts = () => tenant.invitations();

beforeAll(async () => {
  ({ tenant, browser } = await startSignedIn());
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});
beforeEach(() => tenant.reset());

describe('bad input never reaches Graph', () => {
  test('a pasted list: what Graph refuses is listed with its reason, never ticked, never sent', async () => {
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await pasteAddresses(
      popup,
      'Ann <ann@fabrikam.com>; bo+news@fabrikam.com; "Cy" <c#y@fabrikam.com>; dee@litware.com',
    );
    await popup.getByTestId('addresses').waitFor();
    const listed = await popup.locator('.addresses .address').allInnerTexts();
    // c#y@… is one mailbox Graph refuses: nothing of it is listed, least of all y@fabrikam.com (a stranger).
    expect(listed).toEqual(['ann@fabrikam.com', 'bo+news@fabrikam.com', 'dee@litware.com']);
    const plus = popup.locator('li', { hasText: 'bo+news@fabrikam.com' });
    expect(await plus.innerText()).toContain('does not accept "+"');
    expect(await plus.getByRole('checkbox').isDisabled()).toBe(true);
    await popup.getByTestId('select-all').click();
    expect(await plus.getByRole('checkbox').isChecked()).toBe(false);
    expect(await popup.getByTestId('invite').innerText()).toMatch(/^Invite 2 guests/);
    await popup.getByTestId('invite').click();
    await expect.poll(() => popup.getByTestId('batch-summary').innerText()).toMatch(/^2 invited/);
    expect(invitationPosts().map((p) => p.body.invitedUserEmailAddress)).toEqual([
      'ann@fabrikam.com',
      'dee@litware.com',
    ]);
    await popup.close();
  });

  test.each<[string, InviteFields, string, string]>([
    ['malformed address', { email: 'jane.fabrikam.example' }, '#email-error', 'is not an email address'],
    ['plus address', { email: 'jane+news@fabrikam.example' }, '#email-error', 'does not accept "+"'],
    ['character Graph refuses', { email: 'ja#ne@fabrikam.example' }, '#email-error', 'does not accept "#"'],
    ['local part over 64', { email: `${'a'.repeat(65)}@fabrikam.example` }, '#email-error', 'longer than 64'],
    [
      'address over 254',
      { email: `jane@${'d'.repeat(60)}.${'d'.repeat(60)}.${'d'.repeat(60)}.${'d'.repeat(60)}.example` },
      '#email-error',
      'longer than 254',
    ],
    ['host without a TLD', { email: 'jane@localhost' }, '#email-error', 'is not a valid domain'],
    [
      'javascript: redirect',
      { email: 'ok@fabrikam.example', redirectUrl: 'javascript:alert(1)' },
      '#redirectUrl-error',
      'https://',
    ],
    [
      'data: redirect',
      { email: 'ok@fabrikam.example', redirectUrl: 'data:text/html,<b>x</b>' },
      '#redirectUrl-error',
      'https://',
    ],
    ['relative redirect', { email: 'ok@fabrikam.example', redirectUrl: '/welcome' }, '#redirectUrl-error', 'https://'],
    [
      'name and password in the redirect',
      { email: 'ok@fabrikam.example', redirectUrl: 'https://user:secret@contoso.com/welcome' },
      '#redirectUrl-error',
      'name and password',
    ],
    [
      'two CC recipients',
      { email: 'ok@fabrikam.example', cc: 'a@contoso.test; b@contoso.test' },
      '#cc-error',
      'one person only',
    ],
    ['over-long message', { email: 'ok@fabrikam.example', message: 'x'.repeat(2001) }, '#message-error', 'under 2000'],
  ])('%s', async (_name, fields, errorSelector, text) => {
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, fields);
    await popup.getByTestId('invite').click();
    await expect.poll(() => popup.locator(errorSelector).innerText()).toContain(text);
    expect(await popup.locator(`${errorSelector.replace('-error', '')}`).getAttribute('aria-invalid')).toBe('true');
    expect(invitationPosts()).toHaveLength(0);
    await popup.close();
  });
});

describe('Graph failures in plain words', () => {
  const invitations = '/v1.0/invitations';
  test.each<[string, Fault, string, number]>([
    [
      '400 bad address',
      {
        path: invitations,
        status: 400,
        body: { error: { code: 'BadRequest', message: 'The invited user email address is invalid.' } },
      },
      'says the email address is invalid',
      1,
    ],
    [
      '401 after every renewal of the token (three)',
      {
        path: invitations,
        status: 401,
        times: 4,
        body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired.' } },
      },
      'Sign in again',
      4,
    ],
    [
      '403 invitations not allowed',
      {
        path: invitations,
        status: 403,
        body: {
          error: {
            code: 'Forbidden',
            message:
              'Guest invitations not allowed for your company. Contact your company administrator for more details.',
          },
        },
      },
      'Guest invitations are not allowed for your account',
      1,
    ],
    [
      '403 missing permission',
      {
        path: invitations,
        status: 403,
        body: {
          error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
        },
      },
      'User.Invite.All',
      1,
    ],
    [
      '404',
      { path: invitations, status: 404, body: { error: { code: 'UnknownError', message: '' } } },
      'Check the cloud in the settings',
      1,
    ],
    [
      '429 until the retries run out (throttling uses up no attempts: 20 of them)',
      { path: invitations, status: 429, retryAfter: 0, times: 20 },
      'Microsoft Graph is busy. Try again in 1 seconds',
      20,
    ],
  ])('%s', async (_name, fault, text, posts) => {
    tenant.fault(fault);
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'failure@fabrikam.example' });
    await submitInvite(popup);
    await expect.poll(() => popup.locator('.error-box').innerText(), { timeout: 15_000 }).toContain(text);
    expect(invitationPosts()).toHaveLength(posts);
    // The form keeps what was typed, ready to retry.
    expect(await popup.locator('#email').inputValue()).toBe('failure@fabrikam.example');
    await popup.close();
  });

  test('a 500 may come after the work: looked up (nobody there, through the window), then sent once more', async () => {
    tenant.fault({ path: invitations, status: 500 });
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'second-try@fabrikam.example' });
    await popup.getByTestId('invite').click();
    await popup.getByTestId('result').waitFor({ timeout: 15_000 });
    expect(invitationPosts().map((p) => p.status)).toEqual([500, 201]);
    expect(tenant.state.inviteCounts.get('second-try@fabrikam.example')).toBe(1);
    await popup.close();
  });

  test('a connection lost again and again: looked up before resending, invited once', async () => {
    tenant.fault({ path: invitations, reset: true, times: 5 });
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'unlucky@fabrikam.example' });
    await popup.getByTestId('invite').click();
    await popup.getByTestId('result').waitFor({ timeout: 30_000 });
    expect(invitationPosts()).toHaveLength(6);
    // The directory was asked whether the guest already existed. (Not before every resend: the browser
    // itself sends a request again when a reused connection drops before any byte of the answer.)
    const lookups = tenant
      .requests('POST', '/v1.0/$batch')
      .filter((r) => r.body.requests.some((q: { url: string }) => q.url.startsWith('/users?')));
    expect(lookups.length).toBeGreaterThanOrEqual(1);
    expect(tenant.state.inviteCounts.get('unlucky@fabrikam.example')).toBe(1);
    await popup.close();
  });

  test('a 401 with a revoked token renews it once and goes through', async () => {
    tenant.fault({ path: invitations, status: 401 });
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'renewed@fabrikam.example' });
    await submitInvite(popup);
    await popup.getByTestId('result').waitFor();
    const posts = invitationPosts();
    expect(posts).toHaveLength(2);
    expect(posts[0].headers.authorization).not.toBe(posts[1].headers.authorization);
    await popup.close();
  });

  test('a 429 is retried after Retry-After and the guest is invited once', async () => {
    tenant.fault({ path: invitations, status: 429, retryAfter: 1 });
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'patient@fabrikam.example' });
    await submitInvite(popup);
    await popup.getByTestId('result').waitFor();
    const posts = invitationPosts();
    expect(posts.map((p) => p.status)).toEqual([429, 201]);
    expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(900);
    expect(tenant.state.users.has('patient@fabrikam.example')).toBe(true);
    await popup.close();
  });

  test('two clicks on Invite send one invitation', async () => {
    tenant.state.latencyMs = 300;
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'once@fabrikam.example' });
    await popup.getByTestId('invite').dblclick({ force: true });
    await popup.getByTestId('result').waitFor();
    tenant.state.latencyMs = 0;
    expect(invitationPosts()).toHaveLength(1);
    await popup.close();
  });
});
