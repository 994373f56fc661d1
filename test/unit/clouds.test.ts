import { describe, expect, test } from 'vitest';
import { resolveEndpoints, type AuthConfig } from '../../src/core/clouds';
import { closestMessageLanguage } from '../../src/core/languages';

const config: AuthConfig = {
  clientId: 'id',
  tenant: 'contoso.com',
  cloud: 'global',
  customAuthority: '',
  customGraph: '',
};

describe('resolveEndpoints', () => {
  test('global uses Microsoft hosts and the short scope', () => {
    const e = resolveEndpoints(config);
    expect(e.authority).toBe('https://login.microsoftonline.com/contoso.com');
    expect(e.graphBaseUrl).toBe('https://graph.microsoft.com');
    expect(e.scopes).toEqual(['User.Invite.All']);
    expect(e.authorityMetadata).toBeUndefined();
  });
  test('national clouds use their own hosts and fully qualified scopes', () => {
    expect(resolveEndpoints({ ...config, cloud: 'usgov' }).scopes).toEqual([
      'https://graph.microsoft.us/User.Invite.All',
    ]);
    expect(resolveEndpoints({ ...config, cloud: 'usgovdod' }).graphBaseUrl).toBe('https://dod-graph.microsoft.us');
    expect(resolveEndpoints({ ...config, cloud: 'china' }).authority).toBe(
      'https://login.chinacloudapi.cn/contoso.com',
    );
  });
  test('custom endpoints never need discovery', () => {
    const e = resolveEndpoints({
      ...config,
      cloud: 'custom',
      tenant: 't1',
      customAuthority: 'https://localhost:8443/',
      customGraph: 'https://localhost:8443',
    });
    expect(e.knownAuthorities).toEqual(['localhost:8443']);
    expect(JSON.parse(e.authorityMetadata!).token_endpoint).toBe('https://localhost:8443/t1/oauth2/v2.0/token');
    expect(e.customHosts).toEqual(['localhost']);
  });
});

test('message language follows the browser language', () => {
  expect(closestMessageLanguage('nl')).toBe('nl-NL');
  expect(closestMessageLanguage('fr-CA')).toBe('fr-FR');
  expect(closestMessageLanguage('sv_SE')).toBe('sv-SE');
  expect(closestMessageLanguage('xx')).toBe('en-US');
});
