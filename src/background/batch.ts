// Several invitations from one click, one after the other through the host, with their progress
// in session storage for the popup or invite window to show (and to pick up again if reopened).
import type { InviteInput, InviteResult } from '../core/invitation';
import { BATCH_KEY, writeSession, type Batch } from '../shared/session';
import type { HostRequest, Reply } from '../shared/messages';
import type { AuthConfig } from '../core/clouds';
import { recordInvitations } from '../shared/history';

export type Forward = (request: HostRequest) => Promise<Reply<unknown>>;

/** The same address twice in one batch is invited once. */
export function uniqueByEmail(inputs: InviteInput[]): InviteInput[] {
  const seen = new Set<string>();
  return inputs.filter((input) => {
    const key = input.email.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function runBatch(config: AuthConfig, inputs: InviteInput[], forward: Forward): Promise<Batch> {
  const unique = uniqueByEmail(inputs);
  const batch: Batch = {
    id: `${Date.now()}`,
    finished: false,
    items: unique.map((input) => ({ email: input.email.trim(), name: input.displayName || undefined, status: 'waiting' })),
  };
  await writeSession(BATCH_KEY, batch);
  for (const [index, input] of unique.entries()) {
    const item = batch.items[index]!;
    item.status = 'sending';
    await writeSession(BATCH_KEY, batch);
    const reply = await forward({ to: 'host', type: 'invite', config, input });
    if (reply.ok) {
      item.status = 'done';
      item.result = reply.value as InviteResult;
    } else {
      item.status = 'failed';
      item.error = reply.error;
      // Signed out mid-way: the rest would fail the same way; leave them waiting for a retry.
      if (reply.error.reauth) break;
    }
    await writeSession(BATCH_KEY, batch);
  }
  batch.finished = true;
  await writeSession(BATCH_KEY, batch);
  await recordInvitations(batch.items.flatMap((item) => (item.result ? [item.result] : [])));
  return batch;
}
