/**
 * A map that keeps its most recently used entries within a total size (bytes, or any measure
 * `sizeOf` gives), dropping the least recently used first. An entry larger than the whole
 * bound is not kept at all.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(
    private readonly maxSize: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: delete and set again.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const size = this.sizeOf(value);
    if (size > this.maxSize) return;
    this.entries.set(key, { value, size });
    this.total += size;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxSize) break;
      this.entries.delete(oldest);
      this.total -= entry.size;
    }
  }

  /** Grows an entry's recorded size after its value grew (e.g. a compressed copy was added). */
  resize(key: K): void {
    const entry = this.entries.get(key);
    if (entry) this.set(key, entry.value);
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.size;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** The sum of the kept entries' sizes. */
  get size(): number {
    return this.total;
  }

  get count(): number {
    return this.entries.size;
  }
}
