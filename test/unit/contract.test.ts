// The message contract and the storage module, in Node: what a receiver refuses before any handler
// runs, and what a corrupt or old stored value turns into.
import { describe, expect, test, vi } from 'vitest';
import { backgroundRequests } from '../../src/protocol/contract';
import { client, ok, receiver, type Handlers } from '../../src/protocol/messaging';
import { Store } from '../../src/storage/storage';
import { DEFAULT_SETTINGS } from '../../src/storage/settings';
import { fakePlatform } from '../support/fake-platform';
import { runOptions } from '../support/fixtures';

const options = runOptions;
const one = [{ email: 'a@x.com', name: 'A' }];

function backgroundWith(enqueue: Handlers<typeof backgroundRequests>['enqueue']) {
  const unused = async () => ({ ok: false as const, error: { key: 'unused' } });
  return receiver('background', backgroundRequests, {
    status: unused,
    signIn: unused,
    signOut: unused,
    enqueue,
    queueControl: unused,
    userStates: unused,
    directory: unused,
    searchGroups: unused,
    searchPeople: unused,
    guestAddresses: unused,
    accessPackages: unused,
    assignPackage: unused,
    assignmentStates: unused,
    grantConsent: unused,
    checkConnection: unused,
  });
}

describe('message contract', () => {
  test('a request for another receiver, of an unknown type, or without an envelope gets no answer', () => {
    const answer = backgroundWith(vi.fn());
    expect(answer({ to: 'host', type: 'enqueue', payload: { options, recipients: one } })).toBeUndefined();
    expect(answer({ to: 'background', type: 'invite', payload: { input: { ...options, ...one[0] } } })).toBeUndefined();
    expect(answer({ to: 'background', type: 'toString', payload: {} })).toBeUndefined();
    expect(answer('enqueue')).toBeUndefined();
  });

  test('a payload that fails its schema is refused before the handler sees it', async () => {
    const enqueue = vi.fn();
    const answer = backgroundWith(enqueue);
    const refused = [
      { options, recipients: [] },
      { options: { ...options, sendMail: 'yes' }, recipients: one },
      { options: { ...options, userType: 'Owner' }, recipients: one },
      { options, recipients: [{ email: 'a@x.com' }] },
      { options: { ...options, groups: [{ id: '../../users', displayName: 'x' }] }, recipients: one },
      { options, recipients: Array.from({ length: 5001 }, () => one[0]) },
    ];
    for (const payload of refused)
      expect(await answer({ to: 'background', type: 'enqueue', payload })).toMatchObject({ ok: false });
    expect(enqueue).not.toHaveBeenCalled();
  });

  test('typed client and receiver meet: the handler gets the checked payload, the caller its answer', async () => {
    const answer = backgroundWith(async ({ recipients }) =>
      ok({ items: [], runs: {}, paused: recipients.length === 1 }),
    );
    const send = client<typeof backgroundRequests>('background', async (message) => answer(message));
    expect(await send('enqueue', { options, recipients: one })).toEqual({
      ok: true,
      value: { items: [], runs: {}, paused: true },
    });
  });
});

describe('storage', () => {
  test('an unreadable stored value is set aside and reported once; its fallback stands in', async () => {
    const platform = fakePlatform();
    const reports: string[] = [];
    const store = new Store(platform.storage, (key) => reports.push(key));
    platform.data.local.set('queue', { items: [{ key: 'x', state: 'exploded' }], paused: false });
    platform.data.local.set('settings', { clientId: 'abc', cloud: 'mars' });
    platform.data.local.set('history', 'not a list');
    expect(await store.read('queue')).toEqual({ items: [], runs: {}, paused: false });
    expect(await store.read('queue')).toEqual({ items: [], runs: {}, paused: false });
    expect(await store.read('history')).toEqual([]);
    expect(await store.read('settings')).toEqual(DEFAULT_SETTINGS);
    expect(reports).toEqual(['queue', 'history', 'settings']);
    // Set aside, not lost: under another key, out of the way of the next read.
    expect(platform.data.local.get('history.unreadable')).toBe('not a list');
    expect(platform.data.local.has('history')).toBe(false);
  });

  test('settings saved before a field existed take its default; the rest is kept', async () => {
    const platform = fakePlatform();
    const store = new Store(platform.storage);
    platform.data.local.set('settings', {
      clientId: 'abc',
      tenant: 'contoso.com',
      cloud: 'global',
      customAuthority: '',
      customGraph: '',
      defaults: { sendMail: false },
    });
    expect(await store.read('settings')).toEqual({
      ...DEFAULT_SETTINGS,
      clientId: 'abc',
      tenant: 'contoso.com',
      defaults: { ...DEFAULT_SETTINGS.defaults, sendMail: false },
    });
  });

  test('watchers get each new value, checked', async () => {
    const platform = fakePlatform();
    const store = new Store(platform.storage);
    const seen: unknown[] = [];
    const stop = store.watch('draft', (draft) => seen.push(draft));
    await store.write('draft', { found: [{ address: 'a@x.com' }], source: 'link' });
    await platform.storage.session.set('draft', { found: 'nope' });
    stop();
    await store.remove('draft');
    expect(seen).toEqual([{ found: [{ address: 'a@x.com' }], source: 'link' }, undefined]);
  });
});

describe('the stored queue', () => {
  test('is kept in pieces of 100: a save writes the main record and only the pieces that changed', async () => {
    const { emptyQueue, enqueue } = await import('../../src/core/queue');
    const platform = fakePlatform();
    const store = new Store(platform.storage);
    const q = emptyQueue();
    enqueue(
      q,
      runOptions,
      Array.from({ length: 450 }, (_, i) => ({ email: `p${i}@x.com`, name: '' })),
      0,
    );
    await store.write('queue', q);
    const written: string[][] = [];
    const setAll = platform.storage.local.setAll.bind(platform.storage.local);
    platform.storage.local.setAll = async (values) => {
      written.push(Object.keys(values));
      return setAll(values);
    };
    q.items[230].state = 'done';
    await store.write('queue', q);
    expect(written).toEqual([['queue', expect.stringMatching(/^queue:.+\.2$/)]]);
    // Read back whole, in order; a finished run's pieces go when it is cleared.
    expect((await new Store(platform.storage).read('queue')).items.map((i) => i.email)).toEqual(
      q.items.map((i) => i.email),
    );
    q.items = [];
    q.runs = {};
    await store.write('queue', q);
    expect([...platform.data.local.keys()]).toEqual(['queue']);
  });

  test('a change made while a save is on its way is written by the next save', async () => {
    const { emptyQueue, enqueue } = await import('../../src/core/queue');
    const platform = fakePlatform();
    const store = new Store(platform.storage);
    const q = emptyQueue();
    enqueue(q, runOptions, [{ email: 'a@x.com', name: '' }], 0);
    // The item changes once the write has gone out, before the store has noted what it wrote.
    const setAll = platform.storage.local.setAll.bind(platform.storage.local);
    platform.storage.local.setAll = async (values) => {
      await setAll(values);
      q.items[0].state = 'done';
    };
    await store.write('queue', q);
    platform.storage.local.setAll = setAll;
    await store.write('queue', q);
    expect((await new Store(platform.storage).read('queue')).items[0].state).toBe('done');
  });
});
