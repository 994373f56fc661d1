// The bulk queue under fire: a seeded mix of 429s, 503s, 504s after the work was done and connections
// dropped before and after the tenant did the work, with new guests replicating for 2 s, plus a stopped
// service worker and a closed popup. Every address must end in exactly one terminal state, none invited
// twice by us, none lost, and no partner gets a second email.
import { afterEach, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Chaos, Tenant } from '../tenant/tenant.mjs';
import { readStoredQueue } from '../support/browser.mjs';
import {
  currentWorker,
  openPopup,
  pasteAddresses,
  startSignedIn,
  stopServiceWorker,
  type Launched,
  confirmedAccount,
} from './harness';

let tenant: Tenant | undefined;
let browser: Launched | undefined;
afterEach(async () => {
  await browser?.context.close();
  await tenant?.close();
});

const CHAOS: Chaos = {
  seed: 20261122,
  item429: 0.08,
  item503: 0.05,
  resetBefore: 0.05,
  resetAfter: 0.08,
  gatewayAfter: 0.05,
  expire401: 0.03,
};
const addresses = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `guest${i}.${tag}@partner${i % 13}.com`);

interface QueueView {
  items: { key: string; state: string; error?: { key: string; subs?: string[] } }[];
}
const queueOf = (b: Launched) => readStoredQueue(b.worker) as Promise<QueueView | undefined>;
/** The queue as stored, read through the running worker (none while it is stopped: reading must not wake it). */
const currentQueue = async (b: Launched) => {
  const worker = b.context.serviceWorkers()[0];
  if (!worker) return undefined;
  return (await readStoredQueue(worker).catch(() => undefined)) as QueueView | undefined;
};

/** Pastes the list into the popup and clicks Invite, as a person would. */
async function inviteFromPopup(popup: Page, list: string[]): Promise<void> {
  await pasteAddresses(popup, list.join('; '));
  await popup.getByTestId('addresses').waitFor();
  await popup.getByTestId('invite').click();
  await popup.getByTestId('batch').waitFor();
}

async function drained(b: Launched, count: number): Promise<QueueView> {
  let view: QueueView | undefined;
  await expect
    .poll(
      async () => {
        view = await currentQueue(b);
        return view?.items.filter((i) => ['done', 'failed', 'skipped', 'cancelled'].includes(i.state)).length;
      },
      { timeout: 90_000, interval: 500 },
    )
    .toBe(count);
  return view!;
}

function expectExactlyOnce(t: Tenant, view: QueueView, list: string[]): void {
  expect(view.items.map((i) => i.key).sort()).toEqual([...list].sort());
  expect(view.items.filter((i) => i.state !== 'done')).toEqual([]);
  for (const address of list) expect(t.state.inviteCounts.get(address), address).toBe(1);
  for (const address of list) expect(t.state.emailsSent.get(address) ?? 0, address).toBeLessThanOrEqual(1);
}

test('300 addresses through seeded faults and replication: each invited once, one email each, none lost', async () => {
  ({ tenant, browser } = await startSignedIn({
    chaos: CHAOS,
    writeQuota: { capacity: 60, perSecond: 60 },
    replicationDelayMs: 2000,
  }));
  const list = addresses(300, 'a');
  const popup = await openPopup(browser.context, browser.extensionId);
  await confirmedAccount(popup).waitFor();
  await inviteFromPopup(popup, list);
  const view = await drained(browser, 300);
  expectExactlyOnce(tenant, view, list);
  // Every kind of fault the seed asks for really happened (and the run above survived each of them):
  // connections dropped before and after the work, 504 after the work, a revoked token, per-item 429 and 503.
  const fired = tenant.state.chaos!.fired;
  for (const kind of ['resetBefore', 'resetAfter', 'gatewayAfter', 'expire401', 'item429', 'item503'] as const)
    expect(fired[kind], kind).toBeGreaterThan(0);
  // Per-item 429s: the seeded ones and those of the write quota.
  expect(tenant.invitations().filter((i) => i.status === 429).length).toBeGreaterThanOrEqual(fired.item429);
  expect(tenant.requests('POST', '/v1.0/$batch').filter((r) => r.status === 504).length).toBe(fired.gatewayAfter);
  expect([...tenant.state.emailsSent.values()].reduce((a, b) => a + b, 0)).toBe(300);
  expect(await popup.getByTestId('batch-summary').innerText()).toBe('300 invited, 0 failed, 0 skipped, 0 waiting');
  expect(await browser.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
});

test('the service worker stopped mid-run: it resumes, looks up what was in flight, resends nothing twice', async () => {
  ({ tenant, browser } = await startSignedIn({ chaos: { ...CHAOS, seed: 7 } }));
  tenant.state.latencyMs = 300;
  const list = addresses(120, 'b');
  const popup = await openPopup(browser.context, browser.extensionId);
  await confirmedAccount(popup).waitFor();
  await inviteFromPopup(popup, list);
  await expect
    .poll(async () => (await queueOf(browser!))?.items.filter((i) => i.state === 'done').length ?? 0, {
      timeout: 30_000,
    })
    .toBeGreaterThan(20);
  // Stop the worker while an invitation batch is still at the tenant, slow enough that the restarted
  // worker's lookup is answered before that batch's invitations exist.
  const SLOW_MS = 4000;
  const invitationBatches = () =>
    tenant!
      .requests('POST', '/v1.0/$batch')
      .filter((r) => (r.body as { requests: { url: string }[] }).requests[0].url === '/invitations');
  tenant.state.latencyMs = SLOW_MS;
  const before = invitationBatches().length;
  await expect.poll(() => invitationBatches().length, { timeout: 10_000 }).toBeGreaterThan(before);
  const slowLandsAt = invitationBatches().at(-1)!.at + SLOW_MS;
  await stopServiceWorker(browser.context, popup);
  tenant.state.latencyMs = 50;
  // Any event wakes the worker again; here, the popup asking who is signed in.
  await popup.reload();
  const view = await drained(browser, 120);
  // Count only once the slow batch has landed too.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, slowLandsAt + 500 - Date.now())));
  expectExactlyOnce(tenant, view, list);
});

test('200 addresses, popup closed, worker stopped twice: its own alarm resumes it, each invited once', async () => {
  ({ tenant, browser } = await startSignedIn({ chaos: { ...CHAOS, seed: 4242 } }));
  tenant.state.latencyMs = 150;
  const list = addresses(200, 'e');
  const popup = await openPopup(browser.context, browser.extensionId);
  await confirmedAccount(popup).waitFor();
  await inviteFromPopup(popup, list);
  await popup.close();
  const blank = await browser.context.newPage(); // for the DevTools session that stops the worker
  const done = async () => (await currentQueue(browser!))?.items.filter((i) => i.state === 'done').length ?? 0;
  for (const progress of [30, 90]) {
    await expect.poll(done, { timeout: 60_000 }).toBeGreaterThan(progress);
    await stopServiceWorker(browser.context, blank);
  }
  const view = await drained(browser, 200);
  // Whatever was still at the tenant when the worker stopped has landed by now.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expectExactlyOnce(tenant, view, list);
}, 180_000);

test('the popup closed mid-run: the background finishes the work', async () => {
  ({ tenant, browser } = await startSignedIn({ chaos: { ...CHAOS, seed: 99 } }));
  tenant.state.latencyMs = 200;
  const list = addresses(80, 'c');
  const popup = await openPopup(browser.context, browser.extensionId);
  await confirmedAccount(popup).waitFor();
  await inviteFromPopup(popup, list);
  await popup.close();
  const view = await drained(browser, 80);
  expectExactlyOnce(tenant, view, list);
});

test('pause, resume, cancel and retry; the toolbar badge counts what is left', async () => {
  ({ tenant, browser } = await startSignedIn());
  tenant.state.latencyMs = 400;
  const popup = await openPopup(browser.context, browser.extensionId);
  await confirmedAccount(popup).waitFor();
  await inviteFromPopup(popup, addresses(200, 'd'));
  await popup.getByTestId('pause').click();
  await popup.getByTestId('resume').waitFor();
  await popup.waitForTimeout(1000); // what was on its way lands
  const inviteBatches = () =>
    tenant!
      .requests('POST', '/v1.0/$batch')
      .filter((r) => r.body.requests.some((q: { url: string }) => q.url === '/invitations')).length;
  const batchesWhilePaused = inviteBatches();
  const left = (await queueOf(browser))!.items.filter((i) => i.state === 'waiting').length;
  expect(left).toBeGreaterThan(0);
  expect(await browser.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe(String(left));
  await popup.waitForTimeout(1000);
  expect(inviteBatches()).toBe(batchesWhilePaused);

  // Resume: work goes on; pause again part-way.
  tenant.state.latencyMs = 1500;
  await popup.getByTestId('resume').click();
  await expect.poll(inviteBatches).toBeGreaterThan(batchesWhilePaused);
  await popup.getByTestId('pause').click();
  await popup.waitForTimeout(1000);
  const waiting = (await queueOf(browser))!.items.filter((i) => i.state === 'waiting').length;
  expect(waiting).toBeLessThan(left);

  await popup.getByTestId('cancel').click();
  await expect
    .poll(() => popup.getByTestId('batch-summary').innerText(), { timeout: 10_000 })
    .toBe(`${200 - waiting} invited, 0 failed, ${waiting} skipped, 0 waiting`);
  expect(await browser.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');

  tenant.state.latencyMs = 20;
  await popup.getByTestId('retry').click();
  await expect
    .poll(() => popup.getByTestId('batch-summary').innerText(), { timeout: 30_000 })
    .toBe('200 invited, 0 failed, 0 skipped, 0 waiting');
  for (const address of addresses(200, 'd')) expect(tenant.state.inviteCounts.get(address)).toBe(1);
});

test('sign out while invitations wait: asked first, then they are cancelled and no secret stays', async () => {
  ({ tenant, browser } = await startSignedIn());
  tenant.state.latencyMs = 1500;
  const popup = await openPopup(browser.context, browser.extensionId);
  await confirmedAccount(popup).waitFor();
  await inviteFromPopup(popup, addresses(100, 'f'));
  await browser.worker.evaluate(() =>
    chrome.storage.session.set({ draft: { found: [{ address: 'x@fabrikam.com' }], source: 'link' } }),
  );
  await popup.getByTestId('sign-out').click();
  expect(await popup.getByTestId('confirm-sign-out').innerText()).toMatch(/\d+ invitations are still waiting/);
  await popup.getByTestId('confirm-sign-out-yes').click();
  await popup.getByTestId('sign-in').waitFor();
  // What was already at the tenant lands; nothing more goes.
  await popup.waitForTimeout(2000);
  const sent = tenant.invitations().length;
  expect(sent).toBeLessThan(100);
  await popup.waitForTimeout(2000);
  expect(tenant.invitations()).toHaveLength(sent);
  const left = (await readStoredQueue(browser.worker)) as QueueView;
  expect(left.items.filter((i) => i.state === 'waiting')).toEqual([]);
  expect(await browser.worker.evaluate(() => chrome.storage.session.get(null))).toEqual({});
  await popup.getByTestId('clear-history-too').click();
  await expect.poll(() => popup.getByTestId('signed-out').innerText()).toBe('History cleared.');
  expect(
    await browser.worker.evaluate(async () => (await chrome.storage.local.get('history')).history),
  ).toBeUndefined();
});

test('a full storage refuses the run cleanly; unreadable saved data is set aside; nothing jams', async () => {
  ({ tenant, browser } = await startSignedIn());
  const list = addresses(300, 'g');
  // storage.local nearly full (10 MB quota, no unlimitedStorage): the run cannot be saved.
  await browser.worker.evaluate(() => chrome.storage.local.set({ filler: 'x'.repeat(10 * 1024 * 1024 - 20_000) }));
  const popup = await openPopup(browser.context, browser.extensionId);
  await confirmedAccount(popup).waitFor();
  await pasteAddresses(popup, list.join('; '));
  await popup.getByTestId('addresses').waitFor();
  await popup.getByTestId('invite').click();
  await expect.poll(() => popup.locator('.error-box').innerText()).toContain('could not be saved');
  expect(tenant.invitations()).toEqual([]);
  // Room again: the same click sends them, each once.
  await browser.worker.evaluate(() => chrome.storage.local.remove('filler'));
  await popup.getByTestId('invite').click();
  await popup.getByTestId('batch').waitFor();
  expectExactlyOnce(tenant, await drained(browser, 300), list);
  await popup.close();

  // Damaged saved data (say, from an older version): set aside under another key, the user told; the
  // pages and the queue work. The worker starts afresh and reads it, as after an update.
  await browser.worker.evaluate(() => chrome.storage.local.set({ queue: { items: 'garbage' }, history: 42 }));
  const blank = await browser.context.newPage();
  await stopServiceWorker(browser.context, blank);
  const history = await browser.context.newPage();
  await history.goto(`chrome-extension://${browser.extensionId}/history/history.html`);
  await history.getByTestId('empty').waitFor();
  const again = await openPopup(browser.context, browser.extensionId);
  await confirmedAccount(again).waitFor();
  await pasteAddresses(again, 'after.damage@fabrikam.com; second.after@fabrikam.com');
  await again.getByTestId('invite').click();
  await expect
    .poll(() => again.getByTestId('batch-summary').innerText())
    .toBe('2 invited, 0 failed, 0 skipped, 0 waiting');
  const aside = await (
    await currentWorker(browser.context)
  ).evaluate(() => chrome.storage.local.get(['queue.unreadable', 'history.unreadable']));
  expect(aside).toEqual({ 'queue.unreadable': { items: 'garbage' }, 'history.unreadable': 42 });
});
