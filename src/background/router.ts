// The background's answers to our pages: one handler per request of the contract's
// `backgroundRequests`. Host requests carry the settings, read here: the offscreen document has no
// storage API.
import type { backgroundRequests, hostRequests, Reply } from '../protocol/contract';
import { ok, type AnswerOf, type Client, type Handlers, type PayloadOf } from '../protocol/messaging';
import type { Store } from '../storage/storage';
import type { History } from '../storage/history';
import { authConfigOf } from '../storage/settings';
import { QueueRefusal, type QueueRunner } from './queue-runner';

type HostRequests = typeof hostRequests;
/** A host request's payload without the settings (they are added on the way), and its answer. */
type HostPayload<K extends keyof HostRequests> = Omit<PayloadOf<HostRequests[K]>, 'config'>;
type HostAnswer<K extends keyof HostRequests> = Promise<Reply<AnswerOf<HostRequests[K]>>>;

/** Sends one host request, of any type. */
export type HostCall = <K extends keyof HostRequests>(type: K, payload: HostPayload<K>) => HostAnswer<K>;
/** A host's handlers as the background sees them (for fakes in unit tests). */
export type HostHandlers = { [K in keyof HostRequests]: (payload: HostPayload<K>) => HostAnswer<K> };

/** The queue's answer, or why it turned the request down (a full storage, too many addresses). */
async function refusedInWords<T>(task: () => Promise<T>): Promise<Reply<T>> {
  try {
    return ok(await task());
  } catch (error) {
    if (error instanceof QueueRefusal) return { ok: false, error: error.userError };
    throw error;
  }
}

/** Sends host requests with the current settings attached. */
export function hostCall(store: Store, send: Client<HostRequests>): HostCall {
  return async (type, payload) => {
    const config = authConfigOf(await store.read('settings'));
    // Every host payload is its own fields plus the settings.
    return send(type, { ...payload, config } as PayloadOf<HostRequests[typeof type]>);
  };
}

export function backgroundHandlers(
  host: HostCall,
  runner: QueueRunner,
  history: History,
  store: Store,
): Handlers<typeof backgroundRequests> {
  return {
    status: () => host('status', {}),
    signIn: () => host('signIn', {}),
    signOut: async ({ everywhere }) => {
      const reply = await host('signOut', { everywhere });
      if (reply.ok) {
        // Nothing of this account's work waits behind the user's back, and no secret stays.
        await runner.discardWaiting();
        await Promise.all([store.remove('redeemLinks'), store.remove('draft')]);
      }
      return reply;
    },
    enqueue: ({ options, recipients }) => refusedInWords(() => runner.enqueue(options, recipients)),
    queueControl: ({ action }) => refusedInWords(() => runner.control(action)),
    directory: (payload) => host('directory', payload),
    searchGroups: (payload) => host('searchGroups', payload),
    userStates: async ({ ids }) => {
      const reply = await host('userStates', { ids });
      return reply.ok ? ok(await history.recordStates(reply.value, Date.now())) : reply;
    },
  };
}
