// Finds addresses in plain text in one pass anchored on `@`: the native indexOf jumps between
// candidates, and only the bounded neighbourhood of each `@` is read (≤ 64 characters left, ≤ 253
// right), so the time is linear in the text whatever it holds.
import {
  isDomainChar,
  isIgnorable,
  isLocalChar,
  isRealTld,
  isSpace,
  MAX_ADDRESS,
  MAX_DOMAIN,
  MAX_LABEL,
  MAX_LOCAL,
} from './chars';
import { nameBefore } from './names';

/** Receives each address with its offset in the text (for page order) and a stated name. */
export type Sink = (address: string, offset: number, name?: string) => void;

const AT = 64;
const FULLWIDTH_AT = 0xff20;

/** Plain addresses, `@` or fullwidth `＠`. */
export function scanPlain(text: string, sink: Sink): void {
  for (const at of ['@', '\uff20']) {
    let i = text.indexOf(at);
    while (i !== -1) {
      const end = readAddressAround(text, i, sink);
      i = text.indexOf(at, Math.max(i + 1, end));
    }
  }
}

/**
 * Reads the address whose `@` is at `at`, reports it, and returns where the scan may resume.
 * Exported for the obfuscation reader, which rebuilds a text around a synthetic `@`.
 */
export function readAddressAround(text: string, at: number, sink: Sink): number {
  // Local part: walk left over local characters, at most 64 visible ones.
  let start = at;
  let visible = 0;
  let hidden = false;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if (isIgnorable(c)) hidden = true;
    else if (isLocalChar(c)) visible++;
    else break;
    if (visible > MAX_LOCAL) return at + 1;
    start--;
  }
  // Leading punctuation belongs to the sentence, not the address.
  while (start < at && /[.'\-+%\u00ad\u200b-\u200d\u2060\ufeff]/u.test(text[start]!)) start++;
  if (start === at) return at + 1;
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  if (before === AT || before === FULLWIDTH_AT) return at + 1;
  if ((before === 58 || before === 47) && isUrlUserinfo(text, start)) return at + 1; // https://user:pass@host

  // Domain: walk right over domain characters, at most 253 visible ones.
  let end = at + 1;
  visible = 0;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (isIgnorable(c)) hidden = true;
    else if (isDomainChar(c)) visible++;
    else break;
    if (visible > MAX_DOMAIN) return end;
    end++;
  }
  const resume = end;
  while (end > at + 1 && /[.\-\u00ad\u200b-\u200d\u2060\ufeff]/u.test(text[end - 1]!)) end--;
  const after = end < text.length ? text.charCodeAt(end) : 32;
  if (after === AT || after === FULLWIDTH_AT) return resume;

  let local = text.slice(start, at);
  let domain = text.slice(at + 1, end);
  if (hidden) {
    local = stripIgnorable(local);
    domain = stripIgnorable(domain);
  }
  if (!validLocal(local) || !validDomain(domain)) return resume;
  const address = `${local}@${domain.toLowerCase()}`;
  if (address.length > MAX_ADDRESS) return resume;
  sink(address, start, nameBefore(text, start, end));
  return resume;
}

function stripIgnorable(value: string): string {
  return value.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/gu, '');
}

/** `scheme://user:pass@host`: the characters before the local part, up to a space, hold `://`. */
function isUrlUserinfo(text: string, start: number): boolean {
  for (let j = start - 1, steps = 0; j >= 2 && steps < 200; j--, steps++) {
    const c = text.charCodeAt(j);
    if (isSpace(c) || c === 10 || c === 13 || c === 60 || c === 34) return false;
    if (c === 47 && text.charCodeAt(j - 1) === 47 && text.charCodeAt(j - 2) === 58) return true;
  }
  return false;
}

function validLocal(local: string): boolean {
  return local.length > 0 && local.length <= MAX_LOCAL && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

/** Two or more labels of 1–63 characters, no hyphen at either end, a real TLD, not an asset name. */
export function validDomain(domain: string): boolean {
  if (domain.length < 4 || domain.length > MAX_DOMAIN) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (!label || label.length > MAX_LABEL || label.startsWith('-') || label.endsWith('-')) return false;
  }
  if (!isRealTld(labels[labels.length - 1]!)) return false;
  return !/^\d+(?:\.\d+)?x\./iu.test(domain); // icon@2x.mov, icon@1.5x.zip
}
