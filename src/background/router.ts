// The background's answers to our pages: one handler per request of the contract's
// `backgroundRequests`. Host requests carry the settings, read here: the offscreen document has no
// storage API.
import type { AuthStatus, backgroundRequests, hostRequests, Reply } from '../protocol/contract';
import { ok, type AnswerOf, type Client, type Handlers, type PayloadOf } from '../protocol/messaging';
import type { Store } from '../storage/storage';
import type { History } from '../storage/history';
import { authConfigOf } from '../storage/settings';
import { withRecentInvitations } from '../core/directory';
import type { QueueRunner } from './queue-runner';
import { QueueRefusal } from './queue-words';

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
  /** Reads the directory's name once signed in (User.Read, if granted; never asks). */
  const learnTenantName = async (status: AuthStatus) => {
    const tenantId = status.account?.tenantId;
    if (!tenantId) return;
    const name = await host('tenantName', {});
    if (name.ok && name.value) await store.write('tenantName', { tenantId, name: name.value });
  };
  /** The directory's name, when known for the signed-in account's directory. */
  const withTenantName = async (reply: Reply<AuthStatus>): Promise<Reply<AuthStatus>> => {
    if (!reply.ok || !reply.value.account) return reply;
    const known = await store.read('tenantName');
    return known?.tenantId === reply.value.account.tenantId ? ok({ ...reply.value, tenantName: known.name }) : reply;
  };
  return {
    status: async () => withTenantName(await host('status', {})),
    signIn: async () => {
      const reply = await host('signIn', {});
      if (reply.ok) await learnTenantName(reply.value);
      return withTenantName(reply);
    },
    checkConnection: async () => {
      const reply = await host('checkConnection', {});
      if (!reply.ok) return reply;
      await learnTenantName(reply.value.status);
      const status = await withTenantName(ok(reply.value.status));
      return ok({ ...reply.value, status: status.ok ? status.value : reply.value.status });
    },
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
    directory: async (payload) => {
      const reply = await host('directory', payload);
      if (!reply.ok) return reply;
      // Guests we invited a moment ago may not have replicated yet: our history knows them.
      const users = withRecentInvitations(reply.value.users, await history.load(), Date.now());
      return ok({ ...reply.value, users });
    },
    searchGroups: (payload) => host('searchGroups', payload),
    grantConsent: async (payload) => {
      const reply = await host('grantConsent', payload);
      // What stopped or could not be checked for want of this permission goes on.
      if (reply.ok) await runner.permissionGranted();
      return reply;
    },
    userStates: async ({ ids }) => {
      const reply = await host('userStates', { ids });
      return reply.ok ? ok(await history.recordStates(reply.value, Date.now())) : reply;
    },
  };
}
