// Display names stated next to an address: `Jane Doe <jane@x.com>`, `"Doe, Jane" <jane@x.com>`,
// `Jane Doe (jane@x.com)`. Only a bounded stretch before the address is read.

const MAX_NAME = 120;
const MAX_WORDS = 6;
const PARTICLES = new Set([
  'de',
  'van',
  'von',
  'der',
  'den',
  'da',
  'di',
  'du',
  'del',
  'la',
  'le',
  'ten',
  'ter',
  'bin',
  'al',
]);
const BACKSLASH = 92;
const codes = (chars: string) => [...chars].map((c) => c.charCodeAt(0));
const QUOTES = codes('"“”„\'«»');
const STOPS = codes(',;\n\r>:|\t<()[]');
const isQuote = (c: number) => c === 34 || c === 39 || (c > 127 && QUOTES.includes(c));
const STOP_ASCII = new Uint8Array(128);
for (const c of STOPS) STOP_ASCII[c] = 1;
const isStop = (c: number) => c < 128 && STOP_ASCII[c] === 1;

/** Closing character → its opening one: `<…>`, `(…)`, `«…»`, `‹…›`; 0 for any other. */
function openerOf(close: number): number {
  return close === 62 ? 60 : close === 41 ? 40 : close === 187 ? 171 : close === 8250 ? 8249 : 0;
}

/** The name written before `<address>` (or `(address)`), if the text states one. */
export function nameBefore(text: string, start: number, end: number): string | undefined {
  const open = openerOf(text.charCodeAt(end));
  if (open === 0 || text.charCodeAt(start - 1) !== open) return undefined;
  let j = start - 2;
  // Spaces, tabs: columns of names and addresses are lined up with either.
  for (let c = text.charCodeAt(j); j >= 0 && (c === 32 || c === 0xa0 || c === 9); c = text.charCodeAt(--j));
  if (j < 0) return undefined;
  if (isQuote(text.charCodeAt(j))) {
    const closing = j;
    let escaped = false;
    for (let k = j - 1; k >= 0 && closing - k <= MAX_NAME; k--) {
      const c = text.charCodeAt(k);
      if (c === 10) break;
      if (!isQuote(c)) continue;
      // `\"` inside a quoted name (RFC 5322 quoted-pair) is a quote of the name, not its start.
      if (text.charCodeAt(k - 1) === BACKSLASH) {
        escaped = true;
        continue;
      }
      const name = nameIn(text, k + 1, closing);
      return escaped && name ? name.replace(/\\(.)/gu, '$1') : name;
    }
    return undefined;
  }
  // Unquoted, a name is the run of capitalised words just before the address: "Also loop in Annette
  // Roulet <…>" names Annette Roulet; "and <…>" and "… risks (x@y.com)" name no one. Reading stops
  // at the first word that is not part of a name, so prose costs a word, not a sentence.
  const last = j;
  let nameStart = last + 1;
  let wordEnd = last + 1;
  let words = 0;
  for (let k = last; k >= -1 && last - k < MAX_NAME; k--) {
    const c = k >= 0 ? text.charCodeAt(k) : 32;
    const space = c === 32 || c === 0xa0;
    if (!space && !isStop(c)) continue;
    if (k + 1 < wordEnd) {
      if (!isNameWord(text, k + 1, wordEnd) || ++words > MAX_WORDS) break;
      nameStart = k + 1;
    }
    if (!space) break;
    wordEnd = k;
  }
  // "de" alone is not a name: particles only count before a capitalised word.
  while (nameStart <= last && isParticleAt(text, nameStart, last + 1))
    nameStart = wordEndAt(text, nameStart, last + 1) + 1;
  return nameStart <= last ? nameIn(text, nameStart, last + 1) : undefined;
}

function isNameWord(text: string, from: number, to: number): boolean {
  const c = text.charCodeAt(from);
  if (c >= 65 && c <= 90) return true;
  if (c >= 97 && c <= 122) return to - from <= 3 && PARTICLES.has(text.slice(from, to));
  return c > 127 && /^\p{Lu}/u.test(text.slice(from, to));
}

function wordEndAt(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 0xa0) i++;
  return i;
}

function isParticleAt(text: string, from: number, to: number): boolean {
  const c = text.charCodeAt(from);
  return c >= 97 && c <= 122 && PARTICLES.has(text.slice(from, wordEndAt(text, from, to)));
}

/** A name must read like one: letters, not another address, not a sentence. */
export function cleanName(raw: string): string | undefined {
  return nameIn(raw, 0, raw.length);
}

/**
 * `text[from, to)` as a name, in one pass: trimmed, white space runs made one space; none when it
 * holds an `@`, no letter, too many words or too many characters.
 */
function nameIn(text: string, from: number, to: number): string | undefined {
  while (from < to && isWhiteSpace(text.charCodeAt(from))) from++;
  while (to > from && isWhiteSpace(text.charCodeAt(to - 1))) to--;
  if (to === from || to - from > MAX_NAME) return undefined;
  let spaces = 0;
  let letter = false;
  let wide = false;
  let plainSpacing = true;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 64) return undefined;
    if (isWhiteSpace(c)) {
      if (c !== 32 || isWhiteSpace(text.charCodeAt(i - 1))) plainSpacing = false;
      if (!isWhiteSpace(text.charCodeAt(i - 1)) && ++spaces >= MAX_WORDS) return undefined;
    } else if ((c | 32) >= 97 && (c | 32) <= 122) letter = true;
    else if (c > 127) wide = true;
  }
  const name = text.slice(from, to);
  if (!letter && !(wide && /\p{L}/u.test(name))) return undefined;
  return plainSpacing ? name : name.replace(/\s+/gu, ' ');
}

function isWhiteSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 12 || c === 11;
}

/** "Maria Anders", "Martín Sommer": two to four capitalised words, no digits or symbols. */
export function personName(text: string): string | undefined {
  // Most first cells are not names ("Invoice 2024-117", "+1 555 0100"): a digit or @ says so at once.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 64) return undefined;
  }
  const name = text.replace(/\s+/gu, ' ').trim();
  const words = name.split(' ');
  if (words.length < 2 || words.length > 4) return undefined;
  return words.every((w) => /^\p{Lu}[\p{L}'’.-]*$/u.test(w)) ? name : undefined;
}
