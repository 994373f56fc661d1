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

const WORDS = 'the of and to in that for is on with as it was at by an be this from or have are not but we'.split(' ');
/** Prose: `count` words picked by a fixed rule (the same page on every run). */
function prose(count, seed) {
  const words = [];
  for (let i = 0; i < count; i++) words.push(WORDS[(seed * 31 + i * 17) % WORDS.length]);
  return words.join(' ');
}

/** A text-heavy mail archive: 2,000 messages, each naming 10 people in headers and prose (20,000 addresses). */
export function mailArchivePage(messages = 2000) {
  const expected = [];
  const parts = [];
  for (let m = 0; m < messages; m++) {
    const people = Array.from({ length: 10 }, (_, k) => {
      const address = `writer${m}.${k}@list${m % 211}.org`;
      expected.push(address);
      return { address, name: `Writer ${m} ${k}` };
    });
    const [from, ...rest] = people;
    parts.push(
      `<article><header><h3>Re: thread ${m}</h3><p>From: ${from.name} &lt;${from.address}&gt;<br>` +
        `Cc: ${rest
          .slice(0, 3)
          .map((p) => `${p.name} &lt;${p.address}&gt;`)
          .join(', ')}</p></header>` +
        `<p>${prose(120, m)} ${rest[3].address} ${prose(80, m + 1)}</p>` +
        `<blockquote><p>${prose(60, m + 2)} write to ${rest[4].address} or ${rest[5].address}.</p></blockquote>` +
        `<p>${rest
          .slice(6)
          .map((p) => p.address)
          .join('; ')} ${prose(40, m + 3)}</p></article>`,
    );
  }
  return {
    html: `<!doctype html><html><head><title>Archive</title></head><body>${parts.join('')}</body></html>`,
    expected,
  };
}

/** A page of about 200,000 nodes and not one address: nested blocks, inline markup, tables, prose. */
export function noAddressPage(blocks = 10_000) {
  const parts = [];
  for (let i = 0; i < blocks; i++) {
    parts.push(
      `<div class="card"><h4>Item ${i}</h4><p>${prose(12, i)} <b>${prose(3, i)}</b> <a href="/item/${i}">more</a></p>` +
        `<ul><li>${prose(4, i + 1)}</li><li><span>${prose(4, i + 2)}</span></li></ul>` +
        `<table><tr><td>${i}</td><td>${prose(3, i + 3)}</td></tr></table></div>`,
    );
  }
  return `<!doctype html><html><head><title>Catalogue</title></head><body>${parts.join('')}</body></html>`;
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

/** Our scan against innerText + regex on one page, alternating, `rounds` each: times, ratio, F1. */
async function versusInnerText(browser, url, expected, rounds) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.addScriptTag({ path: SCANNER });
  const ours = [];
  const baseline = [];
  let oursFound = [];
  let baseFound = [];
  for (let r = 0; r < rounds; r++) {
    const a = await page.evaluate(() => {
      const start = performance.now();
      const result = globalThis.__guestInviteScan('page');
      return { ms: performance.now() - start, found: result.found.map((f) => f.address) };
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
  await page.close();
  const ratios = ours.map((t, i) => t / baseline[i]);
  return {
    ours: median(ours),
    baseline: median(baseline),
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    ...(expected.length
      ? { oursF1: f1(oursFound, expected), baseF1: f1(baseFound, expected) }
      : { oursFound: oursFound.length, baseFound: baseFound.length }),
  };
}

export async function benchPageScan({ rounds = 7 } = {}) {
  const { html, expected } = directoryPage();
  const archive = mailArchivePage();
  const pages = await servePages({
    'directory.html': html,
    'archive.html': archive.html,
    'none.html': noAddressPage(),
    ...hostilePages(),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const directory = await versusInnerText(browser, `${pages.url}/directory.html`, expected, rounds);
    const mailArchive = await versusInnerText(browser, `${pages.url}/archive.html`, archive.expected, rounds);
    const noAddress = await versusInnerText(browser, `${pages.url}/none.html`, [], rounds);
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
    return { addresses: expected.length, ...directory, mailArchive, noAddress, hostile };
  } finally {
    await browser.close();
    pages.close();
  }
}
