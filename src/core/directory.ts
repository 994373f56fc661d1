// What the tenant already knows about an address, before anyone is invited (Microsoft's advice:
// query first; people of the tenant's own domains need member accounts, not invitations).

/** Lists longer than this are not looked up on their own (50 requests): a page must not set off thousands. */
export const MAX_AUTO_LOOKUP = 1000;

/**
 * A guest invited this recently may not show up in the directory yet (replication takes seconds to
 * minutes): "not found" says nothing about them, and our own record of the invitation stands in.
 */
export const RECENT_INVITE_MS = 15 * 60_000;

export type Standing = 'new' | 'member' | 'guestPending' | 'guestAccepted' | 'ownDomain';

/** Where an invited guest stands now (externalUserState), or that the directory no longer has them. */
export type GuestState = 'Accepted' | 'PendingAcceptance' | 'NotFound' | 'Unknown';

/** Where a guest stands, and since when (ms), if the directory says. */
export interface GuestReport {
  state: GuestState;
  since?: number;
}

/** A user the directory already has, as a lookup reads it. */
export interface KnownUser {
  id: string;
  userType?: string;
  externalUserState?: string | null;
  externalUserStateChangeDateTime?: string | null;
}

export function standingOf(address: string, user: KnownUser | null | undefined, verifiedDomains: string[]): Standing {
  if (user?.userType === 'Member') return 'member';
  if (user) return user.externalUserState === 'Accepted' ? 'guestAccepted' : 'guestPending';
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return verifiedDomains.includes(domain) ? 'ownDomain' : 'new';
}

/**
 * Only new guests are ticked by default. A pending guest can be ticked to resend the invitation;
 * an accepted guest or a member needs nothing.
 */
export const selectedByDefault = (standing: Standing) => standing === 'new';

/** Invitations of our own, newer than the directory can be trusted to show. */
export function withRecentInvitations(
  users: Record<string, KnownUser | null>,
  invited: { email: string; userId: string; userType: string; at: number }[],
  now: number,
): Record<string, KnownUser | null> {
  const recent = new Map(
    invited.filter((e) => e.userId && now - e.at < RECENT_INVITE_MS).map((e) => [e.email.toLowerCase(), e]),
  );
  const known = { ...users };
  for (const [address, user] of Object.entries(users)) {
    const mine = recent.get(address.toLowerCase());
    if (!user && mine)
      known[address] = { id: mine.userId, userType: mine.userType, externalUserState: 'PendingAcceptance' };
  }
  return known;
}
