// Runs the bulk queue in the background (service worker / event page), so closing the popup never
// stops it. Every invitation, one or many, is a run through it. The queue lives in storage and is
// saved after every change: after a worker or browser restart it resumes, and items whose answer was
// lost are looked up before any resend. One instance per background; it loads the queue once and
// pumps one at a time, so two wake-ups can never send the same items from two copies of the queue.
import type { UserError } from '../core/graph-errors';
import { checkInvite, inputFor, type Recipient, type RunOptions } from '../core/invitation';
import { checkAgain, dueLookups, markUncertain } from '../core/lost-answers';
import { Pacer } from '../core/pacing';
import * as rules from '../core/queue';
import type { QueueAction } from '../protocol/contract';
import type { Platform } from '../platform/platform';
import { withoutLink, type History } from '../storage/history';
import type { Store } from '../storage/storage';
import { sendFollowUps, type FollowUp } from './follow-ups';
import { lookUpLostAnswers } from './lost-answer-lookups';
import { invitedResults, QueueRefusal, saveFailure, stopReason } from './queue-words';
import type { HostCall } from './router';
import { WakeTimer } from './wake-timer';
import { configKey, type AuthConfig } from '../core/clouds';
import { authConfigOf } from '../storage/settings';
import { profileLabel } from '../storage/profiles';

const ALARM = 'queue';
/** Batches in flight at once: enough to hide latency, few enough to stay polite to Graph. */
const CONCURRENCY = 3;

export interface RunnerDeps {
  platform: Platform;
  store: Store;
  history: History;
  host: HostCall;
  /** The words of the notification when a run started from the menu ends. */
  describeEnd: (counts: ReturnType<typeof rules.counts>) => string;
  /** A user error in words, for a notification. */
  words: (error: UserError) => string;
}

export class QueueRunner {
  private loaded: Promise<rules.Queue> | undefined;
  private inFlight = 0;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private reconciling = false;
  private readonly wakeUp = new WakeTimer(
    () => this.now(),
    () => void this.wake(),
  );
  /** Spaces batches at the write rate Graph has shown it accepts (see core/pacing). */
  private readonly pacer = new Pacer();

  constructor(private readonly deps: RunnerDeps) {}

  /** Listens for the wake-up alarm and picks up where a stopped worker left off. */
  start(): Promise<void> {
    this.deps.platform.alarms.onAlarm((name) => name === ALARM && void this.wake());
    return this.wake();
  }

  /**
   * Adds a run. Input Graph would refuse is marked skipped with its reason, never sent. More than
   * MAX_RUN waiting at once is refused; so is a run that cannot be saved (nothing of it stays).
   */
  async enqueue(options: RunOptions, recipients: Recipient[]): Promise<rules.Queue> {
    const q = await this.queue();
    if (!q.items.some(rules.isPending)) {
      // A new run: the last one's items and its pause (say, for a sign-in) go.
      rules.clearFinished(q);
      rules.setPaused(q, false);
    }
    if (rules.counts(q).waiting + recipients.length > rules.MAX_RUN) {
      throw new QueueRefusal({ key: 'errRunTooLarge', subs: [String(rules.MAX_RUN)] });
    }
    const settings = await this.deps.store.read('settings');
    const tenant = { config: authConfigOf(settings), name: profileLabel(settings) };
    // From here on nothing awaits until the save: a pump must not see the run half made.
    const before = { items: q.items.length, runs: { ...q.runs } };
    rules.enqueue(q, options, recipients, this.now());
    const run = Object.keys(q.runs).find((id) => !(id in before.runs));
    if (run) q.runTenants = { ...q.runTenants, [run]: tenant };
    for (const item of q.items.slice(before.items)) {
      const problem = Object.values(checkInvite(inputFor(options, item)))[0];
      if (problem) Object.assign(item, { state: 'skipped', error: problem });
    }
    try {
      await this.save();
    } catch (error) {
      q.items.length = before.items;
      q.runs = before.runs;
      throw new QueueRefusal(saveFailure(error));
    }
    void this.wake();
    return q;
  }

  /**
   * The popup's controls. `directory` (a configKey): cancel, retry and clear touch that directory's
   * runs only, so another profile's run is never cancelled from here; pause and resume are the queue's.
   */
  async control(action: QueueAction, directory?: string): Promise<rules.Queue> {
    const q = await this.queue();
    const only = directory === undefined ? () => true : rules.inDirectory(q, directory);
    if (action === 'pause') rules.setPaused(q, true);
    if (action === 'resume') rules.setPaused(q, false);
    if (action === 'cancel') rules.cancelWaiting(q, only);
    if (action === 'retry') rules.retryFailed(q, this.now(), only);
    if (action === 'clear') rules.clearFinished(q, only);
    await this.save().catch((error: unknown) => {
      throw new QueueRefusal(saveFailure(error));
    });
    void this.wake();
    return q;
  }

  /** A permission was granted: a queue it stopped goes on, and outcomes it could not check are looked up. */
  async permissionGranted(): Promise<void> {
    const q = await this.queue();
    checkAgain(q, this.now());
    if (q.stoppedFor?.consent) rules.setPaused(q, false);
    await this.persist(q);
    void this.wake();
  }

  /** Signed in again: the directory held for want of that sign-in goes on. */
  async signedIn(config: AuthConfig): Promise<void> {
    const q = await this.queue();
    if (!q.stoppedFor?.reauth || !rules.holds(q, configKey(config))) return;
    rules.setPaused(q, false);
    await this.persist(q);
    void this.wake();
  }

  /** Signed out of a directory: what still waits for it is cancelled and, with what has finished, forgotten. */
  async discardWaiting(config: AuthConfig): Promise<void> {
    const q = await this.queue();
    rules.forgetTenant(q, configKey(config));
    await this.persist(q);
  }

  /** Report the outcome in a notification once the queue drains (work started from the menu). */
  async notifyWhenDone(): Promise<void> {
    const q = await this.queue();
    q.notify = true;
    await this.persist(q);
  }

  /**
   * Batches are in flight, or the next wake-up is due within `withinMs` (a paced wait, a retry): the
   * host should stay open. A pump that only reads the queue (every worker start does) is no reason.
   */
  busy(withinMs: number): boolean {
    return this.inFlight > 0 || this.wakeUp.dueWithin(withinMs);
  }

  /** Runs a pump; a wake-up during one makes it go round once more instead of starting a second. */
  wake(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    this.pumping = (async () => {
      do {
        this.pumpAgain = false;
        await this.pump();
      } while (this.pumpAgain);
    })().finally(() => (this.pumping = undefined));
    return this.pumping;
  }

  private now(): number {
    return this.deps.platform.now();
  }

  private queue(): Promise<rules.Queue> {
    this.loaded ??= this.deps.store.read('queue');
    return this.loaded;
  }

  /**
   * Saves; when that fails the queue stops (nothing more goes out unsaved) and the user is told in a
   * notification, since the stored queue cannot carry the news. What is in memory is saved next time.
   */
  private async persist(q: rules.Queue): Promise<boolean> {
    try {
      await this.save();
      return true;
    } catch (error) {
      const told = q.stoppedFor?.key === 'errSaveFailed';
      const reason = saveFailure(error);
      rules.stopFor(q, reason);
      if (!told) await this.deps.platform.notify(this.deps.words(reason));
      return false;
    }
  }

  /** The history entries of the items just invited; a failed write stops the queue like a failed save. */
  private async record(q: rules.Queue, items: rules.QueueItem[]): Promise<void> {
    try {
      await this.deps.history.record(invitedResults(items));
    } catch {
      await this.persist(q); // the same full storage: stops the queue and tells the user, if not done yet
    }
  }

  private async save(): Promise<void> {
    const q = await this.queue();
    q.version = (q.version ?? 0) + 1;
    const { waiting } = rules.counts(q);
    const { store, platform } = this.deps;
    // Redeem links stay in memory here and in session storage (see History.record), never in the queue.
    await store.write('queue', {
      ...q,
      items: q.items.map((i) => (i.result ? { ...i, result: withoutLink(i.result) } : i)),
    });
    await platform.setBadge(waiting ? String(waiting) : '');
    // A wake-up call in case the worker is stopped with work left.
    if (waiting) await platform.alarms.repeat(ALARM, 0.5);
    else await platform.alarms.clear(ALARM);
  }

  /** Sends what can go now, up to CONCURRENCY batches at once, and plans the next wake-up. */
  private async pump(): Promise<void> {
    const q = await this.queue();
    if (this.inFlight === 0 && q.items.some((i) => i.state === 'sending' || i.grouping)) {
      // Sending, but nothing of ours is in flight: the worker was stopped mid-batch.
      markUncertain(q.items, this.now());
      rules.finishGrouping(q.items.filter((i) => i.grouping));
      if (!(await this.persist(q))) return;
    }
    if (dueLookups(q, this.now()).length) await this.reconcileUncertain(q);
    while (this.inFlight < CONCURRENCY) {
      const waiting = q.items.filter((i) => i.state === 'waiting').length;
      const delay = this.pacer.delay(this.now(), waiting);
      if (delay > 0) return this.wakeUp.in(delay);
      const steps = rules.takeGroupSteps(q, this.now());
      if (steps.length) {
        const items = steps.map((s) => s.item);
        if (!(await this.launch(q, items, () => this.sendGroups(q, steps)))) return;
        continue;
      }
      const batch = rules.takeBatch(q, this.now());
      if (!batch.length) break;
      if (!(await this.launch(q, batch, () => this.send(q, batch)))) return;
      this.pacer.started(this.now(), batch.length);
    }
    this.scheduleWake(q);
  }

  /**
   * Starts one batch once the queue that marks it as on its way is saved (a worker stopped later then
   * knows to look its items up). It counts as in flight until its answer is saved. When the save
   * fails, nothing is sent: the items go back to waiting and the queue stops, saying why.
   */
  private async launch(q: rules.Queue, items: rules.QueueItem[], work: () => Promise<void>): Promise<boolean> {
    if (!(await this.persist(q))) {
      rules.unsend(items);
      return false;
    }
    this.inFlight++;
    void work().finally(() => {
      this.inFlight--;
      void this.wake();
    });
    return true;
  }

  private scheduleWake(q: rules.Queue): void {
    this.wakeUp.cancel();
    const at = rules.nextWake(q);
    if (at !== undefined && this.inFlight < CONCURRENCY) this.wakeUp.in(Math.max(0, at - this.now()) + 5);
  }

  private async send(q: rules.Queue, batch: rules.QueueItem[]): Promise<void> {
    // To the run's own directory, whichever profile is in use now (a batch holds one directory's items).
    const reply = await this.deps.host(
      'sendBatch',
      { items: batch.map((item) => ({ id: item.key, input: rules.inputOf(q, item) })) },
      rules.configOf(q, batch),
    );
    const now = this.now();
    const stop = stopReason(reply);
    if (stop) {
      // Signed out (or another problem before anything was sent): stop and say why.
      for (const item of batch) Object.assign(item, { state: 'waiting', error: stop, attempts: item.attempts - 1 });
      rules.stopFor(q, stop, batch[0].run);
    } else if (reply.ok && reply.value.failure) {
      const { status } = reply.value.failure;
      // No answer, or a 5xx that may have come after the work: look the addresses up, never resend blindly.
      if (status === 0 || status >= 500) markUncertain(batch, now);
      else for (const item of batch) rules.retryOrFail(item, reply.value.failure, now);
    } else if (reply.ok) {
      const answers = reply.value.answers ?? [];
      const byId = new Map(answers.map((a) => [a.id, a]));
      this.pacer.answered(
        now,
        answers.filter((a) => a.status < 300).length,
        answers.filter((a) => a.status === 429).length,
      );
      for (const item of batch) {
        const answer = byId.get(item.key);
        if (!answer) markUncertain([item], now);
        else rules.settle(q, item, answer, now, reply.value.tenantId);
      }
      await this.record(q, batch);
    }
    if (!q.items.some(rules.isPending)) this.pacer.reset();
    if (await this.persist(q)) await this.notifyIfDrained(q);
  }

  /** Details and member additions for invited guests (see follow-ups.ts). */
  private async sendGroups(q: rules.Queue, steps: FollowUp[]): Promise<void> {
    await sendFollowUps(q, steps, this.deps.host, () => this.now());
    if (await this.persist(q)) await this.notifyIfDrained(q);
  }

  /** Looks the uncertain items up (see lookUpLostAnswers); one lookup at a time. */
  private async reconcileUncertain(q: rules.Queue): Promise<void> {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      const settled = await lookUpLostAnswers(q, this.deps, this.now());
      if (settled.length) await this.record(q, settled);
      await this.persist(q);
    } finally {
      this.reconciling = false;
    }
  }

  private async notifyIfDrained(q: rules.Queue): Promise<void> {
    const c = rules.counts(q);
    if (c.waiting || !q.notify) return;
    q.notify = false;
    await this.persist(q);
    await this.deps.platform.notify(this.deps.describeEnd(c));
  }
}
