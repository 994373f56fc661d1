// What the user configures on the options page (stored as the `settings` entry of storage.ts).
import type { AuthConfig } from '../core/clouds';
import type { InviteDefaults } from '../core/invitation';
import { checkClientId, checkTenant, checkHttpsEndpoint } from '../core/validate';

export type { InviteDefaults };

/**
 * One directory a user works in, with its own app registration, cloud and invitation defaults
 * (consultants and MSPs keep several; see profiles.ts).
 */
export interface Profile extends AuthConfig {
  /** Stable while the profile exists; never exported (each browser makes its own). */
  id: string;
  /** What the user calls it ('' until named: the tenant stands in). */
  name: string;
  defaults: InviteDefaults;
}

/** The active profile's values are the settings' own fields: they are what the extension reads. */
export interface Settings extends Profile {
  /** The profiles not in use now. */
  otherProfiles: Profile[];
  /** Context menu: send at once with the defaults instead of opening the invite window. */
  inviteImmediately: boolean;
  /** Keep redeem links with the history (storage.local) instead of only until the browser closes. */
  keepRedeemLinks: boolean;
  /**
   * After a lost answer, how long a directory lookup that finds nobody is not yet proof that nothing
   * was created (replication takes seconds to minutes): only then is the invitation sent again.
   */
  lookupWindowSeconds: number;
}

/** The longest wait for replication the options page accepts (an hour). */
export const MAX_LOOKUP_WINDOW_S = 3600;

export const DEFAULT_SETTINGS: Settings = {
  id: 'default',
  name: '',
  otherProfiles: [],
  clientId: '',
  tenant: '',
  multiTenant: false,
  askAllAtSignIn: false,
  lookupWindowSeconds: 300,
  cloud: 'global',
  customAuthority: '',
  customGraph: '',
  inviteImmediately: false,
  keepRedeemLinks: false,
  defaults: {
    redirectUrl: 'https://myapps.microsoft.com',
    message: '',
    sendMail: true,
    messageLanguage: '',
    userType: 'Guest',
  },
};

/** Just what sign-in and Graph need, without the invitation defaults. */
export function authConfigOf(settings: Settings): AuthConfig {
  const { clientId, tenant, cloud, customAuthority, customGraph, multiTenant, askAllAtSignIn } = settings;
  return { clientId, tenant, cloud, customAuthority, customGraph, multiTenant, askAllAtSignIn };
}

/** True when sign-in can be attempted with these settings. */
export function isConfigured(config: AuthConfig): boolean {
  if (checkClientId(config.clientId) || checkTenant(config.tenant, config.multiTenant)) return false;
  if (config.cloud !== 'custom') return true;
  return !checkHttpsEndpoint(config.customAuthority) && !checkHttpsEndpoint(config.customGraph);
}
