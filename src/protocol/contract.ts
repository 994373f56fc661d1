// The one message contract between the extension's contexts. Each request names its receiver, the
// schema its payload must pass on arrival, and (as a type) its answer. The envelopes, the receivers'
// handler maps and the pages' typed client are all derived from these maps (see messaging.ts).
import { MAX_PROFILES } from '../storage/profiles';
import type { BatchAnswer } from '../core/batch';
import type { GuestReport, GuestState, KnownUser } from '../core/directory';
import type { Found } from '../core/extract/collector';
import type { GraphFailure, UserError } from '../core/graph-errors';
import type { GroupChoice } from '../core/groups';
import type { PersonChoice } from '../core/people';
import type { AssignmentOutcome, PackageChoice } from '../core/access-packages';
import type { InviteResult } from '../core/invitation';
import { PURPOSES, type Purpose } from '../core/permissions';
import { MAX_RUN, QUEUE_ACTIONS, type Queue } from '../core/queue';
import { BATCH_SIZE } from '../core/batch';
import { address, authConfig, guestDetails, inviteInput, objectId, recipient, runOptions, v } from './schemas';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: UserError };

export interface AccountInfo {
  name: string;
  username: string;
  tenantId: string;
}

export interface AuthStatus {
  configured: boolean;
  signedIn: boolean;
  account?: AccountInfo;
  /** The signed-in directory's display name and default domain, once read. */
  tenantName?: string;
  tenantDomain?: string;
}

/** Who these addresses already are in the directory, and the tenant's own (verified) domains. */
export interface DirectoryView {
  users: Record<string, KnownUser | null>;
  /** Lower-case. */
  domains: string[];
}

/** One invitation batch: each step's answer, or the whole batch's failure (status 0: answer lost). */
export interface BatchOutcome {
  answers?: BatchAnswer[];
  failure?: GraphFailure;
  /** The directory the signed-in account belongs to: where the guests went. */
  tenantId: string;
}

/** What a lost answer's lookup found: each address's user id, or null when the directory has none. */
export interface LookupOutcome {
  users: Record<string, string | null>;
  tenantId: string;
}

/** One batch of member additions; a lost answer is a failure with status 0. */
export interface GroupOutcome {
  answers?: BatchAnswer[];
  failure?: GraphFailure;
}

/** Every invitation made from this browser, with where the guest stands when last checked. */
export interface HistoryEntry extends InviteResult {
  /** An access package assigned directly, rather than an invitation (no user yet: userId ''). */
  package?: { name: string; requestId: string; requestState: string };
  state?: GuestState;
  /** Since when the guest has been in that state (externalUserStateChangeDateTime). */
  stateSince?: number;
  checkedAt?: number;
}

/** What the page scanner hands back from a tab. */
export interface PageScan {
  source: 'selection' | 'page';
  found: Found[];
  partial: boolean;
  title: string;
}

/** The set-up assistant's "Test connection": who is signed in, and each permission as Entra answers for it. */
export interface ConnectionCheck {
  status: AuthStatus;
  permissions: Record<Purpose, 'granted' | 'missing' | 'failed'>;
}

export type QueueAction = (typeof QUEUE_ACTIONS)[number];

/** One request: its payload's schema and, as a phantom type, its answer. */
export interface Spec<P, A> {
  readonly payload: v.GenericSchema<unknown, P>;
  /** Never set: carries the answer's type. */
  readonly answer?: A;
}
const spec =
  <A>() =>
  <P>(payload: v.GenericSchema<unknown, P>): Spec<P, A> => ({ payload });

/** History refreshes ask about at most this many guests at once. */
export const MAX_STATE_IDS = 1000;
/** …and about at most this many access package requests. */
export const MAX_REQUEST_IDS = 100;
const NONE = v.object({});
const emails = v.pipe(v.array(address), v.maxLength(MAX_RUN));
const ids = v.pipe(v.array(objectId), v.maxLength(MAX_STATE_IDS));
const query = v.pipe(v.string(), v.maxLength(120));
const packageChoice = v.object({
  packageId: objectId,
  packageName: v.pipe(v.string(), v.maxLength(256)),
  catalogName: v.pipe(v.string(), v.maxLength(256)),
  policyId: objectId,
  policyName: v.pipe(v.string(), v.maxLength(256)),
}) satisfies v.GenericSchema<PackageChoice>;
/** A direct assignment goes in one batch: at most 20 people at once. */
const packageEmails = v.pipe(v.array(address), v.minLength(1), v.maxLength(BATCH_SIZE));
const requestIds = v.pipe(v.array(objectId), v.maxLength(MAX_REQUEST_IDS));

/** Our pages (popup, options, history) → the background. */
export const backgroundRequests = {
  status: spec<AuthStatus>()(NONE),
  signIn: spec<AuthStatus>()(NONE),
  /** Also forgets the waiting invitations, redeem links and drafts; `everywhere` ends the Microsoft session. */
  signOut: spec<AuthStatus>()(v.object({ everywhere: v.boolean() })),
  /** Every invitation, one or many, is a run through the queue: shared options, then who. */
  enqueue: spec<Queue>()(
    v.object({ options: runOptions, recipients: v.pipe(v.array(recipient), v.minLength(1), v.maxLength(MAX_RUN)) }),
  ),
  /** `directory`: the profile in use (configKey): cancel, retry and clear touch only its runs. */
  queueControl: spec<Queue>()(
    v.object({ action: v.picklist(QUEUE_ACTIONS), directory: v.optional(v.pipe(v.string(), v.maxLength(2000))) }),
  ),
  userStates: spec<HistoryEntry[]>()(v.object({ ids })),
  directory: spec<DirectoryView>()(v.object({ emails })),
  searchGroups: spec<GroupChoice[]>()(v.object({ query })),
  /** Access packages whose policies admit people from outside. */
  accessPackages: spec<PackageChoice[]>()(NONE),
  /** Assigns a package directly to these addresses (adminAdd); recorded in the history. */
  assignPackage: spec<AssignmentOutcome[]>()(v.object({ choice: packageChoice, emails: packageEmails })),
  /** Where these assignment requests stand now (requestState). */
  assignmentStates: spec<Record<string, string>>()(v.object({ ids: requestIds })),
  /** The addresses on a guest's account: where a reset redemption may send them. */
  guestAddresses: spec<string[]>()(v.object({ userId: objectId })),
  /** Members of the directory to choose as sponsors. */
  searchPeople: spec<PersonChoice[]>()(v.object({ query })),
  /** Asks interactively for a permission nobody granted yet (a consent window). */
  grantConsent: spec<AuthStatus>()(v.object({ purpose: v.picklist(PURPOSES) })),
  /** Signs in if need be, then asks silently for each permission: what works, what is missing. */
  checkConnection: spec<ConnectionCheck>()(NONE),
};

/** Chrome's offscreen document → the service worker, which alone has the identity API there. */
export const workerRequests = {
  webAuthFlow: spec<string>()(v.object({ url: v.string(), interactive: v.boolean() })),
  /** Nothing has been asked of the host for a while: close it unless a run still needs it. */
  hostIdle: spec<{ closing: boolean }>()(NONE),
};

/** Host requests carry the settings: the offscreen document has no storage API. */
const withConfig = <E extends v.ObjectEntries>(entries: E) => v.object({ config: authConfig, ...entries });
const batchSteps = <T extends v.GenericSchema>(step: T) => v.pipe(v.array(step), v.maxLength(BATCH_SIZE));

/** The background → the context that holds MSAL and the Graph client (offscreen document / event page). */
export const hostRequests = {
  status: spec<AuthStatus>()(withConfig({})),
  signIn: spec<AuthStatus>()(withConfig({})),
  /** `profiles`: every profile's configuration (configKey): an account another one uses stays for it. */
  signOut: spec<AuthStatus>()(
    withConfig({ everywhere: v.boolean(), profiles: v.pipe(v.array(v.string()), v.maxLength(MAX_PROFILES)) }),
  ),
  /** One JSON batch of invitations (the queue's unit of work). */
  sendBatch: spec<BatchOutcome>()(withConfig({ items: batchSteps(v.object({ id: v.string(), input: inviteInput })) })),
  /** Which of these addresses already have a user (after a lost answer). */
  lookup: spec<LookupOutcome>()(withConfig({ emails })),
  directory: spec<DirectoryView>()(withConfig({ emails })),
  searchGroups: spec<GroupChoice[]>()(withConfig({ query })),
  searchPeople: spec<PersonChoice[]>()(withConfig({ query })),
  grantConsent: spec<AuthStatus>()(withConfig({ purpose: v.picklist(PURPOSES) })),
  checkConnection: spec<ConnectionCheck>()(withConfig({})),
  addToGroups: spec<GroupOutcome>()(
    withConfig({ steps: batchSteps(v.object({ id: v.string(), groupId: objectId, userId: objectId })) }),
  ),
  /** One batch of PATCH /users/{id} with the details of guests just invited. */
  updateGuests: spec<GroupOutcome>()(
    withConfig({ steps: batchSteps(v.object({ id: v.string(), userId: objectId, details: guestDetails })) }),
  ),
  userStates: spec<Record<string, GuestReport>>()(withConfig({ ids })),
  guestAddresses: spec<string[]>()(withConfig({ userId: objectId })),
  accessPackages: spec<PackageChoice[]>()(withConfig({})),
  assignPackage: spec<AssignmentOutcome[]>()(withConfig({ choice: packageChoice, emails: packageEmails })),
  assignmentStates: spec<Record<string, string>>()(withConfig({ ids: requestIds })),
  /** The signed-in directory's display name, if this app may read it (User.Read); never asks. */
  tenantName: spec<{ name: string; domain?: string } | null>()(withConfig({})),
};
