// node scripts/bench/limits.mjs: what the two unmet extraction goals are up against on this machine.
// 1. extractFromText with parts left out, in the real bench's harness (fresh processes, interleaved
//    with the indexOf pass): how close each stripped version comes to the 15× goal.
// 2. The browser primitives a page scan is made of, timed on the bench's 20,000-address page and on
//    its page without an address, each next to innerText + regex.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/support/browser.mjs';
import { servePages } from '../../test/support/pages-server.mjs';
import { compile } from './compile.mjs';
import { directoryPage, noAddressPage } from './page-scan.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const PROCESSES = 3;

await compile('scripts/bench/extract-parts.ts', 'extract-parts');
console.log(`extractFromText with parts left out (5 MB, ~14,000 addresses; median of ${PROCESSES} fresh processes)`);
for (const parts of ['all', 'no obfuscations', 'no dedup, no obfuscations', 'scan only']) {
  const runs = Array.from({ length: PROCESSES }, () =>
    JSON.parse(
      execFileSync('node', ['scripts/bench/extract-text-run.mjs', 'node_modules/.cache/bench/extract-parts.mjs'], {
        encoding: 'utf8',
        env: { ...process.env, EXTRACT_PARTS: parts },
      }),
    ),
  );
  const ratios = runs.map((run) => run.ratio).sort((a, b) => a - b);
  console.log(
    `  ${parts.padEnd(26)} ${median(ratios).toFixed(1)}× one indexOf('@') pass ` +
      `(range ${ratios[0].toFixed(1)}–${ratios.at(-1).toFixed(1)}×; goal ≤ 15×)`,
  );
}

const pages = await servePages({ 'directory.html': directoryPage().html, 'none.html': noAddressPage() });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  for (const [name, title] of [
    ['directory.html', '20,000-address directory'],
    ['none.html', '230,000 nodes, no address'],
  ]) {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/${name}`);
    const timings = await page.evaluate(() => {
      const time = (run) => {
        const times = [];
        for (let i = 0; i < 9; i++) {
          const start = performance.now();
          run();
          times.push(performance.now() - start);
        }
        return times.sort((a, b) => a - b)[4];
      };
      const body = document.body;
      // attachShadow() is allowed on these and on custom elements only.
      const hosts = new Set(
        'article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span'.split(' '),
      );
      return {
        'innerText + regex (the baseline)': time(() => body.innerText.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)),
        textContent: time(() => body.textContent),
        "every text node's length (TreeWalker)": time(() => {
          const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
          let length = 0;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) length += node.length;
          return length;
        }),
        'every node: step, parentNode, nodeType, one read': time(() => {
          const walker = document.createTreeWalker(body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
          let count = 0;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (node.parentNode === body) count++;
            count += node.nodeType === 1 ? node.localName.length : node.length;
          }
          return count;
        }),
        'elements with an address attribute (querySelectorAll)': time(
          () => body.querySelectorAll('[email], [data-email], [data-hovercard-id], [data-cfemail]').length,
        ),
        'every element: a step, and possible hosts asked for a shadow root': time(() => {
          const walker = document.createTreeWalker(body, NodeFilter.SHOW_ELEMENT);
          let found = 0;
          for (let e = walker.nextNode(); e; e = walker.nextNode()) {
            const tag = e.localName;
            if ((hosts.has(tag) || tag.includes('-')) && e.shadowRoot) found++;
          }
          return found;
        }),
      };
    });
    const baseline = timings['innerText + regex (the baseline)'];
    console.log(`Page primitives in Chromium, ${title} (median of 9)`);
    for (const [what, ms] of Object.entries(timings))
      console.log(`  ${what.padEnd(66)} ${ms.toFixed(1)} ms (${(ms / baseline).toFixed(2)}×)`);
    await page.close();
  }
} finally {
  await browser.close();
  pages.close();
}
