// Each configuration's (profile's) sign-in in this host, and the Graph calls made with it. One per
// configuration used, side by side: a run in one directory goes on while another is in use.
import type { Client } from '@microsoft/microsoft-graph-client';
import { AuthService } from '../auth/auth-service';
import type { IdentityPort } from '../auth/identity-port';
import { configKey, resolveEndpoints, type AuthConfig } from '../core/clouds';
import type { Purpose } from '../core/permissions';
import { accountMemory } from '../storage/msal-cache';
import { createGraphClient, fetchOrganization, toGraphFailure, type Organization } from './graph';

/** How often a call renews a revoked token before it gives up (see withClient). */
const RENEWALS = 3;

export class Sessions {
  private readonly auths = new Map<string, AuthService>();
  /** Each directory's name and domains, read once per configuration and sign-in (they hardly ever change). */
  private readonly organizations = new Map<string, Promise<Organization>>();

  constructor(private readonly identity: IdentityPort) {}

  auth(config: AuthConfig): AuthService {
    const key = configKey(config);
    let auth = this.auths.get(key);
    if (!auth) {
      auth = new AuthService(config.clientId.trim(), resolveEndpoints(config), this.identity, accountMemory(key));
      this.auths.set(key, auth);
    }
    return auth;
  }

  /** The directory the signed-in account belongs to (where guests go, what history shows). */
  async tenantOf(config: AuthConfig): Promise<string> {
    return (await this.auth(config).account())?.tenantId ?? config.tenant;
  }

  /**
   * Runs a Graph call with a token for the job. A 401 means the token was revoked before its time
   * (nothing was done): renew it and call again. Calls in flight share a token, so one revocation
   * can meet a call twice; after RENEWALS renewals the sign-in itself is in question. `quiet`: a token
   * from the cache or the refresh token only (see AuthService.accessToken).
   */
  async withClient<T>(
    config: AuthConfig,
    purpose: Purpose,
    call: (client: Client) => Promise<T>,
    { quiet = false } = {},
  ): Promise<T> {
    for (let renewals = 0; ; renewals++) {
      try {
        const token = await this.auth(config).accessToken(purpose, renewals > 0, quiet);
        return await call(createGraphClient(resolveEndpoints(config), async () => token));
      } catch (error) {
        if (toGraphFailure(error)?.status !== 401 || renewals === RENEWALS) throw error;
      }
    }
  }

  /**
   * The organization (User.Read), fetched once per configuration and sign-in; a failure is not kept,
   * so a later grant helps.
   */
  organizationOf(config: AuthConfig, quiet = false): Promise<Organization> {
    const key = configKey(config);
    let value = this.organizations.get(key);
    if (!value) {
      const read = this.withClient(config, 'domains', fetchOrganization, { quiet });
      read.catch(() => this.organizations.get(key) === read && this.organizations.delete(key));
      this.organizations.set(key, (value = read));
    }
    return value;
  }

  /** A sign-in or sign-out may change the directory: what was read of the old one goes. */
  forgetOrganization(config: AuthConfig): void {
    this.organizations.delete(configKey(config));
  }
}
