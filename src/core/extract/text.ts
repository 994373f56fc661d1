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

/**
 * Receives each address with its offset in the text (for page order), a stated name, and — when
 * the scanner already knows it — the lower-case form used to deduplicate.
 */
export type Sink = (address: string, offset: number, name?: string, lowerCase?: string) => void;

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
  // Local part: walk left over local characters, at most 64. Plain ASCII is checked inline; the
  // rest (invisible characters, Unicode letters) sends the address to the careful path below.
  let start = at;
  let plain = text.charCodeAt(at) === AT;
  let upperLocal = false;
  while (start > 0) {
    const c = text.charCodeAt(start - 1);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45) start--;
    else if (c >= 65 && c <= 90) {
      upperLocal = true;
      start--;
    }
    else if (isLocalChar(c) || isIgnorable(c)) {
      if (c > 127) plain = false;
      start--;
    } else break;
    if (at - start > MAX_LOCAL && plain) return at + 1;
    if (at - start > 4 * MAX_LOCAL) return at + 1; // invisible padding cannot hide a longer run
  }
  // Leading punctuation belongs to the sentence, not the address.
  while (start < at && isLeadingJunk(text.charCodeAt(start))) start++;
  if (start === at) return at + 1;
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  if (before === AT || before === FULLWIDTH_AT) return at + 1;
  if ((before === 58 || before === 47) && isUrlUserinfo(text, start)) return at + 1; // https://user:pass@host

  // Domain: walk right over domain characters, at most 253.
  let end = at + 1;
  const limit = Math.min(text.length, at + 1 + 4 * MAX_DOMAIN);
  while (end < limit) {
    const c = text.charCodeAt(end);
    if ((c >= 97 && c <= 122) || c === 46 || (c >= 48 && c <= 57) || c === 45) end++;
    else if (isDomainChar(c) || isIgnorable(c)) {
      plain = false; // upper case, Unicode or invisible: normalise below
      end++;
    } else break;
  }
  if (end === limit && limit < text.length) return end;
  const resume = end;
  while (end > at + 1 && isTrailingJunk(text.charCodeAt(end - 1))) end--;
  const after = end < text.length ? text.charCodeAt(end) : 32;
  if (after === AT || after === FULLWIDTH_AT) return resume;

  let address: string;
  if (plain) {
    // Most addresses are written plainly: check them in place, then the address is one slice.
    if (!validLocalAt(text, start, at) || !validDomainAt(text, at + 1, end)) return resume;
    address = text.slice(start, end);
  } else {
    const local = stripIgnorable(text.slice(start, at));
    const domain = stripIgnorable(text.slice(at + 1, end)).toLowerCase();
    if (!validLocalAt(local, 0, local.length) || !validDomainAt(domain, 0, domain.length)) return resume;
    address = `${local}@${domain}`;
  }
  if (address.length > MAX_ADDRESS) return resume;
  const opener = start > 0 ? text.charCodeAt(start - 1) : 0;
  const name = opener === 60 || opener === 40 || opener === 171 || opener === 8249 ? nameBefore(text, start, end) : undefined;
  sink(address, start, name, plain && !upperLocal ? address : undefined);
  return resume;
}

function stripIgnorable(value: string): string {
  if (!/[\u00ad\u200b-\u200d\u2060\ufeff]/u.test(value)) return value;
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

/** 1–64 characters, no dot first, last or twice in a row. */
function validLocalAt(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > MAX_LOCAL || text.charCodeAt(from) === 46 || text.charCodeAt(to - 1) === 46) return false;
  for (let i = from + 1; i < to; i++) if (text.charCodeAt(i) === 46 && text.charCodeAt(i - 1) === 46) return false;
  return true;
}

/** Two or more labels of 1–63 characters, no hyphen at either end, a real TLD, not an asset name. */
function validDomainAt(text: string, from: number, to: number): boolean {
  if (to - from < 4 || to - from > MAX_DOMAIN) return false;
  let labelStart = from;
  let labels = 0;
  for (let i = from; i <= to; i++) {
    if (i < to && text.charCodeAt(i) !== 46) continue;
    const size = i - labelStart;
    if (size === 0 || size > MAX_LABEL || text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) return false;
    labels++;
    if (i < to) labelStart = i + 1;
  }
  if (labels < 2 || !isRealTld(text.slice(labelStart, to))) return false;
  const first = text.charCodeAt(from);
  // icon@2x.mov, icon@1.5x.zip: retina asset names whose extension happens to be a TLD.
  return !(first >= 48 && first <= 57 && /^\d+(?:\.\d+)?x\./iu.test(text.slice(from, Math.min(to, from + 12))));
}

/** . ' - + % and the invisible characters, which cannot start an address. */
function isLeadingJunk(c: number): boolean {
  return c === 46 || c === 39 || c === 45 || c === 43 || c === 37 || isIgnorable(c);
}

/** . and - end sentences and lines, not domains. */
function isTrailingJunk(c: number): boolean {
  return c === 46 || c === 45 || isIgnorable(c);
}
