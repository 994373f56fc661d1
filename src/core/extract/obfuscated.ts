// The common ways people hide an address from harvesters: `name [at] domain [dot] com`,
// `name(at)domain.com`, `name AT domain DOT com`. Found by jumping between closing brackets and
// " AT " with indexOf, then reading a bounded stretch around each; bare lower-case " at "/" dot "
// are left alone, since prose is full of them ("look at example dot com").
import { isDomainChar, isLocalChar, isSpace } from './chars';
import { readAddressAround, type Sink } from './text';

// Not <at>: '>' is everywhere in quoted mail, and nobody writes <at>.
const OPENERS: Record<string, string> = { ']': '[', ')': '(', '}': '{' };

export function scanObfuscated(text: string, sink: Sink): void {
  forEachObfuscatedAt(text, (localEnd, domainStart) => readRewritten(text, localEnd, domainStart, sink));
}

/** Where an obfuscated "at" sits, ascending: the page scanner reads the text around these. */
export function obfuscationSites(text: string): number[] {
  const sites: number[] = [];
  forEachObfuscatedAt(text, (localEnd) => sites.push(localEnd));
  return sites.sort((a, b) => a - b);
}

function forEachObfuscatedAt(text: string, found: (localEnd: number, domainStart: number) => void): void {
  for (const closer of Object.keys(OPENERS)) {
    let p = text.indexOf(closer);
    while (p !== -1) {
      const at = bracketedAt(text, p, closer);
      if (at) found(at.localEnd, at.domainStart);
      p = text.indexOf(closer, p + 1);
    }
  }
  // indexOf('AT') is far faster than indexOf(' AT '): spaces are everywhere.
  let p = text.indexOf('AT');
  while (p !== -1) {
    if (text.charCodeAt(p - 1) === 32 && text.charCodeAt(p + 2) === 32) found(p - 1, p + 3);
    p = text.indexOf('AT', p + 2);
  }
}

/** `x [at] y` / `x(at)y`: the `at` sits right inside a bracket pair, spaces allowed around it. */
function bracketedAt(
  text: string,
  close: number,
  closer: string,
): { localEnd: number; domainStart: number } | undefined {
  let q = close - 1;
  if (text.charCodeAt(q) === 32) q--;
  // "at", any case
  if (q < 2 || (text.charCodeAt(q) | 32) !== 116 || (text.charCodeAt(q - 1) | 32) !== 97) return undefined;
  q -= 2;
  if (text.charCodeAt(q) === 32) q--;
  if (text[q] !== OPENERS[closer]) return undefined;
  let localEnd = q;
  while (localEnd > 0 && isSpace(text.charCodeAt(localEnd - 1))) localEnd--;
  let domainStart = close + 1;
  while (domainStart < text.length && isSpace(text.charCodeAt(domainStart))) domainStart++;
  return { localEnd, domainStart };
}

/**
 * Rebuilds `local@domain` from the characters around an obfuscated `at`, turning `[dot]`, `(dot)`
 * and (upper-case only) ` DOT ` back into dots, then reads it like any plain address.
 */
function readRewritten(text: string, localEnd: number, domainStart: number, sink: Sink): void {
  let localStart = localEnd;
  while (localStart > 0 && localEnd - localStart <= 64 && isLocalChar(text.charCodeAt(localStart - 1))) localStart--;
  if (localStart === localEnd) return;
  let domain = '';
  let i = domainStart;
  while (i < text.length && domain.length <= 253) {
    const c = text.charCodeAt(i);
    if (isDomainChar(c)) {
      domain += text[i];
      i++;
      continue;
    }
    const dot = dotTokenAt(text, i);
    if (!dot) break;
    domain += '.';
    i += dot;
  }
  if (!domain.includes('.')) return;
  const rebuilt = `${text.slice(localStart, localEnd)}@${domain}`;
  readAddressAround(rebuilt, localEnd - localStart, (address) => sink(address, localStart));
}

/** Length of a `[dot]`/`(dot)`/`{dot}` token (spaces around allowed) or ` DOT ` at i, else 0. */
function dotTokenAt(text: string, i: number): number {
  const window = text.slice(i, i + 9);
  const bracketed = /^\s?[[({<]\s?dot\s?[\])}>]\s?/iu.exec(window);
  if (bracketed) return bracketed[0].length;
  const spaced = /^ DOT (?=\S)/u.exec(window);
  return spaced ? spaced[0].length : 0;
}
