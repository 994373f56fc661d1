// The page scan in Chromium on a 20,000-address page, against document.body.innerText plus a plain
// regex on the same page (the usual "email extractor" approach), with F1 for both; and hostile pages.
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, EXTENSION_DIR } from '../../test/support/browser.mjs';
import { servePages } from '../../test/support/pages-server.mjs';
import { HOSTILE_PAGES, hostilePages } from '../../test/pages/hostile.mjs';

const SCANNER = resolve(EXTENSION_DIR, 'content/scan.js');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A directory of 20,000 people: names, mailto links, plain addresses, and asset-name decoys. */
export function directoryPage(count = 20_000) {
  const expected = [];
  const rows = [];
  for (let i = 0; i < count; i++) {
    const address = `person${i}.lastname@company${i % 997}.com`;
    expected.push(address);
    const cell =
      i % 3 === 0
        ? `<a href="mailto:${address}">${address}</a>`
        : i % 3 === 1
          ? `<span>${address}</span>`
          : `<b>person${i}.lastname</b>@company${i % 997}.com`;
    rows.push(
      `<tr><td>Person ${i} Lastname</td><td>${cell}</td>` +
        `<td><img alt="" src="x.png"> avatar${i}@2x.png</td><td>+1 555 ${String(i).padStart(4, '0')}</td></tr>`,
    );
  }
  return {
    html:
      '<!doctype html><html><head><title>Directory</title></head>' +
      `<body><table>${rows.join('')}</table></body></html>`,
    expected,
  };
}

function f1(found, expected) {
  const want = new Set(expected.map((a) => a.toLowerCase()));
  const got = new Set(found.map((a) => a.toLowerCase()));
  let hits = 0;
  for (const a of got) if (want.has(a)) hits++;
  const precision = hits / got.size;
  const recall = hits / want.size;
  return (2 * precision * recall) / (precision + recall);
}

export async function benchPageScan({ rounds = 7 } = {}) {
  const { html, expected } = directoryPage();
  const pages = await servePages({ 'directory.html': html, ...hostilePages() });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/directory.html`);
    await page.addScriptTag({ path: SCANNER });
    const ours = [];
    const baseline = [];
    let oursFound = [];
    let baseFound = [];
    for (let r = 0; r < rounds; r++) {
      const a = await page.evaluate(() => {
        const start = performance.now();
        const result = globalThis.__guestInviteScan('page');
        return { ms: performance.now() - start, found: result.found.map((f) => f.address), partial: result.partial };
      });
      const b = await page.evaluate(() => {
        const start = performance.now();
        const found = document.body.innerText.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [];
        return { ms: performance.now() - start, found: [...new Set(found)] };
      });
      ours.push(a.ms);
      baseline.push(b.ms);
      oursFound = a.found;
      baseFound = b.found;
    }
    const hostile = [];
    for (const name of Object.keys(HOSTILE_PAGES)) {
      const p = await browser.newPage();
      await p.goto(`${pages.url}/${name}`);
      await p.addScriptTag({ path: SCANNER });
      const result = await p.evaluate(() => {
        const bytes = document.documentElement.outerHTML.length;
        const start = performance.now();
        const scan = globalThis.__guestInviteScan('page');
        return { ms: performance.now() - start, bytes, found: scan.found.map((f) => f.address) };
      });
      hostile.push({ name, ...result, msPerMB: result.ms / (result.bytes / (1 << 20)) });
      await p.close();
    }
    return {
      addresses: expected.length,
      ours: median(ours),
      baseline: median(baseline),
      ratio: median(ours.map((t, i) => t / baseline[i])),
      oursF1: f1(oursFound, expected),
      baseF1: f1(baseFound, expected),
      hostile,
    };
  } finally {
    await browser.close();
    pages.close();
  }
}
