// The shapes that cross a boundary (a message between contexts, a value read back from storage),
// as schemas: each is checked on arrival, because neither messages nor stored data are trusted.
import * as v from 'valibot';
import { CLOUD_IDS, type AuthConfig } from '../core/clouds';
import type { DirectoryRef, InviteInput, InviteResult, Recipient, RunOptions } from '../core/invitation';
import type { UserError } from '../core/graph-errors';
import type { GuestDetails } from '../core/guest-details';
import { LIMITS } from '../core/validate';
import { MAX_GROUPS, MAX_SPONSORS } from '../core/invitation';
import { PURPOSES } from '../core/permissions';

/** A directory object id (user, group). */
export const objectId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/u));
export const address = v.pipe(v.string(), v.maxLength(LIMITS.address));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const userError = v.object({
  key: text(100),
  subs: v.optional(v.array(text(2000))),
  reauth: v.optional(v.boolean()),
  transient: v.optional(v.boolean()),
  consent: v.optional(v.picklist(PURPOSES)),
  link: v.optional(v.pipe(v.string(), v.url(), v.maxLength(4000))),
}) satisfies v.GenericSchema<UserError>;

export const authConfig = v.object({
  clientId: v.string(),
  tenant: v.string(),
  cloud: v.picklist(CLOUD_IDS),
  customAuthority: v.string(),
  customGraph: v.string(),
  multiTenant: v.optional(v.boolean()),
  askAllAtSignIn: v.optional(v.boolean()),
}) satisfies v.GenericSchema<AuthConfig>;

export const directoryRef = v.object({ id: objectId, displayName: text(256) }) satisfies v.GenericSchema<DirectoryRef>;

export const guestDetails = v.object({
  givenName: v.optional(text(256)),
  surname: v.optional(text(256)),
  companyName: v.optional(text(256)),
  jobTitle: v.optional(text(256)),
  usageLocation: v.optional(text(8)),
}) satisfies v.GenericSchema<GuestDetails>;

export const inviteInput = v.object({
  email: text(1000),
  displayName: text(1000),
  redirectUrl: text(4000),
  sendMail: v.boolean(),
  message: text(10_000),
  messageLanguage: text(20),
  cc: text(1000),
  userType: v.picklist(['Guest', 'Member']),
  groups: v.optional(v.pipe(v.array(directoryRef), v.maxLength(MAX_GROUPS))),
  sponsors: v.optional(v.pipe(v.array(directoryRef), v.maxLength(MAX_SPONSORS))),
  resetUserId: v.optional(objectId),
  details: v.optional(guestDetails),
}) satisfies v.GenericSchema<InviteInput>;

export const runOptions = v.omit(inviteInput, [
  'email',
  'displayName',
  'resetUserId',
]) satisfies v.GenericSchema<RunOptions>;
export const recipient = v.object({
  email: text(1000),
  name: text(1000),
  resetUserId: v.optional(objectId),
}) satisfies v.GenericSchema<Recipient>;

export const inviteResult = v.object({
  email: address,
  displayName: v.optional(v.string()),
  userId: v.string(),
  userType: v.picklist(['Guest', 'Member']),
  sentMail: v.boolean(),
  redeemUrl: v.optional(v.string()),
  tenantId: v.string(),
  at: v.number(),
}) satisfies v.GenericSchema<InviteResult>;

export { v };
