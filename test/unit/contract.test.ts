// The message contract and the storage module, in Node: what a receiver refuses before any handler
// runs, and what a corrupt or old stored value turns into.
import { describe, expect, test, vi } from 'vitest';
import { backgroundRequests } from '../../src/protocol/contract';
import { client, ok, receiver, type Handlers } from '../../src/protocol/messaging';
import { Store } from '../../src/storage/storage';
import { DEFAULT_SETTINGS } from '../../src/storage/settings';
import { fakePlatform } from '../support/fake-platform';
import { inviteFor } from '../support/fixtures';

const input = inviteFor('a@x.com');

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
  });
}

describe('message contract', () => {
  test('a request for another receiver, of an unknown type, or without an envelope gets no answer', () => {
    const answer = backgroundWith(vi.fn());
    expect(answer({ to: 'host', type: 'enqueue', payload: { inputs: [input] } })).toBeUndefined();
    expect(answer({ to: 'background', type: 'invite', payload: { input } })).toBeUndefined();
    expect(answer({ to: 'background', type: 'toString', payload: {} })).toBeUndefined();
    expect(answer('enqueue')).toBeUndefined();
  });

  test('a payload that fails its schema is refused before the handler sees it', async () => {
    const enqueue = vi.fn();
    const answer = backgroundWith(enqueue);
    const refused = [
      { inputs: [] },
      { inputs: [{ ...input, sendMail: 'yes' }] },
      { inputs: [{ ...input, userType: 'Owner' }] },
      { inputs: [{ ...input, groups: [{ id: '../../users', displayName: 'x' }] }] },
      { inputs: Array.from({ length: 5001 }, () => input) },
    ];
    for (const payload of refused)
      expect(await answer({ to: 'background', type: 'enqueue', payload })).toMatchObject({ ok: false });
    expect(enqueue).not.toHaveBeenCalled();
  });

  test('typed client and receiver meet: the handler gets the checked payload, the caller its answer', async () => {
    const answer = backgroundWith(async ({ inputs }) => ok({ items: [], paused: inputs.length === 1 }));
    const send = client<typeof backgroundRequests>('background', async (message) => answer(message));
    expect(await send('enqueue', { inputs: [input] })).toEqual({
      ok: true,
      value: { items: [], paused: true },
    });
  });
});

describe('storage', () => {
  test('an unreadable stored value gives its fallback and is reported once', async () => {
    const platform = fakePlatform();
    const reports: string[] = [];
    const store = new Store(platform.storage, (key) => reports.push(key));
    platform.data.local.set('queue', { items: [{ key: 'x', state: 'exploded' }], paused: false });
    platform.data.local.set('history', 'not a list');
    expect(await store.read('queue')).toEqual({ items: [], paused: false });
    expect(await store.read('queue')).toEqual({ items: [], paused: false });
    expect(await store.read('history')).toEqual([]);
    expect(reports).toEqual(['queue', 'history']);
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
