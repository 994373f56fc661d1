// MSAL keeps its token cache in the host page's own localStorage and its per-sign-in state in
// sessionStorage; these are the only other places the extension writes to (see storage.ts).

const CONFIG_KEY = 'invite.configKey';

/** Another app registration or tenant than last time: the old accounts and tokens are useless, drop them. */
export function forgetOtherConfiguration(configKey: string): void {
  if (localStorage.getItem(CONFIG_KEY) === configKey) return;
  // MSAL v3 keys its entries by account/client ids, not one prefix.
  for (const item of Object.keys(localStorage)) {
    const value = localStorage.getItem(item) ?? '';
    if (item.startsWith('msal') || /"(?:credentialType|homeAccountId|realm)"/u.test(value))
      localStorage.removeItem(item);
  }
  localStorage.setItem(CONFIG_KEY, configKey);
}

/** Removes MSAL's per-interaction state (PKCE verifier, state, the in-progress flag). */
export function clearInteractionState(): void {
  for (const key of Object.keys(sessionStorage)) {
    if (key.startsWith('msal.')) sessionStorage.removeItem(key);
  }
}
