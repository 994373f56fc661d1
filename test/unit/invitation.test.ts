import { describe, expect, test } from 'vitest';
import { buildInvitationBody, checkInvite, isMyApps, landingPage } from '../../src/core/invitation';
import { inviteFor } from '../support/fixtures';

const base = inviteFor(' jane@fabrikam.com ');

describe('landing page', () => {
  test("plain My Apps becomes the inviting tenant's My Apps; any other page is sent as chosen", () => {
    const tid = '8b2f3c1e-5d4a-4f6b-9c8d-7e6f5a4b3c2d';
    for (const bare of [
      'https://myapps.microsoft.com',
      'https://myapps.microsoft.com/',
      ' HTTPS://MyApps.Microsoft.com ',
    ])
      expect(landingPage(bare, tid)).toBe(`https://myapps.microsoft.com/?tenantid=${tid}`);
    expect(landingPage('https://myapps.microsoft.com', undefined)).toBe('https://myapps.microsoft.com');
    for (const other of ['https://contoso.sharepoint.com/sites/x', 'https://myapps.microsoft.com/?tenantid=other'])
      expect(landingPage(other, tid)).toBe(other);
    expect(isMyApps(`https://myapps.microsoft.com/?tenantid=${tid}`)).toBe(true);
    expect(isMyApps('https://myapps.microsoft.com.evil.example/')).toBe(false);
  });
  test('the body carries the completed landing page', () => {
    expect(buildInvitationBody(base, 'tid-1').inviteRedirectUrl).toBe('https://myapps.microsoft.com/?tenantid=tid-1');
  });
});

describe('buildInvitationBody', () => {
  test('minimum: address, redirect, mail flag, type', () => {
    expect(buildInvitationBody(base)).toEqual({
      invitedUserEmailAddress: 'jane@fabrikam.com',
      inviteRedirectUrl: 'https://myapps.microsoft.com',
      sendInvitationMessage: true,
      invitedUserType: 'Guest',
    });
  });
  test('everything: name, message, language, one CC, Member, sponsors (ids only)', () => {
    const body = buildInvitationBody({
      ...base,
      displayName: ' Jane Doe ',
      message: ' Hello ',
      messageLanguage: 'fr-FR',
      cc: 'pm@contoso.com',
      userType: 'Member',
      sponsors: [{ id: 'sam-id', displayName: 'Sam' }],
    });
    expect(body).toEqual({
      invitedUserEmailAddress: 'jane@fabrikam.com',
      inviteRedirectUrl: 'https://myapps.microsoft.com',
      sendInvitationMessage: true,
      invitedUserType: 'Member',
      invitedUserDisplayName: 'Jane Doe',
      invitedUserSponsors: [{ id: 'sam-id' }],
      invitedUserMessageInfo: {
        customizedMessageBody: 'Hello',
        messageLanguage: 'fr-FR',
        ccRecipients: [{ emailAddress: { address: 'pm@contoso.com' } }],
      },
    });
  });
  test('no mail: message, language and CC are not sent', () => {
    const body = buildInvitationBody({
      ...base,
      sendMail: false,
      message: 'Hello',
      messageLanguage: 'fr-FR',
      cc: 'pm@contoso.com',
    });
    expect(body.invitedUserMessageInfo).toBeUndefined();
    expect(body.sendInvitationMessage).toBe(false);
  });
});

describe('checkInvite', () => {
  test('a valid form has no problems', () => {
    expect(checkInvite(base)).toEqual({});
  });
  test('reports each bad field', () => {
    const problems = checkInvite({
      ...base,
      email: 'x',
      redirectUrl: 'javascript:alert(1)',
      cc: 'a@b.com;c@d.com',
      message: 'm'.repeat(5000),
    });
    expect(Object.keys(problems).sort()).toEqual(['cc', 'email', 'message', 'redirectUrl']);
  });
  test('mail-only fields are not checked when no mail is sent', () => {
    expect(checkInvite({ ...base, sendMail: false, cc: 'a@b.com;c@d.com' })).toEqual({});
  });
});
