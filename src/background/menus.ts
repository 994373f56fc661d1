// "Invite this address" on right-click: a selection, a mailto: link, or the whole page. The page is
// read only on that click (activeTab); the result opens the invite window, or is sent at once with
// the user's defaults when they chose so, and reported in a notification.
import { extractFromText } from '../core/extract';
import { parseMailto } from '../core/extract/mailto';
import { optionsFromDefaults } from '../core/invitation';
import { closestMessageLanguage } from '../core/languages';
import { checkAddress } from '../core/validate';
import { menus, openWindow, platform, scanTab, type Menus, type Tabs } from '../platform/browser';
import { t, uiLanguage } from '../shared/i18n';
import { store } from '../storage/browser-store';
import type { Draft } from '../storage/storage';
import type { QueueRunner } from './queue-runner';
import { QueueRefusal } from './queue-words';
import { MENU, menuItems, selectionTitle } from './menu-items';

export { MENU };

function createMenus(): void {
  menus.reset(menuItems(t));
}

/** Firefox can retitle a menu while it is open: "Invite jane@contoso.com" / "Invite 3 addresses…". */
function retitleOnShown(info: Menus.OnShownInfoType): void {
  if (!info.contexts.includes('selection') || !info.selectionText) return;
  void menus.retitle(MENU.selection, selectionTitle(t, info.selectionText));
}

async function addressesFor(info: Menus.OnClickData, tab: Tabs.Tab | undefined): Promise<Draft | undefined> {
  if (info.menuItemId === MENU.link && info.linkUrl?.toLowerCase().startsWith('mailto:')) {
    // Only the link's own recipients: a cc or bcc in its address is not on screen.
    return { found: parseMailto(info.linkUrl, info.linkText ?? '', false), source: 'link' };
  }
  const mode = info.menuItemId === MENU.page ? 'page' : 'selection';
  try {
    const scan = await scanTab(tab!.id!, mode, info.frameId ?? 0);
    if (scan) return { found: scan.found, source: mode };
  } catch {
    // The page refused the script (a store page, a PDF viewer): as when it gave no answer.
  }
  // The selected text still counts.
  if (mode !== 'selection' || !info.selectionText) return undefined;
  return { found: extractFromText(info.selectionText), source: 'selection' };
}

/**
 * "Right-click invites at once" only when the user plainly chose one address: one mailto link, or a
 * selection holding exactly one visible address that the browser itself saw selected (a page script
 * may widen the selection between the click and the scan). Anything else opens the invite window.
 */
function isPlainlyChosen(draft: Draft, info: Menus.OnClickData): boolean {
  if (draft.found.length !== 1 || checkAddress(draft.found[0].address)) return false;
  if (draft.source === 'link') return true;
  const address = draft.found[0].address.toLowerCase();
  return draft.source === 'selection' && !!info.selectionText?.toLowerCase().includes(address);
}

async function onMenuClick(runner: QueueRunner, info: Menus.OnClickData, tab: Tabs.Tab | undefined): Promise<void> {
  const draft = await addressesFor(info, tab);
  if (!draft?.found.length) {
    await platform.notify(t('notifyNothingFound'));
    return;
  }
  const settings = await store.read('settings');
  if (settings.inviteImmediately && isPlainlyChosen(draft, info)) {
    const [chosen] = draft.found;
    const options = optionsFromDefaults(settings.defaults, closestMessageLanguage(uiLanguage()));
    try {
      await runner.enqueue(options, [{ email: chosen.address, name: chosen.name ?? '' }]);
    } catch (error) {
      if (error instanceof QueueRefusal) return platform.notify(t(error.userError.key, error.userError.subs));
      throw error;
    }
    await runner.notifyWhenDone();
    return;
  }
  await store.write('draft', draft);
  await openWindow('popup/popup.html?draft=1', 420, 680);
}

/** Top-level registration, so a menu click wakes the worker / event page and finds its listener. */
export function registerMenus(runner: QueueRunner): void {
  menus.onInstalled(createMenus);
  menus.onClicked((info, tab) => void onMenuClick(runner, info, tab));
  // The keyboard shortcut for "invite the current selection" behaves like the menu item (it grants activeTab too).
  menus.onCommand((command, tab) => {
    if (command === 'invite-selection')
      void onMenuClick(runner, { menuItemId: MENU.selection, editable: false, modifiers: [], frameId: 0 }, tab);
  });
  menus.onShown(retitleOnShown);
}
