// The store listings (issue 18): every language has every field, each within the strictest store's
// limit, and every permission a built manifest asks for is justified, in every language.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { manifestFor } from '../../scripts/manifest.mjs';
import { LANGUAGES, limitProblems, listingFor, renderListing } from '../../scripts/store/listing.mjs';
import { imagesFor } from '../../scripts/store/kit.mjs';

const root = resolve(import.meta.dirname, '../..');
const source = JSON.parse(readFileSync(resolve(root, 'manifest.json'), 'utf8'));
const permissionsOf = (target: 'chrome' | 'firefox') => manifestFor(source, target, { version: '1.0.0' }).permissions;
const storeKeys = (lang: string) =>
  Object.keys(JSON.parse(readFileSync(resolve(root, 'store/_locales', lang, 'messages.json'), 'utf8'))).sort();

test('the listings are in the five languages of the extension, each with the same fields', () => {
  expect(readdirSync(resolve(root, 'store/_locales')).sort()).toEqual([...LANGUAGES].sort());
  expect(readdirSync(resolve(root, 'public/_locales')).sort()).toEqual([...LANGUAGES].sort());
  for (const lang of LANGUAGES) expect(storeKeys(lang), lang).toEqual(storeKeys('en'));
});

test('every language keeps within every store limit, for what Chrome, Edge and Firefox ask for', () => {
  const all = [...new Set([...permissionsOf('chrome'), ...permissionsOf('firefox')])];
  expect(all).toContain('offscreen');
  expect(LANGUAGES.flatMap((lang) => limitProblems(listingFor(lang, all)))).toEqual([]);
});

test('each permission the built manifests ask for is justified, and nothing they do not ask for', () => {
  const all = new Set([...permissionsOf('chrome'), ...permissionsOf('firefox')]);
  const justified = storeKeys('en')
    .filter((key) => key.startsWith('storePermission_'))
    .map((key) => key.slice('storePermission_'.length));
  expect(justified.sort()).toEqual([...all].sort());
  expect(permissionsOf('firefox')).not.toContain('offscreen');
  const firefox = renderListing(listingFor('en', permissionsOf('firefox')), 'firefox');
  expect(firefox).not.toContain('offscreen');
  const chrome = renderListing(listingFor('fr', permissionsOf('chrome')), 'chrome');
  expect(chrome).toContain('Permission justification: offscreen');
});

test("listings use the extension's own words: its name and menu items, filled in per language", () => {
  for (const lang of LANGUAGES) {
    const ext = JSON.parse(readFileSync(resolve(root, 'public/_locales', lang, 'messages.json'), 'utf8'));
    const listing = listingFor(lang, permissionsOf('chrome'));
    expect(listing.name).toBe(ext.extName.message);
    expect(listing.description).toContain(ext.extName.message);
    expect(listing.description).toContain(ext.menuInviteLink.message);
    expect(listing.permissions.contextMenus).toContain(ext.menuFindOnPage.message);
    expect(JSON.stringify(listing)).not.toMatch(/\{\{|\}\}/);
  }
});

test('a field over its limit is reported by language, field and length', () => {
  const listing = { ...listingFor('sv', ['identity']), summary: 'x'.repeat(133), searchTerms: ['a'.repeat(31)] };
  expect(limitProblems(listing)).toEqual([
    'sv: summary is 133 characters (at most 132)',
    `sv: search term "${'a'.repeat(31)}" is 31 characters (at most 30)`,
  ]);
  expect(limitProblems({ ...listing, description: 'Too short.' })).toContain(
    'sv: description is shorter than 250 characters',
  );
});

test('each store gets no more screenshots than it takes, light ones first', () => {
  const shots = (store: 'chrome' | 'edge' | 'firefox') => imagesFor(store).filter(([, to]) => to.startsWith('screen'));
  expect(shots('chrome')).toHaveLength(5);
  expect(shots('edge')).toHaveLength(6);
  expect(shots('firefox')).toHaveLength(8);
  expect(
    shots('chrome')
      .slice(0, 4)
      .every(([from]) => from.includes('light')),
  ).toBe(true);
});
