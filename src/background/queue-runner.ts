// Runs the bulk queue in the background (service worker / event page), so closing the popup never
// stops it. The queue lives in storage.local and is saved after every change: after a worker or
// browser restart it resumes, and items whose answer was lost are looked up before any resend.
import browser from '../shared/browser';
import { t } from '../shared/i18n';
import { loadAuthConfig } from '../shared/settings';
import { QUEUE_KEY } from '../shared/session';
import { notify } from './notify';
import { recordInvitations } from '../shared/history';
import type { Forward, Reply } from '../shared/messages';
import type { InviteInput, InviteResult } from '../core/invitation';
import { checkInvite } from '../core/invitation';
import * as rules from '../core/queue';
import { Pacer } from '../core/pacing';
import type { BatchOutcome } from '../host/host';

const ALARM = 'queue';
/** Batches in flight at once: enough to hide latency, few enough to stay polite to Graph. */
const CONCURRENCY = 3;

let queue: rules.Queue | undefined;
let forward: Forward;
let inFlight = 0;
let wakeTimer: ReturnType<typeof setTimeout> | undefined;
let reconciling = false;

/** Spaces batches at the write rate Graph has shown it accepts (see core/pacing). */
const pacer = new Pacer();

export function startQueue(forwardToHost: Forward): void {
  forward = forwardToHost;
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void pump();
  });
  void pump(); // a restarted worker picks up where the last one stopped
}

async function load(): Promise<rules.Queue> {
  queue ??= ((await browser.storage.local.get(QUEUE_KEY))[QUEUE_KEY] as rules.Queue | undefined) ?? rules.emptyQueue();
  return queue;
}

async function save(): Promise<void> {
  if (!queue) return;
  const c = rules.counts(queue);
  await browser.storage.local.set({ [QUEUE_KEY]: queue });
  await browser.action.setBadgeText({ text: c.waiting ? String(c.waiting) : '' });
  if (c.waiting) {
    await browser.action.setBadgeBackgroundColor({ color: '#0a5fb4' });
    // A wake-up call in case the worker is stopped with work left.
    await browser.alarms.create(ALARM, { periodInMinutes: 0.5 });
  } else await browser.alarms.clear(ALARM);
}

/** Adds invitations. Input Graph would refuse is marked skipped with its reason, never sent. */
export async function enqueueInvites(inputs: InviteInput[]): Promise<rules.Queue> {
  const q = await load();
  if (!q.items.some(rules.isPending)) rules.clearFinished(q);
  const now = Date.now();
  const before = q.items.length;
  rules.enqueue(q, inputs, now);
  for (const item of q.items.slice(before)) {
    const problem = Object.values(checkInvite(item.input))[0];
    if (problem) Object.assign(item, { state: 'skipped', error: problem });
  }
  await save();
  void pump();
  return q;
}

export async function controlQueue(action: 'pause' | 'resume' | 'cancel' | 'retry' | 'clear'): Promise<rules.Queue> {
  const q = await load();
  if (action === 'pause') rules.setPaused(q, true);
  if (action === 'resume') rules.setPaused(q, false);
  if (action === 'cancel') rules.cancelWaiting(q);
  if (action === 'retry') rules.retryFailed(q, Date.now());
  if (action === 'clear') rules.clearFinished(q);
  await save();
  void pump();
  return q;
}

/** Sends what can go now, up to CONCURRENCY batches at once, and plans the next wake-up. */
async function pump(): Promise<void> {
  const q = await load();
  if (inFlight === 0 && q.items.some((i) => i.state === 'sending' || i.grouping)) {
    // Sending, but nothing of ours is in flight: the worker was stopped mid-batch.
    rules.markUncertain(q.items);
    rules.finishGrouping(q.items.filter((i) => i.grouping));
    await save();
  }
  if (q.items.some((i) => i.state === 'uncertain')) await reconcileUncertain(q);
  while (inFlight < CONCURRENCY) {
    const delay = pacer.delay(Date.now(), q.items.filter((i) => i.state === 'waiting').length);
    if (delay > 0) {
      clearTimeout(wakeTimer);
      wakeTimer = setTimeout(() => void pump(), delay);
      return;
    }
    const steps = rules.takeGroupSteps(q, Date.now());
    if (steps.length) {
      inFlight++;
      await save();
      void sendGroups(q, steps).finally(() => {
        inFlight--;
        void pump();
      });
      continue;
    }
    const batch = rules.takeBatch(q, Date.now());
    if (!batch.length) break;
    pacer.started(Date.now(), batch.length);
    inFlight++;
    await save();
    void send(q, batch).finally(() => {
      inFlight--;
      void pump();
    });
  }
  scheduleWake(q);
}

function scheduleWake(q: rules.Queue): void {
  clearTimeout(wakeTimer);
  // Items whose answer was lost wait for a lookup; if that failed, try it again shortly.
  const uncertain = q.items.some((i) => i.state === 'uncertain') ? Date.now() + 2000 : undefined;
  const next = rules.nextWake(q);
  const at = next === undefined ? uncertain : uncertain === undefined ? next : Math.min(next, uncertain);
  if (at !== undefined && inFlight < CONCURRENCY) wakeTimer = setTimeout(() => void pump(), Math.max(0, at - Date.now()) + 5);
}

async function send(q: rules.Queue, batch: rules.QueueItem[]): Promise<void> {
  const reply = (await forward({ to: 'host', type: 'sendBatch', config: await loadAuthConfig(), items: batch.map((item) => ({ id: item.key, input: item.input })) })) as Reply<BatchOutcome>;
  const now = Date.now();
  if (!reply.ok) {
    // Signed out (or another problem before anything was sent): stop and say why.
    for (const item of batch) Object.assign(item, { state: 'waiting', error: reply.error, attempts: item.attempts - 1 });
    rules.setPaused(q, true);
    q.stoppedFor = reply.error;
  } else if (reply.value.failure) {
    if (reply.value.failure.status === 0) rules.markUncertain(batch);
    else for (const item of batch) rules.retryOrFail(item, reply.value.failure, now);
  } else {
    const answers = reply.value.answers!;
    const byId = new Map(answers.map((a) => [a.id, a]));
    const tenantId = reply.value.tenantId;
    pacer.answered(now, answers.filter((a) => a.status < 300).length, answers.filter((a) => a.status === 429).length);
    for (const item of batch) {
      const answer = byId.get(item.key);
      if (!answer) rules.markUncertain([item]);
      else rules.settle(item, answer, now, (body) => toResult(item, body, tenantId, now));
    }
    await recordInvitations(batch.filter((i) => i.state === 'done' && i.result).map((i) => i.result!));
  }
  if (!q.items.some(rules.isPending)) pacer.reset();
  await save();
  await notifyIfDrained(q);
}

/** Member additions for invited guests; adding twice is harmless, so a lost answer is just retried. */
async function sendGroups(q: rules.Queue, steps: { item: rules.QueueItem; groupId: string }[]): Promise<void> {
  const reply = (await forward({
    to: 'host',
    type: 'addToGroups',
    config: await loadAuthConfig(),
    steps: steps.map((step, i) => ({ id: String(i), groupId: step.groupId, userId: step.item.result!.userId })),
  })) as Reply<{ answers?: { id: string; status: number; body?: unknown; retryAfterSeconds?: number }[]; failure?: { status: number } }>;
  const now = Date.now();
  const answers = reply.ok ? new Map((reply.value.answers ?? []).map((a) => [a.id, a])) : new Map();
  steps.forEach((step, i) => {
    const name = step.item.input.groups?.find((g) => g.id === step.groupId)?.displayName ?? step.groupId;
    rules.settleGroup(step.item, step.groupId, answers.get(String(i)), now, name);
  });
  rules.finishGrouping([...new Set(steps.map((s) => s.item))]);
  await save();
  await notifyIfDrained(q);
}

function toResult(item: rules.QueueItem, body: unknown, tenantId: string, now: number): InviteResult {
  const invitation = body as { invitedUser?: { id?: string }; inviteRedeemUrl?: string };
  return {
    email: item.input.email,
    displayName: item.input.displayName || undefined,
    userId: invitation.invitedUser?.id ?? '',
    userType: item.input.userType,
    sentMail: item.input.sendMail,
    redeemUrl: item.input.sendMail ? undefined : invitation.inviteRedeemUrl,
    tenantId,
    at: now,
  };
}

/** Looks up the addresses whose answer was lost: a guest that exists was invited; the rest go again. */
async function reconcileUncertain(q: rules.Queue): Promise<void> {
  if (reconciling) return;
  reconciling = true;
  try {
    const uncertain = q.items.filter((i) => i.state === 'uncertain');
    const config = await loadAuthConfig();
    const reply = (await forward({ to: 'host', type: 'lookup', config, emails: uncertain.map((i) => i.input.email) })) as Reply<Record<string, string | null>>;
    if (!reply.ok) return; // try again on the next wake-up; nothing is resent meanwhile
    const now = Date.now();
    for (const item of uncertain) {
      const userId = reply.value[item.input.email];
      if (userId !== undefined) rules.reconcile(item, userId ?? undefined, now, config.tenant);
    }
    await recordInvitations(uncertain.filter((i) => i.state === 'done' && i.result).map((i) => i.result!));
    await save();
  } finally {
    reconciling = false;
  }
}

/** Invitations started from the context menu report back here, once the queue is empty. */
async function notifyIfDrained(q: rules.Queue): Promise<void> {
  const c = rules.counts(q);
  if (c.waiting || !q.notify) return;
  q.notify = false;
  await save();
  await notify(c.failed ? t('notifyFailedMany', [String(c.done), String(c.failed)]) : t('notifyInvitedMany', [String(c.done)]));
}

export async function notifyWhenDone(): Promise<void> {
  const q = await load();
  q.notify = true;
  await save();
}
