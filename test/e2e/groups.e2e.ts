// Invited guests go into the groups the user picked, even while the directory is still replicating
// the new guest (404 → retried) and when one is already a member.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import { fillInvite, openFreshPopup, startSignedIn, type Launched, showOptions } from './harness';

let tenant: Tenant;
let browser: Launched;
beforeAll(async () => {
  ({ tenant, browser } = await startSignedIn({ replicationDelayMs: 2500 }));
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});

const group = (name: string) => [...tenant.state.groups.values()].find((g) => g.displayName === name)!;

test('pick groups by name; the guests are added once they have replicated', async () => {
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'grace@fabrikam.com', displayName: 'Grace' });
  await showOptions(popup);
  await popup.getByTestId('group-search').fill('part');
  await popup.getByTestId('group-add').first().waitFor();
  expect(await popup.getByTestId('group-add').allInnerTexts()).toEqual(['Partners – Q3 project', 'Partners – Finance']);
  await popup.getByTestId('group-add').first().click();
  await popup.getByTestId('group-search').fill('proj');
  await popup.getByRole('button', { name: 'Project Falcon guests' }).click();
  await popup.getByTestId('invite').click();
  await popup.getByTestId('batch').waitFor();
  await expect
    .poll(() => popup.getByTestId('batch-summary').innerText(), { timeout: 40_000 })
    .toBe('1 invited, 0 failed, 0 skipped, 0 waiting');

  const userId = tenant.state.users.get('grace@fabrikam.com')!.id;
  expect(group('Partners – Q3 project').members.has(userId)).toBe(true);
  expect(group('Project Falcon guests').members.has(userId)).toBe(true);
  expect(group('Partners – Finance').members.has(userId)).toBe(false);
  // The first attempts met the replication delay and were retried.
  const memberAnswers = tenant
    .requests('POST', '/v1.0/$batch')
    .flatMap((r) => r.responses ?? [])
    .filter((a) => a.status === 404 || a.status === 204);
  expect(memberAnswers.some((a) => a.status === 404)).toBe(true);
  expect(memberAnswers.filter((a) => a.status === 204)).toHaveLength(2);
  await popup.close();
});

test('already a member counts as done, not as a failure', async () => {
  const existing = tenant.addUser({ mail: 'mo@tailspintoys.com' });
  group('Partners – Finance').members.add(existing.id);
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'mo@tailspintoys.com' });
  await showOptions(popup);
  await popup.getByTestId('group-search').fill('Partners – F');
  await popup.getByTestId('group-add').first().click();
  await popup.getByTestId('invite').click();
  await expect
    .poll(() => popup.getByTestId('batch-summary').innerText(), { timeout: 40_000 })
    .toBe('1 invited, 0 failed, 0 skipped, 0 waiting');
  expect(await popup.getByTestId('batch').locator('.error').count()).toBe(0);
  await popup.close();
});

test('a group add refused for good shows as a failure on its row, not as "Invited"', async () => {
  tenant.fault({
    path: /\/groups\/[^/]+\/members\/\$ref$/,
    method: 'POST',
    status: 403,
    body: {
      error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
    },
    times: 10,
  });
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'nogroup@fabrikam.com' });
  await showOptions(popup);
  await popup.getByTestId('group-search').fill('proj');
  await popup.getByRole('button', { name: 'Project Falcon guests' }).click();
  await popup.getByTestId('invite').click();
  const row = popup.getByTestId('batch').locator('li[data-status=done]');
  await row.waitFor({ timeout: 40_000 });
  expect(await row.locator('.status').innerText()).toBe('Invited, not in group');
  expect(await row.locator('.error').innerText()).toContain(
    'Invited, but not added to “Project Falcon guests”: Insufficient privileges',
  );
  expect(await popup.getByTestId('batch-not-grouped').innerText()).toContain(
    '1 invited guest(s) did not get everything you chose (a group, the sponsors)',
  );
  const userId = tenant.state.users.get('nogroup@fabrikam.com')!.id;
  expect(group('Project Falcon guests').members.has(userId)).toBe(false);
  await popup.close();
});

test('a group name with & # + % and quotes is searched as typed (Graph parses the query strictly)', async () => {
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  tenant.reset();
  await showOptions(popup);
  await popup.getByTestId('group-search').fill("R&D #2 + 100% O'B");
  await expect.poll(() => popup.getByTestId('group-add').allInnerTexts()).toEqual(["R&D #2 + 100% O'Brien's"]);
  const [search] = tenant.requests('GET', '/v1.0/groups');
  expect(search.status).toBe(200);
  expect(search.query.$filter).toBe("startswith(displayName,'R&D #2 + 100% O''B')");
  await popup.close();
});
