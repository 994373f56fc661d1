import { describe, expect, test } from 'vitest';
import {
  checkAddress,
  checkCc,
  checkClientId,
  checkMessage,
  checkRedirectUrl,
  checkTenant,
  LIMITS,
} from '../../src/core/validate';

const key = (p: { key: string } | null) => p?.key ?? null;

describe('checkAddress', () => {
  test.each([
    'jane@contoso.com',
    'j.doe-x_y@sub.fabrikam.co.uk',
    'ünïcødé@bücher.de',
    'a@xn--bcher-kva.de',
    '  sam@northwind.io  ',
  ])('accepts %s', (a) => {
    expect(checkAddress(a)).toBeNull();
  });
  test.each([
    ['', 'errEmailRequired'],
    ['jane', 'errEmailFormat'],
    ['jane@', 'errEmailFormat'],
    ['@contoso.com', 'errEmailFormat'],
    ['a@b@contoso.com', 'errEmailFormat'],
    ['jane doe@contoso.com', 'errEmailSpaces'],
    ['jane+tag@contoso.com', 'errEmailChar'],
    ['ja"ne@contoso.com', 'errEmailChar'],
    ['.jane@contoso.com', 'errEmailDots'],
    ['jane.@contoso.com', 'errEmailDots'],
    ['-jane@contoso.com', 'errEmailDots'],
    ['ja..ne@contoso.com', 'errEmailDots'],
    ['user@localhost', 'errEmailDomain'],
    ['a@b.c', 'errEmailDomain'],
    ['a@-bad.com', 'errEmailDomain'],
    ['a@contoso.123', 'errEmailDomain'],
    ['admin@printer.local', 'errEmailInfrastructure'],
    ['ops@corp.internal', 'errEmailInfrastructure'],
    ['x@1.0.0.127.in-addr.arpa', 'errEmailInfrastructure'],
    ['hidden@abcdefghijklmnop.onion', 'errEmailInfrastructure'],
  ])('rejects %j with %s', (a, expected) => {
    expect(key(checkAddress(a))).toBe(expected);
  });
  test('names the refused character', () => {
    expect(checkAddress('first+tag@x.com')).toEqual({ key: 'errEmailChar', subs: ['+'] });
  });
  test('enforces the RFC 5321 lengths', () => {
    expect(key(checkAddress(`${'a'.repeat(64)}@contoso.com`))).toBeNull();
    expect(key(checkAddress(`${'a'.repeat(65)}@contoso.com`))).toBe('errEmailLocalTooLong');
    const longDomain = `${Array.from({ length: 5 }, () => 'd'.repeat(60)).join('.')}.com`;
    expect(key(checkAddress(`jane@${longDomain}`))).toBe('errEmailTooLong');
    expect(LIMITS.address).toBe(254);
  });
});

describe('checkRedirectUrl', () => {
  test.each(['https://myapps.microsoft.com', 'http://intranet.contoso.com/welcome?x=1'])('accepts %s', (u) => {
    expect(checkRedirectUrl(u)).toBeNull();
  });
  test.each([
    ['', 'errRedirectRequired'],
    ['javascript:alert(1)', 'errRedirectScheme'],
    ['data:text/html,hi', 'errRedirectScheme'],
    ['/relative/path', 'errRedirectScheme'],
    ['myapps.microsoft.com', 'errRedirectScheme'],
    ['ftp://files.contoso.com', 'errRedirectScheme'],
  ])('rejects %j', (u, expected) => {
    expect(key(checkRedirectUrl(u))).toBe(expected);
  });
});

describe('checkCc and checkMessage', () => {
  test('one CC only', () => {
    expect(checkCc('')).toBeNull();
    expect(checkCc('pm@contoso.com')).toBeNull();
    expect(key(checkCc('a@contoso.com, b@contoso.com'))).toBe('errCcOne');
    expect(key(checkCc('a@contoso.com;b@contoso.com'))).toBe('errCcOne');
    expect(key(checkCc('not-an-address'))).toBe('errCcInvalid');
  });
  test('message limit', () => {
    expect(checkMessage('x'.repeat(LIMITS.message))).toBeNull();
    expect(key(checkMessage('x'.repeat(LIMITS.message + 1)))).toBe('errMessageTooLong');
  });
});

describe('settings checks', () => {
  test('client id is a GUID', () => {
    expect(checkClientId('3f6c1b2a-9d8e-4c7b-a6f5-1e2d3c4b5a69')).toBeNull();
    expect(key(checkClientId('my-app'))).toBe('errClientId');
  });
  test('tenant is a GUID or a domain; organizations/common only for a multi-tenant app; never consumers', () => {
    for (const ok of ['8b2f3c1e-5d4a-4f6b-9c8d-7e6f5a4b3c2d', 'contoso.onmicrosoft.com'])
      expect(checkTenant(ok)).toBeNull();
    for (const bad of ['consumers', '', 'not a tenant']) expect(key(checkTenant(bad))).toBe('errTenant');
    for (const shared of ['organizations', 'Common']) {
      expect(key(checkTenant(shared))).toBe('errTenantSingle');
      expect(checkTenant(shared, true)).toBeNull();
    }
    expect(key(checkTenant('consumers', true))).toBe('errTenant');
  });
});

describe('redirect URL', async () => {
  const { checkRedirectUrl, redirectWarning } = await import('../../src/core/validate');
  test('a name and password in the link are refused; http: is accepted with a warning', () => {
    expect(checkRedirectUrl('https://user:secret@contoso.com/welcome')).toEqual({ key: 'errRedirectCredentials' });
    expect(checkRedirectUrl('https://admin@contoso.com/')).toEqual({ key: 'errRedirectCredentials' });
    expect(checkRedirectUrl('http://intranet.contoso.com/')).toBeNull();
    expect(redirectWarning('http://intranet.contoso.com/')).toEqual({ key: 'warnRedirectHttp' });
    expect(redirectWarning('https://contoso.com/')).toBeNull();
    expect(redirectWarning('http://user:pw@contoso.com/')).toBeNull();
  });
});
