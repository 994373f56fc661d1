// Display names stated next to an address: `Jane Doe <jane@x.com>`, `"Doe, Jane" <jane@x.com>`,
// `Jane Doe (jane@x.com)`. Only a bounded stretch before the address is read.

const MAX_NAME = 120;
const OPEN_FOR: Record<string, string> = { '>': '<', ')': '(', '»': '«', '›': '‹' };
const QUOTES = new Set(['"', '“', '”', '„', "'", '«', '»']);
const STOPS = new Set([',', ';', '\n', '\r', '>', ':', '|', '\t', '<', '(', ')', '[', ']']);

/** The name written before `<address>` (or `(address)`), if the text states one. */
export function nameBefore(text: string, start: number, end: number): string | undefined {
  const close = text[end];
  const open = close ? OPEN_FOR[close] : undefined;
  if (!open || text[start - 1] !== open) return undefined;
  let j = start - 2;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\u00a0')) j--;
  if (j < 0) return undefined;
  if (QUOTES.has(text[j]!)) {
    const closing = j;
    for (let k = j - 1; k >= 0 && closing - k <= MAX_NAME; k--) {
      if (QUOTES.has(text[k]!)) return cleanName(text.slice(k + 1, closing));
      if (text[k] === '\n') break;
    }
    return undefined;
  }
  const last = j;
  while (j >= 0 && last - j < MAX_NAME && !STOPS.has(text[j]!)) j--;
  const name = cleanName(text.slice(j + 1, last + 1));
  return name && trailingProperName(name);
}

/** A name must read like one: letters, not another address, not a sentence. */
export function cleanName(raw: string): string | undefined {
  const name = raw.replace(/\s+/gu, ' ').trim();
  if (!name || name.length > MAX_NAME || name.includes('@') || !/\p{L}/u.test(name)) return undefined;
  if (name.split(' ').length > 6) return undefined;
  return name;
}

const PARTICLES = new Set(['de', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'del', 'la', 'le', 'ten', 'ter', 'bin', 'al']);

/**
 * Unquoted, a name is the run of capitalised words just before the address: "Also loop in Annette
 * Roulet <…>" names Annette Roulet; "and <…>" names no one.
 */
function trailingProperName(text: string): string | undefined {
  const words = text.split(' ');
  let first = words.length;
  while (first > 0 && (/^\p{Lu}/u.test(words[first - 1]!) || (PARTICLES.has(words[first - 1]!) && first < words.length))) first--;
  while (first < words.length && PARTICLES.has(words[first]!)) first++;
  return first < words.length ? words.slice(first).join(' ') : undefined;
}
