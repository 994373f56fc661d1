// Character classes for the address scanner, as charCode tests: the scanner touches only the few
// characters around each `@`, so these run a few dozen times per address, never per page character.
import TLDS from 'tlds';
import { INFRASTRUCTURE_TLDS } from '../validate';

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

/** ASCII classes, one table lookup per character in the scanner's hot loops. */
export const LOCAL = 1; // a-z A-Z 0-9 . _ - + % '
export const DOMAIN_LOWER = 2; // a-z 0-9 - . (upper case is a domain character too, but is lower-cased first)
export const UPPER = 4; // A-Z
export const LEADING_JUNK = 8; // . ' - + %: cannot start an address
export const TRAILING_JUNK = 16; // . -: end sentences and lines, not domains
export const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const upper = c >= 65 && c <= 90;
  const lowerOrDigit = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  const char = String.fromCharCode(c);
  if (upper || lowerOrDigit || ".'-+%_".includes(char)) ASCII_CLASS[c] |= LOCAL;
  if (lowerOrDigit || '-.'.includes(char)) ASCII_CLASS[c] |= DOMAIN_LOWER;
  if (upper) ASCII_CLASS[c] |= UPPER;
  if (".'-+%".includes(char)) ASCII_CLASS[c] |= LEADING_JUNK;
  if ('.-'.includes(char)) ASCII_CLASS[c] |= TRAILING_JUNK;
}

export function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Each BMP code point's answer once asked: 0 not yet, 1 a letter, digit or mark, 2 not. */
const WIDE_ALNUM = new Uint8Array(0x10000);

/** Non-ASCII letters and digits (IDN domains, Unicode local parts); `c` may be above the BMP. */
export function isWideAlnum(c: number): boolean {
  if (c < 0xc0 || isIgnorable(c)) return false;
  if (c >= 0x20000 && c <= 0x2f7ff) return true; // Han, extensions B to I: all letters
  if (c > 0xffff) return LETTER_OR_DIGIT.test(String.fromCodePoint(c));
  let known = WIDE_ALNUM[c];
  if (known === 0) WIDE_ALNUM[c] = known = LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
  return known === 1;
}

/** Full-width ASCII (`ｊ`, `．`, `＠`): read as the ASCII it stands for, and normalised (NFKC) after. */
export const isFullwidthAscii = (c: number) => c >= 0xff01 && c <= 0xff5e;
export const FULLWIDTH_OFFSET = 0xfee0;

/**
 * Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, Han): where one of
 * their characters touches an ASCII letter or digit, a word ends, so an address glued into such
 * text is read without its neighbours (`担当はjane@contoso.comです`).
 */
export function isUnspacedScript(c: number): boolean {
  return (
    (c >= 0x0e00 && c <= 0x0eff) || // Thai, Lao
    (c >= 0x1000 && c <= 0x109f) || // Myanmar
    (c >= 0x1780 && c <= 0x17ff) || // Khmer
    (c >= 0x3040 && c <= 0x30ff) || // Hiragana, Katakana
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) || // Han
    (c >= 0xff66 && c <= 0xff9f) || // half-width Katakana
    (c >= 0x20000 && c <= 0x3ffff) // Han beyond the BMP
  );
}

/** The code point whose last UTF-16 unit is at `i` (a surrogate pair read backwards), and its width. */
export function codePointEndingAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
    const high = text.charCodeAt(i - 1);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/** Soft hyphen and zero-width characters: invisible, so a person reads across them. */
export function isIgnorable(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** Characters we take into a local part (RFC atext minus the rare symbols that are mostly noise). */
export function isLocalChar(c: number): boolean {
  // . _ - + % '
  if (c < 128) return isAsciiAlnum(c) || c === 46 || c === 95 || c === 45 || c === 43 || c === 37 || c === 39;
  return isWideAlnum(c);
}

export function isDomainChar(c: number): boolean {
  if (c < 128) return isAsciiAlnum(c) || c === 45 || c === 46; // - .
  return isWideAlnum(c);
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

// Infrastructure names (`.arpa`, `.local`…) are no mailboxes: not in the set, so never found.
const TLD_SET = new Set<string>(TLDS.filter((tld) => !INFRASTRUCTURE_TLDS.includes(tld)));

/** A real top-level domain (IANA list from the `tlds` package), or an IDN TLD in punycode. */
export function isRealTld(label: string): boolean {
  if (TLD_SET.has(label)) return true;
  const lower = label.toLowerCase();
  return TLD_SET.has(lower) || (lower.startsWith('xn--') && lower.length > 5);
}

/** The hash the scanner and the collector share: `h * 31 + c` over the characters, as an int32. */
export function hashStep(h: number, c: number): number {
  return (Math.imul(h, 31) + c) & 0x3fffffff;
}

function hashChars(text: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) h = hashStep(h, text.charCodeAt(i));
  return h;
}

/**
 * TLDs by their hash (open addressing over an Int32Array), so the scanner checks the last label
 * of a domain without cutting it out of the text.
 */
const TLD_LIST = [...TLD_SET];
const TLD_SLOTS = new Int32Array(4096);
const TLD_HASHES = TLD_LIST.map((tld) => hashChars(tld, 0, tld.length));
TLD_HASHES.forEach((h, index) => {
  let slot = h & 4095;
  while (TLD_SLOTS[slot] !== 0) slot = (slot + 1) & 4095;
  TLD_SLOTS[slot] = index + 1;
});

/** Whether `text[from, to)` is a real TLD. */
export function isRealTldAt(text: string, from: number, to: number): boolean {
  const h = hashChars(text, from, to);
  for (let slot = h & 4095, entry = TLD_SLOTS[slot]; entry !== 0; slot = (slot + 1) & 4095, entry = TLD_SLOTS[slot]!) {
    if (TLD_HASHES[entry - 1] === h && sameChars(text, from, to, TLD_LIST[entry - 1])) return true;
  }
  return isRealTld(text.slice(from, to)); // upper case, punycode
}

function sameChars(text: string, from: number, to: number, word: string): boolean {
  if (word.length !== to - from) return false;
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(from + i) !== word.charCodeAt(i)) return false;
  return true;
}

export const MAX_LOCAL = 64;
export const MAX_DOMAIN = 253;
export const MAX_ADDRESS = 254;
export const MAX_LABEL = 63;
