// Guest details set on the new guest right after the invitation (PATCH /users/{id}): what the
// invitation API itself cannot carry. Lengths are the user resource's (Graph's user reference).
import type { Problem } from './validate';

export interface GuestDetails {
  givenName?: string;
  surname?: string;
  companyName?: string;
  jobTitle?: string;
  /** ISO 3166-1 alpha-2 (needed before licences can be assigned to the guest). */
  usageLocation?: string;
}

export const DETAIL_FIELDS = ['givenName', 'surname', 'companyName', 'jobTitle', 'usageLocation'] as const;
export type DetailField = (typeof DETAIL_FIELDS)[number];

/** Graph's maximum lengths for these user properties. */
export const DETAIL_LIMITS: Record<DetailField, number> = {
  givenName: 64,
  surname: 64,
  companyName: 64,
  jobTitle: 128,
  usageLocation: 2,
};

/** The details as sent: trimmed, empty ones left out; undefined when nothing is left. */
export function cleanDetails(details: GuestDetails | undefined): GuestDetails | undefined {
  if (!details) return undefined;
  const kept = Object.fromEntries(
    DETAIL_FIELDS.map((field) => [field, details[field]?.trim()] as const).filter(([, value]) => value),
  );
  return Object.keys(kept).length ? kept : undefined;
}

/** Each field's problem, if any: too long, or not a two-letter country code. */
export function checkDetails(details: GuestDetails | undefined): Partial<Record<DetailField, Problem>> {
  const problems: Partial<Record<DetailField, Problem>> = {};
  const clean = cleanDetails(details) ?? {};
  for (const field of DETAIL_FIELDS) {
    const value = clean[field];
    if (!value) continue;
    if (field === 'usageLocation') {
      if (!/^[A-Z]{2}$/u.test(value)) problems[field] = { key: 'errUsageLocation' };
    } else if ([...value].length > DETAIL_LIMITS[field])
      problems[field] = { key: 'errDetailTooLong', subs: [String(DETAIL_LIMITS[field])] };
  }
  return problems;
}
