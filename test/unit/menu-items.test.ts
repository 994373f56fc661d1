// The context menu as registered, in each language: a selection, mailto: links only, the page; and the
// title Firefox shows for a selection while the menu is open.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { menuItems, selectionTitle } from '../../src/background/menu-items';

const dir = resolve(import.meta.dirname, '../../public/_locales');
/** chrome.i18n.getMessage over one locale's messages.json ($1, $2 substituted). */
const wordsOf = (locale: string) => {
  const messages = JSON.parse(readFileSync(join(dir, locale, 'messages.json'), 'utf8')) as Record<
    string,
    { message: string }
  >;
  return (key: string, subs: string[] = []) =>
    (messages[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
};
const english = wordsOf('en');

describe('context menu', () => {
  test.each(readdirSync(dir))('%s: three items, mailto: links only, every title in the language', (locale) => {
    const t = wordsOf(locale);
    const items = menuItems(t);
    expect(items.map((i) => [i.id, i.contexts, i.targetUrlPatterns])).toEqual([
      ['invite-selection', ['selection'], undefined],
      ['invite-mailto', ['link'], ['mailto:*']],
      ['find-on-page', ['page'], undefined],
    ]);
    for (const [i, item] of items.entries()) {
      expect(item.title.trim()).not.toBe('');
      if (locale !== 'en') expect(item.title).not.toBe(menuItems(english)[i].title);
    }
  });

  test('Firefox retitles the selection item: one address, several, or none', () => {
    expect(selectionTitle(english, 'Write to Jane Doe <jane@contoso.com> today')).toBe('Invite jane@contoso.com');
    expect(selectionTitle(english, 'a@contoso.com, b@fabrikam.com; c@litware.com')).toMatch(/^Invite 3 /);
    expect(selectionTitle(english, 'no address here')).toBe(english('menuInviteSelection'));
    expect(selectionTitle(wordsOf('nl'), 'jan@contoso.com')).toContain('jan@contoso.com');
  });
});
