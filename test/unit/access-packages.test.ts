// Access packages: only policies that admit outsiders are offered, and the My Access link is the cloud's.
import { expect, test } from 'vitest';
import { assignmentBody, myAccessLink, packageChoices } from '../../src/core/access-packages';

const packages = [
  {
    id: 'p1',
    displayName: 'Partners',
    catalog: { displayName: 'General' },
    assignmentPolicies: [
      { id: 'x1', displayName: 'Anyone outside', allowedTargetScope: 'allExternalUsers' },
      { id: 'x2', displayName: 'Staff', allowedTargetScope: 'specificDirectoryUsers' },
      { id: 'x3', displayName: 'Connected', allowedTargetScope: 'allConfiguredConnectedOrganizationUsers' },
    ],
  },
  { id: 'p2', displayName: 'Payroll', assignmentPolicies: [{ id: 'y', allowedTargetScope: 'allMemberUsers' }] },
  { id: 'p3', displayName: null, catalog: null, assignmentPolicies: null },
];

test('one choice per policy that admits people from outside; other packages are left out', () => {
  expect(packageChoices(packages)).toEqual([
    { packageId: 'p1', packageName: 'Partners', catalogName: 'General', policyId: 'x1', policyName: 'Anyone outside' },
    { packageId: 'p1', packageName: 'Partners', catalogName: 'General', policyId: 'x3', policyName: 'Connected' },
  ]);
});

test("My Access in the tenant's cloud; none where no address is published", () => {
  expect(myAccessLink('global', 'contoso.com', 'p1')).toBe(
    'https://myaccess.microsoft.com/@contoso.com#/access-packages/p1',
  );
  expect(myAccessLink('usgovdod', 'contoso.us', 'p1')).toBe(
    'https://myaccess.microsoft.us/@contoso.us#/access-packages/p1',
  );
  expect(myAccessLink('china', 'contoso.cn', 'p1')).toBeUndefined();
  expect(myAccessLink('custom', 'contoso.com', 'p1')).toBeUndefined();
});

test('an adminAdd request for someone not yet in the directory', () => {
  const [choice] = packageChoices(packages);
  expect(assignmentBody(choice, 'ada@fabrikam.com')).toEqual({
    requestType: 'adminAdd',
    assignment: { target: { email: 'ada@fabrikam.com' }, assignmentPolicyId: 'x1', accessPackageId: 'p1' },
  });
});
