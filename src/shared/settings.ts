// What the user configures on the options page, stored in storage.local.
import browser from './browser';
import type { AuthConfig, CloudId } from '../core/clouds';
import type { InviteDefaults } from '../core/invitation';
import { checkClientId, checkTenant, checkHttpsEndpoint } from '../core/validate';

export type { InviteDefaults };

export interface Settings extends AuthConfig {
  defaults: InviteDefaults;
  /** Context menu: send at once with the defaults instead of opening the invite window. */
  inviteImmediately: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  clientId: '',
  tenant: 'organizations',
  cloud: 'global' as CloudId,
  customAuthority: '',
  customGraph: '',
  inviteImmediately: false,
  defaults: {
    redirectUrl: 'https://myapps.microsoft.com',
    message: '',
    sendMail: true,
    messageLanguage: '',
    userType: 'Guest',
  },
};

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(KEY))[KEY] as Partial<Settings> | undefined;
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    defaults: { ...DEFAULT_SETTINGS.defaults, ...stored?.defaults },
  };
}

/** Just what sign-in and Graph need, without the invitation defaults. */
export async function loadAuthConfig(): Promise<AuthConfig> {
  const { defaults: _defaults, inviteImmediately: _immediately, ...config } = await loadSettings();
  return config;
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEY]: settings });
}

/** True when sign-in can be attempted with these settings. */
export function isConfigured(config: AuthConfig): boolean {
  if (checkClientId(config.clientId) || checkTenant(config.tenant)) return false;
  if (config.cloud !== 'custom') return true;
  return !checkHttpsEndpoint(config.customAuthority) && !checkHttpsEndpoint(config.customGraph);
}
