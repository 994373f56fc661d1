// "Invite this address" on right-click: a selection, a mailto: link, or the whole page. The page is
// read only on that click (activeTab); the result opens the invite window, or is sent at once with
// the user's defaults when they chose so, and reported in a notification.
import browser, { type Menus, type Tabs } from '../shared/browser';
import { t, uiLanguage } from '../shared/i18n';
import { loadSettings, type InviteDefaults } from '../shared/settings';
import { scanTab } from '../shared/scan-tab';
import { DRAFT_KEY, writeSession, type Draft } from '../shared/session';
import { extractFromText, type Found } from '../core/extract';
import { parseMailto } from '../core/extract/mailto';
import { checkAddress } from '../core/validate';
import { closestMessageLanguage } from '../core/languages';
import { inputFromDefaults } from '../core/invitation';
import { enqueueInvites, notifyWhenDone } from './queue-runner';
import { notify } from './notify';

export const MENU = { selection: 'invite-selection', link: 'invite-mailto', page: 'find-on-page' } as const;

export function createMenus(): void {
  browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU.selection, title: t('menuInviteSelection'), contexts: ['selection'] });
  browser.contextMenus.create({ id: MENU.link, title: t('menuInviteLink'), contexts: ['link'], targetUrlPatterns: ['mailto:*'] });
  browser.contextMenus.create({ id: MENU.page, title: t('menuFindOnPage'), contexts: ['page'] });
}

/** Firefox can retitle a menu while it is open: "Invite jane@contoso.com" / "Invite 3 addresses…". */
export function retitleOnShown(info: Menus.OnShownInfoType): void {
  if (!info.contexts.includes('selection') || !info.selectionText) return;
  const found = extractFromText(info.selectionText);
  const title = found.length === 1 ? t('menuInviteOne', [found[0]!.address]) : found.length > 1 ? t('menuInviteMany', [String(found.length)]) : t('menuInviteSelection');
  void browser.menus.update(MENU.selection, { title }).then(() => browser.menus.refresh());
}

async function addressesFor(info: Menus.OnClickData, tab: Tabs.Tab | undefined): Promise<Draft | undefined> {
  if (info.menuItemId === MENU.link && info.linkUrl?.toLowerCase().startsWith('mailto:')) {
    return { found: parseMailto(info.linkUrl, info.linkText ?? ''), source: 'link' };
  }
  const mode = info.menuItemId === MENU.page ? 'page' : 'selection';
  try {
    const scan = await scanTab(tab!.id!, mode, info.frameId ?? 0);
    return { found: scan.found, source: mode };
  } catch {
    // The page refused the script (a store page, a PDF viewer): the selected text still counts.
    if (mode !== 'selection' || !info.selectionText) return undefined;
    return { found: extractFromText(info.selectionText), source: 'selection' };
  }
}

export async function onMenuClick(info: Menus.OnClickData, tab: Tabs.Tab | undefined): Promise<void> {
  const draft = await addressesFor(info, tab);
  if (!draft?.found.length) {
    await notify(t('notifyNothingFound'));
    return;
  }
  const settings = await loadSettings();
  const invitable = draft.found.filter((f) => !checkAddress(f.address));
  if (settings.inviteImmediately && draft.source !== 'page' && invitable.length === draft.found.length) {
    await inviteNow(invitable, settings.defaults);
    return;
  }
  await writeSession(DRAFT_KEY, draft);
  await browser.windows.create({ url: browser.runtime.getURL('popup/popup.html?draft=1'), type: 'popup', width: 420, height: 680 });
}

async function inviteNow(found: Found[], defaults: InviteDefaults): Promise<void> {
  const language = closestMessageLanguage(uiLanguage());
  await enqueueInvites(found.map((f) => inputFromDefaults(defaults, language, f.address, f.name ?? '')));
  await notifyWhenDone();
}

/** Top-level registration, so a menu click wakes the worker / event page and finds its listener. */
export function registerMenus(): void {
  browser.runtime.onInstalled.addListener(createMenus);
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
  // The keyboard shortcut for "invite the current selection" behaves like the menu item (it grants activeTab too).
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'invite-selection') void onMenuClick({ menuItemId: MENU.selection, editable: false, modifiers: [], frameId: 0 }, tab);
  });
  if (browser.menus?.onShown) browser.menus.onShown.addListener(retitleOnShown);
}
