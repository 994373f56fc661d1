// Graph calls through @microsoft/microsoft-graph-client: its middleware attaches the token (only to
// Graph hosts and the configured custom hosts) and its RetryHandler honours 429/503/504 Retry-After —
// except for invitations, where a 503/504 may come after the work was done (see postBatch).
import { Client, GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { Endpoints } from '../core/clouds';
import type { BatchAnswer } from '../core/batch';
import type { GuestReport } from '../core/directory';
import type { GuestDetails } from '../core/guest-details';
import { GROUP_FIELDS, toChoice, type GraphGroup, type GroupChoice } from '../core/groups';
import { parseRetryAfter, type GraphFailure } from '../core/graph-errors';
import { PERSON_FIELDS, peopleFilter, toPeople, type GraphPerson, type PersonChoice } from '../core/people';

export function createGraphClient(endpoints: Endpoints, accessToken: () => Promise<string>): Client {
  return Client.initWithMiddleware({
    authProvider: { getAccessToken: accessToken },
    baseUrl: endpoints.graphBaseUrl,
    defaultVersion: 'v1.0',
    customHosts: new Set(endpoints.customHosts),
  });
}

/** Normalises what the Graph client throws into what graph-errors understands. */
export function toGraphFailure(error: unknown): GraphFailure | undefined {
  if (!(error instanceof GraphError)) return undefined;
  // No status, or a success whose body never fully arrived: either way the answer was lost.
  const status = error.statusCode >= 300 ? error.statusCode : 0;
  return {
    status,
    code: error.code ?? undefined,
    message: error.message,
    retryAfterSeconds: parseRetryAfter(error.headers?.get?.('Retry-After')),
  };
}

/** Accepted, PendingAcceptance, or gone from the directory; and since when (externalUserStateChangeDateTime). */
export async function fetchUserState(client: Client, id: string): Promise<GuestReport> {
  try {
    const user = (await client
      .api(`/users/${encodeURIComponent(id)}`)
      .select('id,externalUserState,externalUserStateChangeDateTime')
      .get()) as { externalUserState?: string | null; externalUserStateChangeDateTime?: string | null };
    const since = Date.parse(user.externalUserStateChangeDateTime ?? '');
    const state = user.externalUserState;
    return {
      state: state === 'Accepted' || state === 'PendingAcceptance' ? state : 'Unknown',
      ...(Number.isNaN(since) ? {} : { since }),
    };
  } catch (error) {
    if (toGraphFailure(error)?.status === 404) return { state: 'NotFound' };
    throw error;
  }
}

/** The addresses on a user (mail, then otherMails): a redemption may be reset only to one of them. */
export async function fetchAddresses(client: Client, id: string): Promise<string[]> {
  const user = (await client
    .api(`/users/${encodeURIComponent(id)}`)
    .select('id,mail,otherMails')
    .get()) as {
    mail?: string | null;
    otherMails?: string[] | null;
  };
  const all = [user.mail, ...(user.otherMails ?? [])].filter((a): a is string => !!a);
  return [...new Map(all.map((a) => [a.toLowerCase(), a])).values()];
}

export interface BatchStep {
  id: string;
  method: 'GET' | 'POST' | 'PATCH';
  url: string;
  body?: unknown;
}

/**
 * The Graph client's own retries, for requests that must never be sent twice: a 429 means nothing was
 * done, so it may go again; a 503 or 504 may come after Graph did the work (outcome unknown), so it
 * goes back to the caller, who looks the addresses up instead of resending.
 */
const THROTTLED_ONLY = new RetryHandlerOptions(
  undefined,
  undefined,
  (_delay, _attempt, _request, _options, response) => response.status === 429,
);

/**
 * One JSON batch (≤ 20 steps) through the Graph client. The per-step answers, 429s included, are the
 * caller's to handle. `once`: the batch is retried by the client only when throttled as a whole.
 */
export async function postBatch(client: Client, steps: BatchStep[], once = false): Promise<BatchAnswer[]> {
  const requests = steps.map((step) => ({
    id: step.id,
    method: step.method,
    url: step.url,
    ...(step.body === undefined ? {} : { body: step.body, headers: { 'Content-Type': 'application/json' } }),
  }));
  const request = client.api('/$batch');
  if (once) request.middlewareOptions([THROTTLED_ONLY]);
  const reply = (await request.post({ requests })) as {
    responses?: { id: string; status: number; body?: unknown; headers?: Record<string, string> }[];
  };
  return (reply.responses ?? []).map((r) => {
    const retryAfter = Object.entries(r.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
    return { id: r.id, status: r.status, body: r.body, retryAfterSeconds: parseRetryAfter(retryAfter) };
  });
}

const LOOKUP_FIELDS = 'id,mail,userType,externalUserState,externalUserStateChangeDateTime';

/** The directory's user with this address (mail, otherMails, proxyAddresses or UPN), if any. */
export function lookupStep(id: string, email: string): BatchStep {
  const quoted = email.replace(/'/gu, "''");
  const filter = [
    `mail eq '${quoted}'`,
    `otherMails/any(m:m eq '${quoted}')`,
    `proxyAddresses/any(p:p eq 'smtp:${quoted}')`,
    `userPrincipalName eq '${quoted}'`,
  ].join(' or ');
  return {
    id,
    method: 'GET',
    url: `/users?$filter=${encodeURIComponent(filter)}&$select=${LOOKUP_FIELDS}`,
  };
}

export interface Organization {
  name: string;
  /** Verified domains, lower-case. */
  domains: string[];
  /** The default domain, the one people know the tenant by (contoso.com). */
  primaryDomain?: string;
}

/** The directory's name and verified domains (User.Read is the least privileged permission for them). */
export async function fetchOrganization(client: Client): Promise<Organization> {
  const reply = (await client.api('/organization').select('displayName,verifiedDomains').get()) as {
    value?: { displayName?: string | null; verifiedDomains?: { name: string; isDefault?: boolean }[] }[];
  };
  const org = reply.value?.[0];
  const domains = org?.verifiedDomains ?? [];
  return {
    name: org?.displayName ?? '',
    domains: domains.map((d) => d.name.toLowerCase()),
    primaryDomain: domains.find((d) => d.isDefault)?.name.toLowerCase(),
  };
}

/** Groups whose name starts with the query, each with what Graph says about it taking guests. */
export async function searchGroups(client: Client, query: string): Promise<GroupChoice[]> {
  const quoted = query.trim().replace(/'/gu, "''");
  // The Graph client passes .filter() text unencoded: an & # % or + typed by the user would break the
  // query (Graph then refuses it). Encoded here, it reaches Graph as typed.
  const filter = encodeURIComponent(`startswith(displayName,'${quoted}')`);
  const reply = (await client.api(`/groups?$filter=${filter}`).select(GROUP_FIELDS).top(10).get()) as {
    value?: GraphGroup[];
  };
  return (reply.value ?? []).map(toChoice);
}

/** Members of the directory whose name or address starts with the query (sponsors). */
export async function searchPeople(client: Client, query: string): Promise<PersonChoice[]> {
  // Encoded here for the same reason as the group search: the client passes .filter() text as is.
  const filter = encodeURIComponent(peopleFilter(query));
  const reply = (await client.api(`/users?$filter=${filter}`).select(PERSON_FIELDS).top(10).get()) as {
    value?: GraphPerson[];
  };
  return toPeople(reply.value ?? []);
}

/** A guest's details: PATCH /users/{id}, as a batch step. */
export function detailsStep(id: string, userId: string, details: GuestDetails): BatchStep {
  return { id, method: 'PATCH', url: `/users/${encodeURIComponent(userId)}`, body: details };
}

/** Adding a member: POST /groups/{id}/members/$ref, as a batch step. */
export function memberStep(id: string, groupId: string, userId: string, graphBaseUrl: string): BatchStep {
  return {
    id,
    method: 'POST',
    url: `/groups/${encodeURIComponent(groupId)}/members/$ref`,
    body: { '@odata.id': `${graphBaseUrl}/v1.0/directoryObjects/${userId}` },
  };
}
