// The stores' listings, per language, from the translations: the name and summary the extension itself
// carries (public/_locales), and the listing-only text (store/_locales), whose {{key}} marks are filled
// with the extension's own wording so that a renamed menu item can never leave a listing behind.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
export const LANGUAGES = ['en', 'nl', 'sv', 'tr', 'fr'];
export const STORES = /** @type {const} */ (['chrome', 'edge', 'firefox']);

/**
 * Each store's limits, in characters. Where stores differ for text we publish once, the strictest wins:
 * - name: Edge takes 45 and AMO's linter 45 (Chrome 75, AMO 50);
 * - summary: the manifest description, which Chrome shows and caps at 132 (AMO's summary: 250);
 * - description: Edge asks for 250 to 10,000, the strictest of the three;
 * - Chrome's privacy tab: the single purpose and each permission's justification, 1,000 each (the
 *   dashboard's fields; not published as a rule, so the stricter reading of what it accepts).
 * - Edge's search terms: at most 7, each at most 30 characters, 21 words in all.
 */
export const LIMITS = {
  name: 45,
  summary: 132,
  description: { min: 250, max: 10_000 },
  reviewField: 1_000,
  searchTerms: { count: 7, length: 30, words: 21 },
  screenshots: { chrome: 5, edge: 6, firefox: 10 },
};

/** @param {string} dir @param {string} lang @returns {Record<string, { message: string }>} */
const messagesOf = (dir, lang) =>
  JSON.parse(readFileSync(resolve(root, dir, '_locales', lang, 'messages.json'), 'utf8'));

/**
 * One language's listing for one store.
 * @param {string} lang
 * @param {string[]} permissions what the store's built manifest asks for
 */
export function listingFor(lang, permissions) {
  const ext = messagesOf('public', lang);
  const store = messagesOf('store', lang);
  /** @param {string} key */
  const text = (key) => {
    const entry = store[key];
    if (!entry) throw new Error(`store/_locales/${lang} has no ${key}`);
    return entry.message.replace(/\{\{(\w+)\}\}/g, (_, name) => {
      if (!ext[name]) throw new Error(`store/_locales/${lang}/${key} names ${name}, which public/_locales lacks`);
      return ext[name].message;
    });
  };
  return {
    lang,
    name: ext.extName.message,
    summary: ext.extDescription.message,
    description: text('storeDescription'),
    singlePurpose: text('storeSinglePurpose'),
    permissions: Object.fromEntries(permissions.map((p) => [p, text(`storePermission_${p}`)])),
    searchTerms: text('storeSearchTerms')
      .split(',')
      .map((term) => term.trim()),
  };
}

/** @typedef {ReturnType<typeof listingFor>} Listing */

/** What a listing breaks of the limits above, in words a maintainer can act on; [] when none. */
export function limitProblems(/** @type {Listing} */ listing) {
  const where = `${listing.lang}:`;
  const problems = [];
  const over = (/** @type {string} */ field, /** @type {string} */ value, /** @type {number} */ max) =>
    [...value].length > max && problems.push(`${where} ${field} is ${[...value].length} characters (at most ${max})`);
  over('name', listing.name, LIMITS.name);
  over('summary', listing.summary, LIMITS.summary);
  over('description', listing.description, LIMITS.description.max);
  if ([...listing.description].length < LIMITS.description.min)
    problems.push(`${where} description is shorter than ${LIMITS.description.min} characters`);
  over('single purpose', listing.singlePurpose, LIMITS.reviewField);
  for (const [permission, why] of Object.entries(listing.permissions))
    over(`${permission} justification`, why, LIMITS.reviewField);
  const terms = listing.searchTerms;
  if (terms.length > LIMITS.searchTerms.count) problems.push(`${where} ${terms.length} search terms (at most 7)`);
  for (const term of terms) over(`search term "${term}"`, term, LIMITS.searchTerms.length);
  const words = terms.join(' ').split(/\s+/).length;
  if (words > LIMITS.searchTerms.words) problems.push(`${where} search terms have ${words} words (at most 21)`);
  return problems;
}

/**
 * The listing as a text file laid out like the store's form, each field under the heading the store
 * gives it, ready to paste.
 * @param {Listing} listing
 * @param {typeof STORES[number]} store
 */
export function renderListing(listing, store) {
  const section = (/** @type {string} */ title, /** @type {string} */ body) => `## ${title}\n${body}\n`;
  const parts = [
    section('Name (from the package)', listing.name),
    section(store === 'firefox' ? 'Summary' : 'Summary (from the package)', listing.summary),
    section('Description', listing.description),
  ];
  if (store === 'edge') parts.push(section('Search terms', listing.searchTerms.join('\n')));
  if (store === 'chrome') {
    parts.push(section('Single purpose', listing.singlePurpose));
    for (const [permission, why] of Object.entries(listing.permissions))
      parts.push(section(`Permission justification: ${permission}`, why));
  } else {
    // Edge and AMO have no such fields; their reviewers read these in the notes for certification.
    const why = Object.entries(listing.permissions).map(([permission, text]) => `- ${permission}: ${text}`);
    parts.push(
      section('Notes for the reviewers: purpose and permissions', `${listing.singlePurpose}\n\n${why.join('\n')}`),
    );
  }
  return parts.join('\n');
}
