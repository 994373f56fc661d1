// The delegated Graph permissions the extension asks for, one per kind of work, and the admin-consent
// link for an administrator when the signed-in user may not grant them (AADSTS90094).
import type { Endpoints } from './clouds';

/** What a Graph call is for; each asks for its own permission only when first needed. */
export const PURPOSES = ['invite', 'read', 'groups', 'domains', 'writeUsers', 'packages', 'assignPackages'] as const;
export type Purpose = (typeof PURPOSES)[number];
/**
 * What every-day work needs: asked for at sign-in when the user chooses "all", checked by the set-up
 * assistant, covered by the administrator's link. Writing to users (User.ReadWrite.All: resetting a
 * redemption, setting a guest's details) is asked for only when someone does it.
 */
export const EVERYDAY: Purpose[] = ['invite', 'read', 'groups', 'domains'];

export const PERMISSION: Record<Purpose, string> = {
  invite: 'User.Invite.All',
  // Reading externalUserState (lookups, history) takes User.Read.All, not User.ReadBasic.All.
  read: 'User.Read.All',
  groups: 'GroupMember.ReadWrite.All',
  // The organization's verified domains: User.Read is the least privileged permission that reads them.
  domains: 'User.Read',
  writeUsers: 'User.ReadWrite.All',
  // Entitlement management: listing access packages and their assignment requests; assigning them.
  packages: 'EntitlementManagement.Read.All',
  assignPackages: 'EntitlementManagement.ReadWrite.All',
};

/** A permission as the cloud wants it asked for: short on the global cloud, prefixed by the Graph host elsewhere. */
export function scopeFor(endpoints: Endpoints, purpose: Purpose): string {
  return `${endpoints.scopePrefix}${PERMISSION[purpose]}`;
}

/** Every permission at once: one administrator's consent then covers all features. */
export const allScopes = (endpoints: Endpoints) => EVERYDAY.map((p) => scopeFor(endpoints, p));

/** The link an administrator opens to grant these permissions to the app for the whole organization. */
export function adminConsentUrl(endpoints: Endpoints, clientId: string, redirectUri: string, purposes: Purpose[]) {
  const url = new URL(`${endpoints.authority}/v2.0/adminconsent`);
  url.searchParams.set('client_id', clientId.trim());
  url.searchParams.set('scope', purposes.map((p) => scopeFor(endpoints, p)).join(' '));
  url.searchParams.set('redirect_uri', redirectUri);
  return url.toString();
}
