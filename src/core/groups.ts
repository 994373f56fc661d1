// Which groups a guest can be added to. Graph refuses member changes to groups synced from
// on-premises, dynamic groups (their rule decides), mail-enabled security groups and distribution
// lists (Exchange owns them), and role-assignable groups without a privileged role: the picker says
// so up front instead of failing after the invitation.

/** What Graph tells about a group, as the picker asks for it ($select). */
export interface GraphGroup {
  id: string;
  displayName: string;
  groupTypes?: string[] | null;
  membershipRule?: string | null;
  mailEnabled?: boolean | null;
  securityEnabled?: boolean | null;
  onPremisesSyncEnabled?: boolean | null;
  isAssignableToRole?: boolean | null;
}

export const GROUP_FIELDS =
  'id,displayName,groupTypes,membershipRule,mailEnabled,securityEnabled,onPremisesSyncEnabled,isAssignableToRole';

/** A group in the picker; `refusal` (a _locales key) says why a guest cannot join it. */
export interface GroupChoice {
  id: string;
  displayName: string;
  refusal?: string;
}

export function guestRefusal(group: GraphGroup): string | undefined {
  const types = group.groupTypes ?? [];
  if (group.onPremisesSyncEnabled) return 'groupOnPremises';
  if (types.includes('DynamicMembership') || group.membershipRule) return 'groupDynamic';
  if (group.mailEnabled && !types.includes('Unified'))
    return group.securityEnabled ? 'groupMailSecurity' : 'groupDistribution';
  if (group.isAssignableToRole) return 'groupRoleAssignable';
  return undefined;
}

export function toChoice(group: GraphGroup): GroupChoice {
  const refusal = guestRefusal(group);
  return { id: group.id, displayName: group.displayName, ...(refusal && { refusal }) };
}
