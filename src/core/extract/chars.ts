// Character classes for the address scanner, as charCode tests: the scanner touches only the few
// characters around each `@`, so these run a few dozen times per address, never per page character.
import TLDS from 'tlds';

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

export function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/** Non-ASCII letters and digits (IDN domains, Unicode local parts). */
function isWideAlnum(c: number): boolean {
  return c >= 0xc0 && !isIgnorable(c) && LETTER_OR_DIGIT.test(String.fromCharCode(c));
}

/** Soft hyphen and zero-width characters: invisible, so a person reads across them. */
export function isIgnorable(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

/** Characters we take into a local part (RFC atext minus the rare symbols that are mostly noise). */
export function isLocalChar(c: number): boolean {
  if (c < 128) return isAsciiAlnum(c) || c === 46 || c === 95 || c === 45 || c === 43 || c === 37 || c === 39; // . _ - + % '
  return isWideAlnum(c);
}

export function isDomainChar(c: number): boolean {
  if (c < 128) return isAsciiAlnum(c) || c === 45 || c === 46; // - .
  return isWideAlnum(c);
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

const TLD_SET = new Set<string>(TLDS);

/** A real top-level domain (IANA list from the `tlds` package), or an IDN TLD in punycode. */
export function isRealTld(label: string): boolean {
  if (TLD_SET.has(label)) return true;
  const lower = label.toLowerCase();
  return TLD_SET.has(lower) || (lower.startsWith('xn--') && lower.length > 5);
}

export const MAX_LOCAL = 64;
export const MAX_DOMAIN = 253;
export const MAX_ADDRESS = 254;
export const MAX_LABEL = 63;
