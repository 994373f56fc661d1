// `mailto:` links and Cloudflare-protected addresses: both hide the address in an attribute.
import { cleanName } from './names';
import { scanPlain } from './text';
import type { Found } from './collector';

/** Link texts that describe the action, not the person ("Email us", "Contact", "Write to all"). */
const GENERIC_LINK_TEXT = /\b(?:e-?mail|mail|contact|write|send|click|here|us|me|all|feedback)\b/iu;

function decode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray `%` must not lose the rest
  }
}

function addressesIn(text: string): Found[] {
  const found: Found[] = [];
  scanPlain(text, (address, _offset, name) => found.push(name ? { address, name } : { address }));
  return found;
}

/**
 * Every recipient of a mailto: URL (`to` list, `to`/`cc`/`bcc` parameters; without the copies when
 * `copies` is false), with the names written in it; the link's text names a single recipient when
 * it is not itself an address.
 */
export function parseMailto(href: string, linkText = '', copies = true): Found[] {
  const body = href.replace(/^\s*mailto:/iu, '');
  const query = body.indexOf('?');
  const to = query === -1 ? body : body.slice(0, query);
  const found = addressesIn(decode(to));
  if (query !== -1) {
    for (const [key, value] of new URLSearchParams(body.slice(query + 1))) {
      if (/^to$/iu.test(key) || (copies && /^b?cc$/iu.test(key))) found.push(...addressesIn(value));
    }
  }
  const only = found.length === 1 ? found[0] : undefined;
  if (only && !only.name && linkText) {
    const name = linkTextName(linkText);
    if (name) only.name = name;
  }
  return found;
}

/** The name a mailto link's text states for its lone recipient: "Jane Doe", not "Email us" or an address. */
export function linkTextName(linkText: string): string | undefined {
  const text = linkText.replace(/\s+/gu, ' ').trim().slice(0, 200);
  // "the PMO", "our team": lower-case link text describes, it does not name.
  if (!text || text.includes('@') || GENERIC_LINK_TEXT.test(text) || /^[a-z]/u.test(text)) return undefined;
  return cleanName(text);
}

/** Cloudflare Email Obfuscation: hex pairs, the first is the XOR key for the rest. */
export function decodeCloudflare(hex: string): string | undefined {
  if (!/^(?:[0-9a-f]{2}){2,}$/iu.test(hex) || hex.length > 1024) return undefined;
  const key = parseInt(hex.slice(0, 2), 16);
  let out = '';
  for (let i = 2; i < hex.length; i += 2) out += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16) ^ key);
  try {
    return decodeURIComponent(escape(out)); // the bytes are UTF-8
  } catch {
    return out;
  }
}

export function cloudflareAddresses(hex: string): Found[] {
  const decoded = decodeCloudflare(hex);
  return decoded ? addressesIn(decoded) : [];
}
