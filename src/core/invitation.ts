// The invitation as the user describes it, its validation, and the exact Graph body it becomes.
import { checkDetails, type GuestDetails } from './guest-details';
import { checkAddress, checkCc, checkDisplayName, checkMessage, checkRedirectUrl, type Problem } from './validate';

export type UserType = 'Guest' | 'Member';

/** Groups one invitation may add the guest to. */
export const MAX_GROUPS = 20;
/** Graph's limit for `invitedUserSponsors`. */
export const MAX_SPONSORS = 5;

/** One address however it is typed: the queue's key, and how the host tells invitations apart. */
export function addressKey(email: string): string {
  return email.trim().toLowerCase();
}

export interface InviteInput {
  email: string;
  displayName: string;
  redirectUrl: string;
  sendMail: boolean;
  message: string;
  messageLanguage: string; // '' = let Entra choose
  cc: string;
  userType: UserType;
  /** Groups to add the guest to once invited (ids; names for display). */
  groups?: GroupRef[];
  /** Resets this guest's redemption (they accept again, with `email`) instead of inviting someone new. */
  resetUserId?: string;
  /** Set on the guest once invited (PATCH /users/{id}); not part of the invitation itself. */
  details?: GuestDetails;
  /** Users who answer for the guest (`invitedUserSponsors`); none: Entra makes the inviter the sponsor. */
  sponsors?: DirectoryRef[];
}

/** What every invitation of one run shares: the form without the address and the name. */
export type RunOptions = Omit<InviteInput, 'email' | 'displayName' | 'resetUserId'>;

/** Who one invitation of a run is for. */
export interface Recipient {
  email: string;
  name: string;
  /** The guest whose redemption this resets, with this address (which must already be on the user). */
  resetUserId?: string;
}

export const inputFor = (options: RunOptions, recipient: Recipient): InviteInput => ({
  ...options,
  email: recipient.email,
  displayName: recipient.name,
  ...(recipient.resetUserId ? { resetUserId: recipient.resetUserId } : {}),
});

/** A user or group of the directory: its id, and its name for display. */
export interface DirectoryRef {
  id: string;
  displayName: string;
}
export type GroupRef = DirectoryRef;

/** What the user set once on the options page, applied to every new invitation. */
export interface InviteDefaults {
  redirectUrl: string;
  message: string;
  sendMail: boolean;
  messageLanguage: string;
  userType: UserType;
  sponsors?: DirectoryRef[];
}

/** A new invitation for one address, filled from the defaults ('' language = the browser's). */
export function inputFromDefaults(
  defaults: InviteDefaults,
  browserLanguage: string,
  email = '',
  displayName = '',
): InviteInput {
  return inputFor(optionsFromDefaults(defaults, browserLanguage), { email, name: displayName });
}

/** A run's options from the defaults ('' language = the browser's). */
export function optionsFromDefaults(defaults: InviteDefaults, browserLanguage: string): RunOptions {
  return {
    redirectUrl: defaults.redirectUrl,
    sendMail: defaults.sendMail,
    message: defaults.message,
    messageLanguage: defaults.messageLanguage || browserLanguage,
    cc: '',
    userType: defaults.userType,
    ...(defaults.sponsors?.length ? { sponsors: defaults.sponsors } : {}),
  };
}

/** POST /invitations body (https://learn.microsoft.com/graph/api/resources/invitation). */
export interface InvitationBody {
  invitedUserEmailAddress: string;
  inviteRedirectUrl: string;
  sendInvitationMessage: boolean;
  invitedUserType: UserType;
  invitedUserDisplayName?: string;
  invitedUserSponsors?: { id: string }[];
  resetRedemption?: true;
  invitedUser?: { id: string };
  invitedUserMessageInfo?: {
    customizedMessageBody?: string;
    messageLanguage?: string;
    ccRecipients?: { emailAddress: { address: string } }[];
  };
}

export type InputProblems = Partial<Record<keyof InviteInput | `details.${keyof GuestDetails}`, Problem>>;

/** Every problem with the form, by field; empty when it may be sent. */
export function checkInvite(input: InviteInput): InputProblems {
  const problems: InputProblems = {};
  const add = (field: keyof InviteInput, problem: Problem | null) => {
    if (problem) problems[field] = problem;
  };
  add('email', checkAddress(input.email));
  add('displayName', checkDisplayName(input.displayName.trim()));
  add('redirectUrl', checkRedirectUrl(input.redirectUrl));
  if (input.sendMail) {
    add('message', checkMessage(input.message.trim()));
    add('cc', checkCc(input.cc));
  }
  if (input.userType !== 'Guest' && input.userType !== 'Member') add('userType', { key: 'errUserType' });
  for (const [field, problem] of Object.entries(checkDetails(input.details)))
    problems[`details.${field as keyof GuestDetails}`] = problem;
  return problems;
}

/** Builds the Graph body. Mail-only fields are left out when no mail is sent. */
/** My Apps without a tenant: a guest landing there sees their own home tenant's apps, not yours. */
const BARE_MY_APPS = /^https:\/\/myapps\.microsoft\.com\/?$/iu;

/** The landing page as sent: plain My Apps becomes the inviting tenant's My Apps (`?tenantid=`). */
export function landingPage(redirectUrl: string, tenantId: string | undefined): string {
  const url = redirectUrl.trim();
  return tenantId && BARE_MY_APPS.test(url) ? `https://myapps.microsoft.com/?tenantid=${tenantId}` : url;
}

export const isMyApps = (redirectUrl: string) =>
  /^https:\/\/myapps\.microsoft\.com(?:\/(?:\?tenantid=[\w.-]+)?)?$/iu.test(redirectUrl.trim());

/** The body of POST /invitations; `tenantId`, the inviting directory, completes a plain My Apps landing page. */
export function buildInvitationBody(input: InviteInput, tenantId?: string): InvitationBody {
  const body: InvitationBody = {
    invitedUserEmailAddress: input.email.trim(),
    inviteRedirectUrl: landingPage(input.redirectUrl, tenantId),
    sendInvitationMessage: input.sendMail,
    invitedUserType: input.userType,
  };
  const name = input.displayName.trim();
  if (name) body.invitedUserDisplayName = name;
  if (input.resetUserId) Object.assign(body, { resetRedemption: true, invitedUser: { id: input.resetUserId } });
  if (input.sponsors?.length) body.invitedUserSponsors = input.sponsors.map((s) => ({ id: s.id }));
  if (!input.sendMail) return body;

  const info: NonNullable<InvitationBody['invitedUserMessageInfo']> = {};
  const message = input.message.trim();
  if (message) info.customizedMessageBody = message;
  if (input.messageLanguage) info.messageLanguage = input.messageLanguage;
  const cc = input.cc.trim();
  if (cc) info.ccRecipients = [{ emailAddress: { address: cc } }];
  if (Object.keys(info).length) body.invitedUserMessageInfo = info;
  return body;
}

/** What the UI shows after a successful invitation. */
export interface InviteResult {
  email: string;
  displayName?: string;
  userId: string;
  userType: UserType;
  sentMail: boolean;
  /** Only kept when no mail was sent: the user has to deliver it. A secret. */
  redeemUrl?: string;
  /** The directory the guest was invited into. */
  tenantId: string;
  at: number;
}

/**
 * The record of a successful invitation, from Graph's answer (or, when the answer was lost, from the
 * user found in the directory: then there is no redeem link). The one place such a record is made.
 */
export function toResult(
  input: InviteInput,
  answer: { userId: string; redeemUrl?: string },
  tenantId: string,
  at: number,
): InviteResult {
  return {
    email: input.email.trim(),
    displayName: input.displayName.trim() || undefined,
    userId: answer.userId,
    userType: input.userType,
    sentMail: input.sendMail,
    redeemUrl: input.sendMail ? undefined : answer.redeemUrl,
    tenantId,
    at,
  };
}
