import { describe, expect, test } from 'vitest';
import { describeGraphFailure, parseRetryAfter } from '../../src/core/graph-errors';

describe('describeGraphFailure', () => {
  test.each([
    [{ status: 0 }, 'errNetwork'],
    [{ status: 400, code: 'BadRequest', message: 'The invited user email address is invalid.' }, 'errGraphBadAddress'],
    [{ status: 400, code: 'BadRequest', message: 'Something else.' }, 'errGraphBadRequest'],
    [{ status: 401, code: 'InvalidAuthenticationToken' }, 'errSessionExpired'],
    [
      {
        status: 403,
        message: 'Guest invitations not allowed for your company. Contact your company administrator for more details.',
      },
      'errInvitesBlocked',
    ],
    [
      {
        status: 403,
        code: 'Authorization_RequestDenied',
        message: 'Insufficient privileges to complete the operation.',
      },
      'errNoPermission',
    ],
    [{ status: 403, message: 'This invitation is blocked by cross-tenant access settings.' }, 'errCrossTenant'],
    [{ status: 404, code: 'UnknownError' }, 'errNotFound'],
    [{ status: 429, retryAfterSeconds: 7 }, 'errThrottled'],
    [{ status: 500 }, 'errServer'],
    [{ status: 503 }, 'errServer'],
  ])('%j → %s', (failure, key) => {
    expect(describeGraphFailure(failure).key).toBe(key);
  });
  test('401 asks for a new sign-in, 429 says when to retry', () => {
    expect(describeGraphFailure({ status: 401 }).reauth).toBe(true);
    expect(describeGraphFailure({ status: 429, retryAfterSeconds: 7 }).subs).toEqual(['7']);
  });
});

describe('resetting a redemption', () => {
  test('a 403 names the roles that may reset; an address not on the user says to add it first', () => {
    const denied = { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' };
    expect(describeGraphFailure(denied, { reset: true }).key).toBe('errResetNeedsRole');
    expect(describeGraphFailure(denied).key).toBe('errNoPermission');
    const message = "The email you're using to invite this user doesn't match any emails on the user object.";
    expect(describeGraphFailure({ status: 400, code: 'BadRequest', message }, { reset: true }).key).toBe(
      'errResetAddressNotOnUser',
    );
  });
});

describe('parseRetryAfter', () => {
  test('seconds or HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3);
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
