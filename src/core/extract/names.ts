// Display names stated next to an address: `Jane Doe <jane@x.com>`, `"Doe, Jane" <jane@x.com>`,
// `Jane Doe (jane@x.com)`. Only a bounded stretch before the address is read.

const MAX_NAME = 120;
const MAX_WORDS = 6;
const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'del', 'la', 'le', 'ten', 'ter', 'bin', 'al']);
const codes = (chars: string) => [...chars].map((c) => c.charCodeAt(0));
/** Closing character → its opening one, by char code: `<…>`, `(…)`, `«…»`, `‹…›`. */
const OPEN_FOR: Record<number, number> = Object.fromEntries(codes('>)»›').map((c, i) => [c, codes('<(«‹')[i]!]));
const QUOTES = codes('"“”„\'«»');
const STOPS = codes(',;\n\r>:|\t<()[]');
const isQuote = (c: number) => c === 34 || c === 39 || (c > 127 && QUOTES.includes(c));
const STOP_ASCII = new Uint8Array(128);
for (const c of STOPS) STOP_ASCII[c] = 1;
const isStop = (c: number) => c < 128 && STOP_ASCII[c] === 1;

/** The name written before `<address>` (or `(address)`), if the text states one. */
export function nameBefore(text: string, start: number, end: number): string | undefined {
  const open = OPEN_FOR[text.charCodeAt(end)];
  if (!open || text.charCodeAt(start - 1) !== open) return undefined;
  let j = start - 2;
  while (j >= 0 && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 0xa0)) j--;
  if (j < 0) return undefined;
  if (isQuote(text.charCodeAt(j))) {
    const closing = j;
    for (let k = j - 1; k >= 0 && closing - k <= MAX_NAME; k--) {
      const c = text.charCodeAt(k);
      if (isQuote(c)) return cleanName(text.slice(k + 1, closing));
      if (c === 10) break;
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
      if (!isNameWord(text.slice(k + 1, wordEnd)) || ++words > MAX_WORDS) break;
      nameStart = k + 1;
    }
    if (!space) break;
    wordEnd = k;
  }
  if (nameStart > last) return undefined;
  const parts = text.slice(nameStart, last + 1).split(/\s+/u);
  while (parts.length && PARTICLES.has(parts[0]!)) parts.shift(); // "de" alone is not a name
  return parts.length ? cleanName(parts.join(' ')) : undefined;
}

function isNameWord(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c >= 65 && c <= 90) return true;
  if (c >= 97 && c <= 122) return PARTICLES.has(word);
  return c > 127 && /^\p{Lu}/u.test(word);
}

/** A name must read like one: letters, not another address, not a sentence. */
export function cleanName(raw: string): string | undefined {
  let name = raw.trim();
  if (name.includes('  ') || /[\t\n\r\u00a0]/.test(name)) name = name.replace(/\s+/gu, ' ');
  if (!name || name.length > MAX_NAME || name.includes('@') || !hasLetter(name)) return undefined;
  let spaces = 0;
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) === 32 && ++spaces >= MAX_WORDS) return undefined;
  return name;
}

function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) return true;
  }
  return /\p{L}/u.test(text);
}
