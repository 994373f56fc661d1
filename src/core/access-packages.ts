// Entitlement management, Microsoft's recommended self-service route for partners: access packages
// whose policies admit people from outside, the My Access link a partner uses to request one, and
// the states of an administrator's direct assignment (reality.md, "Beyond invitations").
import type { CloudId } from './clouds';
import type { UserError } from './graph-errors';

/** Who a policy lets request or be assigned the package; these three admit people from outside. */
export const EXTERNAL_SCOPES = [
  'specificConnectedOrganizationUsers',
  'allConfiguredConnectedOrganizationUsers',
  'allExternalUsers',
] as const;

/** What Graph tells about a package, as we ask for it ($expand=assignmentPolicies,catalog). */
export interface GraphAccessPackage {
  id: string;
  displayName?: string | null;
  catalog?: { displayName?: string | null } | null;
  assignmentPolicies?: { id: string; displayName?: string | null; allowedTargetScope?: string | null }[] | null;
}

/** One package with one of its policies that admits external people: what the user picks. */
export interface PackageChoice {
  packageId: string;
  packageName: string;
  catalogName: string;
  policyId: string;
  policyName: string;
}

export const PACKAGES_PATH = '/identityGovernance/entitlementManagement/accessPackages';
export const REQUESTS_PATH = '/identityGovernance/entitlementManagement/assignmentRequests';

/** Each (package, policy for external people) pair; packages no outsider can get are left out. */
export function packageChoices(packages: GraphAccessPackage[]): PackageChoice[] {
  return packages.flatMap((p) =>
    (p.assignmentPolicies ?? [])
      .filter((policy) => (EXTERNAL_SCOPES as readonly string[]).includes(policy.allowedTargetScope ?? ''))
      .map((policy) => ({
        packageId: p.id,
        packageName: p.displayName || p.id,
        catalogName: p.catalog?.displayName ?? '',
        policyId: policy.id,
        policyName: policy.displayName || policy.id,
      })),
  );
}

/** My Access per cloud; China publishes none, so no link is offered there (or for a custom cloud). */
const MY_ACCESS: Partial<Record<CloudId, string>> = {
  global: 'https://myaccess.microsoft.com',
  usgov: 'https://myaccess.microsoft.us',
  usgovdod: 'https://myaccess.microsoft.us',
};

/** The link a partner opens to request the package, in the tenant known by its domain (or id). */
export function myAccessLink(cloud: CloudId, tenant: string, packageId: string): string | undefined {
  const host = MY_ACCESS[cloud];
  return host && tenant
    ? `${host}/@${encodeURIComponent(tenant)}#/access-packages/${encodeURIComponent(packageId)}`
    : undefined;
}

/** An assignment request as the list shows it; `requestState` is Graph's (submitted, delivered, …). */
export interface AssignmentOutcome {
  email: string;
  requestId?: string;
  requestState?: string;
  /** The directory the request went to. */
  tenantId?: string;
  /** Refused outright, or lost (then it may or may not exist: never sent again by itself). */
  error?: UserError;
}

/** The body of an adminAdd request for someone not yet in the directory. */
export function assignmentBody(choice: PackageChoice, email: string) {
  return {
    requestType: 'adminAdd',
    assignment: { target: { email }, assignmentPolicyId: choice.policyId, accessPackageId: choice.packageId },
  };
}

/** Request states after which nothing more happens. */
export const FINAL_REQUEST_STATES = ['delivered', 'deliveryFailed', 'denied', 'canceled', 'partiallyDelivered'];
