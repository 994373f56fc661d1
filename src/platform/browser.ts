// The one module that touches the extension API namespace (Firefox's `browser`, or Chrome's through
// the polyfill): the Platform the background logic runs on, plus the few calls pages make.
import browser from 'webextension-polyfill';
import type { Menus, Runtime, Tabs } from 'webextension-polyfill';
import type { Envelope } from '../protocol/messaging';
import type { PageScan } from '../protocol/contract';
import type { AreaName, StorageBackend } from '../storage/storage';
import type { Platform } from './platform';

export type { Menus, Tabs };

export const storageBackend: StorageBackend = {
  local: areaOf('local'),
  session: areaOf('session'),
  onChanged(listener) {
    const wrapped = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' && area !== 'session') return;
      for (const [key, change] of Object.entries(changes)) listener(area, key, change.newValue);
    };
    browser.storage.onChanged.addListener(wrapped);
    return () => browser.storage.onChanged.removeListener(wrapped);
  },
};

/** Reached on use: Chrome's offscreen document loads this module too, and has no storage API. */
function areaOf(name: AreaName) {
  return {
    get: async (key: string) => (await browser.storage[name].get(key))[key],
    set: (key: string, value: unknown) => browser.storage[name].set({ [key]: value }),
    setAll: (values: Record<string, unknown>) => browser.storage[name].set(values),
    remove: (key: string | string[]) => browser.storage[name].remove(key),
  };
}

export const platform: Platform = {
  storage: storageBackend,
  alarms: {
    repeat: (name, periodInMinutes) => browser.alarms.create(name, { periodInMinutes }),
    clear: async (name) => void (await browser.alarms.clear(name)),
    onAlarm: (listener) => browser.alarms.onAlarm.addListener((alarm) => listener(alarm.name)),
  },
  async setBadge(text) {
    await browser.action.setBadgeText({ text });
    if (text) await browser.action.setBadgeBackgroundColor({ color: '#0a5fb4' });
  },
  notify: async (message) =>
    void (await browser.notifications.create({
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/128.png'),
      title: browser.i18n.getMessage('extName'),
      message,
    })),
  now: () => Date.now(),
};

/** True when the sender is a page of this extension (popup, options, offscreen), not a web page. */
function isOwnExtensionPage(sender: { id?: string; url?: string }): boolean {
  return sender.id === browser.runtime.id && !!sender.url?.startsWith(browser.runtime.getURL(''));
}

/** Answers messages from our own pages only; anything else gets no answer. */
export function listen(handler: (message: unknown) => Promise<unknown> | undefined): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    isOwnExtensionPage(sender) ? handler(message) : undefined,
  );
}

export const sendMessage = (message: Envelope): Promise<unknown> => browser.runtime.sendMessage(message);

/** The tab the user is looking at: the active tab of the window they last focused. */
export async function lastFocusedTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}

/**
 * Runs the page scanner in a tab. Needs activeTab (the user's click on the toolbar button, the context
 * menu or a shortcut) plus scripting; nothing is injected otherwise. Undefined when the page gave no
 * answer; rejects when the browser refused the script (a store page, a PDF viewer).
 */
export async function scanTab(
  tabId: number,
  mode: 'selection' | 'page' | 'auto',
  frameId = 0,
): Promise<PageScan | undefined> {
  const target = { tabId, frameIds: [frameId] };
  await browser.scripting.executeScript({ target, files: ['content/scan.js'] });
  const [injection] = await browser.scripting.executeScript({
    target,
    func: (scanMode: string) =>
      (globalThis as unknown as { __guestInviteScan: (m: string) => PageScan }).__guestInviteScan(scanMode),
    args: [mode],
  });
  const result = injection?.result as PageScan | undefined;
  return result && Array.isArray(result.found) ? result : undefined;
}

export const pageUrl = (path: string) => browser.runtime.getURL(path);
export const openWindow = async (path: string, width: number, height: number) =>
  void (await browser.windows.create({ url: pageUrl(path), type: 'popup', width, height }));
export const openOptions = () => browser.runtime.openOptionsPage();
export const shortcuts = () => browser.commands.getAll();
export const redirectUrl = () => browser.identity.getRedirectURL();
export const extensionId = () => browser.runtime.id;

/** Opens the authorize URL and resolves with the URL the server redirected back to ('' for none). */
export async function launchWebAuthFlow(url: string, interactive: boolean): Promise<string> {
  const details: Parameters<typeof browser.identity.launchWebAuthFlow>[0] & Record<string, unknown> = {
    url,
    interactive,
  };
  if (!interactive) {
    // Chrome: let the silent flow follow server redirects for a while instead of failing on first load.
    details.abortOnLoadForNonInteractive = false;
    details.timeoutMsForNonInteractive = 10_000;
  }
  // No URL: MSAL then finds no answer in it, and the sign-in says it did not finish.
  return (await browser.identity.launchWebAuthFlow(details)) ?? '';
}

/** The context menu, the shortcut and the install event (see background/menus.ts). */
export const menus = {
  reset(items: Menus.CreateCreatePropertiesType[]): void {
    void browser.contextMenus.removeAll().then(() => items.forEach((item) => browser.contextMenus.create(item)));
  },
  onInstalled: (listener: () => void) => browser.runtime.onInstalled.addListener(listener),
  onClicked: (listener: (info: Menus.OnClickData, tab: Tabs.Tab | undefined) => void) =>
    browser.contextMenus.onClicked.addListener(listener),
  onCommand: (listener: (command: string, tab: Tabs.Tab | undefined) => void) =>
    browser.commands.onCommand.addListener(listener),
  /** Firefox only: retitle an item while the menu is open. */
  onShown: (listener: (info: Menus.OnShownInfoType) => void) => browser.menus?.onShown?.addListener(listener),
  retitle: async (id: string, title: string) => {
    await browser.menus.update(id, { title });
    await browser.menus.refresh();
  },
};

/** For shared/i18n.ts: the browser's message catalogue and UI language. */
export const i18nApi = browser.i18n;

const OFFSCREEN_URL = 'offscreen/offscreen.html';
let creatingOffscreen: Promise<void> | undefined;
let closingOffscreen: Promise<void> | undefined;

/** Chrome: the offscreen document that hosts MSAL and the Graph client, created when first needed. */
export async function ensureOffscreen(): Promise<void> {
  await closingOffscreen;
  const url = chrome.runtime.getURL(OFFSCREEN_URL);
  const existing = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT'],
    documentUrls: [url],
  });
  if (existing.length) return;
  creatingOffscreen ??= chrome.offscreen
    .createDocument({
      url: OFFSCREEN_URL,
      reasons: ['LOCAL_STORAGE'],
      justification: 'Keeps the Microsoft sign-in session (MSAL cache) and sends Graph requests.',
    })
    .finally(() => (creatingOffscreen = undefined));
  await creatingOffscreen;
}

/** Chrome: closes the offscreen document (it is opened again on the next host request). */
export function closeOffscreen(): Promise<void> {
  closingOffscreen ??= chrome.offscreen
    .closeDocument()
    .catch(() => undefined) // already closed
    .finally(() => (closingOffscreen = undefined));
  return closingOffscreen;
}
