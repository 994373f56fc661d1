// The host's cost in memory and time: the extension's processes before first use, after a page that
// needs no host was open, after a sign-in and invitations, and 45 s later (the host closes itself after 30 s idle);
// and one invitation on a cold host (just closed) against a warm one, alternating.
import { readdirSync, readFileSync } from 'node:fs';
import { ALL_PERMISSIONS, startTenant } from '../../test/tenant/tenant.mjs';
import { configureForTenant, EXTENSION_DIR, launchWithExtension } from '../../test/support/browser.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory (MB) of the extension's renderer processes of the browser using `userDataDir`. */
export function extensionMemoryMB(userDataDir) {
  const procs = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      procs.push({ pid: Number(pid), parent, cmdline, rss });
    } catch {
      // gone meanwhile
    }
  }
  const browser = procs.find(
    (p) => p.cmdline.includes(`--user-data-dir=${userDataDir}`) && !p.cmdline.includes('--type='),
  );
  const ours = new Set([browser.pid]);
  // Its descendants (the zygote's children are the renderers), to a fixed point.
  for (let size = 0; size !== ours.size;) {
    size = ours.size;
    for (const p of procs) if (ours.has(p.parent)) ours.add(p.pid);
  }
  const extension = procs.filter((p) => ours.has(p.pid) && p.cmdline.includes('--extension-process'));
  return extension.reduce((sum, p) => sum + p.rss, 0) / 1024;
}

export async function benchHostMemory({ rounds = 3 } = {}) {
  const tenant = await startTenant({ consented: ALL_PERMISSIONS });
  const { context, worker, extensionId, userDataDir } = await launchWithExtension({ extensionDir: EXTENSION_DIR });
  const offscreenOpen = () =>
    worker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length);
  try {
    await configureForTenant(worker, tenant);
    await sleep(2000);
    const before = extensionMemoryMB(userDataDir);
    // A page of ours that never needs the host (the options page), opened and closed: what Chrome's
    // extension process keeps after one of its pages was open, host or not.
    const look = await context.newPage();
    await look.goto(`chrome-extension://${extensionId}/options/options.html`);
    await look.locator('#clientId').waitFor();
    await look.close();
    await sleep(1000);
    const pageOnly = extensionMemoryMB(userDataDir);
    if (await offscreenOpen()) throw new Error('the options page opened the host');

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html`);
    await popup.getByTestId('sign-in').click();
    await popup.locator('[data-testid=account][aria-busy=false]').waitFor();
    const invite = async (n) => {
      await popup.locator('#email').fill(`bench.${n}@fabrikam.test`);
      const start = Date.now();
      await popup.getByTestId('invite').click();
      await popup.getByTestId('result').waitFor();
      const ms = Date.now() - start;
      await popup.getByTestId('invite-another').click();
      return ms;
    };
    const cold = [];
    const warm = [];
    for (let i = 0; i < rounds; i++) {
      await worker.evaluate(() => chrome.offscreen.closeDocument());
      cold.push(await invite(`cold${i}`));
      warm.push(await invite(`warm${i}`));
    }
    await popup.close();
    await sleep(1000);
    const afterUse = extensionMemoryMB(userDataDir);
    const hostAfterUse = await offscreenOpen();
    await sleep(45_000);
    const idle = extensionMemoryMB(userDataDir);
    return {
      memoryMB: { before, pageOnly, afterUse, idle },
      hostOpen: { afterUse: hostAfterUse, idle: await offscreenOpen() },
      inviteMs: { cold: median(cold), warm: median(warm), coldRuns: cold, warmRuns: warm },
    };
  } finally {
    await context.close();
    await tenant.close();
  }
}
