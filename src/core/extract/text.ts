// Finds addresses in plain text in one pass anchored on `@`: the native indexOf jumps between
// candidates, and only the bounded neighbourhood of each `@` is read (≤ 64 characters left, ≤ 253
// right), so the time is linear in the text whatever it holds. Most addresses are plain ASCII:
// those are checked and hashed in place, one table lookup per character, and become one slice.
import {
  ASCII_CLASS,
  codePointEndingAt,
  DOMAIN_LOWER,
  FULLWIDTH_OFFSET,
  hashStep,
  isAsciiAlnum,
  isDomainChar,
  isFullwidthAscii,
  isIgnorable,
  isLocalChar,
  isRealTldAt,
  isSpace,
  isUnspacedScript,
  LEADING_JUNK,
  LOCAL,
  MAX_ADDRESS,
  MAX_DOMAIN,
  MAX_LABEL,
  MAX_LOCAL,
  TRAILING_JUNK,
  UPPER,
} from './chars';
import { nameBefore } from './names';
import { cleanDomain, domainFits, localFits, nfkc, stripIgnorable } from './unicode';

/**
 * Receives each address with its offset in the text (for page order), a stated name, and — when
 * the scanner already computed it — the hash of its lower-case form, which the collector
 * deduplicates on (see Collector.add).
 */
export type Sink = (address: string, offset: number, name?: string, hash?: number) => void;

const AT = 64;
const DOT = 46;
const HYPHEN = 45;
const UNDERSCORE = 95;
const QUOTE = 34;

/** Full-width ASCII read as ASCII (see walkLocal); any other character as it is. */
const asciiOf = (c: number) => (isFullwidthAscii(c) ? c - FULLWIDTH_OFFSET : c);

/** Plain addresses, `@` or fullwidth `＠`. */
export function scanPlain(text: string, sink: Sink): void {
  scanAround(text, '@', sink);
  scanAround(text, '\uff20', sink);
}

// A plain loop (not for…of, whose iterator protocol wraps the hot loop in a try block).
function scanAround(text: string, at: string, sink: Sink): void {
  let i = text.indexOf(at);
  while (i !== -1) {
    const end = readAddressAround(text, i, sink);
    i = text.indexOf(at, end > i ? end : i + 1);
  }
}

/**
 * Reads the address whose `@` is at `at`, reports it, and returns where the scan may resume.
 * Exported for the obfuscation reader, which rebuilds a text around a synthetic `@`.
 */
export function readAddressAround(text: string, at: number, sink: Sink): number {
  plain = text.charCodeAt(at) === AT;
  ignorableSeen = false;
  const start = walkLocal(text, at);
  if (start < 0) return at + 1;
  const end = walkDomain(text, at, hashStep(localHash, AT));
  const resume = resumeAt;
  if (end < 0) return resume;
  let address: string;
  let hash: number | undefined;
  if (plain) {
    if (!localValid || !domainValid) return resume;
    address = text.slice(start, end);
    hash = addressHash;
  } else {
    // Invisible characters out, NFKC (full-width ASCII becomes ASCII), domain lower-cased, then the
    // same rules on the clean form, and the lengths as the mail system counts them.
    const rawLocal = text.slice(start, at);
    const rawDomain = text.slice(at + 1, end);
    const local = nfkc(ignorableSeen ? stripIgnorable(rawLocal) : rawLocal);
    const domain = cleanDomain(ignorableSeen ? stripIgnorable(rawDomain) : rawDomain);
    if (domain === undefined || !localFits(local) || !domainFits(domain)) return resume;
    address = `${local}@${domain}`;
    // Unchanged by the cleaning, what the walks found still holds; else the rules again, on the clean form.
    if (local !== rawLocal || domain !== rawDomain) {
      if (walkLocal(address, local.length) !== 0) return resume;
      if (walkDomain(address, local.length, 0) !== address.length) return resume;
    }
    if (!localValid || !domainValid) return resume;
  }
  if (address.length > MAX_ADDRESS) return resume;
  const opener = start > 0 ? text.charCodeAt(start - 1) : 0;
  const name =
    opener === 60 || opener === 40 || opener === 171 || opener === 8249 ? nameBefore(text, start, end) : undefined;
  sink(address, start, name, hash);
  return resume;
}

// What the walks found, as module state so that reading an address allocates nothing but itself.
/** ASCII only and the domain in lower case: the address is a slice of the text as it stands. */
let plain = true;
/** The walks took a soft hyphen or zero-width character: the careful path takes them out. */
let ignorableSeen = false;
let localValid = false;
let domainValid = false;
/** Case-folded hash of the local part, read right to left from the `@`. */
let localHash = 0;
/** The collector's key: localHash, then `@` and the domain left to right (see hashKey). */
let addressHash = 0;
let resumeAt = 0;

/** `# | ~ / ! $ ^ \` { } *`: mailbox characters (RFC 5322 atext) that no separator is written as. */
const GLUED = [35, 124, 126, 47, 33, 36, 94, 96, 123, 125, 42];

/**
 * Walks left from `at` over the local part and returns where it starts, leading punctuation cut,
 * or -1 when nothing there can be one (too long, after another `@`, a URL's `user:pass@`).
 * Sets localValid (1–64 characters, no dot last or doubled) and localHash.
 */
function walkLocal(text: string, at: number): number {
  let ascii = plain;
  let start = at;
  let kept = at; // start once leading punctuation is cut
  let h = 0;
  let hKept = 0;
  let doubledDot = -1;
  let nearerUnspaced = false; // the character just walked (nearer the @) is of a script without spaces
  while (start > 0) {
    let c = text.charCodeAt(start - 1);
    let width = 1;
    let junk: boolean;
    if (c < 128) {
      const kind = ASCII_CLASS[c];
      if ((kind & LOCAL) === 0) break;
      if (nearerUnspaced) {
        if (isAsciiAlnum(c)) break; // `はjane@`, read leftwards: the word ends at the script change
        nearerUnspaced = false;
      }
      junk = (kind & LEADING_JUNK) !== 0;
      h = hashStep(h, kind & UPPER ? c + 32 : c);
    } else {
      if (isFullwidthAscii(c)) c -= FULLWIDTH_OFFSET;
      else if (c >= 0xdc00 && c <= 0xdfff) {
        c = codePointEndingAt(text, start - 1);
        if (c > 0xffff) width = 2;
      }
      if (c < 128) {
        const kind = ASCII_CLASS[c];
        if ((kind & LOCAL) === 0 || (nearerUnspaced && isAsciiAlnum(c))) break;
        nearerUnspaced = false;
        junk = (kind & LEADING_JUNK) !== 0;
      } else if (isLocalChar(c) || isIgnorable(c)) {
        const unspaced = isUnspacedScript(c);
        // `はjane@`: a word of an unspaced script ends where it touches an ASCII letter or digit.
        if (unspaced && start < at && isAsciiAlnum(asciiOf(text.charCodeAt(start)))) break;
        nearerUnspaced = unspaced;
        junk = isIgnorable(c);
        if (junk) ignorableSeen = true;
      } else break;
      ascii = false; // taken: off the fast path (NFKC and the octet counts come after)
    }
    start -= width;
    // Invisible padding cannot hide a longer run either.
    if (at - start > MAX_LOCAL && (ascii || at - start > 4 * MAX_LOCAL)) return -1;
    if (!junk) {
      kept = start;
      hKept = h;
    } else if (c === DOT && doubledDot < 0 && text.charCodeAt(start + 1) === DOT && start + 1 < at) doubledDot = start;
  }
  plain = ascii;
  if (kept === at) return -1;
  const before = kept > 0 ? asciiOf(text.charCodeAt(kept - 1)) : 32;
  if (before === AT) return -1;
  // `"x".y@…`: a quoted string glued on by a dot is part of this mailbox; `y@…` would be someone else.
  if (start > 0 && asciiOf(text.charCodeAt(start - 1)) === QUOTE && asciiOf(text.charCodeAt(start)) === DOT) return -1;
  // A character a mailbox may hold but Graph refuses, glued on (`c#y@…`, `a|b@…`): the whole token is
  // the mailbox; the part after it would be a different person's address. Nothing rather than a stranger.
  if (before < 128 && GLUED.includes(before)) return -1;
  if ((before === 58 || before === 47) && isUrlUserinfo(text, kept)) return -1; // https://user:pass@host
  localValid = at - kept <= MAX_LOCAL && doubledDot < kept && text.charCodeAt(at - 1) !== DOT;
  localHash = hKept;
  return kept;
}

/**
 * Walks right from `at` over the domain and returns where it ends, trailing punctuation cut, or
 * -1 when the run is too long or runs into another `@`. Sets resumeAt, domainValid (two or more
 * labels of 1–63 characters, no hyphen at either end, a real TLD, not an asset name, 4–253 long)
 * and addressHash, which continues `seed`.
 */
function walkDomain(text: string, at: number, seed: number): number {
  const from = at + 1;
  const limit = Math.min(text.length, from + 4 * MAX_DOMAIN);
  let ascii = plain;
  let end = from;
  let h = seed;
  let labelStart = from;
  let labelBad = false; // starts with a hyphen
  let badDot = -1; // the first dot that closes a bad label
  // Where the last run of trailing punctuation began: the domain ends there if the run is last.
  let kept = from;
  let hKept = seed;
  let keptLabelStart = from;
  let inJunk = true; // so that a leading dot closes an empty label
  let nearerUnspaced = false; // the character just walked is of a script without spaces
  while (end < limit) {
    let c = text.charCodeAt(end);
    let width = 1;
    let junk: boolean;
    if (c < 128) {
      const kind = ASCII_CLASS[c];
      if ((kind & (DOMAIN_LOWER | UPPER)) === 0) break;
      if (nearerUnspaced) {
        if (isAsciiAlnum(c)) break;
        nearerUnspaced = false;
      }
      if (kind & UPPER) ascii = false; // lower-cased on the careful path
      junk = (kind & TRAILING_JUNK) !== 0;
    } else {
      if (isFullwidthAscii(c)) c -= FULLWIDTH_OFFSET;
      else if (c >= 0xd800 && c <= 0xdbff) {
        c = text.codePointAt(end)!;
        if (c > 0xffff) width = 2;
      }
      if (c < 128) {
        const kind = ASCII_CLASS[c];
        if ((kind & (DOMAIN_LOWER | UPPER)) === 0 || (nearerUnspaced && isAsciiAlnum(c))) break;
        nearerUnspaced = false;
        junk = (kind & TRAILING_JUNK) !== 0;
      } else if (isDomainChar(c) || isIgnorable(c)) {
        const unspaced = isUnspacedScript(c);
        // `.comです`: the domain ends where an unspaced script touches an ASCII letter or digit.
        if (unspaced && end > from && isAsciiAlnum(asciiOf(text.charCodeAt(end - 1)))) break;
        nearerUnspaced = unspaced;
        junk = isIgnorable(c);
        if (junk) ignorableSeen = true;
      } else break;
      ascii = false; // taken: off the fast path
    }
    if (junk) {
      // Only . and - (and invisible characters) get here: the label checks need nothing else.
      if (!inJunk) {
        kept = end;
        hKept = h;
        keptLabelStart = labelStart;
      }
      if (c === DOT) {
        if ((inJunk || labelBad || end - labelStart > MAX_LABEL) && badDot < 0) badDot = end;
        labelStart = end + 1;
        labelBad = false;
      } else if (end === labelStart) labelBad = true;
    }
    inJunk = junk;
    h = hashStep(h, c);
    end += width;
  }
  if (!inJunk) {
    kept = end;
    hKept = h;
    keptLabelStart = labelStart;
  }
  plain = ascii;
  resumeAt = end;
  if (end === limit && limit < text.length) return -1;
  const after = kept < text.length ? asciiOf(text.charCodeAt(kept)) : 32;
  if (after === AT) return -1;
  // `…com_backup`, `…com-`: glued on, so the domain written is not this one.
  if (after === HYPHEN || after === UNDERSCORE) return -1;
  addressHash = hKept;
  domainValid =
    kept - from >= 4 &&
    kept - from <= MAX_DOMAIN &&
    (badDot < 0 || badDot >= kept) &&
    keptLabelStart > from &&
    validLabel(text, keptLabelStart, kept) &&
    isRealTldAt(text, keptLabelStart, kept) &&
    !isAssetName(text, from, kept);
  return kept;
}

/** icon@2x.mov, icon@1.5x.zip: retina asset names whose extension happens to be a TLD. */
function isAssetName(text: string, from: number, to: number): boolean {
  const first = text.charCodeAt(from);
  return first >= 48 && first <= 57 && /^\d+(?:\.\d+)?x\./iu.test(text.slice(from, Math.min(to, from + 12)));
}

/**
 * `scheme://user:pass@host`: the URL the `@` belongs to (back to a space, a quote or a bracket, which
 * end URLs in text and Markdown) holds `://`. `mailto:` right before the local part is no userinfo.
 */
function isUrlUserinfo(text: string, start: number): boolean {
  if (start >= 7 && /^mailto:$/iu.test(text.slice(start - 7, start))) return false;
  for (let j = start - 1, steps = 0; j >= 2 && steps < 200; j--, steps++) {
    const c = text.charCodeAt(j);
    if (isSpace(c) || URL_ENDS.includes(c)) return false;
    if (c === 47 && text.charCodeAt(j - 1) === 47 && text.charCodeAt(j - 2) === 58) return true;
  }
  return false;
}
/** New lines, `< > " ' ( ) [ ]`: a URL in text does not run across these. */
const URL_ENDS = [10, 13, 60, 62, 34, 39, 40, 41, 91, 93];

function validLabel(text: string, from: number, to: number): boolean {
  return to > from && to - from <= MAX_LABEL && text.charCodeAt(from) !== HYPHEN && text.charCodeAt(to - 1) !== HYPHEN;
}
