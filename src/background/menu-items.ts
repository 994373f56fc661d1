// The context menu's items and the title Firefox shows for a selection, as plain functions of the
// words (so each language can be checked without a browser).
import { extractFromText } from '../core/extract';

export const MENU = { selection: 'invite-selection', link: 'invite-mailto', page: 'find-on-page' } as const;

type Words = (key: string, subs?: string[]) => string;
type Context = 'selection' | 'link' | 'page';

export interface MenuItem {
  id: string;
  title: string;
  contexts: Context[];
  targetUrlPatterns?: string[];
}

/** A selection, a mailto: link (only those: other links are not addresses), and the page itself. */
export function menuItems(t: Words): MenuItem[] {
  return [
    { id: MENU.selection, title: t('menuInviteSelection'), contexts: ['selection'] },
    { id: MENU.link, title: t('menuInviteLink'), contexts: ['link'], targetUrlPatterns: ['mailto:*'] },
    { id: MENU.page, title: t('menuFindOnPage'), contexts: ['page'] },
  ];
}

/** What the selection item says while the menu is open: "Invite jane@contoso.com" / "Invite 3 addresses…". */
export function selectionTitle(t: Words, selectionText: string): string {
  const found = extractFromText(selectionText);
  if (found.length === 1) return t('menuInviteOne', [found[0].address]);
  if (found.length > 1) return t('menuInviteMany', [String(found.length)]);
  return t('menuInviteSelection');
}
