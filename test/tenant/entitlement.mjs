// Entitlement management in the simulated tenant: access packages with their policies and catalogs,
// adminAdd assignment requests delivered a moment later, and what real Graph asks for: the licence
// (Entra ID P2 / ID Governance), EntitlementManagement.Read(Write).All, and an assignment role.
import { randomUUID } from 'node:crypto';
import { error } from './directory.mjs';

const BASE = '/identityGovernance/entitlementManagement';
const EXTERNAL = ['specificConnectedOrganizationUsers', 'allConfiguredConnectedOrganizationUsers', 'allExternalUsers'];
const READ = ['EntitlementManagement.Read.All', 'EntitlementManagement.ReadWrite.All'];
const WRITE = ['EntitlementManagement.ReadWrite.All'];
const ASSIGN_ROLES = ['Identity Governance Administrator', 'Access package assignment manager'];

/** The packages every tenant starts with: two that outsiders can get, one for employees only. */
export function seedPackages() {
  const policy = (displayName, allowedTargetScope) => ({ id: randomUUID(), displayName, allowedTargetScope });
  return [
    {
      id: randomUUID(),
      displayName: 'Partner onboarding',
      catalog: { displayName: 'Partners' },
      assignmentPolicies: [policy('External partners', 'allExternalUsers')],
    },
    {
      id: randomUUID(),
      displayName: 'Project Falcon',
      catalog: { displayName: 'Projects' },
      assignmentPolicies: [
        policy('Connected organizations', 'specificConnectedOrganizationUsers'),
        policy('Employees', 'specificDirectoryUsers'),
      ],
    },
    {
      id: randomUUID(),
      displayName: 'Payroll',
      catalog: { displayName: 'Internal' },
      assignmentPolicies: [policy('Employees', 'specificDirectoryUsers')],
    },
  ];
}

const has = (grant, allowed) => allowed.some((p) => grant.permissions.some((g) => g.toLowerCase() === p.toLowerCase()));
const denied = () => error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
const unlicensed = () =>
  error(
    403,
    'Forbidden',
    'The tenant does not have a valid license for this feature: Microsoft Entra ID Governance or ' +
      'Microsoft Entra ID P2 is required.',
  );

/** An entitlement management call, answered; undefined when the path is not one of these. */
export function entitlement(state, grant, method, url, body) {
  if (!url.pathname.startsWith(BASE)) return undefined;
  const path = url.pathname.slice(BASE.length);
  const reading = method === 'GET';
  if (!has(grant, reading ? READ : WRITE)) return denied();
  if (!state.entitlementLicensed) return unlicensed();
  if (reading && path === '/accessPackages') return listPackages(state, url);
  if (method === 'POST' && path === '/assignmentRequests') return request(state, body);
  const one = /^\/assignmentRequests\/([^/]+)$/.exec(path);
  if (reading && one) return requestState(state, decodeURIComponent(one[1]), url);
  return error(404, 'UnknownError', '');
}

function listPackages(state, url) {
  const expand = (url.searchParams.get('$expand') ?? '').split(',').filter(Boolean);
  if (expand.some((e) => e !== 'assignmentPolicies' && e !== 'catalog'))
    return error(400, 'BadRequest', `Could not find a property named '${expand}' on type 'accessPackage'.`);
  const value = state.accessPackages.map(({ assignmentPolicies, catalog, ...p }) => ({
    ...p,
    ...(expand.includes('assignmentPolicies') ? { assignmentPolicies } : {}),
    ...(expand.includes('catalog') ? { catalog } : {}),
  }));
  return { status: 200, body: { value } };
}

/** adminAdd for someone not yet in the directory: `assignment.target.email` (v1.0's property name). */
function request(state, body) {
  if (!state.userIsAdmin && !state.userRoles.some((role) => ASSIGN_ROLES.includes(role))) return denied();
  const { requestType, assignment } = body ?? {};
  if (requestType !== 'adminAdd' || !assignment)
    return error(400, 'BadRequest', 'The request must have requestType adminAdd and an assignment.');
  const pack = state.accessPackages.find((p) => p.id === assignment.accessPackageId);
  const policy = pack?.assignmentPolicies.find((p) => p.id === assignment.assignmentPolicyId);
  if (!policy) return error(404, 'NotFound', 'The access package or assignment policy was not found.');
  const email = String(assignment.target?.email ?? '');
  if (!/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(email)) return error(400, 'BadRequest', 'The target email is invalid.');
  if (!EXTERNAL.includes(policy.allowedTargetScope))
    return error(400, 'BadRequest', 'The policy does not allow requests for users who are not in the directory.');
  const id = randomUUID();
  state.assignmentRequests.set(id, { id, email, policy, createdAt: Date.now() });
  return {
    status: 201,
    body: { id, requestType, requestState: 'submitted', status: 'Accepted', createdDateTime: new Date().toISOString() },
  };
}

/**
 * Delivered once `deliveryMs` have passed, or failed for someone from no connected organization when
 * the policy admits only those.
 */
function requestState(state, id, url) {
  const found = state.assignmentRequests.get(id);
  if (!found) return error(404, 'NotFound', `Resource '${id}' does not exist.`);
  let requestState = 'submitted';
  if (Date.now() - found.createdAt >= state.deliveryMs) {
    const domain = found.email.split('@')[1].toLowerCase();
    const connected = found.policy.allowedTargetScope === 'allExternalUsers' || state.connectedDomains.includes(domain);
    requestState = connected ? 'delivered' : 'deliveryFailed';
  }
  const select = url.searchParams.get('$select')?.split(',');
  const request = {
    id,
    requestType: 'adminAdd',
    requestState,
    status: requestState === 'delivered' ? 'Delivered' : 'Accepted',
  };
  return { status: 200, body: select ? Object.fromEntries(select.map((k) => [k, request[k] ?? null])) : request };
}
