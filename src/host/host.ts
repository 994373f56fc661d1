// The side that holds the signed-in session and talks to Graph: Chrome's offscreen document or
// Firefox's event page. It outlives the popup, so closing the popup never cancels a sign-in or an
// invitation in flight. Its requests and answers are the contract's `hostRequests`.
import { AuthFailure } from '../auth/auth-service';
import type { IdentityPort } from '../auth/identity-port';
import { BATCH_SIZE, failureOf, type BatchAnswer } from '../core/batch';
import { resolveEndpoints, type AuthConfig } from '../core/clouds';
import type { GuestReport, KnownUser } from '../core/directory';
import { EVERYDAY, type Purpose } from '../core/permissions';
import { describeGraphFailure, type UserError } from '../core/graph-errors';
import { addressKey, buildInvitationBody, checkInvite } from '../core/invitation';
import type {
  AuthStatus,
  BatchOutcome,
  ConnectionCheck,
  DirectoryView,
  GroupOutcome,
  hostRequests,
  LookupOutcome,
} from '../protocol/contract';
import { fail, ok, type Handlers, type PayloadOf } from '../protocol/messaging';
import { isConfigured } from '../storage/settings';
import {
  fetchAddresses,
  fetchUserState,
  lookupStep,
  memberStep,
  detailsStep,
  type BatchStep,
  postBatch,
  searchGroups,
  searchPeople,
  toGraphFailure,
} from './graph';
import type { Client } from '@microsoft/microsoft-graph-client';
import { Sessions } from './sessions';
import { assign, fetchPackages, fetchRequestStates } from './packages';

type HostRequests = typeof hostRequests;
type Payload<K extends keyof HostRequests> = PayloadOf<HostRequests[K]>;

/** A step inside a batch failed: its answer, in plain words. */
class GraphStepError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.key);
  }
}

const NOT_CONFIGURED: AuthStatus = { configured: false, signedIn: false };

export class Host {
  private readonly sessions: Sessions;
  /** Invitation batches on their way, by address (see lookup). */
  private readonly batchesOnTheirWay = new Map<string, Promise<unknown>>();

  constructor(identity: IdentityPort) {
    this.sessions = new Sessions(identity);
  }

  /** One handler per host request; each first checks the settings and maps sign-in failures to words. */
  readonly handlers: Handlers<HostRequests> = {
    status: ({ config }) =>
      isConfigured(config) ? this.run(config, () => this.status(config)) : Promise.resolve(ok(NOT_CONFIGURED)),
    // A sign-in or sign-out may change the directory: what was read of the old one goes.
    signIn: ({ config }) =>
      this.run(config, async () => {
        this.sessions.forgetOrganization(config);
        await this.sessions.auth(config).signIn(config.askAllAtSignIn);
        return this.status(config);
      }),
    grantConsent: ({ config, purpose }) =>
      this.run(config, async () => (await this.sessions.auth(config).grantConsent(purpose), this.status(config))),
    signOut: ({ config, everywhere, profiles }) =>
      this.run(config, async () => {
        this.sessions.forgetOrganization(config);
        await this.sessions.auth(config).signOut(everywhere, profiles);
        return this.status(config);
      }),
    sendBatch: (p) => this.run(p.config, () => this.sendBatch(p)),
    lookup: (p) => this.run(p.config, () => this.lookup(p)),
    directory: (p) =>
      this.run(p.config, async () => {
        // One address typed into the popup: nobody clicked for it, so it never starts a sign-in round trip.
        const quiet = p.emails.length === 1;
        const [users, domains] = await Promise.all([
          this.users(p.config, p.emails, quiet),
          this.domains(p.config, quiet),
        ]);
        return { users, domains };
      }),
    searchGroups: (p) =>
      this.run(p.config, () => this.sessions.withClient(p.config, 'groups', (client) => searchGroups(client, p.query))),
    searchPeople: (p) =>
      this.run(p.config, () => this.sessions.withClient(p.config, 'read', (client) => searchPeople(client, p.query))),
    addToGroups: (p) => this.run(p.config, () => this.addToGroups(p)),
    updateGuests: (p) => this.run(p.config, () => this.updateGuests(p)),
    userStates: (p) => this.run(p.config, () => this.userStates(p.config, p.ids)),
    accessPackages: ({ config }) => this.run(config, () => this.sessions.withClient(config, 'packages', fetchPackages)),
    assignPackage: (p) =>
      this.run(p.config, async () => {
        const tenantId = await this.sessions.tenantOf(p.config);
        const outcomes = await this.sessions.withClient(p.config, 'assignPackages', (c) =>
          assign(c, p.choice, p.emails),
        );
        return outcomes.map((outcome) => ({ ...outcome, tenantId }));
      }),
    assignmentStates: (p) =>
      this.run(p.config, () => this.sessions.withClient(p.config, 'packages', (c) => fetchRequestStates(c, p.ids))),
    guestAddresses: (p) =>
      this.run(p.config, () =>
        this.sessions.withClient(p.config, 'read', (client) => fetchAddresses(client, p.userId)),
      ),
    checkConnection: ({ config }) => this.run(config, () => this.checkConnection(config)),
    tenantName: ({ config }) =>
      this.run(config, async () => {
        try {
          const { name, primaryDomain } = await this.sessions.organizationOf(config);
          return name ? { name, domain: primaryDomain } : null;
        } catch {
          return null; // not this app's to read: the button goes without the name
        }
      }),
  };

  private async run<T>(config: AuthConfig, task: () => Promise<T>) {
    if (!isConfigured(config)) return fail('errNotConfigured');
    try {
      return ok(await task());
    } catch (error) {
      if (error instanceof AuthFailure)
        return {
          ok: false as const,
          error: { key: error.key, subs: error.subs, reauth: error.reauth, ...error.extra },
        };
      if (error instanceof GraphStepError) return { ok: false as const, error: error.userError };
      const failure = toGraphFailure(error);
      if (failure) return { ok: false as const, error: describeGraphFailure(failure) };
      return fail('errUnexpected', ['', error instanceof Error ? error.message : String(error)]);
    }
  }

  /** Who is signed in (the settings are known to be complete here: see the status handler). */
  private async status(config: AuthConfig): Promise<AuthStatus> {
    const account = await this.sessions.auth(config).account();
    return { configured: true, signedIn: !!account, account };
  }

  /** Signs in if need be, then asks silently for each permission (never a consent window). */
  private async checkConnection(config: AuthConfig): Promise<ConnectionCheck> {
    const auth = this.sessions.auth(config);
    if (!(await auth.account())) await auth.signIn(config.askAllAtSignIn);
    const permissions = {} as ConnectionCheck['permissions'];
    for (const purpose of EVERYDAY) {
      try {
        await auth.accessToken(purpose);
        permissions[purpose] = 'granted';
      } catch (error) {
        permissions[purpose] = error instanceof AuthFailure && error.extra.consent ? 'missing' : 'failed';
      }
    }
    return { status: await this.status(config), permissions };
  }

  /**
   * One JSON batch of invitations. Each is checked again here: bad input never reaches Graph. A batch
   * that got no answer comes back as a failure with status 0: it may or may not have been done.
   */
  private async sendBatch({ config, items }: Payload<'sendBatch'>): Promise<BatchOutcome> {
    const valid = items.filter((item) => !Object.keys(checkInvite(item.input)).length);
    const tenantId = await this.sessions.tenantOf(config);
    const steps = valid.map((item) => ({
      id: item.id,
      method: 'POST' as const,
      url: '/invitations',
      body: buildInvitationBody(item.input, tenantId),
    }));
    // Sent once: a 5xx may come after the work was done, so the queue looks the addresses up instead.
    // A reset of a redemption writes to the user: that token's permission (User.ReadWrite.All).
    const purpose = valid.some((item) => item.input.resetUserId) ? 'writeUsers' : 'invite';
    const call = this.sessions.withClient(config, purpose, (client) => postBatch(client, steps, true));
    const addresses = valid.map((item) => addressKey(item.input.email));
    for (const address of addresses) this.batchesOnTheirWay.set(address, call);
    try {
      return { answers: await call, tenantId };
    } catch (error) {
      if (error instanceof AuthFailure) throw error;
      return { failure: toGraphFailure(error) ?? { status: 0 }, tenantId };
    } finally {
      for (const address of addresses)
        if (this.batchesOnTheirWay.get(address) === call) this.batchesOnTheirWay.delete(address);
    }
  }

  /**
   * Who these addresses already are in the directory (batched lookups; User.Read.All). `quiet`: one
   * address typed into the popup is one plain request, with a token from the cache or refresh token only.
   */
  private async users(config: AuthConfig, emails: string[], quiet = false): Promise<Record<string, KnownUser | null>> {
    const users: Record<string, KnownUser | null> = {};
    const steps = emails.map((email, j) => lookupStep(String(j), email));
    if (quiet && steps.length === 1) {
      const lookUp = async (client: Client) => (await client.api(steps[0].url).get()) as { value?: KnownUser[] };
      const reply = await this.sessions.withClient(config, 'read', lookUp, { quiet: true });
      return { [emails[0]]: reply.value?.[0] ?? null };
    }
    const answers = await this.sessions.withClient(config, 'read', async (client) => {
      const all: BatchAnswer[] = [];
      for (let i = 0; i < steps.length; i += BATCH_SIZE)
        all.push(...(await postBatch(client, steps.slice(i, i + BATCH_SIZE))));
      return all;
    });
    for (const answer of answers) {
      if (answer.status !== 200) throw new GraphStepError(describeGraphFailure(failureOf(answer)));
      users[emails[Number(answer.id)]] = (answer.body as { value?: KnownUser[] }).value?.[0] ?? null;
    }
    return users;
  }

  /**
   * The organization's verified domains (User.Read). Without that permission, the signed-in account's
   * own domain stands in: the list still marks colleagues, just fewer of them.
   */
  private async domains(config: AuthConfig, quiet = false): Promise<DirectoryView['domains']> {
    try {
      return (await this.sessions.organizationOf(config, quiet)).domains;
    } catch {
      const username = (await this.sessions.auth(config).account())?.username ?? '';
      return username.includes('@') ? [username.slice(username.lastIndexOf('@') + 1).toLowerCase()] : [];
    }
  }

  private async lookup({ config, emails }: Payload<'lookup'>): Promise<LookupOutcome> {
    // A worker stopped mid-batch loses the answer, but in Chrome the batch itself goes on here, in the
    // offscreen document. Until it lands the directory would wrongly say "not invited": wait for it.
    await Promise.allSettled(emails.flatMap((email) => this.batchesOnTheirWay.get(addressKey(email)) ?? []));
    const users = await this.users(config, emails);
    const ids = Object.fromEntries(Object.entries(users).map(([email, user]) => [email, user?.id ?? null]));
    return { users: ids, tenantId: await this.sessions.tenantOf(config) };
  }

  /** One batch of member additions. */
  private addToGroups({ config, steps }: Payload<'addToGroups'>): Promise<GroupOutcome> {
    const base = resolveEndpoints(config).graphBaseUrl;
    return this.followUps(
      config,
      'groups',
      steps.map((s) => memberStep(s.id, s.groupId, s.userId, base)),
    );
  }

  /** One batch of details for guests just invited: writing to users takes User.ReadWrite.All. */
  private updateGuests({ config, steps }: Payload<'updateGuests'>): Promise<GroupOutcome> {
    return this.followUps(
      config,
      'writeUsers',
      steps.map((s) => detailsStep(s.id, s.userId, s.details)),
    );
  }

  /** A batch of follow-ups; a lost answer is a failure with status 0 (doing them again is harmless). */
  private async followUps(config: AuthConfig, purpose: Purpose, steps: BatchStep[]): Promise<GroupOutcome> {
    try {
      return { answers: await this.sessions.withClient(config, purpose, (client) => postBatch(client, steps)) };
    } catch (error) {
      if (error instanceof AuthFailure) throw error;
      return { failure: toGraphFailure(error) ?? { status: 0 } };
    }
  }

  /** Where each invited guest stands now (externalUserState), for the history page. */
  private async userStates(config: AuthConfig, ids: string[]): Promise<Record<string, GuestReport>> {
    // Reading externalUserState takes User.Read.All, asked for only when the user refreshes.
    return this.sessions.withClient(config, 'read', async (client) => {
      const states: Record<string, GuestReport> = {};
      const queue = [...new Set(ids)];
      const worker = async () => {
        for (let id = queue.shift(); id; id = queue.shift()) states[id] = await fetchUserState(client, id);
      };
      await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
      return states;
    });
  }
}
