// Every value the extension keeps, in one place: its key, its storage area, its schema (what is read
// back is checked: stored data may be corrupt or from an older version), what stands in when nothing
// valid is stored, and its migration. Nothing else reads or writes extension storage.
import type { Found } from '../core/extract/collector';
import { emptyQueue, ITEM_STATES, type Queue } from '../core/queue';
import type { HistoryEntry } from '../protocol/contract';
import { authConfig, inviteResult, runOptions, userError, v } from '../protocol/schemas';
import { MAX_PROFILES, profileSchema } from './profiles';
import { isQueuePiece, joinQueue, splitQueue } from './queue-parts';
import { DEFAULT_SETTINGS, MAX_LOOKUP_WINDOW_S, type Settings } from './settings';

export type AreaName = 'local' | 'session';

/** One storage area, as the platform provides it (chrome.storage.local / .session, or a fake). */
export interface StorageArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  /** Several keys in one write: all of them or none. */
  setAll(values: Record<string, unknown>): Promise<void>;
  remove(key: string | string[]): Promise<void>;
}

export interface StorageBackend {
  local: StorageArea;
  session: StorageArea;
  /** Calls back with each changed key's new value (undefined when removed); returns the unsubscribe. */
  onChanged(listener: (area: AreaName, key: string, value: unknown) => void): () => void;
}

export interface TenantName {
  name: string;
  domain?: string;
}

/** Addresses the context menu picked up, waiting for the invite window. */
export interface Draft {
  found: Found[];
  source: 'selection' | 'link' | 'page';
}

interface Entry<T> {
  area: AreaName;
  /** The key in that storage area. */
  storedAs: string;
  schema: v.GenericSchema<unknown, T>;
  fallback: () => T;
  /** Turns an older stored form into the current one before it is checked. */
  migrate?: (stored: unknown) => unknown;
  /** Kept in pieces (the main key plus others), each written only when it changed. */
  pieces?: {
    join(main: unknown, area: StorageArea): Promise<unknown>;
    split(value: T): { main: unknown; pieces: Record<string, unknown> };
    owns(key: string): boolean;
  };
}
const entry = <T>(e: Entry<T>) => e;

const settingsSchema = v.object({
  ...profileSchema.entries,
  otherProfiles: v.pipe(v.array(profileSchema), v.maxLength(MAX_PROFILES)),
  inviteImmediately: v.boolean(),
  keepRedeemLinks: v.boolean(),
  lookupWindowSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_LOOKUP_WINDOW_S)),
}) satisfies v.GenericSchema<Settings>;

const queueItem = v.object({
  key: v.string(),
  email: v.string(),
  name: v.string(),
  resetUserId: v.optional(v.string()),
  run: v.string(),
  state: v.picklist(ITEM_STATES),
  attempts: v.number(),
  throttled: v.optional(v.number()),
  notBefore: v.number(),
  lostAt: v.optional(v.number()),
  error: v.optional(userError),
  result: v.optional(inviteResult),
  groupsPending: v.optional(v.array(v.string())),
  groupAttempts: v.optional(v.number()),
  grouping: v.optional(v.boolean()),
  sponsorsRefused: v.optional(userError),
  moreErrors: v.optional(v.array(userError)),
});
const queueSchema = v.object({
  items: v.array(queueItem),
  runs: v.record(v.string(), runOptions),
  paused: v.boolean(),
  stoppedFor: v.optional(userError),
  stoppedRun: v.optional(v.string()),
  notify: v.optional(v.boolean()),
  version: v.optional(v.number()),
  runTenants: v.optional(v.record(v.string(), v.object({ config: authConfig, name: v.string() }))),
}) satisfies v.GenericSchema<Queue>;

/** Queues saved before runs existed kept the whole form on every item: one run per item. */
function migrateQueue(stored: unknown): unknown {
  if (
    !stored ||
    typeof stored !== 'object' ||
    'runs' in stored ||
    !Array.isArray((stored as { items?: unknown }).items)
  ) {
    return stored; // the current form, or nothing a migration can read: the schema decides
  }
  const old = stored as { items?: { input?: { email?: string; displayName?: string } & Record<string, unknown> }[] };
  const runs: Record<string, unknown> = {};
  const items = (old.items ?? []).map((item, i) => {
    const { input = {}, ...rest } = item;
    const { email = '', displayName = '', ...options } = input;
    runs[`old-${i}`] = options;
    return { ...rest, email, name: displayName, run: `old-${i}` };
  });
  return { ...stored, items, runs };
}

const historyEntry = v.object({
  ...inviteResult.entries,
  state: v.optional(v.picklist(['Accepted', 'PendingAcceptance', 'NotFound', 'Unknown'])),
  stateSince: v.optional(v.number()),
  package: v.optional(v.object({ name: v.string(), requestId: v.string(), requestState: v.string() })),
  checkedAt: v.optional(v.number()),
}) satisfies v.GenericSchema<HistoryEntry>;

const found = v.object({ address: v.string(), name: v.optional(v.string()) });

export const ENTRIES = {
  settings: entry<Settings>({
    area: 'local',
    storedAs: 'settings',
    schema: settingsSchema,
    fallback: () => structuredClone(DEFAULT_SETTINGS),
    // Settings saved before a field existed take that field's default.
    migrate: (stored) =>
      stored && typeof stored === 'object'
        ? {
            ...DEFAULT_SETTINGS,
            ...stored,
            defaults: { ...DEFAULT_SETTINGS.defaults, ...(stored as Partial<Settings>).defaults },
          }
        : stored,
  }),
  /** The bulk queue: storage.local, so that it survives a browser restart. */
  queue: entry<Queue>({
    area: 'local',
    storedAs: 'queue',
    schema: queueSchema,
    fallback: emptyQueue,
    migrate: migrateQueue,
    pieces: { join: joinQueue, split: splitQueue, owns: isQueuePiece },
  }),
  history: entry<HistoryEntry[]>({
    area: 'local',
    storedAs: 'history',
    schema: v.array(historyEntry),
    fallback: () => [],
  }),
  /** Redeem links by user id: secrets, so in memory-only session storage unless the user keeps them. */
  redeemLinks: entry<Record<string, string>>({
    area: 'session',
    storedAs: 'redeemLinks',
    schema: v.record(v.string(), v.string()),
    fallback: () => ({}),
  }),
  /** What the popup remembers of its own layout: the options section open or closed. */
  popupUi: entry<{ optionsOpen: boolean }>({
    area: 'local',
    storedAs: 'popupUi',
    schema: v.object({ optionsOpen: v.boolean() }),
    fallback: () => ({ optionsOpen: false }),
  }),
  /** Each signed-in directory's name and primary domain, once read, by tenant id (the Invite button names it). */
  tenantNames: entry<Record<string, TenantName>>({
    area: 'local',
    storedAs: 'tenantNames',
    schema: v.record(
      v.string(),
      v.object({
        name: v.pipe(v.string(), v.maxLength(256)),
        domain: v.optional(v.pipe(v.string(), v.maxLength(256))),
      }),
    ),
    fallback: () => ({}),
  }),
  draft: entry<Draft | undefined>({
    area: 'session',
    storedAs: 'draft',
    schema: v.optional(v.object({ found: v.array(found), source: v.picklist(['selection', 'link', 'page']) })),
    fallback: () => undefined,
  }),
};

/** What earlier versions stored that nothing reads any more (one directory's name, before profiles). */
const RETIRED_LOCAL_KEYS = ['tenantName'];

export type Key = keyof typeof ENTRIES;
export type ValueOf<K extends Key> = (typeof ENTRIES)[K] extends Entry<infer T> ? T : never;

/** Typed, checked access to the entries above over one backend. */
export class Store {
  private readonly reported = new Set<Key>();
  /** The pieces of entries kept in pieces, as last read or written (storage key → JSON). */
  private readonly pieces = new Map<string, string>();
  private pieceWrites: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly backend: StorageBackend,
    /** Told once when a stored value is unreadable: it was set aside and its fallback stands in. */
    private readonly onCorrupt: (key: Key, issues: string) => void = () => undefined,
  ) {}

  async read<K extends Key>(key: K): Promise<ValueOf<K>> {
    const spec = ENTRIES[key] as unknown as Entry<ValueOf<K>>;
    const area = this.backend[spec.area];
    const main = await area.get(spec.storedAs);
    const stored = spec.pieces && main !== undefined ? await spec.pieces.join(main, area) : main;
    const checked = this.check(key, stored);
    if (spec.pieces && checked.issues === undefined) {
      for (const [piece, content] of Object.entries(spec.pieces.split(checked.value).pieces)) {
        this.pieces.set(piece, JSON.stringify(content));
      }
    }
    if (checked.issues !== undefined) {
      // Kept under another key for a look later, and out of the way: the next read is clean.
      await area.set(`${spec.storedAs}.unreadable`, stored).catch(() => undefined);
      await area.remove(spec.storedAs).catch(() => undefined);
      this.report(key, checked.issues);
    }
    return checked.value;
  }

  async write<K extends Key>(key: K, value: ValueOf<K>): Promise<void> {
    const spec = ENTRIES[key] as unknown as Entry<ValueOf<K>>;
    const area = this.backend[spec.area];
    if (!spec.pieces) return area.set(spec.storedAs, value);
    // One at a time, so that what is remembered as written is what storage holds.
    const write = this.pieceWrites.then(() => this.writePieces(spec, area, value));
    this.pieceWrites = write.catch(() => undefined);
    return write;
  }

  /** Only the pieces that changed, with the main key, in one write; then the pieces no longer there. */
  private async writePieces<T>(spec: Entry<T>, area: StorageArea, value: T): Promise<void> {
    const { main, pieces } = spec.pieces!.split(value);
    // Taken now: the values may change while the write is on its way, and what is remembered must be
    // what was written.
    const json = new Map(Object.entries(pieces).map(([piece, content]) => [piece, JSON.stringify(content)]));
    const changed: Record<string, unknown> = { [spec.storedAs]: main };
    for (const [piece, text] of json) if (this.pieces.get(piece) !== text) changed[piece] = JSON.parse(text);
    const gone = [...this.pieces.keys()].filter((piece) => spec.pieces!.owns(piece) && !json.has(piece));
    await area.setAll(changed);
    if (gone.length) await area.remove(gone);
    for (const piece of gone) this.pieces.delete(piece);
    for (const [piece, text] of json) this.pieces.set(piece, text);
  }

  /** Removes what earlier versions stored and nothing reads any more: kept no longer than needed. */
  removeRetired(): Promise<void> {
    return this.backend.local.remove(RETIRED_LOCAL_KEYS);
  }

  remove(key: Key): Promise<void> {
    const spec = ENTRIES[key];
    return this.backend[spec.area].remove(spec.storedAs);
  }

  /** Calls back with each new (checked) value of the key; returns the unsubscribe. */
  watch<K extends Key>(key: K, listener: (value: ValueOf<K>) => void): () => void {
    const spec = ENTRIES[key] as unknown as Entry<ValueOf<K>>;
    let waiting = false;
    let reads = 0;
    return this.backend.onChanged((area, changed, value) => {
      if (area !== spec.area) return;
      if (spec.pieces && (changed === spec.storedAs || spec.pieces.owns(changed))) {
        // One write changes several keys: read the whole value once they have all landed. Reads can
        // finish out of order; only the latest one is passed on.
        if (waiting) return;
        waiting = true;
        setTimeout(() => {
          waiting = false;
          const read = ++reads;
          void this.read(key).then((next) => read === reads && listener(next));
        });
        return;
      }
      if (changed !== spec.storedAs) return;
      const checked = this.check(key, value);
      if (checked.issues !== undefined) this.report(key, checked.issues);
      listener(checked.value);
    });
  }

  /** The stored value if it passes its schema (after migration), else the fallback and why. */
  private check<K extends Key>(key: K, stored: unknown): { value: ValueOf<K>; issues?: string } {
    const spec = ENTRIES[key] as unknown as Entry<ValueOf<K>>;
    if (stored === undefined) return { value: spec.fallback() };
    let migrated: unknown;
    try {
      migrated = spec.migrate ? spec.migrate(stored) : stored;
    } catch (error) {
      return { value: spec.fallback(), issues: `could not be migrated: ${String(error)}` };
    }
    const parsed = v.safeParse(spec.schema, migrated);
    return parsed.success ? { value: parsed.output } : { value: spec.fallback(), issues: v.summarize(parsed.issues) };
  }

  private report(key: Key, issues: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.onCorrupt(key, issues);
  }
}
