import { describe, expect, test } from 'vitest';
import { buildInvitationBody, checkInvite } from '../../src/core/invitation';
import { inviteFor } from '../support/fixtures';

const base = inviteFor(' jane@fabrikam.com ');

describe('buildInvitationBody', () => {
  test('minimum: address, redirect, mail flag, type', () => {
    expect(buildInvitationBody(base)).toEqual({
      invitedUserEmailAddress: 'jane@fabrikam.com',
      inviteRedirectUrl: 'https://myapps.microsoft.com',
      sendInvitationMessage: true,
      invitedUserType: 'Guest',
    });
  });
  test('everything: name, message, language, one CC, Member', () => {
    const body = buildInvitationBody({
      ...base,
      displayName: ' Jane Doe ',
      message: ' Hello ',
      messageLanguage: 'fr-FR',
      cc: 'pm@contoso.com',
      userType: 'Member',
    });
    expect(body).toEqual({
      invitedUserEmailAddress: 'jane@fabrikam.com',
      inviteRedirectUrl: 'https://myapps.microsoft.com',
      sendInvitationMessage: true,
      invitedUserType: 'Member',
      invitedUserDisplayName: 'Jane Doe',
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
