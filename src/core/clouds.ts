// Sign-in authority and Graph host for each Microsoft cloud (graph.md, section 13), plus a custom
// pair of endpoints for the simulated tenant and other test set-ups.

export type CloudId = 'global' | 'usgov' | 'usgovdod' | 'china' | 'custom';

export interface AuthConfig {
  clientId: string;
  tenant: string;
  cloud: CloudId;
  customAuthority: string;
  customGraph: string;
  /** The app is registered for any organization's directory (then `organizations` is allowed). */
  multiTenant?: boolean;
  /** Ask for every permission at sign-in (one admin consent covers all) instead of when first needed. */
  askAllAtSignIn?: boolean;
}

const CLOUDS: Record<Exclude<CloudId, 'custom'>, { login: string; graph: string }> = {
  global: { login: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
  usgov: { login: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
  usgovdod: { login: 'https://login.microsoftonline.us', graph: 'https://dod-graph.microsoft.us' },
  china: { login: 'https://login.chinacloudapi.cn', graph: 'https://microsoftgraph.chinacloudapi.cn' },
};

export const CLOUD_IDS: CloudId[] = ['global', 'usgov', 'usgovdod', 'china', 'custom'];

export interface Endpoints {
  authority: string;
  /** Set for custom endpoints so MSAL never asks Microsoft's discovery service. */
  knownAuthorities: string[];
  authorityMetadata?: string;
  /** Where the Graph client sends requests (it appends the version). */
  graphBaseUrl: string;
  /** Hosts the Graph client may attach tokens to besides Microsoft's own. */
  customHosts: string[];
  /** What goes before a permission's name in a scope: nothing on the global cloud, the Graph host elsewhere. */
  scopePrefix: string;
}

const trimSlash = (url: string) => url.trim().replace(/\/+$/u, '');

export function resolveEndpoints(config: AuthConfig): Endpoints {
  const tenant = config.tenant.trim();
  if (config.cloud !== 'custom') {
    const cloud = CLOUDS[config.cloud];
    return {
      authority: `${cloud.login}/${tenant}`,
      knownAuthorities: [],
      graphBaseUrl: cloud.graph,
      customHosts: [],
      scopePrefix: config.cloud === 'global' ? '' : `${cloud.graph}/`,
    };
  }
  const login = trimSlash(config.customAuthority);
  const graph = trimSlash(config.customGraph);
  const base = `${login}/${tenant}`;
  return {
    authority: base,
    knownAuthorities: [new URL(login).host],
    authorityMetadata: JSON.stringify({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
    }),
    graphBaseUrl: graph,
    customHosts: [new URL(graph).hostname],
    scopePrefix: `${graph}/`,
  };
}

/** A stable fingerprint: when it changes, tokens of the old configuration are useless. */
export function configKey(config: AuthConfig): string {
  return [config.clientId, config.tenant, config.cloud, config.customAuthority, config.customGraph]
    .map((part) => part.trim().toLowerCase())
    .join('|');
}
