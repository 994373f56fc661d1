// Messages between the extension's contexts, one union per direction. Every receiver checks the
// sender (our own pages only) and the shape before acting.
import type { InviteInput } from '../core/invitation';
import type { UserError } from '../core/graph-errors';
import type { AuthConfig } from '../core/clouds';

export interface AccountInfo {
  name: string;
  username: string;
  tenantId: string;
}

export interface AuthStatus {
  configured: boolean;
  signedIn: boolean;
  account?: AccountInfo;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: UserError };

/** Popup / options → background. */
export type UiRequest =
  | { to: 'background'; type: 'status' }
  | { to: 'background'; type: 'signIn' }
  | { to: 'background'; type: 'signOut' }
  | { to: 'background'; type: 'invite'; input: InviteInput }
  | { to: 'background'; type: 'enqueue'; inputs: InviteInput[] }
  | { to: 'background'; type: 'queueControl'; action: QueueAction }
  | { to: 'background'; type: 'userStates'; ids: string[] }
  | { to: 'background'; type: 'directory'; emails: string[] }
  | { to: 'background'; type: 'searchGroups'; query: string };

/** Background → the page that hosts MSAL and the Graph client (offscreen document on Chrome). */
export type HostRequest =
  | { to: 'host'; type: 'status'; config: AuthConfig }
  | { to: 'host'; type: 'signIn'; config: AuthConfig }
  | { to: 'host'; type: 'signOut'; config: AuthConfig }
  | { to: 'host'; type: 'invite'; config: AuthConfig; input: InviteInput }
  | { to: 'host'; type: 'userStates'; config: AuthConfig; ids: string[] }
  /** One JSON batch of invitations (the queue's unit of work). */
  | { to: 'host'; type: 'sendBatch'; config: AuthConfig; items: { id: string; input: InviteInput }[] }
  /** Which of these addresses already have a user in the directory. */
  | { to: 'host'; type: 'lookup'; config: AuthConfig; emails: string[] }
  /** Who these addresses already are in the directory, and the tenant's own domains. */
  | { to: 'host'; type: 'directory'; config: AuthConfig; emails: string[] }
  | { to: 'host'; type: 'searchGroups'; config: AuthConfig; query: string }
  /** Adds invited users to groups, one batch of member references. */
  | { to: 'host'; type: 'addToGroups'; config: AuthConfig; steps: { id: string; groupId: string; userId: string }[] };

/** Host → background: the host has no `identity` API on Chrome, the service worker does. */
export type HostToBackground = { to: 'background'; type: 'webAuthFlow'; url: string; interactive: boolean };

const UI_TYPES = new Set(['status', 'signIn', 'signOut', 'invite', 'enqueue', 'queueControl', 'userStates', 'directory', 'searchGroups']);
const QUEUE_ACTIONS = new Set(['pause', 'resume', 'cancel', 'retry', 'clear']);
export type QueueAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'clear';

/** Sends a request to the page that hosts MSAL and the Graph client. */
export type Forward = (request: HostRequest) => Promise<Reply<unknown>>;
const HOST_TYPES = new Set(['status', 'signIn', 'signOut', 'invite', 'userStates', 'sendBatch', 'lookup', 'directory', 'searchGroups', 'addToGroups']);
const isIdList = (value: unknown) => Array.isArray(value) && value.length <= MAX_HISTORY_REFRESH && value.every((id) => typeof id === 'string' && /^[\w-]{1,64}$/u.test(id));
/** History refreshes ask about at most this many guests at once. */
export const MAX_HISTORY_REFRESH = 1000;
/** More than this in one request is refused. */
export const MAX_BATCH = 5000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isInviteInput(value: unknown): value is InviteInput {
  if (!isRecord(value)) return false;
  const strings = ['email', 'displayName', 'redirectUrl', 'message', 'messageLanguage', 'cc', 'userType'];
  const groupsOk = value.groups === undefined || (Array.isArray(value.groups) && value.groups.length <= 20 && value.groups.every((g) => isRecord(g) && typeof g.id === 'string' && /^[\w-]{1,64}$/u.test(g.id) && typeof g.displayName === 'string'));
  return strings.every((k) => typeof value[k] === 'string') && typeof value.sendMail === 'boolean' && groupsOk;
}

export function isUiRequest(value: unknown): value is UiRequest {
  if (!isRecord(value) || value.to !== 'background' || !UI_TYPES.has(value.type as string)) return false;
  if (value.type === 'invite') return isInviteInput(value.input);
  if (value.type === 'enqueue') return Array.isArray(value.inputs) && value.inputs.length <= MAX_BATCH && value.inputs.every(isInviteInput);
  if (value.type === 'queueControl') return QUEUE_ACTIONS.has(value.action as string);
  if (value.type === 'userStates') return isIdList(value.ids);
  if (value.type === 'searchGroups') return typeof value.query === 'string' && value.query.length <= 120;
  if (value.type === 'directory') return Array.isArray(value.emails) && value.emails.length <= MAX_BATCH && value.emails.every((e) => typeof e === 'string' && e.length <= 254);
  return true;
}

export function isHostRequest(value: unknown): value is HostRequest {
  return isRecord(value) && value.to === 'host' && HOST_TYPES.has(value.type as string) && isRecord(value.config);
}

export function isWebAuthFlowRequest(value: unknown): value is HostToBackground {
  return (
    isRecord(value) &&
    value.to === 'background' &&
    value.type === 'webAuthFlow' &&
    typeof value.url === 'string' &&
    typeof value.interactive === 'boolean'
  );
}

export function fail(key: string, subs?: string[]): { ok: false; error: UserError } {
  return { ok: false, error: { key, subs } };
}
