// Gathers addresses from every source on a page, deduplicated case-insensitively, in page order.
export interface Found {
  address: string;
  name?: string;
}

interface Entry extends Found {
  offset: number;
}

export class Collector {
  private readonly byKey = new Map<string, Entry>();

  /** `offset` orders the results; the first sighting wins, a later one may add the name. */
  add(address: string, offset: number, name?: string): void {
    const key = address.toLowerCase();
    const known = this.byKey.get(key);
    if (!known) {
      this.byKey.set(key, name ? { address, name, offset } : { address, offset });
      return;
    }
    if (offset < known.offset) known.offset = offset;
    if (name && !known.name) known.name = name;
  }

  get size(): number {
    return this.byKey.size;
  }

  list(): Found[] {
    return [...this.byKey.values()]
      .sort((a, b) => a.offset - b.offset)
      .map(({ address, name }) => (name ? { address, name } : { address }));
  }
}
