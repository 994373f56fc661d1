// Access packages instead of invitations (issue 12, item 3), in the US Government cloud (its hosts
// mapped to the simulated tenant) so that the My Access link is that cloud's: the packages outsiders
// can get, asked for with their own permission; the partner's request link, copied or emailed; a
// direct assignment's requests, checked until delivered and kept in the history; no role, no licence.
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Tenant } from '../tenant/tenant.mjs';
import { launchWithExtension, EXTENSION_DIR } from '../support/browser.mjs';
import { violationsInBothSchemes } from './axe';
import {
  configureFor,
  openFreshPopup,
  openPopup,
  pasteAddresses,
  signIn,
  startSuiteTenant,
  type Launched,
} from './harness';

let tenant: Tenant;
let browser: Launched;
beforeAll(async () => {
  tenant = await startSuiteTenant({ userIsAdmin: true, deliveryMs: 800 });
  const port = new URL(tenant.url).port;
  browser = await launchWithExtension({
    extensionDir: EXTENSION_DIR,
    hostRules: ['login.microsoftonline.us', 'graph.microsoft.us'].map((host) => `MAP ${host} 127.0.0.1:${port}`),
  });
  await configureFor(browser.worker, tenant, {}, { cloud: 'usgov', customAuthority: '', customGraph: '' });
  const popup = await openPopup(browser.context, browser.extensionId);
  await signIn(popup);
  await popup.close();
});
afterAll(async () => {
  await browser?.context.close();
  await tenant?.close();
});

const pack = (name: string) => tenant.state.accessPackages.find((p) => p.displayName === name)!;

async function openPackages(addresses: string): Promise<Page> {
  const popup = await openFreshPopup(browser.context, browser.extensionId);
  await pasteAddresses(popup, addresses);
  await popup.getByTestId('packages').locator('summary').click();
  return popup;
}

test('packages outsiders can get, with their permission asked for; the request link, copied or emailed', async () => {
  const popup = await openPackages('Ada <ada@fabrikam.com>; bo@tailspintoys.com');
  // EntitlementManagement.Read.All was never asked for: named, and granted by the admin in a window.
  const grant = popup.getByTestId('grant-permission');
  expect(await grant.innerText()).toContain('EntitlementManagement.Read.All');
  await grant.click();
  const choices = popup.getByTestId('packages').locator('fieldset label');
  await expect
    .poll(() => choices.allInnerTexts())
    .toEqual([
      'Partner onboarding\nPartners · policy: External partners',
      'Project Falcon\nProjects · policy: Connected organizations',
    ]);
  await popup.getByRole('radio', { name: /Partner onboarding/ }).check();
  const link = `https://myaccess.microsoft.us/@contoso.test#/access-packages/${pack('Partner onboarding').id}`;
  await expect.poll(() => popup.getByTestId('package-link').inputValue()).toBe(link);
  const mail = decodeURIComponent((await popup.getByTestId('package-mail').getAttribute('href'))!);
  expect(mail).toMatch(/^mailto:ada@fabrikam\.com,bo@tailspintoys\.com\?subject=Request access: Partner onboarding/);
  expect(mail).toContain(link);
  expect(await violationsInBothSchemes(popup)).toEqual([]);
  await popup.getByTestId('packages').scrollIntoViewIfNeeded();
  await popup.screenshot({ path: resolve(import.meta.dirname, '../../docs/popup-packages.png') });
  // Nothing was invited or assigned.
  expect(tenant.invitations()).toEqual([]);
  expect(tenant.state.assignmentRequests.size).toBe(0);
  await popup.close();
});

test('assign directly: the role named; each request checked until delivered, and kept in the history', async () => {
  if (!tenant.state.consented.includes('EntitlementManagement.Read.All'))
    tenant.state.consented.push('EntitlementManagement.Read.All'); // as the test before granted it
  const popup = await openPackages('a@fabrikam.com, b@litware.com');
  await popup.getByRole('radio', { name: /Project Falcon/ }).check();
  await popup.getByTestId('assign').click();
  // EntitlementManagement.ReadWrite.All, asked for only now.
  await popup.getByTestId('grant-permission').click();
  await expect.poll(() => popup.getByTestId('grant-permission').count()).toBe(0);
  expect(tenant.state.consented).toContain('EntitlementManagement.ReadWrite.All');
  tenant.state.userIsAdmin = false; // granted by an admin; this user holds no assignment role
  await popup.getByTestId('assign').click();
  await expect
    .poll(() => popup.getByTestId('assignments').innerText())
    .toContain('needs the Access package assignment manager role');
  expect(tenant.state.assignmentRequests.size).toBe(0);

  tenant.state.userRoles = ['Access package assignment manager'];
  await popup.getByTestId('assign').click();
  await expect
    .poll(() => popup.getByTestId('assignments').innerText())
    .toBe('a@fabrikam.com\nSubmitted\nb@litware.com\nSubmitted');
  const falcon = pack('Project Falcon');
  const bodies = tenant
    .requests('POST', '/v1.0/$batch')
    .flatMap((r) => r.body.requests as { url: string; body: unknown }[])
    .filter((q) => q.url.endsWith('/assignmentRequests'))
    .map((q) => q.body);
  expect(bodies.at(-1)).toEqual({
    requestType: 'adminAdd',
    assignment: {
      target: { email: 'b@litware.com' },
      assignmentPolicyId: falcon.assignmentPolicies[0].id,
      accessPackageId: falcon.id,
    },
  });
  await new Promise((resolve) => setTimeout(resolve, 900));
  await popup.getByTestId('check-assignments').click();
  // The policy admits connected organizations only: fabrikam.com is one, litware.com is not.
  await expect
    .poll(() => popup.getByTestId('assignments').innerText())
    .toBe('a@fabrikam.com\nDelivered: access given\nb@litware.com\nDelivery failed');
  await popup.close();

  const history = await browser.context.newPage();
  await history.goto(`chrome-extension://${browser.extensionId}/history/history.html`);
  const rows = history.getByTestId('history').locator('tbody tr');
  await expect.poll(() => rows.count()).toBe(2);
  expect(await rows.nth(0).innerText()).toContain('Access package: Project Falcon');
  expect(await history.getByTestId('state').allInnerTexts()).toEqual(['Delivery failed', 'Delivered: access given']);
  await history.close();
});

test('without the licence for entitlement management, the panel says what is needed', async () => {
  tenant.state.entitlementLicensed = false;
  const popup = await openPackages('c@fabrikam.com');
  await expect
    .poll(() => popup.getByTestId('packages').locator('.error-box').innerText())
    .toContain('no licence for entitlement management (Microsoft Entra ID Governance or Entra ID P2)');
  tenant.state.entitlementLicensed = true;
  await popup.close();
});
