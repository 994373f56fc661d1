// Gathers addresses from every source on a page, deduplicated case-insensitively, in page order.
export interface Found {
  address: string;
  name?: string;
}

export class Collector {
  private readonly indexByKey = new Map<string, number>();
  private readonly found: Found[] = [];
  private readonly offsets: number[] = [];
  private inOrder = true;

  /** `offset` orders the results; the first sighting wins, a later one may add the name. */
  add(address: string, offset: number, name?: string, lowerCase?: string): void {
    const key = lowerCase ?? (hasUpperCase(address) ? address.toLowerCase() : address);
    const index = this.indexByKey.get(key);
    if (index === undefined) {
      const count = this.found.length;
      if (count && offset < this.offsets[count - 1]!) this.inOrder = false;
      this.indexByKey.set(key, count);
      this.found.push(name ? { address, name } : { address });
      this.offsets.push(offset);
      return;
    }
    if (offset < this.offsets[index]!) {
      this.offsets[index] = offset;
      this.inOrder = false;
    }
    if (name && !this.found[index]!.name) this.found[index]!.name = name;
  }

  /** Gives a name to the addresses that have none, from what surrounds their offset. */
  nameFrom(nameAt: (offset: number) => string | undefined): void {
    this.found.forEach((found, i) => {
      if (!found.name) {
        const name = nameAt(this.offsets[i]!);
        if (name) found.name = name;
      }
    });
  }

  list(): Found[] {
    if (this.inOrder) return this.found.slice();
    const order = this.found.map((_, i) => i).sort((a, b) => this.offsets[a]! - this.offsets[b]!);
    return order.map((i) => this.found[i]!);
  }
}

/** Cheaper than toLowerCase on the common, already lower-case address (no copy). */
function hasUpperCase(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return true;
  }
  return false;
}
