// How our pages talk to the background.
import browser from '../shared/browser';
import type { AuthStatus, QueueAction, Reply, UiRequest } from '../shared/messages';
import type { GroupRef, InviteInput, InviteResult } from '../core/invitation';
import type { Queue } from '../core/queue';
import type { HistoryEntry } from '../shared/history';
import type { DirectoryView } from '../host/host';

async function send<T>(request: UiRequest): Promise<Reply<T>> {
  try {
    const reply = (await browser.runtime.sendMessage(request)) as Reply<T> | undefined;
    return reply ?? { ok: false, error: { key: 'errUnexpected', subs: ['', 'no answer'] } };
  } catch (error) {
    return { ok: false, error: { key: 'errUnexpected', subs: ['', error instanceof Error ? error.message : String(error)] } };
  }
}

export const api = {
  status: () => send<AuthStatus>({ to: 'background', type: 'status' }),
  signIn: () => send<AuthStatus>({ to: 'background', type: 'signIn' }),
  signOut: () => send<AuthStatus>({ to: 'background', type: 'signOut' }),
  invite: (input: InviteInput) => send<InviteResult>({ to: 'background', type: 'invite', input }),
  enqueue: (inputs: InviteInput[]) => send<Queue>({ to: 'background', type: 'enqueue', inputs }),
  queueControl: (action: QueueAction) => send<Queue>({ to: 'background', type: 'queueControl', action }),
  searchGroups: (query: string) => send<GroupRef[]>({ to: 'background', type: 'searchGroups', query }),
  directory: (emails: string[]) => send<DirectoryView>({ to: 'background', type: 'directory', emails }),
  userStates: (ids: string[]) => send<HistoryEntry[]>({ to: 'background', type: 'userStates', ids }),
};
