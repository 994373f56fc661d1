// What comes after an invitation, for guests already invited: their details (PATCH /users/{id}) and
// their groups (POST /groups/{id}/members/$ref). Doing either twice is harmless, so a lost answer is
// simply tried again; a missing permission or sign-in stops the run until it is given.
import { cleanDetails } from '../core/guest-details';
import * as rules from '../core/queue';
import type { GroupOutcome, Reply } from '../protocol/contract';
import type { HostCall } from './router';

export type FollowUp = { item: rules.QueueItem; groupId: string };

export async function sendFollowUps(q: rules.Queue, steps: FollowUp[], host: HostCall, now: () => number) {
  const details = steps.filter((s) => s.groupId === rules.DETAILS_STEP);
  const members = steps.filter((s) => s.groupId !== rules.DETAILS_STEP);
  // One directory's steps (see rules.takeGroupSteps): the run's own, whatever profile is in use now.
  const config = rules.configOf(
    q,
    steps.map((s) => s.item),
  );
  const [memberReply, detailsReply] = await Promise.all([
    members.length
      ? host(
          'addToGroups',
          {
            steps: members.map((s, i) => ({ id: String(i), groupId: s.groupId, userId: s.item.result!.userId })),
          },
          config,
        )
      : undefined,
    details.length
      ? host(
          'updateGuests',
          {
            steps: details.map((s, i) => ({
              id: String(i),
              userId: s.item.result!.userId,
              details: cleanDetails(rules.inputOf(q, s.item).details) ?? {},
            })),
          },
          config,
        )
      : undefined,
  ]);
  settle(q, members, memberReply, now());
  settle(q, details, detailsReply, now());
  rules.finishGrouping([...new Set(steps.map((s) => s.item))]);
}

function settle(q: rules.Queue, steps: FollowUp[], reply: Reply<GroupOutcome> | undefined, now: number): void {
  if (!steps.length) return;
  if (reply && !reply.ok && (reply.error.consent || reply.error.reauth)) {
    // Nothing was sent: the run waits for the permission (or the sign-in), then these go again.
    for (const { item } of steps) item.groupAttempts = Math.max(0, (item.groupAttempts ?? 1) - 1);
    rules.stopFor(q, reply.error, steps[0].item.run);
    return;
  }
  const answers = new Map(reply?.ok ? (reply.value.answers ?? []).map((a) => [a.id, a]) : []);
  steps.forEach((step, i) => {
    const groups = q.runs[step.item.run]?.groups ?? [];
    const name = groups.find((g) => g.id === step.groupId)?.displayName ?? step.groupId;
    rules.settleGroup(step.item, step.groupId, answers.get(String(i)), now, name);
  });
}
