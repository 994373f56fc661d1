// The Platform the background logic runs on, in memory, for unit tests in Node: storage areas that
// report their changes, alarms, the badge and notifications as plain records.
import type { Platform } from '../../src/platform/platform';
import type { AreaName, StorageArea, StorageBackend } from '../../src/storage/storage';

export interface FakePlatform extends Platform {
  data: Record<AreaName, Map<string, unknown>>;
  badge: string;
  alarmsSet: Map<string, number>;
  notifications: string[];
  /** Makes writes fail, as a full storage quota does. */
  failWrites: boolean;
}

export function fakePlatform(): FakePlatform {
  const data: FakePlatform['data'] = { local: new Map(), session: new Map() };
  const listeners = new Set<(area: AreaName, key: string, value: unknown) => void>();
  const alarmListeners: ((name: string) => void)[] = [];
  const area = (name: AreaName): StorageArea => ({
    get: async (key) => structuredClone(data[name].get(key)),
    set: async (key, value) => area(name).setAll({ [key]: value }),
    setAll: async (values) => {
      if (fake.failWrites) throw new Error('QUOTA_BYTES quota exceeded');
      for (const [key, value] of Object.entries(values)) data[name].set(key, structuredClone(value));
      for (const [key, value] of Object.entries(values))
        for (const listener of listeners) listener(name, key, structuredClone(value));
    },
    remove: async (keys) => {
      for (const key of [keys].flat()) {
        data[name].delete(key);
        for (const listener of listeners) listener(name, key, undefined);
      }
    },
  });
  const storage: StorageBackend = {
    local: area('local'),
    session: area('session'),
    onChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const fake: FakePlatform = {
    data,
    badge: '',
    alarmsSet: new Map(),
    notifications: [],
    failWrites: false,
    storage,
    alarms: {
      repeat: async (name, minutes) => void fake.alarmsSet.set(name, minutes),
      clear: async (name) => void fake.alarmsSet.delete(name),
      onAlarm: (listener) => void alarmListeners.push(listener),
    },
    setBadge: async (text) => void (fake.badge = text),
    notify: async (message) => void fake.notifications.push(message),
    now: () => Date.now(),
  };
  return fake;
}
