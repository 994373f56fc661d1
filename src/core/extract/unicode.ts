// The careful path of the address reader, for addresses with anything beyond plain ASCII: invisible
// characters out, NFKC (full-width ASCII becomes ASCII), and the lengths as the mail system counts
// them (UTF-8 octets for the local part, punycode for the domain). Kept cheap for the common cases
// (kana, Han, Hangul, Latin-1 need no normalising), since a page can hold many such addresses.
import { FULLWIDTH_OFFSET, isFullwidthAscii, MAX_DOMAIN, MAX_LABEL, MAX_LOCAL } from './chars';

const DOT = 46;

/**
 * The domain in NFKC, lower case; undefined when NFKC changes more than full-width ASCII, as it does
 * for compatibility forms IDNA disallows (`⒈` becomes `1.`: the name written is not a domain name).
 */
export function cleanDomain(raw: string): string | undefined {
  const normal = nfkc(raw);
  if (normal === raw || (ASCII_ONLY.test(normal) && ASCII_OR_FULLWIDTH.test(raw))) return normal.toLowerCase();
  // Something else changed: fine only if it was full-width ASCII, or a composition NFC makes too.
  return foldFullwidth(raw).normalize('NFC') === normal ? normal.toLowerCase() : undefined;
}

/**
 * NFKC, skipped for text made only of characters it never changes and that never combine: ASCII,
 * the Latin-1 letters, kana, the main Han block and Hangul syllables (most addresses off the fast path).
 */
export function nfkc(value: string): string {
  let fullwidth = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isFullwidthAscii(c)) {
      fullwidth = true;
      continue;
    }
    if (!isStable(c)) return value.normalize('NFKC');
  }
  return fullwidth ? foldFullwidth(value) : value;
}

/**
 * A UTF-16 unit of a character NFKC never changes and that never combines with a neighbour: ASCII,
 * the Latin-1 letters, kana, Han (with its extensions beyond the BMP, whose surrogates these are,
 * short of the compatibility ideographs at U+2F800) and Hangul syllables.
 */
export function isStable(c: number): boolean {
  return (
    c < 0x80 ||
    (c >= 0xc0 && c <= 0xff) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xd840 && c <= 0xd87d) ||
    (c >= 0xdc00 && c <= 0xdfff)
  );
}

/** What NFKC makes of full-width ASCII, without the general algorithm. */
function foldFullwidth(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    out += String.fromCharCode(isFullwidthAscii(c) ? c - FULLWIDTH_OFFSET : c);
  }
  return out;
}
// eslint-disable-next-line no-control-regex -- every ASCII character, control characters too
const ASCII_ONLY = /^[\x00-\x7f]*$/u;
// eslint-disable-next-line no-control-regex -- the same, and full-width ASCII
const ASCII_OR_FULLWIDTH = /^[\x00-\x7f\uff01-\uff5e]*$/u;

/** At most 64 octets in UTF-8, and not starting with a combining mark. */
export function localFits(local: string): boolean {
  if (ASCII_ONLY.test(local)) return local.length <= MAX_LOCAL;
  return !/^\p{M}/u.test(local) && utf8Length(local) <= MAX_LOCAL;
}

function utf8Length(value: string): number {
  let octets = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    octets += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3; // a pair: 4 in all
  }
  return octets;
}

/**
 * In its ASCII (punycode) form, as DNS stores it: each label ≤ 63 octets, the whole ≤ 253. The URL
 * parser converts; it is asked only when a label could be too long. Each non-ASCII code point costs
 * punycode one delta of at most 8 base-36 digits (a delta is below 36^8 for any label DNS allows);
 * counted as 10 per UTF-16 unit here, so a label of a few such characters is known to fit.
 */
export function domainFits(domain: string): boolean {
  if (ASCII_ONLY.test(domain)) return true; // the walk checked these lengths
  let total = 0;
  let fits = true;
  for (let i = 0, labelStart = 0, wide = 0; i <= domain.length; i++) {
    const c = i < domain.length ? domain.charCodeAt(i) : DOT;
    if (c >= 0x80) wide++;
    if (c !== DOT) continue;
    const length = i - labelStart;
    const most = wide ? 5 + (length - wide) + 10 * wide : length;
    if (most > MAX_LABEL) fits = false;
    total += most + 1;
    labelStart = i + 1;
    wide = 0;
  }
  if (fits && total - 1 <= MAX_DOMAIN) return true;
  let ascii: string;
  try {
    ascii = new URL(`http://${domain}`).hostname;
  } catch {
    return false; // IDNA refuses it
  }
  return ascii.length <= MAX_DOMAIN && ascii.split('.').every((label) => label.length <= MAX_LABEL);
}

export function stripIgnorable(value: string): string {
  if (!/[\u00ad\u200b-\u200d\u2060\ufeff]/u.test(value)) return value;
  return value.replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/gu, '');
}
