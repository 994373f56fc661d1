// Types for the plain-JS simulated tenant, for the TypeScript tests that drive it.
export const TENANT_ID: string;
export const TENANT_DOMAIN: string;
export const CLIENT_ID: string;

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: { host?: string; authorization?: string; origin?: string; 'content-type'?: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  status?: number;
  responses?: { id: string; status: number }[];
  at: number;
}

export interface Fault {
  path: string | RegExp;
  method?: string;
  status?: number;
  reset?: boolean;
  retryAfter?: number;
  body?: unknown;
  times?: number;
  /** Answer with `status` only after doing the work (a 504/503 whose request took effect). */
  afterWork?: boolean;
}

export interface GuestUser {
  id: string;
  mail: string;
  displayName: string | null;
  userType: 'Guest' | 'Member';
  userPrincipalName: string;
  externalUserState: string;
  /** Invited from outside (a guest, or a B2B member); false for the tenant's own members. */
  external: boolean;
  otherMails?: string[];
  externalUserStateChangeDateTime?: string | null;
  givenName?: string;
  surname?: string;
  companyName?: string;
  jobTitle?: string;
  usageLocation?: string;
  /** The address a reset redemption sent the guest to. */
  resetTo?: string;
  /** Ids of who answers for the guest (set at invitation; the inviter when none were named). */
  sponsors?: string[];
}

export interface Group {
  id: string;
  displayName: string;
  members: Set<string>;
  groupTypes: string[];
  mailEnabled: boolean;
  securityEnabled: boolean;
  membershipRule: string | null;
  onPremisesSyncEnabled: boolean | null;
  isAssignableToRole: boolean;
}

export interface Tenant {
  url: string;
  tenantId: string;
  state: {
    accessTokens: Map<string, { expires: number; scope: string; permissions: string[]; clientId: string }>;
    /** The delegated permissions granted to the app (an admin's interactive consent adds to it). */
    consented: string[];
    userIsAdmin: boolean;
    multiTenantApp: boolean;
    blockedDomains: string[];
    crossTenantBlocked: string[];
    sponsorsRefused: boolean;
    userRoles: string[];
    entitlementLicensed: boolean;
    connectedDomains: string[];
    deliveryMs: number;
    accessPackages: {
      id: string;
      displayName: string;
      catalog: { displayName: string };
      assignmentPolicies: { id: string; displayName: string; allowedTargetScope: string }[];
    }[];
    assignmentRequests: Map<string, { id: string; email: string; createdAt: number }>;
    /** The signed-in user (a member of the directory too). */
    user: { oid: string; name: string; username: string };
    exposeRetryAfter: boolean;
    /** Invitation emails sent per address. */
    emailsSent: Map<string, number>;
    users: Map<string, GuestUser>;
    latencyMs: number;
    inviteCounts: Map<string, number>;
    groups: Map<string, Group>;
    replicationDelayMs: number;
    /** The browser sessions (SSO cookies) the tenant knows. */
    sessions: Set<string>;
    /** The seeded faults, and how often each kind was injected so far. */
    chaos?: {
      fired: Record<'resetBefore' | 'resetAfter' | 'gatewayAfter' | 'expire401' | 'item429' | 'item503', number>;
    };
  };
  requests(method?: string, pathPrefix?: string): RecordedRequest[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  invitations(): { body: any; status?: number; at: number; headers: RecordedRequest['headers'] }[];
  fault(fault: Fault): void;
  setAuthorizeMode(mode: 'ok' | 'deny' | 'hang'): void;
  expireAccessTokens(): void;
  dropSessions(): void;
  revokeRefreshTokens(): void;
  accept(email: string): void;
  addUser(user: {
    mail: string;
    userType?: 'Guest' | 'Member';
    externalUserState?: string | null;
    displayName?: string | null;
    id?: string;
    otherMails?: string[];
  }): GuestUser;
  setChaos(config?: Chaos): void;
  deleteUser(email: string): void;
  /** The directory as seeded (no guests, memberships or counts), no faults, no requests; sign-in state stays. */
  reset(): void;
  /** Within a test: forget the requests seen so far, nothing else. */
  clearRequests(): void;
  close(): Promise<void>;
}

export interface Chaos {
  seed?: number;
  /** Per batch: the connection drops before / after the tenant did the work. */
  resetBefore?: number;
  resetAfter?: number;
  /** Per batch: the tenant does the work, then answers 504 (the gateway gave up). */
  gatewayAfter?: number;
  /** Per batch: the access token is revoked and the batch refused with 401. */
  expire401?: number;
  /** Per invitation inside a batch. */
  item429?: number;
  item503?: number;
}

export function startTenant(options?: {
  port?: number;
  clientId?: string;
  accessTokenSeconds?: number;
  latencyMs?: number;
  writeQuota?: { capacity: number; perSecond: number };
  replicationDelayMs?: number;
  chaos?: Chaos;
  consented?: string[];
  userIsAdmin?: boolean;
  multiTenantApp?: boolean;
  exposeRetryAfter?: boolean;
  blockedDomains?: string[];
  /** Addresses of the tenant's own members, there from the start and after every reset. */
  members?: string[];
  crossTenantBlocked?: string[];
  /** Invitations that name sponsors are refused (403). */
  sponsorsRefused?: boolean;
  /** The signed-in user's directory roles, e.g. 'Helpdesk Administrator'. */
  userRoles?: string[];
  entitlementLicensed?: boolean;
  connectedDomains?: string[];
  deliveryMs?: number;
  /** Another directory than Contoso: for tests with two tenants (profiles). */
  organization?: {
    tenantId: string;
    domain: string;
    displayName: string;
    verifiedDomains: string[];
    userOid?: string;
    userName?: string;
    userLocal?: string;
    /** The signed-in user's sign-in name, when not userLocal@domain (a guest signs in with its own). */
    username?: string;
    /** The signed-in user is a guest from this directory: its one Microsoft account (MSAL's home account). */
    home?: { oid: string; tenantId: string };
  };
}): Promise<Tenant>;

/** Every permission the extension may ask for, as an admin grants them with one consent. */
export const ALL_PERMISSIONS: string[];
