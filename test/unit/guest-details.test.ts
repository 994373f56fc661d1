// Guest details: what is sent (trimmed, empty ones left out), what the form refuses, and the queue's
// follow-up step for them.
import { expect, test } from 'vitest';
import { checkDetails, cleanDetails } from '../../src/core/guest-details';
import {
  DETAILS_STEP,
  emptyQueue,
  enqueue,
  settle,
  settleGroup,
  takeBatch,
  takeGroupSteps,
} from '../../src/core/queue';
import { runOptions } from '../support/fixtures';

test('only what was filled in is sent, trimmed; nothing at all is no details', () => {
  expect(cleanDetails({ givenName: ' Ines ', surname: '', jobTitle: '  ' })).toEqual({ givenName: 'Ines' });
  expect(cleanDetails({ surname: ' ' })).toBeUndefined();
  expect(cleanDetails(undefined)).toBeUndefined();
});

test("Graph's lengths, and a two-letter country code", () => {
  expect(checkDetails({ jobTitle: 'x'.repeat(128), companyName: 'y'.repeat(64), usageLocation: 'NL' })).toEqual({});
  expect(checkDetails({ jobTitle: 'x'.repeat(129), givenName: '名'.repeat(65), usageLocation: 'nl' })).toEqual({
    jobTitle: { key: 'errDetailTooLong', subs: ['128'] },
    givenName: { key: 'errDetailTooLong', subs: ['64'] },
    usageLocation: { key: 'errUsageLocation' },
  });
});

test('after the invitation the details go first, then the groups; each failure is kept, a 403 names the role', () => {
  const q = emptyQueue();
  const groups = [{ id: 'g1', displayName: 'G1' }];
  enqueue(q, { ...runOptions, groups, details: { companyName: 'Fabrikam' } }, [{ email: 'a@x.com', name: '' }], 0);
  const [item] = takeBatch(q, 0);
  settle(q, item, { status: 201, body: { invitedUser: { id: 'u1' } } }, 0, 't');
  expect(item.state).toBe('grouping');
  expect(takeGroupSteps(q, 10_000).map((s) => s.groupId)).toEqual([DETAILS_STEP, 'g1']);
  settleGroup(item, DETAILS_STEP, { status: 403 }, 10_000, DETAILS_STEP);
  settleGroup(item, 'g1', { status: 403 }, 10_000, 'G1');
  // Both failures stay on the item, the first as its error, the second beside it.
  expect(item.error).toEqual({ key: 'errDetailsNeedRole' });
  expect(item.moreErrors).toEqual([{ key: 'errGroupAdd', subs: ['G1', '403'] }]);
  expect(item.groupsPending).toEqual([]);
});
