// npm run bench: every speed goal, measured in one run, printed as numbers and ratios.
import { execFileSync, execSync } from 'node:child_process';
import { benchCraftedPopup, benchPopup } from './bench/popup.mjs';
import { E2E_HOST_PERMISSION } from '../test/support/browser.mjs';
import { compile } from './bench/compile.mjs';
import { benchPageScan } from './bench/page-scan.mjs';
import { benchQueue } from './bench/queue.mjs';
import { benchHostMemory } from './bench/host-memory.mjs';

execSync('npm run build --silent', { stdio: ['ignore', 'ignore', 'inherit'] });
// The e2e build too: its host permission lets the bench open the popup over a page (no toolbar click here).
execSync('npx vite build --mode chrome --logLevel warn', {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, E2E_HOST_PERMISSION },
});
const ms = (value) => `${value.toFixed(1)} ms`;
const x = (value) => `${value.toFixed(2)}×`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

await compile('src/core/extract/index.ts', 'extract');
const bundle = 'node_modules/.cache/bench/extract.mjs';
const runs = Array.from({ length: 5 }, () =>
  JSON.parse(execFileSync('node', ['scripts/bench/extract-text-run.mjs', bundle], { encoding: 'utf8' })),
);
runs.sort((a, b) => a.ratio - b.ratio);
const text = runs[Math.floor(runs.length / 2)];
console.log('extractFromText (Node, median of 5 fresh processes)');
console.log(
  `  ${(text.bytes / 1e6).toFixed(1)} MB, ${text.addresses} addresses: ${ms(text.ours)}; ` +
    `one indexOf('@') pass ${ms(text.base)}; ratio ${x(text.ratio)} (goal ≤ 25×, a regression guard; ` +
    `range ${x(runs[0].ratio)}–${x(runs.at(-1).ratio)})`,
);
console.log(
  `  found ${text.found} of ${text.addresses} ` +
    `(a plain regex: ${ms(text.naive)}, ${text.naiveFound} matches, decoys included)`,
);
for (const h of text.hostile) console.log(`  hostile ${h.name}: ${ms(h.msPerMB)} per MB (goal ≤ 50 ms/MB)`);
for (const d of text.dense) console.log(`  dense: ${d.name}: ${ms(d.msPerMB)} per MB (reported)`);
console.log(
  `  20,000 addresses with colliding hashes: ${ms(text.collisions.crafted)}; ` +
    `20,000 ordinary ones: ${ms(text.collisions.ordinary)} (${x(text.collisions.crafted / text.collisions.ordinary)})`,
);

const page = await benchPageScan();
console.log('Page scan (Chromium), ours vs innerText + regex, median of 7 alternating');
const pageLine = (what, r, goal) =>
  `  ${what}: ours ${ms(r.ours)}; innerText + regex ${ms(r.baseline)}; ratio ${x(r.ratio)} ` +
  `(${x(r.ratioRange[0])}–${x(r.ratioRange[1])}; goal ${goal})`;
console.log(pageLine(`${page.addresses}-address directory`, page, '≤ 1.0×'));
console.log(`    F1 ours ${page.oursF1.toFixed(3)}, innerText + regex ${page.baseF1.toFixed(3)}`);
console.log(pageLine('mail archive, 20,000 addresses in prose', page.mailArchive, '≤ 1.0×'));
console.log(
  `    F1 ours ${page.mailArchive.oursF1.toFixed(3)}, innerText + regex ${page.mailArchive.baseF1.toFixed(3)}`,
);
console.log(pageLine('230,000 nodes, no address', page.noAddress, '≤ 0.3×'));
for (const h of page.hostile)
  console.log(
    `  hostile ${h.name} (${(h.bytes / (1 << 20)).toFixed(2)} MB of HTML): ${ms(h.ms)}, ` +
      `${ms(h.msPerMB)} per MB, found ${h.found.join(', ') || 'nothing'}`,
  );

const popup = await benchPopup();
console.log('Popup');
console.log(`  size: ${(popup.gzip / 1024).toFixed(1)} KB gzip in ${popup.files} files (goal ≤ 35 KB)`);
const spread = (times) => `median ${ms(median(times))} (${ms(Math.min(...times))}–${ms(Math.max(...times))})`;
console.log(`  open → interactive (signed in, ${popup.times.length} runs each, alternating):`);
console.log(`    popup ${spread(popup.times)}; a blank page of the extension ${spread(popup.blank.times)}`);
console.log(
  `    ratio of medians ${x(popup.ratio)} ` +
    `(goal ≤ 1.2×; run by run ${x(popup.ratioRange[0])}–${x(popup.ratioRange[1])})`,
);
console.log(`    options page ${spread(popup.options.times)}: ${x(popup.options.median / popup.blank.median)}`);
console.log(
  `    a page whose one module script does nothing ${spread(popup.script.times)}: ` +
    `${x(popup.script.median / popup.blank.median)} (the floor for a page that runs code)`,
);
const crafted = await benchCraftedPopup();
console.log(
  `  20,000 pasted addresses with colliding hashes, to the list on screen: ${ms(crafted.paste.crafted)} ` +
    `(20,000 ordinary ones: ${ms(crafted.paste.ordinary)}; median of 5)`,
);
console.log(`  opened over a page of 200,000 addresses, to the list on screen: ${ms(crafted.hugePage)} (median of 3)`);

const queue = await benchQueue();
console.log(
  `Bulk queue (${queue.count} invitations, ${queue.latencyMs} ms latency, ` +
    `write quota ${queue.quota.capacity} burst + ${queue.quota.perSecond}/s)`,
);
console.log(
  `  queue, median of ${queue.runs} runs: ${ms(queue.queue.ms)} (${queue.queue.done} invited, ` +
    `${queue.queue.batches} batches, ${queue.queue.throttled} per-item 429s retried); ` +
    `bound ${ms(queue.boundMs)}: ${x(queue.ratioToBound)} ` +
    `(goal ≤ 1.1×; range ${x(queue.ratioRange[0])}–${x(queue.ratioRange[1])})`,
);
console.log(
  `  one at a time ${ms(queue.single.ms)} (${queue.single.done} invited): ` +
    `the queue is ${x(queue.speedup)} faster (goal ≥ 10×)`,
);

console.log(
  `  with a 2 s replication delay on every read of a new guest: ${ms(queue.replicating.ms)} ` +
    `(${queue.replicating.done} invited): ${x(queue.replicating.ratioToBound)} the bound`,
);

const host = await benchHostMemory();
const mb = (value) => `${value.toFixed(1)} MB`;
console.log("Host (MSAL + Graph client in the offscreen document), extension processes' resident memory");
console.log(
  `  before first use ${mb(host.memoryMB.before)}; ` +
    `the options page (no host) opened and closed ${mb(host.memoryMB.pageOnly)}; ` +
    `after sign-in and ${host.inviteMs.coldRuns.length * 2} invitations ${mb(host.memoryMB.afterUse)} (host open: ` +
    `${host.hostOpen.afterUse}); 45 s idle ${mb(host.memoryMB.idle)} (host open: ${host.hostOpen.idle})`,
);
console.log(
  `  one invitation, click → result: cold host ${ms(host.inviteMs.cold)}, warm host ${ms(host.inviteMs.warm)} ` +
    `(medians of ${host.inviteMs.coldRuns.length}, alternating)`,
);
