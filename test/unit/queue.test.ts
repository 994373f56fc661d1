import { describe, expect, test } from 'vitest';
import {
  cancelWaiting,
  counts,
  emptyQueue,
  enqueue,
  inputOf,
  nextWake,
  retryFailed,
  settle,
  takeBatch,
  MAX_THROTTLED,
} from '../../src/core/queue';
import type { RunOptions } from '../../src/core/invitation';
import { cannotCheck, checkAgain, dueLookups, markUncertain, reconcile } from '../../src/core/lost-answers';
import type { Queue } from '../../src/core/queue';
import { runOptions } from '../support/fixtures';

/** Adds a run of these addresses with the default options (and any changed). */
const add = (q: Queue, emails: string[], extra: Partial<RunOptions> = {}, now = 0) =>
  enqueue(
    q,
    { ...runOptions, ...extra },
    emails.map((email) => ({ email, name: '' })),
    now,
  );
const TENANT = 't';

describe('queue', () => {
  test('an address waiting or on its way is not queued twice', () => {
    const q = emptyQueue();
    expect(add(q, ['a@x.com', 'A@X.COM', 'b@x.com'])).toBe(2);
    takeBatch(q, 0);
    expect(add(q, ['a@x.com'])).toBe(0);
  });

  test('batches of at most 20, none while paused', () => {
    const q = emptyQueue();
    add(
      q,
      Array.from({ length: 45 }, (_, i) => `u${i}@x.com`),
    );
    expect(takeBatch(q, 0)).toHaveLength(20);
    q.paused = true;
    expect(takeBatch(q, 0)).toHaveLength(0);
    q.paused = false;
    expect(takeBatch(q, 0)).toHaveLength(20);
    expect(takeBatch(q, 0)).toHaveLength(5);
    expect(counts(q)).toMatchObject({ waiting: 45, total: 45 });
  });

  test('201 done; 429 waits Retry-After; 5xx is looked up; 4xx fails; retries are bounded', () => {
    const q = emptyQueue();
    add(
      q,
      ['a', 'b', 'c', 'd'].map((n) => `${n}@x.com`),
    );
    const [a, b, c, d] = takeBatch(q, 1000);
    settle(q, a, { status: 201, body: { invitedUser: { id: 'u1' } } }, 1000, TENANT);
    settle(q, b, { status: 429, retryAfterSeconds: 7 }, 1000, TENANT);
    settle(q, c, { status: 503 }, 1000, TENANT);
    settle(
      q,
      d,
      { status: 400, body: { error: { code: 'BadRequest', message: 'The invited user email address is invalid.' } } },
      1000,
      TENANT,
    );
    // A 503 may come after the work was done: looked up, not resent.
    expect([a.state, b.state, c.state, d.state]).toEqual(['done', 'waiting', 'uncertain', 'failed']);
    expect(a.result!.userId).toBe('u1');
    expect(b.notBefore).toBe(8000);
    expect([c.lostAt, c.notBefore]).toEqual([1000, 1000]);
    expect(d.error!.key).toBe('errGraphBadAddress');
    expect(nextWake(q)).toBe(1000);
    // Throttling uses up no attempts: only MAX_THROTTLED 429s (this is the second) end it.
    for (let i = 2; i < MAX_THROTTLED; i++) {
      takeBatch(q, 10_000_000 * i);
      settle(q, b, { status: 429 }, 10_000_000 * i, TENANT);
      expect(b.state).toBe('waiting');
    }
    expect(b.attempts).toBe(0);
    takeBatch(q, 10_000_000 * MAX_THROTTLED);
    settle(q, b, { status: 429 }, 10_000_000 * MAX_THROTTLED, TENANT);
    expect(b.state).toBe('failed');
  });

  test('a 403 for a Member invitation names the role it needs', () => {
    const q = emptyQueue();
    add(q, ['a@x.com'], { userType: 'Member' });
    const [a] = takeBatch(q, 0);
    settle(
      q,
      a,
      { status: 403, body: { error: { message: 'Insufficient privileges to complete the operation.' } } },
      0,
      TENANT,
    );
    expect([a.state, a.error!.key]).toEqual(['failed', 'errMemberNeedsRole']);
  });

  test('a lost answer makes items uncertain; the lookup decides: done without resending, or send again', () => {
    const q = emptyQueue();
    add(q, ['a@x.com', 'b@x.com']);
    const [a, b] = takeBatch(q, 0);
    markUncertain([a, b], 0);
    expect(counts(q).waiting).toBe(2);
    reconcile(q, a, 'existing-id', 5, 't', 0);
    reconcile(q, b, undefined, 5, 't', 0);
    expect([a.state, a.result!.userId, b.state]).toEqual(['done', 'existing-id', 'waiting']);
  });

  test('nobody found inside the replication window is looked up again with back-off, then sent again', () => {
    const q = emptyQueue();
    add(q, ['a@x.com']);
    const [a] = takeBatch(q, 0);
    markUncertain([a], 1000);
    const window = 60_000;
    const lookups: number[] = [];
    for (let now = 1000; a.state === 'uncertain'; now = a.notBefore) {
      expect(dueLookups(q, now)).toEqual([a]);
      lookups.push(now - 1000);
      reconcile(q, a, undefined, now, 't', window);
    }
    expect([a.state, a.lostAt]).toEqual(['waiting', undefined]);
    // Sent again and lost again: a new window from this loss, not the old one (which has run out).
    takeBatch(q, 70_000);
    markUncertain([a], 70_000);
    reconcile(q, a, undefined, 70_000, 't', window);
    expect([a.state, a.lostAt]).toEqual(['uncertain', 70_000]);
    // Quick at first, further apart later, at most 30 s apart, and the last one at the window's end.
    expect(lookups.slice(0, 3)).toEqual([0, 2000, 4000]);
    expect(Math.max(...lookups.slice(1).map((t, i) => t - lookups[i]))).toBeLessThanOrEqual(30_000);
    expect(lookups.at(-1)).toBe(window);
    expect(lookups.length).toBeLessThan(12);
  });

  test('a lookup that cannot be made ends as unknown: cancel gives up; retry or a grant look again', () => {
    const q = emptyQueue();
    add(q, ['a@x.com', 'b@x.com', 'c@x.com']);
    const [a, b, c] = takeBatch(q, 0);
    markUncertain([a, b, c], 0);
    cannotCheck([a, b, c], { key: 'errConsentNeeded', subs: ['User.Read.All'], consent: 'read' });
    expect(counts(q)).toMatchObject({ unknown: 3, waiting: 0 });
    expect(a.error).toMatchObject({ key: 'errOutcomeUnknownConsent', subs: ['User.Read.All'], consent: 'read' });
    cannotCheck([c], { key: 'errSignInRequired', reauth: true });
    expect(c.error!.key).toBe('errOutcomeUnknownSignIn');
    a.state = 'cancelled';
    retryFailed(q, 50);
    expect([a.state, b.state, c.state]).toEqual(['uncertain', 'uncertain', 'uncertain']);
    cannotCheck([a], { key: 'errSignInRequired', reauth: true });
    checkAgain(q, 60);
    expect([a.state, a.notBefore, a.error]).toEqual(['uncertain', 60, undefined]);
  });

  test('cancel stops what has not been sent; retry failed brings them back', () => {
    const q = emptyQueue();
    add(q, ['a@x.com', 'b@x.com']);
    const [a] = takeBatch(q, 0, 1);
    cancelWaiting(q);
    expect(counts(q)).toMatchObject({ cancelled: 1, waiting: 1 });
    settle(q, a, { status: 403, body: { error: { message: 'Insufficient privileges' } } }, 0, TENANT);
    retryFailed(q, 10);
    expect(q.items.map((i) => i.state)).toEqual(['waiting', 'waiting']);
  });
});

describe('sponsors Graph refuses', () => {
  const sam = { id: 'sam', displayName: 'Sam' };
  const refused = { status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'No.' } } };

  test('a 4xx with sponsors goes once more without them, now; the item keeps why', () => {
    const q = emptyQueue();
    add(q, ['a@x.com'], { sponsors: [sam] });
    const [item] = takeBatch(q, 0);
    expect(inputOf(q, item).sponsors).toEqual([sam]);
    settle(q, item, refused, 10, TENANT);
    expect(item.state).toBe('waiting');
    expect(item.notBefore).toBe(10);
    expect(item.sponsorsRefused?.key).toBeTruthy();
    expect(inputOf(q, item).sponsors).toBeUndefined();
    // Without them it passes: invited, the reason kept for the row.
    settle(q, takeBatch(q, 10)[0], { status: 201, body: { invitedUser: { id: 'u1' } } }, 20, TENANT);
    expect(item.state).toBe('done');
    expect(item.sponsorsRefused).toBeDefined();
  });

  test('refused again without them: failed with that answer; a retry tries the sponsors again', () => {
    const q = emptyQueue();
    add(q, ['a@x.com'], { sponsors: [sam] });
    const [item] = takeBatch(q, 0);
    settle(q, item, refused, 0, TENANT);
    const blocked = {
      status: 400,
      body: { error: { code: 'BadRequest', message: 'The invited user email address is invalid.' } },
    };
    settle(q, takeBatch(q, 0)[0], blocked, 0, TENANT);
    expect(item.state).toBe('failed');
    retryFailed(q, 5);
    expect(inputOf(q, item).sponsors).toEqual([sam]);
  });

  test('throttling and lost answers are not refusals: the sponsors stay', () => {
    const q = emptyQueue();
    add(q, ['a@x.com', 'b@x.com'], { sponsors: [sam] });
    const [a, b] = takeBatch(q, 0);
    settle(q, a, { status: 429, retryAfterSeconds: 1 }, 0, TENANT);
    settle(q, b, { status: 503 }, 0, TENANT);
    expect([a.sponsorsRefused, b.sponsorsRefused]).toEqual([undefined, undefined]);
    expect([a.state, b.state]).toEqual(['waiting', 'uncertain']);
  });
});

describe('standing in the directory', async () => {
  const { standingOf, selectedByDefault } = await import('../../src/core/directory');
  test('member, pending or accepted guest, own domain, new', () => {
    const domains = ['contoso.com'];
    expect(standingOf('m@x.com', { id: '1', userType: 'Member' }, domains)).toBe('member');
    expect(standingOf('g@x.com', { id: '2', userType: 'Guest', externalUserState: 'PendingAcceptance' }, domains)).toBe(
      'guestPending',
    );
    expect(standingOf('a@x.com', { id: '3', userType: 'Guest', externalUserState: 'Accepted' }, domains)).toBe(
      'guestAccepted',
    );
    expect(standingOf('me@Contoso.com', null, domains)).toBe('ownDomain');
    expect(standingOf('new@fabrikam.com', null, domains)).toBe('new');
    expect(
      ['new', 'member', 'guestPending', 'guestAccepted', 'ownDomain'].filter((s) => selectedByDefault(s as never)),
    ).toEqual(['new']);
  });
});

describe('groups after the invitation', async () => {
  const { finishGrouping, settleGroup, takeGroupSteps } = await import('../../src/core/queue');
  test('404 while replicating is retried; added or already a member is done; other errors are reported', () => {
    const q = emptyQueue();
    add(q, ['g@x.com'], {
      groups: [
        { id: 'g1', displayName: 'One' },
        { id: 'g2', displayName: 'Two' },
      ],
    });
    const [item] = takeBatch(q, 0);
    settle(q, item, { status: 201, body: { invitedUser: { id: 'u1' } } }, 0, TENANT);
    expect(item.state).toBe('grouping');
    expect(takeGroupSteps(q, 0)).toHaveLength(0); // replication grace first
    const steps = takeGroupSteps(q, 5_000);
    expect(steps.map((s) => s.groupId)).toEqual(['g1', 'g2']);
    settleGroup(item, 'g1', { status: 404 }, 5_000, 'One');
    settleGroup(
      item,
      'g2',
      { status: 400, body: { error: { message: 'One or more added object references already exist' } } },
      5_000,
      'Two',
    );
    finishGrouping([item]);
    expect([item.state, item.groupsPending]).toEqual(['grouping', ['g1']]);
    expect(takeGroupSteps(q, 60_000).map((s) => s.groupId)).toEqual(['g1']);
    settleGroup(item, 'g1', { status: 403, body: { error: { message: 'Insufficient privileges' } } }, 60_000, 'One');
    finishGrouping([item]);
    expect(item.state).toBe('done');
    expect(item.error).toEqual({ key: 'errGroupAdd', subs: ['One', 'Insufficient privileges'] });
  });
});
