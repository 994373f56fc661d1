// MSAL keeps its token cache in the host page's own localStorage and its per-sign-in state in
// sessionStorage; these are the only other places the extension writes to (see storage.ts).

import type { AccountMemory } from '../auth/auth-service';

/** Before profiles, the one configuration signed in was recorded here. */
const LEGACY_CONFIG_KEY = 'invite.configKey';
const ACCOUNT_PREFIX = 'invite.account.';

/**
 * Which of MSAL's accounts belongs to a configuration (clouds.ts configKey): each profile keeps its
 * own sign-in, side by side in MSAL's one cache. Checked when read, like everything stored.
 */
export function accountMemory(configKey: string): AccountMemory {
  const key = ACCOUNT_PREFIX + configKey;
  return {
    read: () => remembered(key),
    othersUse: (homeAccountId, configKeys) =>
      configKeys.some(
        (other) => other !== configKey && remembered(ACCOUNT_PREFIX + other)?.homeAccountId === homeAccountId,
      ),
    takeOverLegacy() {
      if (localStorage.getItem(LEGACY_CONFIG_KEY) !== configKey) return false;
      localStorage.removeItem(LEGACY_CONFIG_KEY);
      return true;
    },
    write(account) {
      if (account) localStorage.setItem(key, JSON.stringify(account));
      else localStorage.removeItem(key);
    },
  };
}

/** Removes MSAL's per-interaction state (PKCE verifier, state, the in-progress flag). */
export function clearInteractionState(): void {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith('msal.')) sessionStorage.removeItem(key);
  }
}

/** The account remembered under a key, if what is stored there is one. */
function remembered(key: string): { homeAccountId: string; tenantId: string } | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
    if (!value || typeof value !== 'object') return undefined;
    const { homeAccountId, tenantId } = value as Record<string, unknown>;
    return typeof homeAccountId === 'string' && typeof tenantId === 'string' ? { homeAccountId, tenantId } : undefined;
  } catch {
    return undefined;
  }
}
