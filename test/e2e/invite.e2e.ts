// One guest end to end: sign in through the simulated tenant with PKCE, fill the popup, invite,
// and check what Graph received.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  configureFor,
  fillInvite,
  launch,
  openFreshPopup,
  openPopup,
  signIn,
  submitInvite,
  type Launched,
  startSuiteTenant,
  confirmedAccount,
} from './harness';

let tenant: Awaited<ReturnType<typeof startSuiteTenant>>;
let browser: Launched;

beforeAll(async () => {
  tenant = await startSuiteTenant({ userIsAdmin: true }); // invites a Member too
  browser = await launch();
  await configureFor(browser.worker, tenant);
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});
beforeEach(() => tenant.reset());

describe('invite one guest', () => {
  test('signs in with auth code + PKCE and shows who is signed in to which tenant', async () => {
    const popup = await openPopup(browser.context, browser.extensionId);
    await signIn(popup);
    await expect.poll(() => confirmedAccount(popup).innerText()).toContain('alex@contoso.test');
    // The directory by its name and default domain (read at sign-in), its ID on hover.
    expect(await confirmedAccount(popup).innerText()).toContain('Tenant Contoso (contoso.test)');
    expect(await confirmedAccount(popup).locator(`[title="${tenant.tenantId}"]`).count()).toBe(1);

    const [authorize] = tenant.requests('GET', `/${tenant.tenantId}/oauth2/v2.0/authorize`);
    const [token] = tenant.requests('POST', `/${tenant.tenantId}/oauth2/v2.0/token`);
    expect(authorize.query.code_challenge_method).toBe('S256');
    expect(authorize.query.redirect_uri).toBe(`https://${browser.extensionId}.chromiumapp.org/`);
    expect(authorize.query.scope).toContain('User.Invite.All');
    expect(token.body.grant_type).toBe('authorization_code');
    const challenge = createHash('sha256').update(token.body.code_verifier).digest('base64url');
    expect(challenge).toBe(authorize.query.code_challenge);
    expect(token.headers.origin).toBe(`chrome-extension://${browser.extensionId}`);
    await popup.close();
  });

  test('sends the exact invitation body with the bearer token the tenant issued', async () => {
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, {
      email: 'jane.doe@fabrikam.example',
      displayName: 'Jane Doe',
      redirectUrl: 'https://contoso.sharepoint.com/sites/partners',
      message: 'Welcome to the Q3 project space.',
      language: 'nl-NL',
      cc: 'pm@contoso.test',
      member: true,
    });
    await submitInvite(popup);

    // What Graph receives for the guest: one invitation, a step of a JSON batch.
    const posts = tenant.invitations();
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toEqual({
      invitedUserEmailAddress: 'jane.doe@fabrikam.example',
      inviteRedirectUrl: 'https://contoso.sharepoint.com/sites/partners',
      sendInvitationMessage: true,
      invitedUserType: 'Member',
      invitedUserDisplayName: 'Jane Doe',
      invitedUserMessageInfo: {
        customizedMessageBody: 'Welcome to the Q3 project space.',
        messageLanguage: 'nl-NL',
        ccRecipients: [{ emailAddress: { address: 'pm@contoso.test' } }],
      },
    });
    const bearer = /^Bearer (.+)$/.exec(posts[0].headers.authorization ?? '')?.[1];
    expect(bearer && tenant.state.accessTokens.has(bearer)).toBe(true);

    const userId = tenant.state.users.get('jane.doe@fabrikam.example')!.id;
    await expect.poll(() => popup.getByTestId('user-id').innerText()).toBe(userId);
    expect(await popup.getByTestId('result').innerText()).toContain('Microsoft has emailed the invitation');
    expect(await popup.getByTestId('redeem-url').count()).toBe(0);
    await popup.close();
  });

  test('without mail it shows the redeem link with Copy and a compose action', async () => {
    const popup = await openFreshPopup(browser.context, browser.extensionId);
    await fillInvite(popup, { email: 'sam@northwind.example', displayName: 'Sam', sendMail: false });
    await submitInvite(popup);

    const [post] = tenant.invitations();
    expect(post.body).toEqual({
      invitedUserEmailAddress: 'sam@northwind.example',
      inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${tenant.tenantId}`, // the inviting tenant's My Apps
      sendInvitationMessage: false,
      invitedUserType: 'Guest',
      invitedUserDisplayName: 'Sam',
    });
    const link = await popup.getByTestId('redeem-url').inputValue();
    expect(link).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem\?rd=/);
    const compose = await popup.getByTestId('compose').getAttribute('href');
    expect(compose).toMatch(/^mailto:sam%40northwind\.example\?subject=/);
    expect(decodeURIComponent(compose!.split('body=')[1])).toContain(link);

    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.getByTestId('copy-redeem-url').click();
    expect(await popup.evaluate(() => navigator.clipboard.readText())).toBe(link);

    mkdirSync(resolve(import.meta.dirname, '../../docs'), { recursive: true });
    await popup.screenshot({ path: resolve(import.meta.dirname, '../../docs/popup-result.png') });
    await popup.close();
  });

  test('a reopened popup still shows the last result, and the form is ready for the next guest', async () => {
    const popup = await openPopup(browser.context, browser.extensionId);
    await popup.getByTestId('result').waitFor();
    expect(await popup.getByTestId('result').innerText()).toContain('sam@northwind.example');
    await popup.getByTestId('invite-another').click();
    expect(await popup.locator('#email').inputValue()).toBe('');
    await fillInvite(popup, {
      email: 'lee@tailspin.example',
      displayName: 'Lee Park',
      message: 'Hi Lee, welcome aboard.',
    });
    mkdirSync(resolve(import.meta.dirname, '../../docs'), { recursive: true });
    await popup.screenshot({ path: resolve(import.meta.dirname, '../../docs/popup.png') });
    await popup.close();
  });
});
