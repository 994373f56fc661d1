// Gathers addresses from every source on a page, deduplicated case-insensitively, in page order.
// The dedup table is our own open-addressing hash on the scanner's case-folded hash: a Map keyed
// by strings cost more than the whole scan (each new string is hashed again by the engine). A page
// can craft addresses whose hashes collide; once a probe runs long, the table gives way to a Map.
import { hashStep } from './chars';
import { isStable } from './unicode';

export interface Found {
  address: string;
  name?: string;
}

export class Collector {
  private readonly found: Found[] = [];
  private readonly offsets: number[] = [];
  /** Each entry's hash, by entry index (kept to rebuild the slots when they grow). */
  private hashes: Int32Array = new Int32Array(64);
  /** Open addressing, linear probing: entry index + 1, or 0 for an empty slot. */
  private slots: Int32Array = new Int32Array(128);
  private inOrder = true;
  private freeSlot = 0;
  /** Entries by lower-case address, once collisions made the table slow (see indexOf). */
  private byAddress: Map<string, number> | undefined;

  /**
   * `offset` orders the results; the first sighting wins, a later one may add the name. `hash`
   * is `hashKey(address)` when the caller already has it. Returns the address's entry.
   */
  add(address: string, offset: number, name?: string, hash = hashKey(address)): number {
    const existing = this.indexOf(address, hash);
    if (existing !== -1) {
      if (offset < this.offsets[existing]) {
        this.offsets[existing] = offset;
        this.inOrder = false;
      }
      this.nameIfMissing(existing, name);
      return existing;
    }
    const slot = this.freeSlot;
    const index = this.found.length;
    if (index && offset < this.offsets[index - 1]) this.inOrder = false;
    this.found.push(name ? { address, name } : { address });
    this.offsets.push(offset);
    if (this.byAddress) {
      this.byAddress.set(address.toLowerCase(), index);
      return index;
    }
    if (index === this.hashes.length) this.hashes = grown(this.hashes, this.hashes.length * 2);
    this.hashes[index] = hash;
    this.slots[slot] = index + 1;
    if ((index + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return index;
  }

  /** Whether the entry has a name. */
  named(entry: number): boolean {
    return !!this.found[entry].name;
  }

  nameIfMissing(entry: number, name: string | undefined): void {
    if (name && !this.found[entry].name) this.found[entry].name = name;
  }

  list(): Found[] {
    if (this.inOrder) return this.found.slice();
    const order = this.found.map((_, i) => i).sort((a, b) => this.offsets[a] - this.offsets[b]);
    return order.map((i) => this.found[i]);
  }

  /** The entry's index, or -1; then freeSlot is where it would go. */
  private indexOf(address: string, hash: number): number {
    if (this.byAddress) return this.byAddress.get(address.toLowerCase()) ?? -1;
    const mask = this.slots.length - 1;
    let slot = spread(hash) & mask;
    let probes = 0;
    for (let entry = this.slots[slot]; entry !== 0; entry = this.slots[slot]) {
      const index = entry - 1;
      if (this.hashes[index] === hash && sameAddress(this.found[index].address, address)) return index;
      slot = (slot + 1) & mask;
      // At most half full, so a long run means hashes that collide on purpose: a Map from here on.
      if (++probes > MAX_PROBES) {
        this.byAddress = new Map(this.found.map((f, i) => [f.address.toLowerCase(), i]));
        return this.indexOf(address, hash);
      }
    }
    this.freeSlot = slot;
    return -1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let index = 0; index < this.found.length; index++) {
      let slot = spread(this.hashes[index]) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.slots = slots;
  }
}

/**
 * The case-folded hash of an address, as the scanner computes it while reading one: the local
 * part right to left from the `@`, then the `@` and the domain left to right. Non-ASCII addresses
 * are lower-cased first (toLowerCase knows their cases); ASCII is folded as it is read.
 */
export function hashKey(address: string): number {
  const key = caseless(address) ? address : address.toLowerCase();
  const at = key.lastIndexOf('@');
  let h = 0;
  for (let i = at - 1; i >= 0; i--) h = hashStep(h, folded(key.charCodeAt(i)));
  for (let i = at; i < key.length; i++) h = hashStep(h, folded(key.charCodeAt(i)));
  return h;
}

const folded = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** ASCII (folded as it is hashed), kana, Han and Hangul only: no lower-casing needed beyond ASCII's. */
function caseless(address: string): boolean {
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if (c >= 0x80 && (c < 0x3041 || !isStable(c))) return false;
  }
  return true;
}

/** Far longer than any honest probe in a table at most half full (about 1.5 on average). */
const MAX_PROBES = 64;

function sameAddress(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase();
}

/** `h * 31 + c` keeps similar addresses in nearby low bits; mix before taking a slot. */
function spread(hash: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  return h ^ (h >>> 16);
}

function grown(values: Int32Array, size: number): Int32Array {
  const next = new Int32Array(size);
  next.set(values);
  return next;
}
