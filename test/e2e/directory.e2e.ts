// What the directory itself refuses, in plain words (members, roles, blocked domains, cross-tenant
// blocks, groups that take no guests), and answers whose outcome is unknown (a 503/504 that came
// after Graph did the work): looked up, never resent, one email per guest.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import {
  fillInvite,
  openFreshPopup,
  startSignedIn,
  submitInvite,
  type InviteFields,
  type Launched,
  showOptions,
} from './harness';

let tenant: Tenant;
let browser: Launched;
beforeAll(async () => {
  ({ tenant, browser } = await startSignedIn({
    blockedDomains: ['blocked.example'],
    crossTenantBlocked: ['walled.example'],
    members: ['colleague@contoso.com'],
  }));
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});
beforeEach(() => tenant.reset());

test.each<[string, InviteFields, string, number]>([
  [
    'a member of the organization',
    { email: 'colleague@contoso.com' },
    'belongs to a member of your organization. Members cannot be invited as guests',
    400,
  ],
  [
    'a Member invitation by a user without an admin role',
    { email: 'pat@fabrikam.com', member: true },
    'User Administrator',
    403,
  ],
  ['a domain on the block list', { email: 'someone@blocked.example' }, 'External collaboration settings', 403],
  ['a cross-tenant block', { email: 'someone@walled.example' }, 'cross-tenant access', 403],
])('%s: refused by the directory, said in plain words', async (_name, fields, text, status) => {
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, fields);
  await submitInvite(popup);
  await expect.poll(() => popup.locator('.error-box').innerText()).toContain(text);
  expect(tenant.invitations().map((i) => i.status)).toEqual([status]);
  await popup.close();
});

test('groups that cannot take a guest are listed with the reason, not offered', async () => {
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await showOptions(popup);
  await popup.getByTestId('group-search').fill('Staff');
  await popup.getByTestId('group-add').first().waitFor();
  expect(await popup.getByTestId('group-add').allInnerTexts()).toEqual(['Staff – projects']);
  const refused = await popup.getByTestId('group-refused').allInnerTexts();
  expect(refused).toEqual([
    'Staff – dynamic — a guest cannot be added: dynamic membership: its rule decides who is in it',
    'Staff – on-premises — a guest cannot be added: synced from on-premises: change its members there',
    'Staff – mailing list — a guest cannot be added: distribution list: managed in Exchange',
    'Staff – mail-enabled security — a guest cannot be added: mail-enabled security group: managed in Exchange',
    'Staff – role admins — a guest cannot be added: role-assignable: ' +
      'only a Privileged Role Administrator can add members',
  ]);
  // What Graph was asked for: the fields that say whether a group takes guests.
  const [search] = tenant.requests('GET', '/v1.0/groups');
  expect(search.query.$select.split(',')).toEqual(
    expect.arrayContaining([
      'groupTypes',
      'membershipRule',
      'mailEnabled',
      'onPremisesSyncEnabled',
      'isAssignableToRole',
    ]),
  );
  await popup.close();
});

test.each([
  ['a 504 for the whole batch', { path: '/v1.0/$batch', status: 504 }],
  ['a 503 for the invitation inside the batch', { path: '/v1.0/invitations', status: 503 }],
])('%s, after the work was done: looked up, not resent; one email', async (_name, fault) => {
  const address = `late-${fault.status}@fabrikam.com`;
  tenant.fault({ ...fault, method: 'POST', afterWork: true });
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: address });
  await popup.getByTestId('invite').click();
  // While the new guest replicates, the lookup finds nobody: the popup says it is checking, and waits.
  await popup.getByTestId('checking').waitFor();
  await popup.getByTestId('result').waitFor({ timeout: 15_000 });
  expect(await popup.getByTestId('user-id').innerText()).toBe(tenant.state.users.get(address)!.id);
  // One POST: the Graph client's own retry of 503/504 is off for invitations.
  expect(tenant.invitations()).toHaveLength(1);
  expect(tenant.state.emailsSent.get(address)).toBe(1);
  const lookups = tenant
    .requests('POST', '/v1.0/$batch')
    .filter((r) => r.body.requests.some((q: { url: string }) => q.url.startsWith('/users?')));
  expect(lookups.length).toBeGreaterThanOrEqual(2); // the first one came before the guest had replicated
  await popup.close();
});

test('a whole-batch 429 whose Retry-After the browser may not read (CORS) still waits before going again', async () => {
  expect(tenant.state.exposeRetryAfter).toBe(false);
  tenant.fault({ path: '/v1.0/$batch', method: 'POST', status: 429, retryAfter: 2 });
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'throttled@fabrikam.com' });
  await submitInvite(popup);
  await popup.getByTestId('result').waitFor({ timeout: 20_000 });
  const batches = tenant.requests('POST', '/v1.0/$batch');
  expect(batches.map((b) => b.status)).toEqual([429, 200]);
  expect(batches[1].at - batches[0].at).toBeGreaterThanOrEqual(2000);
  expect(tenant.state.inviteCounts.get('throttled@fabrikam.com')).toBe(1);
  await popup.close();
});
