// Guest details at invite time (issue 12, item 6): first and last name, company, job title and usage
// location, set on the new guest right after the invitation (PATCH /users/{id}) once it has
// replicated; User.ReadWrite.All asked for only when used; the User Administrator role named when missing.
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import type { Tenant } from '../tenant/tenant.mjs';
import { ALL_PERMISSIONS } from '../tenant/tenant.mjs';
import { fillInvite, openFreshPopup, pasteAddresses, showOptions, startSignedIn, type Launched } from './harness';
import type { Page } from 'playwright-core';

let tenant: Tenant;
let browser: Launched;
beforeAll(async () => {
  ({ tenant, browser } = await startSignedIn({ replicationDelayMs: 2500 }));
});
beforeEach(() => {
  tenant.reset();
  tenant.state.consented.splice(0, Infinity, ...ALL_PERMISSIONS, 'User.ReadWrite.All');
  tenant.state.userRoles = ['User Administrator'];
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});

const patches = () =>
  tenant
    .requests('POST', '/v1.0/$batch')
    .flatMap((r) => (r.body.requests as { method: string; url: string; body: unknown }[]).map((q, i) => ({ q, r, i })))
    .filter(({ q }) => q.method === 'PATCH')
    .map(({ q, r, i }) => ({ url: q.url, body: q.body, status: r.responses?.[i]?.status }));

async function openDetails(popup: Page) {
  await showOptions(popup);
  await popup.getByTestId('guest-details').locator('summary').click();
}

test('details are set on the new guest once it has replicated (404s tried again), nothing else', async () => {
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'ines@fabrikam.com', displayName: 'Ines Moreau' });
  await openDetails(popup);
  await popup.getByLabel('First name').fill(' Ines ');
  await popup.getByLabel('Last name').fill('Moreau');
  await popup.getByLabel('Company').fill('Fabrikam');
  await popup.getByLabel('Usage location (needed for licences)').selectOption({ label: 'Netherlands' });
  expect(await popup.getByTestId('guest-details').locator('summary').innerText()).toBe('Guest details: 4 set');
  await popup.getByTestId('invite').click();
  await popup.getByTestId('result').waitFor({ timeout: 30_000 });

  const guest = tenant.state.users.get('ines@fabrikam.com')!;
  expect(guest).toMatchObject({ givenName: 'Ines', surname: 'Moreau', companyName: 'Fabrikam', usageLocation: 'NL' });
  const sent = patches();
  expect(sent.some((p) => p.status === 404)).toBe(true); // before the guest had replicated
  expect(sent.filter((p) => p.status === 204)).toEqual([
    {
      url: `/users/${guest.id}`,
      body: { givenName: 'Ines', surname: 'Moreau', companyName: 'Fabrikam', usageLocation: 'NL' },
      status: 204,
    },
  ]);
  // The invitation itself carries none of them.
  expect(JSON.stringify(tenant.invitations()[0].body)).not.toMatch(/Fabrikam|givenName|usageLocation/);
  await popup.close();
});

test('a job title too long for Graph is refused in the form, and nothing is sent', async () => {
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'long@fabrikam.com' });
  await openDetails(popup);
  await popup.getByLabel('Job title').fill('x'.repeat(129));
  await popup.getByTestId('invite').click();
  await expect.poll(() => popup.locator('#detail-jobTitle-error').innerText()).toBe('At most 128 characters.');
  expect(tenant.invitations()).toEqual([]);
  await popup.close();
});

test('a list: company for all, no first or last name; without the role, invited and the rows say why', async () => {
  tenant.state.userRoles = [];
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await pasteAddresses(popup, 'a1@fabrikam.com, a2@fabrikam.com');
  await openDetails(popup);
  expect(await popup.getByLabel('First name').count()).toBe(0);
  await popup.getByLabel('Company').fill('Fabrikam');
  await popup.getByTestId('invite').click();
  await expect
    .poll(() => popup.getByTestId('batch-summary').innerText(), { timeout: 40_000 })
    .toBe('2 invited, 0 failed, 0 skipped, 0 waiting');
  const rows = await popup.locator('[data-problem=short]').allInnerTexts();
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(row).toContain('Invited, details not set');
    expect(row).toContain('needs the User Administrator role');
  }
  expect(tenant.state.users.get('a1@fabrikam.com')!.companyName).toBeUndefined();
  await popup.close();
});

test('without User.ReadWrite.All the run waits, naming it; granted, the details are set', async () => {
  // Consent withdrawn, and the tokens issued under it gone (the tests before had it).
  tenant.state.consented.splice(0, Infinity, ...ALL_PERMISSIONS);
  tenant.expireAccessTokens();
  tenant.state.userIsAdmin = true; // may grant it in the consent window
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await fillInvite(popup, { email: 'jo@fabrikam.com' });
  await openDetails(popup);
  await popup.getByLabel('Job title').fill('Architect');
  await popup.getByTestId('invite').click();
  const grant = popup.getByTestId('grant-permission');
  await grant.waitFor({ timeout: 30_000 });
  expect(await grant.innerText()).toContain('User.ReadWrite.All');
  expect(tenant.state.users.get('jo@fabrikam.com')).toBeDefined(); // invited already; only the details wait
  await grant.click();
  await expect.poll(() => tenant.state.users.get('jo@fabrikam.com')!.jobTitle, { timeout: 30_000 }).toBe('Architect');
  expect(tenant.state.consented).toContain('User.ReadWrite.All');
  tenant.state.userIsAdmin = false;
  await popup.close();
});
