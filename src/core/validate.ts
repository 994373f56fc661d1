// Checks that run before anything reaches Graph. Each failure names a _locales key (and its
// substitutions) so the UI can say exactly what is wrong, in the user's language.

export interface Problem {
  key: string;
  subs?: string[];
}

export const LIMITS = {
  localPart: 64, // RFC 5321
  address: 254, // RFC 5321 path limit
  label: 63,
  displayName: 256, // Entra displayName maximum
  // Graph documents no maximum; long messages have gone missing in practice, so keep well under.
  message: 2000,
} as const;

// Characters Graph refuses in invitedUserEmailAddress (graph.md, section 2).
const GRAPH_FORBIDDEN = new Set('~!#$%^&*()+=[]{}\\/|;:"<>?,');
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;
const TLD = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/u;

/** Returns the first problem with an address, or null when Graph will accept it. */
export function checkAddress(raw: string): Problem | null {
  const address = raw.trim();
  if (!address) return { key: 'errEmailRequired' };
  if (/\s/u.test(address)) return { key: 'errEmailSpaces' };
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || address.indexOf('@') !== at) {
    return { key: 'errEmailFormat', subs: [address] };
  }
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  for (const ch of local) {
    if (GRAPH_FORBIDDEN.has(ch)) return { key: 'errEmailChar', subs: [ch] };
  }
  if (CONTROL.test(address)) return { key: 'errEmailFormat', subs: [address] };
  if (local.length > LIMITS.localPart) return { key: 'errEmailLocalTooLong', subs: [String(LIMITS.localPart)] };
  if (address.length > LIMITS.address) return { key: 'errEmailTooLong', subs: [String(LIMITS.address)] };
  if (/^[.-]|[.-]$/u.test(local) || local.includes('..')) return { key: 'errEmailDots' };
  return checkDomain(domain);
}

/**
 * Names for infrastructure, not mailboxes (RFC 6761, RFC 7686, ICANN's .internal). `arpa` is in the
 * root zone; the others are no TLDs at all, and listed so that none slips in later.
 */
export const INFRASTRUCTURE_TLDS = ['arpa', 'invalid', 'localhost', 'local', 'internal', 'onion'];

function checkDomain(domain: string): Problem | null {
  const labels = domain.split('.');
  if (labels.length < 2) return { key: 'errEmailDomain', subs: [domain] };
  for (const label of labels) {
    if (label.length > LIMITS.label || !LABEL.test(label)) return { key: 'errEmailDomain', subs: [domain] };
  }
  const tld = labels[labels.length - 1].toLowerCase();
  if (!TLD.test(tld)) return { key: 'errEmailDomain', subs: [domain] };
  if (INFRASTRUCTURE_TLDS.includes(tld)) return { key: 'errEmailInfrastructure', subs: [domain] };
  return null;
}

/** The landing page after redemption must be an absolute http(s) URL. */
export function checkRedirectUrl(raw: string): Problem | null {
  const value = raw.trim();
  if (!value) return { key: 'errRedirectRequired' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { key: 'errRedirectScheme' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { key: 'errRedirectScheme' };
  if (!url.hostname) return { key: 'errRedirectScheme' };
  // A name and password in the link would be shown to the guest and sent in the clear.
  if (url.username || url.password) return { key: 'errRedirectCredentials' };
  return null;
}

/** Graph accepts http:, but a guest's landing page should be https: worth a word, not a refusal. */
export function redirectWarning(raw: string): Problem | null {
  return /^\s*http:/iu.test(raw) && !checkRedirectUrl(raw) ? { key: 'warnRedirectHttp' } : null;
}

/** Graph honours only one CC recipient and drops the rest silently, so we refuse more than one. */
export function checkCc(raw: string): Problem | null {
  const value = raw.trim();
  if (!value) return null;
  if (/[,;\s]/u.test(value) && value.split(/[,;\s]+/u).filter(Boolean).length > 1) return { key: 'errCcOne' };
  const problem = checkAddress(value);
  return problem ? { key: 'errCcInvalid', subs: [value] } : null;
}

export function checkMessage(text: string): Problem | null {
  return text.length > LIMITS.message ? { key: 'errMessageTooLong', subs: [String(LIMITS.message)] } : null;
}

export function checkDisplayName(text: string): Problem | null {
  if (text.length > LIMITS.displayName) return { key: 'errNameTooLong', subs: [String(LIMITS.displayName)] };
  if (CONTROL.test(text)) return { key: 'errNameChars' };
  return null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const DOMAIN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/iu;

export function isGuid(value: string): boolean {
  return GUID.test(value.trim());
}

export function checkClientId(raw: string): Problem | null {
  return isGuid(raw) ? null : { key: 'errClientId' };
}

/**
 * Tenant: a directory GUID or a verified domain. `organizations` only for an app registered as
 * multi-tenant: Entra refuses /organizations and /common to single-tenant apps (AADSTS50194).
 * Never `consumers`: guests are invited into a work directory.
 */
export function checkTenant(raw: string, multiTenant = false): Problem | null {
  const value = raw.trim().toLowerCase();
  if (value === 'organizations' || value === 'common') return multiTenant ? null : { key: 'errTenantSingle' };
  if (isGuid(value) || DOMAIN.test(value)) return null;
  return { key: 'errTenant' };
}

/** An https origin, used for custom (test) authority and Graph endpoints. */
export function checkHttpsEndpoint(raw: string): Problem | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' ? null : { key: 'errEndpoint' };
  } catch {
    return { key: 'errEndpoint' };
  }
}
