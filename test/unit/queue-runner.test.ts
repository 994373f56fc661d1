// The queue runner on a fake platform and a scripted host, in Node: one load and one pump at a time,
// recovery after a stopped worker, pause/cancel, throttling, a lost sign-in, the badge and the alarm.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { QueueRunner } from '../../src/background/queue-runner';
import type { HostCall, HostHandlers } from '../../src/background/router';
import { ok } from '../../src/protocol/messaging';
import type { BatchAnswer } from '../../src/core/batch';
import { emptyQueue, enqueue, type Queue } from '../../src/core/queue';
import { History } from '../../src/storage/history';
import { Store } from '../../src/storage/storage';
import { fakePlatform, type FakePlatform } from '../support/fake-platform';
import { runOptions } from '../support/fixtures';
import { addProfile, switchProfile } from '../../src/storage/profiles';
import { authConfigOf } from '../../src/storage/settings';

/** Who a run is for: these addresses, no names. */
const to = (...emails: string[]) => emails.map((email) => ({ email, name: '' }));
const many = (n: number, tag: string) => to(...Array.from({ length: n }, (_, i) => `${tag}${i}@x.com`));

/** A host that answers like Graph: each address invited once it is sent; answers scripted per call. */
class ScriptedHost {
  sent: string[] = [];
  directory = new Set<string>();
  /** Answers for the next sendBatch calls, in order; 'ok' invites every step. */
  script: ('ok' | 'lost' | 'signedOut' | ((id: string) => BatchAnswer))[] = [];
  lookups = 0;
  latencyMs = 10;

  private readonly handlers: Pick<HostHandlers, 'sendBatch' | 'lookup' | 'addToGroups'> = {
    sendBatch: async ({ items }) => {
      const step = this.script.shift() ?? 'ok';
      if (step === 'signedOut') return { ok: false, error: { key: 'errSignInRequired', reauth: true } };
      for (const item of items) {
        this.sent.push(item.input.email);
        this.directory.add(item.input.email);
      }
      if (step === 'lost') return ok({ failure: { status: 0 }, tenantId: 'T' });
      const answer = (id: string): BatchAnswer =>
        step === 'ok' ? { id, status: 201, body: { invitedUser: { id: `user-${id}` } } } : step(id);
      return ok({ answers: items.map((i) => answer(i.id)), tenantId: 'T' });
    },
    lookup: async ({ emails }) => {
      this.lookups++;
      return ok({
        users: Object.fromEntries(emails.map((e) => [e, this.directory.has(e) ? `user-${e}` : null])),
        tenantId: 'T',
      });
    },
    addToGroups: async ({ steps }) => ok({ answers: steps.map((s) => ({ id: s.id, status: 204 })) }),
  };

  /** Directories whose sign-in is gone: every request there is refused, nothing done. */
  signedOutOf = new Set<string>();
  /** Each call, with the directory it went to ('settings' when sent to the settings' own). */
  calls: { type: string; tenant: string; emails: string[] }[] = [];

  call: HostCall = async (type, payload, config) => {
    const p = payload as { items?: { input: { email: string } }[]; emails?: string[]; steps?: { userId: string }[] };
    const emails = p.items?.map((i) => i.input.email) ?? p.emails ?? p.steps?.map((step) => step.userId.slice(5)) ?? [];
    this.calls.push({ type, tenant: config?.tenant ?? 'settings', emails });
    await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    if (config && this.signedOutOf.has(config.tenant))
      return { ok: false, error: { key: 'errSignInRequired', reauth: true } } as Awaited<ReturnType<HostCall>>;
    const handler = this.handlers[type as keyof typeof this.handlers] as
      ((p: typeof payload) => ReturnType<HostCall>) | undefined;
    if (!handler) throw new Error(`unexpected ${type}`);
    return handler(payload);
  };
}

let platform: FakePlatform;
let store: Store;
let host: ScriptedHost;
const runner = () =>
  new QueueRunner({
    platform,
    store,
    history: new History(store),
    host: host.call,
    describeEnd: (c) => `done ${c.done}`,
    words: (error) => error.key,
  });
/** The queue as stored: its main record with the items of its pieces. */
const stored = (): Queue => {
  const { pieces, ...main } = platform.data.local.get('queue') as Omit<Queue, 'items'> & { pieces: string[] };
  return { ...main, items: pieces.flatMap((name) => platform.data.local.get(`queue:${name}`) as Queue['items']) };
};
const states = () => Object.fromEntries(stored().items.map((i) => [i.key, i.state]));
/** What a stopped worker left in storage. */
async function leftBehind(emails: string[], state: 'waiting' | 'sending'): Promise<void> {
  const q = emptyQueue();
  enqueue(q, runOptions, to(...emails), 0);
  for (const item of q.items) Object.assign(item, { state, attempts: state === 'sending' ? 1 : 0 });
  await store.write('queue', q);
}
/** A runner started with a profile named Contoso in use, the host answering after `latencyMs`. */
async function startInContoso(latencyMs: number) {
  const contoso = { ...(await store.read('settings')), name: 'Contoso', tenant: 'contoso.com' };
  await store.write('settings', contoso);
  host.latencyMs = latencyMs;
  const r = runner();
  void r.start();
  return { contoso, r };
}
/** Lets every timer and promise run until the queue has nothing left to do. */
const settle = () => vi.advanceTimersByTimeAsync(120_000);

beforeEach(() => {
  vi.useFakeTimers();
  platform = fakePlatform();
  store = new Store(platform.storage);
  host = new ScriptedHost();
});
afterEach(() => vi.useRealTimers());

describe('queue runner', () => {
  test('runs a list to the end: each address sent once, recorded in the history, badge and alarm cleared', async () => {
    const r = runner();
    void r.start();
    await r.enqueue(runOptions, many(45, 'u'));
    expect(platform.badge).toBe('45');
    expect(platform.alarmsSet.get('queue')).toBe(0.5);
    await settle();
    expect(Object.values(states())).toEqual(Array(45).fill('done'));
    expect(host.sent.sort()).toEqual(Array.from({ length: 45 }, (_, i) => `u${i}@x.com`).sort());
    expect((platform.data.local.get('history') as unknown[]).length).toBe(45);
    expect(platform.badge).toBe('');
    expect(platform.alarmsSet.has('queue')).toBe(false);
  });

  test('wake-ups at start (worker start, the alarm) share one load and one pump: nothing is sent twice', async () => {
    await leftBehind(
      Array.from({ length: 30 }, (_, i) => `w${i}@x.com`),
      'waiting',
    );
    // A new worker over the same storage, woken by start-up and the alarm at once.
    const restarted = runner();
    void restarted.start();
    void restarted.wake();
    void restarted.wake();
    await settle();
    expect(host.sent).toHaveLength(30);
    expect(new Set(host.sent).size).toBe(30);
    expect(Object.values(states())).toEqual(Array(30).fill('done'));
  });

  test('a worker stopped mid-batch: looked up through the replication window before it is sent', async () => {
    await store.write('settings', { ...(await store.read('settings')), lookupWindowSeconds: 60 });
    // The stopped worker's view: both were on their way; Graph had done only a@.
    await leftBehind(['a@x.com', 'b@x.com'], 'sending');
    host.directory.add('a@x.com');
    const started = Date.now();
    let sentAt = 0;
    const send = host.call;
    const timed: HostCall = (type, payload) => {
      if (type === 'sendBatch') sentAt ||= Date.now();
      return send(type, payload);
    };
    host.call = timed;
    void runner().start();
    await settle();
    // b@ is not in the directory: looked up again and again (it may be replicating), sent once after the window.
    expect(host.lookups).toBeGreaterThanOrEqual(4);
    expect(host.lookups).toBeLessThan(12);
    expect(sentAt - started).toBeGreaterThanOrEqual(60_000);
    expect(host.sent).toEqual(['b@x.com']);
    expect(states()).toEqual({ 'a@x.com': 'done', 'b@x.com': 'done' });
  });

  test('a lost answer that cannot be checked (no permission to read users) ends as unknown, never resent', async () => {
    host.script = ['lost'];
    const lookup = vi.fn(async () => ({
      ok: false as const,
      error: { key: 'errConsentNeeded', subs: ['User.Read.All'], consent: 'read' as const },
    }));
    const send = host.call;
    const refusing: HostCall = (type, payload) => (type === 'lookup' ? lookup() : send(type, payload));
    host.call = refusing;
    const r = runner();
    void r.start();
    await r.enqueue(runOptions, to('x@x.com', 'y@x.com'));
    await settle();
    expect(host.sent).toEqual(['x@x.com', 'y@x.com']);
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(stored().items.map((i) => [i.state, i.error?.key])).toEqual([
      ['unknown', 'errOutcomeUnknownConsent'],
      ['unknown', 'errOutcomeUnknownConsent'],
    ]);
    expect(platform.badge).toBe('');
  });

  test('a lost answer is looked up: the guest that exists is done without a second invitation', async () => {
    host.script = ['lost'];
    const r = runner();
    void r.start();
    await r.enqueue(runOptions, to('lost@x.com'));
    await settle();
    expect(host.sent).toEqual(['lost@x.com']);
    expect(stored().items[0]).toMatchObject({ state: 'done', result: { userId: 'user-lost@x.com', tenantId: 'T' } });
  });

  test('a throttled item waits its Retry-After, then goes once', async () => {
    host.script = [(id) => ({ id, status: 429, retryAfterSeconds: 5 })];
    const r = runner();
    void r.start();
    await r.enqueue(runOptions, to('slow@x.com'));
    await vi.advanceTimersByTimeAsync(4000);
    expect(states()['slow@x.com']).toBe('waiting');
    expect(host.sent).toHaveLength(1);
    await settle();
    expect(states()['slow@x.com']).toBe('done');
    expect(host.sent).toHaveLength(2);
  });

  test('signed out: the queue stops with the reason, keeps the items waiting, and a resume goes on', async () => {
    host.script = ['signedOut'];
    const r = runner();
    void r.start();
    await r.enqueue(runOptions, to('me@x.com'));
    await settle();
    // Its directory is held (the only one here): nothing more is sent until resumed or signed in.
    expect(stored()).toMatchObject({
      stoppedFor: { key: 'errSignInRequired' },
      items: [{ state: 'waiting' }],
    });
    expect(stored().stoppedRun).toBe(stored().items[0].run);
    expect(host.sent).toEqual([]);
    await r.control('resume');
    await settle();
    expect(states()['me@x.com']).toBe('done');
  });

  test('profile switched mid-run: each run finishes in its own directory, no batch mixes two', async () => {
    const contoso = { ...(await store.read('settings')), name: 'Contoso', tenant: 'contoso.com' };
    await store.write('settings', addProfile(contoso, 'p2'));
    const fabrikam = { ...(await store.read('settings')), name: 'Fabrikam', tenant: 'fabrikam.com' };
    await store.write('settings', switchProfile(fabrikam, contoso.id));
    host.latencyMs = 1000;
    host.script = ['ok', 'lost']; // the second batch's answer is lost: looked up in its own directory
    const r = runner();
    void r.start();
    await r.enqueue({ ...runOptions, groups: [{ id: 'g1', displayName: 'Team' }] }, many(70, 'c'));
    await vi.advanceTimersByTimeAsync(100); // the first batches are on their way
    await store.write('settings', switchProfile(await store.read('settings'), 'p2'));
    await r.enqueue(runOptions, many(30, 'f'));
    await settle();
    expect(Object.values(states())).toEqual(Array(100).fill('done'));
    expect(host.sent).toHaveLength(100);
    const tenants = (calls: { tenant: string; emails: string[] }[]) =>
      calls.map((call) => [...new Set(call.emails.map((e) => e[0]))].map((tag) => `${tag}:${call.tenant}`).join());
    const batches = new Set(tenants(host.calls.filter((c) => c.type === 'sendBatch')));
    expect(batches).toEqual(new Set(['c:contoso.com', 'f:fabrikam.com']));
    expect(tenants(host.calls.filter((c) => c.type === 'lookup'))).toEqual(['c:contoso.com']);
    expect(new Set(tenants(host.calls.filter((c) => c.type === 'addToGroups')))).toEqual(new Set(['c:contoso.com']));
  });

  test("signing out of one profile drops that directory's waiting run; another directory's goes on", async () => {
    const { contoso, r } = await startInContoso(1000);
    await r.enqueue(runOptions, many(100, 'c'));
    await store.write('settings', { ...addProfile(contoso, 'p2'), tenant: 'fabrikam.com' });
    await r.enqueue(runOptions, many(10, 'f'));
    await vi.advanceTimersByTimeAsync(100); // three batches of Contoso are on their way
    await r.discardWaiting(authConfigOf(contoso));
    await settle();
    const left = stored().items;
    expect(left.filter((i) => i.email.startsWith('f')).map((i) => i.state)).toEqual(Array(10).fill('done'));
    // Contoso's batches on their way finished (20 each; Fabrikam had its turn among the first three);
    // the rest was never sent.
    const contosoSent = host.sent.filter((e) => e.startsWith('c'));
    expect(contosoSent).toHaveLength(40);
    expect(left.filter((i) => i.email.startsWith('c')).map((i) => i.state)).toEqual(Array(40).fill('done'));
  });

  test("signed in again: a run stopped for that sign-in goes on, but not for another directory's sign-in", async () => {
    host.script = ['signedOut'];
    const { contoso, r } = await startInContoso(10);
    await r.enqueue(runOptions, many(5, 's'));
    await settle();
    expect(stored()).toMatchObject({ stoppedFor: { key: 'errSignInRequired' } });
    await r.signedIn({ ...authConfigOf(contoso), tenant: 'fabrikam.com' });
    await settle();
    expect(host.sent).toEqual([]);
    await r.signedIn(authConfigOf(contoso));
    await settle();
    expect(Object.values(states())).toEqual(Array(5).fill('done'));
    expect(host.sent).toHaveLength(5);
  });

  test("one directory's lost sign-in holds only its run; another directory's run goes on, taking turns", async () => {
    const { contoso, r } = await startInContoso(1000);
    await r.enqueue(runOptions, many(300, 'c'));
    await vi.advanceTimersByTimeAsync(100); // Contoso's first batches are on their way
    const fabrikam = { ...addProfile(contoso, 'p2'), tenant: 'fabrikam.com' };
    await store.write('settings', fabrikam);
    await r.enqueue(runOptions, to('first@f.com'));
    await vi.advanceTimersByTimeAsync(2500); // two rounds of answers
    // Fabrikam's address had its turn among the next batches, not behind Contoso's 300.
    expect(states()['first@f.com']).toBe('done');
    expect(Object.values(states()).filter((state) => state === 'waiting').length).toBeGreaterThan(100);
    host.signedOutOf.add('contoso.com'); // then Contoso's sign-in is gone
    await settle();
    // Contoso's run waits for its sign-in; a second Fabrikam run goes on meanwhile.
    expect(stored()).toMatchObject({ paused: false, stoppedFor: { key: 'errSignInRequired' } });
    await r.enqueue(runOptions, many(5, 'g'));
    await settle();
    expect(['g0@x.com', 'g4@x.com'].map((e) => states()[e])).toEqual(['done', 'done']);
    const waiting = Object.entries(states()).filter(([, state]) => state === 'waiting');
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every(([email]) => email.startsWith('c'))).toBe(true);
    host.signedOutOf.clear();
    await r.signedIn(authConfigOf(contoso));
    await settle();
    expect(Object.values(states()).every((state) => state === 'done')).toBe(true);
    expect(new Set(host.sent).size).toBe(host.sent.length); // each address once
  });

  test('pause holds what waits; cancel ends it; retry brings it back', async () => {
    host.latencyMs = 1000;
    const r = runner();
    void r.start();
    await r.enqueue(runOptions, many(100, 'p'));
    await r.control('pause');
    await settle();
    const sentWhilePaused = host.sent.length;
    expect(sentWhilePaused).toBeLessThan(100);
    await r.control('cancel');
    expect(Object.values(states()).filter((s) => s === 'cancelled')).toHaveLength(100 - sentWhilePaused);
    await r.control('retry');
    await settle();
    expect(Object.values(states())).toEqual(Array(100).fill('done'));
    expect(host.sent).toHaveLength(100);
  });

  test('invalid input is skipped with its reason, never sent; a run from the menu ends in a notification', async () => {
    const r = runner();
    void r.start();
    await r.enqueue(runOptions, to('ok@x.com', 'bad+tag@x.com'));
    await r.notifyWhenDone();
    await settle();
    expect(states()).toEqual({ 'ok@x.com': 'done', 'bad+tag@x.com': 'skipped' });
    expect(host.sent).toEqual(['ok@x.com']);
    expect(platform.notifications).toEqual(['done 1']);
  });

  test('guests are added to their groups after the invitation', async () => {
    const r = runner();
    void r.start();
    await r.enqueue({ ...runOptions, groups: [{ id: 'g1', displayName: 'One' }] }, to('g@x.com'));
    await settle();
    expect(stored().items[0]).toMatchObject({ state: 'done', groupsPending: [] });
  });

  test('a run that cannot be saved is refused whole: nothing of it stays or is sent', async () => {
    const r = runner();
    void r.start();
    platform.failWrites = true;
    await expect(r.enqueue(runOptions, many(3, 'q'))).rejects.toMatchObject({ userError: { key: 'errSaveFailed' } });
    platform.failWrites = false;
    await settle();
    expect(host.sent).toEqual([]);
    await r.enqueue(runOptions, to('next@x.com'));
    await settle();
    expect(Object.keys(states())).toEqual(['next@x.com']);
  });

  test('a save failing mid-run: nothing unsaved is sent; the queue stops, says why, resumes after', async () => {
    host.latencyMs = 500;
    const r = runner();
    void r.start();
    await r.enqueue(runOptions, many(200, 's'));
    await vi.advanceTimersByTimeAsync(10);
    const sentBefore = host.sent.length;
    platform.failWrites = true;
    await vi.advanceTimersByTimeAsync(2000);
    // What was already on its way lands; nothing more goes while nothing can be saved.
    expect(host.sent.length).toBeLessThan(200);
    expect(host.sent.length).toBeGreaterThanOrEqual(sentBefore);
    expect(platform.notifications.some((n) => n === 'errSaveFailed')).toBe(true);
    platform.failWrites = false;
    await r.control('resume');
    await settle();
    expect(Object.values(states())).toEqual(Array(200).fill('done'));
    expect(host.sent).toHaveLength(200);
    expect(new Set(host.sent).size).toBe(200);
  });

  test('at most 5,000 addresses wait at once, on every path into the queue', async () => {
    const r = runner();
    await r.enqueue(runOptions, many(4000, 'c'));
    await expect(r.enqueue(runOptions, many(1001, 'd'))).rejects.toMatchObject({
      userError: { key: 'errRunTooLarge', subs: ['5000'] },
    });
    expect(stored().items).toHaveLength(4000);
  });

  test('a queue saved in the old form (the whole form on each item) is read as runs', async () => {
    const input = { ...runOptions, email: 'old@x.com', displayName: 'Old' };
    platform.data.local.set('queue', {
      items: [{ key: 'old@x.com', input, state: 'waiting', attempts: 0, notBefore: 0 }],
      paused: false,
    });
    void runner().start();
    await settle();
    expect(host.sent).toEqual(['old@x.com']);
    expect(stored().items[0]).toMatchObject({ email: 'old@x.com', name: 'Old', state: 'done' });
  });
});
