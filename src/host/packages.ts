// Entitlement management through the Graph client: the access packages outsiders can get, direct
// assignments (adminAdd), and where those requests stand.
import type { Client } from '@microsoft/microsoft-graph-client';
import {
  assignmentBody,
  packageChoices,
  PACKAGES_PATH,
  REQUESTS_PATH,
  type AssignmentOutcome,
  type GraphAccessPackage,
  type PackageChoice,
} from '../core/access-packages';
import { BATCH_SIZE, failureOf, isSuccess } from '../core/batch';
import { describeGraphFailure } from '../core/graph-errors';
import { postBatch, toGraphFailure } from './graph';

export async function fetchPackages(client: Client): Promise<PackageChoice[]> {
  const reply = (await client.api(PACKAGES_PATH).expand('assignmentPolicies,catalog').top(100).get()) as {
    value?: GraphAccessPackage[];
  };
  return packageChoices(reply.value ?? []);
}

/**
 * One adminAdd request per address, in one batch sent once: a request is not idempotent, so one
 * whose answer is lost is reported as unknown, never sent again by itself.
 */
export async function assign(client: Client, choice: PackageChoice, emails: string[]): Promise<AssignmentOutcome[]> {
  const steps = emails.map((email, i) => ({
    id: String(i),
    method: 'POST' as const,
    url: REQUESTS_PATH,
    body: assignmentBody(choice, email),
  }));
  let answers;
  try {
    answers = await postBatch(client, steps, true);
  } catch (error) {
    const failure = toGraphFailure(error);
    if (!failure) throw error;
    const lost = failure.status === 0 || failure.status >= 500;
    return emails.map((email) => ({
      email,
      error: lost ? { key: 'errAssignmentUnknown' } : describeGraphFailure(failure, { packages: true }),
    }));
  }
  const byId = new Map(answers.map((a) => [a.id, a]));
  return emails.map((email, i) => {
    const answer = byId.get(String(i));
    if (!answer || answer.status >= 500) return { email, error: { key: 'errAssignmentUnknown' } };
    if (!isSuccess(answer.status)) return { email, error: describeGraphFailure(failureOf(answer), { packages: true }) };
    const request = answer.body as { id?: string; requestState?: string };
    return { email, requestId: request.id, requestState: request.requestState ?? 'submitted' };
  });
}

/** Each request's state now; one that cannot be read keeps its last known state (left out). */
export async function fetchRequestStates(client: Client, ids: string[]): Promise<Record<string, string>> {
  const steps = ids.map((id, i) => ({
    id: String(i),
    method: 'GET' as const,
    url: `${REQUESTS_PATH}/${encodeURIComponent(id)}?$select=id,requestState`,
  }));
  const states: Record<string, string> = {};
  for (let start = 0; start < steps.length; start += BATCH_SIZE) {
    for (const answer of await postBatch(client, steps.slice(start, start + BATCH_SIZE))) {
      const state = (answer.body as { requestState?: string } | undefined)?.requestState;
      if (isSuccess(answer.status) && state) states[ids[Number(answer.id)]] = state;
    }
  }
  return states;
}
