// What the background logic needs from the browser, as one small interface: the real one is
// browser.ts, and the unit tests run the same logic in Node against a fake.
import type { StorageBackend } from '../storage/storage';

export interface Platform {
  storage: StorageBackend;
  /** A repeating wake-up call that survives a stopped service worker / suspended event page. */
  alarms: {
    repeat(name: string, periodMinutes: number): Promise<void>;
    clear(name: string): Promise<void>;
    onAlarm(listener: (name: string) => void): void;
  };
  /** The count on the toolbar icon ('' hides it). */
  setBadge(text: string): Promise<void>;
  /** A system notification, for what has no window to show it in. */
  notify(message: string): Promise<void>;
  now(): number;
}
