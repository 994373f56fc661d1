// Turns a failed Graph call into plain words (a _locales key) that say what to do next.
import type { Purpose } from './permissions';

export interface GraphFailure {
  /** HTTP status; 0 when the request never got an answer (offline, reset, DNS). */
  status: number;
  code?: string;
  message?: string;
  retryAfterSeconds?: number;
}

export interface UserError {
  key: string;
  subs?: string[];
  /** The user must sign in again before retrying. */
  reauth?: boolean;
  /** Trying the same thing later may work. */
  transient?: boolean;
  /** A permission nobody granted yet: the UI offers to ask for it (see core/permissions). */
  consent?: Purpose;
  /** A link to copy (an administrator's consent URL). */
  link?: string;
}

const INVITES_BLOCKED = /guest invitations not allowed|invitations? (?:are|is) (?:blocked|disabled)/iu;
const CROSS_TENANT = /cross-tenant access/iu;
// Graph's wording for a domain on the allow/deny list is not documented; these cover the texts seen.
const DOMAIN_BLOCKED = /domain.{0,80}(?:blocked|not allowed|deny list|allow list)|blocked domain/iu;
const BAD_ADDRESS = /email address is invalid|invited user email|invalid.*email/iu;
const EXISTING_MEMBER = /non-external user already exists/iu;
const ALREADY_MEMBER = /already exists|already a member/iu;
const NOT_ON_USER = /doesn't match any emails on the user/iu;
const LICENCE = /licen[cs]e/iu;

/**
 * `member`: the invitation asked for a Member, which only some administrator roles may do; `reset`: it
 * reset a guest's redemption, which takes the Helpdesk or User Administrator role.
 */
export function describeGraphFailure(
  failure: GraphFailure,
  context: { member?: boolean; reset?: boolean; packages?: boolean } = {},
): UserError {
  const { status, code = '', message = '' } = failure;
  if (status === 0) return { key: 'errNetwork', transient: true };
  if (status === 400) {
    if (EXISTING_MEMBER.test(message)) return { key: 'errExistingMember' };
    if (NOT_ON_USER.test(message)) return { key: 'errResetAddressNotOnUser' };
    if (BAD_ADDRESS.test(message)) return { key: 'errGraphBadAddress' };
    return { key: 'errGraphBadRequest', subs: [shorten(message || code)] };
  }
  if (status === 401) return { key: 'errSessionExpired', reauth: true };
  if (status === 403) {
    if (CROSS_TENANT.test(message)) return { key: 'errCrossTenant' };
    if (INVITES_BLOCKED.test(message)) return { key: 'errInvitesBlocked' };
    if (DOMAIN_BLOCKED.test(message)) return { key: 'errDomainBlocked' };
    if (LICENCE.test(message)) return { key: 'errEntitlementLicence' };
    if (context.packages) return { key: 'errPackagesNeedRole' };
    if (context.reset) return { key: 'errResetNeedsRole' };
    if (context.member) return { key: 'errMemberNeedsRole' };
    return { key: 'errNoPermission' };
  }
  if (status === 404) return { key: 'errNotFound' };
  if (status === 409 || ALREADY_MEMBER.test(message)) return { key: 'errConflict', subs: [shorten(message)] };
  if (status === 429) {
    const seconds = Math.max(1, Math.ceil(failure.retryAfterSeconds ?? 30));
    return { key: 'errThrottled', subs: [String(seconds)], transient: true };
  }
  if (status >= 500) return { key: 'errServer', subs: [String(status)], transient: true };
  return { key: 'errUnexpected', subs: [String(status), shorten(message || code)] };
}

/** Graph messages can be long; the UI shows the start only. */
function shorten(text: string, max = 200): string {
  const clean = text.replace(/\s+/gu, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
