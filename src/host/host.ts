// The side that holds the signed-in session and talks to Graph: Chrome's offscreen document or
// Firefox's event page. It outlives the popup, so closing the popup never cancels a sign-in or an
// invitation in flight.
import { AuthFailure, AuthService } from '../auth/auth-service';
import type { IdentityPort } from '../auth/identity-port';
import { configKey, resolveEndpoints, type AuthConfig } from '../core/clouds';
import { describeGraphFailure, type GraphFailure, type UserError } from '../core/graph-errors';
import { addressKey, buildInvitationBody, checkInvite, type InviteInput, type InviteResult } from '../core/invitation';
import { isConfigured } from '../shared/settings';
import { fail, type AuthStatus, type HostRequest, type Reply } from '../shared/messages';
import {
  createGraphClient,
  fetchUserState,
  lookupStep,
  memberStep,
  ORGANIZATION_STEP,
  postBatch,
  postInvitation,
  scopesFor,
  searchGroups,
  toGraphFailure,
  type BatchAnswer,
  type DirectoryUser,
  type UserState,
} from './graph';
import type { Client } from '@microsoft/microsoft-graph-client';

export interface DirectoryView {
  users: Record<string, DirectoryUser | null>;
  /** The tenant's verified domains, lower-case. */
  domains: string[];
}

/** A step inside a batch failed: its answer, in plain words. */
class GraphStepError extends Error {
  constructor(readonly userError: UserError) {
    super(userError.key);
  }
}

/** A batch step's error answer, as graph-errors reads it. */
function toFailure(answer: BatchAnswer): GraphFailure {
  const error = (answer.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return { status: answer.status, code: error?.code, message: error?.message, retryAfterSeconds: answer.retryAfterSeconds };
}

export interface BatchOutcome {
  answers?: BatchAnswer[];
  failure?: GraphFailure;
  tenantId: string;
}

const CONFIG_KEY = 'invite.configKey';
/** The delegated Graph permission each kind of call needs, asked for when first used. */
const PERMISSION = { invite: 'User.Invite.All', read: 'User.Read.All', groups: 'GroupMember.ReadWrite.All' } as const;

export class Host {
  private current: { key: string; auth: AuthService; config: AuthConfig } | undefined;
  private readonly inFlight = new Map<string, Promise<Reply<InviteResult>>>();
  /** Invitation batches on their way, by address (see lookup). */
  private readonly batchesOnTheirWay = new Map<string, Promise<unknown>>();

  constructor(private readonly identity: IdentityPort) {}

  async handle(request: HostRequest): Promise<Reply<unknown>> {
    if (!isConfigured(request.config)) return request.type === 'status' ? ok(await this.status(request.config)) : fail('errNotConfigured');
    try {
      switch (request.type) {
        case 'status':
          return ok(await this.status(request.config));
        case 'signIn':
          await this.auth(request.config).signIn();
          return ok(await this.status(request.config));
        case 'signOut':
          await this.auth(request.config).signOut();
          return ok(await this.status(request.config));
        case 'invite':
          return await this.invite(request.config, request.input);
        case 'userStates':
          return ok(await this.userStates(request.config, request.ids));
        case 'sendBatch':
          return ok(await this.sendBatch(request.config, request.items));
        case 'lookup':
          return ok(await this.lookup(request.config, request.emails));
        case 'directory':
          return ok(await this.directory(request.config, request.emails, true));
        case 'searchGroups':
          return ok(await this.withClient(request.config, 'groups', (client) => searchGroups(client, request.query)));
        case 'addToGroups':
          return ok(await this.addToGroups(request.config, request.steps));
      }
    } catch (error) {
      if (error instanceof AuthFailure) return { ok: false, error: { key: error.key, subs: error.subs, reauth: error.reauth } };
      if (error instanceof GraphStepError) return { ok: false, error: error.userError };
      return fail('errUnexpected', ['', error instanceof Error ? error.message : String(error)]);
    }
  }

  private async status(config: AuthConfig): Promise<AuthStatus> {
    if (!isConfigured(config)) return { configured: false, signedIn: false };
    const account = await this.auth(config).account();
    return { configured: true, signedIn: !!account, account };
  }

  /** The same address twice while the first is still on its way is answered by the first call. */
  private invite(config: AuthConfig, input: InviteInput): Promise<Reply<InviteResult>> {
    const id = addressKey(input.email);
    const running = this.inFlight.get(id);
    if (running) return running;
    const call = this.sendInvitation(config, input).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, call);
    return call;
  }

  private async sendInvitation(config: AuthConfig, input: InviteInput): Promise<Reply<InviteResult>> {
    const problems = Object.values(checkInvite(input));
    if (problems.length) return { ok: false, error: problems[0]! };
    const body = buildInvitationBody(input);
    try {
      const response = await this.withClient(config, 'invite', (client) => postInvitation(client, body));
      return ok({
        email: body.invitedUserEmailAddress,
        displayName: body.invitedUserDisplayName,
        userId: response.invitedUser.id,
        userType: body.invitedUserType,
        sentMail: body.sendInvitationMessage,
        redeemUrl: body.sendInvitationMessage ? undefined : response.inviteRedeemUrl,
        tenantId: await this.tenantOf(config),
        at: Date.now(),
      });
    } catch (error) {
      // A sign-in problem reads as one (AuthFailure goes up to handle()), not as a Graph failure.
      if (error instanceof AuthFailure) throw error;
      return { ok: false, error: describeGraphFailure(toGraphFailure(error) ?? { status: 0 }) };
    }
  }

  /** The directory the signed-in account belongs to (what history and results show). */
  private async tenantOf(config: AuthConfig): Promise<string> {
    return (await this.auth(config).account())?.tenantId ?? config.tenant;
  }

  /**
   * One JSON batch of invitations. Each is checked again here: bad input never reaches Graph. A batch
   * that got no answer comes back as a failure with status 0: it may or may not have been done.
   */
  private async sendBatch(config: AuthConfig, items: { id: string; input: InviteInput }[]): Promise<BatchOutcome> {
    const valid = items.filter((item) => !Object.keys(checkInvite(item.input)).length).slice(0, 20);
    const tenantId = await this.tenantOf(config);
    const steps = valid.map((item) => ({ id: item.id, method: 'POST' as const, url: '/invitations', body: buildInvitationBody(item.input) }));
    const call = this.withClient(config, 'invite', (client) => postBatch(client, steps));
    const addresses = valid.map((item) => addressKey(item.input.email));
    for (const address of addresses) this.batchesOnTheirWay.set(address, call);
    try {
      return { answers: await call, tenantId };
    } catch (error) {
      if (error instanceof AuthFailure) throw error;
      return { failure: toGraphFailure(error) ?? { status: 0 }, tenantId };
    } finally {
      for (const address of addresses) if (this.batchesOnTheirWay.get(address) === call) this.batchesOnTheirWay.delete(address);
    }
  }

  /** Who these addresses already are in the directory (batched, 20 per request), and its domains. */
  private async directory(config: AuthConfig, emails: string[], withDomains: boolean): Promise<DirectoryView> {
    const users: Record<string, DirectoryUser | null> = {};
    let domains: string[] = [];
    const steps = emails.map((email, j) => lookupStep(String(j), email));
    if (withDomains) steps.push(ORGANIZATION_STEP);
    const answers = await this.withClient(config, 'read', async (client) => {
      const all: BatchAnswer[] = [];
      for (let i = 0; i < steps.length; i += 20) all.push(...(await postBatch(client, steps.slice(i, i + 20))));
      return all;
    });
    for (const answer of answers) {
      if (answer.status !== 200) throw new GraphStepError(describeGraphFailure(toFailure(answer)));
      if (answer.id === ORGANIZATION_STEP.id) {
        const org = (answer.body as { value?: { verifiedDomains?: { name: string }[] }[] }).value?.[0];
        domains = (org?.verifiedDomains ?? []).map((d) => d.name.toLowerCase());
      } else users[emails[Number(answer.id)]!] = (answer.body as { value?: DirectoryUser[] }).value?.[0] ?? null;
    }
    return { users, domains };
  }

  private async lookup(config: AuthConfig, emails: string[]): Promise<Record<string, string | null>> {
    // A worker stopped mid-batch loses the answer, but in Chrome the batch itself goes on here, in the
    // offscreen document. Until it lands the directory would wrongly say "not invited": wait for it.
    await Promise.allSettled(emails.map((email) => this.batchesOnTheirWay.get(addressKey(email))));
    const { users } = await this.directory(config, emails, false);
    return Object.fromEntries(Object.entries(users).map(([email, user]) => [email, user?.id ?? null]));
  }

  /**
   * Runs a Graph call with a token for the job. A 401 means the token was revoked before its time
   * (nothing was done): renew it once and call again.
   */
  private async withClient<T>(config: AuthConfig, purpose: 'invite' | 'read' | 'groups', call: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await call(await this.client(config, purpose));
    } catch (error) {
      if (toGraphFailure(error)?.status !== 401) throw error;
      return call(await this.client(config, purpose, true));
    }
  }

  /** A Graph client with a token for the job: inviting, reading users, or managing group members. */
  private async client(config: AuthConfig, purpose: 'invite' | 'read' | 'groups' = 'invite', forceRefresh = false) {
    const endpoints = resolveEndpoints(config);
    const scopes = scopesFor(endpoints, PERMISSION[purpose]);
    const token = await this.auth(config).accessToken(forceRefresh, scopes);
    return createGraphClient(endpoints, async () => token);
  }

  /** One batch of member additions; a lost answer is a failure with status 0 (adding again is harmless). */
  private async addToGroups(config: AuthConfig, steps: { id: string; groupId: string; userId: string }[]): Promise<{ answers?: BatchAnswer[]; failure?: GraphFailure }> {
    const base = resolveEndpoints(config).graphBaseUrl;
    try {
      return { answers: await this.withClient(config, 'groups', (client) => postBatch(client, steps.slice(0, 20).map((s) => memberStep(s.id, s.groupId, s.userId, base)))) };
    } catch (error) {
      if (error instanceof AuthFailure) throw error;
      return { failure: toGraphFailure(error) ?? { status: 0 } };
    }
  }

  /** Where each invited guest stands now (externalUserState), for the history page. */
  private async userStates(config: AuthConfig, ids: string[]): Promise<Record<string, UserState>> {
    // Reading externalUserState takes User.Read.All, asked for only when the user refreshes.
    return this.withClient(config, 'read', async (client) => {
      const states: Record<string, UserState> = {};
      const queue = [...new Set(ids)];
      const worker = async () => {
        for (let id = queue.shift(); id; id = queue.shift()) states[id] = await fetchUserState(client, id);
      };
      await Promise.all(Array.from({ length: Math.min(4, queue.length) }, worker));
      return states;
    });
  }

  private auth(config: AuthConfig): AuthService {
    const key = configKey(config);
    if (this.current?.key === key) return this.current.auth;
    if (localStorage.getItem(CONFIG_KEY) !== key) {
      // Another app registration or tenant: the old accounts and tokens are useless, drop them.
      clearMsalEntries();
      localStorage.setItem(CONFIG_KEY, key);
    }
    const auth = new AuthService(config.clientId.trim(), resolveEndpoints(config), this.identity);
    this.current = { key, auth, config };
    return auth;
  }
}

/** MSAL v3 keys its localStorage entries by account/client ids, not one prefix. */
function clearMsalEntries(): void {
  for (const item of Object.keys(localStorage)) {
    if (item === CONFIG_KEY) continue;
    const value = localStorage.getItem(item) ?? '';
    if (item.startsWith('msal') || /"(?:credentialType|homeAccountId|realm)"/u.test(value)) localStorage.removeItem(item);
  }
}

function ok<T>(value: T): Reply<T> {
  return { ok: true, value };
}
