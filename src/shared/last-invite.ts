// The outcome of the latest invitation, kept in memory-only session storage so a reopened popup
// shows it (the redeem link included, which is why it never goes to storage.local).
import type { InviteResult } from '../core/invitation';
import type { UserError } from '../core/graph-errors';

export interface LastInvite {
  email: string;
  result?: InviteResult;
  error?: UserError;
}

export const LAST_INVITE_KEY = 'lastInvite';
