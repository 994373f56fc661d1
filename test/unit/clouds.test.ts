import { describe, expect, test } from 'vitest';
import { resolveEndpoints, type AuthConfig } from '../../src/core/clouds';
import { closestMessageLanguage } from '../../src/core/languages';
import { adminConsentUrl, allScopes, scopeFor } from '../../src/core/permissions';

const config: AuthConfig = {
  clientId: 'id',
  tenant: 'contoso.com',
  cloud: 'global',
  customAuthority: '',
  customGraph: '',
};

describe('admin consent link', () => {
  test('names the tenant, the app, every permission and where to come back', () => {
    const link = new URL(
      adminConsentUrl(resolveEndpoints(config), ' id ', 'https://abc.chromiumapp.org/', ['invite', 'groups']),
    );
    expect(link.origin + link.pathname).toBe('https://login.microsoftonline.com/contoso.com/v2.0/adminconsent');
    expect(link.searchParams.get('client_id')).toBe('id');
    expect(link.searchParams.get('scope')).toBe('User.Invite.All GroupMember.ReadWrite.All');
    expect(link.searchParams.get('redirect_uri')).toBe('https://abc.chromiumapp.org/');
  });
});

describe('resolveEndpoints', () => {
  test('global uses Microsoft hosts and the short scope', () => {
    const e = resolveEndpoints(config);
    expect(e.authority).toBe('https://login.microsoftonline.com/contoso.com');
    expect(e.graphBaseUrl).toBe('https://graph.microsoft.com');
    expect(scopeFor(e, 'invite')).toBe('User.Invite.All');
    expect(allScopes(e)).toEqual(['User.Invite.All', 'User.Read.All', 'GroupMember.ReadWrite.All', 'User.Read']);
    expect(e.authorityMetadata).toBeUndefined();
  });
  // The published table (graph.md, section 13: learn.microsoft.com/graph/deployments), value by value.
  test.each([
    ['global', 'https://login.microsoftonline.com', 'https://graph.microsoft.com', ''],
    ['usgov', 'https://login.microsoftonline.us', 'https://graph.microsoft.us', 'https://graph.microsoft.us/'],
    [
      'usgovdod',
      'https://login.microsoftonline.us',
      'https://dod-graph.microsoft.us',
      'https://dod-graph.microsoft.us/',
    ],
    [
      'china',
      'https://login.chinacloudapi.cn',
      'https://microsoftgraph.chinacloudapi.cn',
      'https://microsoftgraph.chinacloudapi.cn/',
    ],
  ] as const)('%s: sign-in at %s, Graph at %s, scopes prefixed %j', (cloud, login, graph, prefix) => {
    const e = resolveEndpoints({ ...config, cloud });
    expect(e.authority).toBe(`${login}/contoso.com`);
    expect(e.graphBaseUrl).toBe(graph);
    expect(e.scopePrefix).toBe(prefix);
    expect(scopeFor(e, 'invite')).toBe(`${prefix}User.Invite.All`);
    expect(e.knownAuthorities).toEqual([]); // MSAL knows these clouds' metadata itself
    expect(e.customHosts).toEqual([]); // the Graph client sends tokens to these hosts on its own
    expect(new URL(adminConsentUrl(e, 'id', 'https://x.chromiumapp.org/', ['invite'])).origin).toBe(login);
  });
  test('national clouds use their own hosts and fully qualified scopes', () => {
    expect(scopeFor(resolveEndpoints({ ...config, cloud: 'usgov' }), 'read')).toBe(
      'https://graph.microsoft.us/User.Read.All',
    );
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
