// The background's answers to our pages: one handler per request of the contract's
// `backgroundRequests`. Host requests carry the settings, read here: the offscreen document has no
// storage API.
import { configKey, type AuthConfig } from '../core/clouds';
import { allProfiles } from '../storage/profiles';
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

/** Sends one host request, of any type; to the settings' directory unless `config` names another. */
export type HostCall = <K extends keyof HostRequests>(
  type: K,
  payload: HostPayload<K>,
  config?: AuthConfig,
) => HostAnswer<K>;
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

/** Sends host requests with the current settings (or the run's own) attached. */
export function hostCall(store: Store, send: Client<HostRequests>): HostCall {
  return async (type, payload, runConfig) => {
    const config = runConfig ?? authConfigOf(await store.read('settings'));
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
  /** The status with the directory's name, when one is known for the signed-in account's directory. */
  const named = async (status: AuthStatus): Promise<AuthStatus> => {
    if (!status.account) return status;
    const known = (await store.read('tenantNames'))[status.account.tenantId];
    return known ? { ...status, tenantName: known.name, tenantDomain: known.domain } : status;
  };
  /** Just signed in: reads the directory's name (User.Read, if granted; never asks) and keeps it. */
  const learnName = async (status: AuthStatus): Promise<AuthStatus> => {
    const tenantId = status.account?.tenantId;
    const reply = tenantId ? await host('tenantName', {}) : undefined;
    if (!tenantId || !reply?.ok || !reply.value) return named(status);
    const { name, domain } = reply.value;
    // The latest first; as many as there can be profiles, and then some.
    const names = Object.entries(await store.read('tenantNames')).filter(([id]) => id !== tenantId);
    await store.write('tenantNames', Object.fromEntries([[tenantId, { name, domain }], ...names.slice(0, 99)]));
    return { ...status, tenantName: name, tenantDomain: domain };
  };
  return {
    status: async () => {
      const reply = await host('status', {});
      return reply.ok ? ok(await named(reply.value)) : reply;
    },
    signIn: async () => {
      const config = authConfigOf(await store.read('settings'));
      const reply = await host('signIn', {}, config);
      if (!reply.ok) return reply;
      await runner.signedIn(config);
      return ok(await learnName(reply.value));
    },
    checkConnection: async () => {
      const reply = await host('checkConnection', {});
      return reply.ok ? ok({ ...reply.value, status: await learnName(reply.value.status) }) : reply;
    },
    signOut: async ({ everywhere }) => {
      const settings = await store.read('settings');
      const config = authConfigOf(settings);
      const profiles = allProfiles(settings).map((profile) => configKey(profile));
      const reply = await host('signOut', { everywhere, profiles }, config);
      if (reply.ok) {
        // Nothing of this account's work waits behind the user's back, and no secret stays.
        await runner.discardWaiting(config);
        await Promise.all([store.remove('redeemLinks'), store.remove('draft')]);
      }
      return reply;
    },
    enqueue: ({ options, recipients }) => refusedInWords(() => runner.enqueue(options, recipients)),
    queueControl: ({ action, directory }) => refusedInWords(() => runner.control(action, directory)),
    directory: async (payload) => {
      const reply = await host('directory', payload);
      if (!reply.ok) return reply;
      // Guests we invited a moment ago may not have replicated yet: our history knows them.
      const users = withRecentInvitations(reply.value.users, await history.load(), Date.now());
      return ok({ ...reply.value, users });
    },
    searchGroups: (payload) => host('searchGroups', payload),
    searchPeople: (payload) => host('searchPeople', payload),
    guestAddresses: (payload) => host('guestAddresses', payload),
    accessPackages: (payload) => host('accessPackages', payload),
    assignPackage: async (payload) => {
      const reply = await host('assignPackage', payload);
      if (reply.ok) await history.recordAssignments(payload.choice.packageName, reply.value, Date.now());
      return reply;
    },
    assignmentStates: async (payload) => {
      const reply = await host('assignmentStates', payload);
      if (reply.ok) await history.recordRequestStates(reply.value);
      return reply;
    },
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
