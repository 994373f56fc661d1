// Runs the page scanner in a tab. Needs activeTab (the user's click on the toolbar button, the
// context menu or a shortcut) plus scripting; nothing is injected otherwise.
import browser from './browser';
import type { PageScan, ScanMode } from '../content/scan';

export type { PageScan, ScanMode };

export async function scanTab(tabId: number, mode: ScanMode, frameId = 0): Promise<PageScan> {
  const target = { tabId, frameIds: [frameId] };
  await browser.scripting.executeScript({ target, files: ['content/scan.js'] });
  const [injection] = await browser.scripting.executeScript({
    target,
    func: (scanMode: ScanMode) => (globalThis as unknown as { __guestInviteScan: (m: ScanMode) => PageScan }).__guestInviteScan(scanMode),
    args: [mode],
  });
  const result = injection?.result as PageScan | undefined;
  if (!result || !Array.isArray(result.found)) throw new Error('The page could not be read.');
  return result;
}
