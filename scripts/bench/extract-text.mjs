// extractFromText on ~5 MB of text with ~14,000 addresses, against one indexOf('@') pass over the
// same text; and the hostile inputs, in ms per MB.
import { collidingAddresses } from '../../test/support/crafted.mjs';
const WORDS = (
  'the partner meeting is on thursday please bring slides and the signed contract for review ' +
  'we will also discuss budget timelines risks owners'
).split(' ');

/**
 * Deterministic text of ~5 MB with ~14,000 addresses written the ways pages write them (plain,
 * named, in parentheses, mailto:), and a decoy every tenth (asset names, versions, handles).
 */
export function makeText(targetLength = 5_000_000, everyChars = 357) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const parts = [];
  let length = 0;
  let addresses = 0;
  while (length < targetLength) {
    let chunk = '';
    while (chunk.length < everyChars - 40) chunk += `${WORDS[Math.floor(random() * WORDS.length)]} `;
    const n = addresses++;
    const kind = n % 4;
    if (kind === 0) chunk += `contact user${n}.name@company${n % 977}.com, `;
    else if (kind === 1) chunk += `"Person ${n}" <p${n}@partner${n % 311}.org>; `;
    else if (kind === 2) chunk += `(dept${n}@division${n % 97}.example.co.uk) `;
    else chunk += `mailto:m${n}@mail${n % 53}.io. `;
    if (n % 10 === 0) chunk += ['logo@2x.png ', 'react@18.2.0 ', '@handle '][n % 3];
    parts.push(chunk);
    length += chunk.length;
  }
  return { text: parts.join(''), addresses };
}

export function indexOfPass(text) {
  let count = 0;
  for (let i = text.indexOf('@'); i !== -1; i = text.indexOf('@', i + 1)) count++;
  return count;
}

/** Median of several runs after a warm-up. */
export function timeIt(fn, runs = 15) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** About 1 MB of `make(i)` for i = 0, 1, 2…, each about `length` characters long. */
const fill = (length, make) => Array.from({ length: Math.ceil((1 << 20) / length) }, (_, i) => make(i)).join('');
const fullwidthDigits = (n) => [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');

export const HOSTILE = {
  '1 MB of @': () => '@'.repeat(1 << 20),
  '1 MB of dots': () => '.'.repeat(1 << 20),
  '1 MB of a@': () => 'a@'.repeat(1 << 19),
  'local run + @ + dotted run (1 MB)': () => `${'a'.repeat(1 << 19)}@${'b.'.repeat(1 << 18)}`,
  '1 MB of [at]': () => 'x [at] '.repeat((1 << 20) / 7),
  '1 MB of ")"': () => ')'.repeat(1 << 20),
};

/**
 * Not hostile but dense: 1 MB made only of addresses off the fast path (NFKC, octets, punycode), every
 * one different. What the careful path costs per address; reported, not held to the hostile goal.
 */
export const DENSE = {
  '1 MB of plain ASCII addresses (the fast path, for comparison)': () => fill(17, (i) => `jane${i}@example.com `),
  '1 MB of full-width addresses': () => fill(17, (i) => `ｊａｎｅ${fullwidthDigits(i)}＠ｅｘａｍｐｌｅ．ｃｏｍ\u3000`),
  '1 MB of addresses glued into Japanese': () => fill(22, (i) => `担当はjane${i}@contoso.comです`),
  '1 MB of addresses beyond the BMP': () => fill(11, (i) => `𠮷${String.fromCodePoint(0x4e00 + (i % 20000))}@例え.jp `),
};

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Times ours and the baselines interleaved, round after round, so that a noisy machine slows
 * both sides of a ratio alike; reports the medians.
 */
export function benchText(extractFromText, rounds = 21) {
  const { text, addresses } = makeText();
  const flat = text.split('').join(''); // a flat string, as the DOM gives
  const regex = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
  const found = extractFromText(flat).length;
  const naiveFound = flat.match(regex).length;
  const base = [];
  const ours = [];
  const naive = [];
  const time = (fn, into) => {
    const start = performance.now();
    fn();
    into.push(performance.now() - start);
  };
  for (let r = 0; r < rounds; r++) {
    time(() => indexOfPass(flat), base);
    time(() => extractFromText(flat), ours);
    time(() => flat.match(regex), naive);
  }
  const ratios = ours.map((t, i) => t / base[i]);
  const { crafted, ordinary } = collidingAddresses();
  const collisions = {
    crafted: timeIt(() => extractFromText(crafted), 5),
    ordinary: timeIt(() => extractFromText(ordinary), 5),
  };
  const perMB = ([name, make]) => {
    const input = make();
    return { name, msPerMB: timeIt(() => extractFromText(input), 5) / (input.length / (1 << 20)) };
  };
  const hostile = Object.entries(HOSTILE).map(perMB);
  const dense = Object.entries(DENSE).map(perMB);
  return {
    collisions,
    bytes: flat.length,
    addresses,
    found,
    naiveFound,
    base: median(base),
    ours: median(ours),
    naive: median(naive),
    ratio: median(ratios),
    hostile,
    dense,
  };
}
