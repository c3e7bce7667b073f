/**
 * A bounded open-addressing table from keys of 56 bits (a 32-bit `lo` and the top 24 bits of
 * `hi`) to a byte of flags: the lines of git history already scanned. Key and flags share one
 * pair of 32-bit words, so a probe reads one cache line. It grows by doubling up to `maxBits`
 * slots and is emptied when full at that size, so memory stays bounded; forgetting a key only
 * costs a rescan.
 */
export class LineKeyTable {
  // slots[2i]: the top 24 bits of hi and 8 bits of flags (never 0, so 0 marks an empty slot); slots[2i + 1]: lo.
  private slots: Int32Array;
  private mask: number;
  private size = 0;
  private readonly maxBits: number;
  /** How many times the table was emptied at its size limit. */
  resets = 0;

  // 2^21 slots: 16 MB a thread at most.
  constructor(initialBits = 14, maxBits = 21) {
    this.maxBits = Math.max(initialBits, maxBits);
    this.slots = new Int32Array(2 << initialBits);
    this.mask = (1 << initialBits) - 1;
  }

  /** The flags (1 to 255) stored for the key, or 0 when it is absent. */
  get(hi: number, lo: number): number {
    const { mask, slots } = this;
    const key = hi & ~0xff;
    for (let slot = lo & mask; ; slot = (slot + 1) & mask) {
      const word = slots[slot * 2] ?? 0;
      if (word === 0) return 0;
      if ((word & ~0xff) === key && slots[slot * 2 + 1] === lo) return word & 0xff;
    }
  }

  /** Changes whenever slots move (growth, emptying): a slot from `find` is valid while it stays. */
  epoch = 0;

  /** The slot that holds the key, or the empty slot where it would go (see `flagsAt`, `setAt`). */
  find(hi: number, lo: number): number {
    const { mask, slots } = this;
    const key = hi & ~0xff;
    for (let slot = lo & mask; ; slot = (slot + 1) & mask) {
      const word = slots[slot * 2] ?? 0;
      if (word === 0 || ((word & ~0xff) === key && slots[slot * 2 + 1] === lo)) return slot;
    }
  }

  /** The flags in a slot from `find`, 0 when empty. */
  flagsAt(slot: number): number {
    return (this.slots[slot * 2] ?? 0) & 0xff;
  }

  /** `set` through a slot from `find` of the same epoch, saving the probe; falls back to `set`. */
  setAt(slot: number, epoch: number, hi: number, lo: number, flags: number): void {
    const { slots } = this;
    const word = slots[slot * 2] ?? 0;
    if (epoch === this.epoch && word === 0 && (this.size + 1) * 4 <= (this.mask + 1) * 3) {
      slots[slot * 2] = (hi & ~0xff) | (flags & 0xff);
      slots[slot * 2 + 1] = lo;
      this.size++;
    } else if (epoch === this.epoch && word !== 0 && (word & ~0xff) === (hi & ~0xff) && slots[slot * 2 + 1] === lo) {
      slots[slot * 2] = (hi & ~0xff) | (flags & 0xff);
    } else {
      this.set(hi, lo, flags);
    }
  }

  /** Stores the key with its flags (1 to 255), replacing earlier flags. */
  set(hi: number, lo: number, flags: number): void {
    if ((this.size + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const { mask, slots } = this;
    const word = (hi & ~0xff) | (flags & 0xff);
    for (let slot = lo & mask; ; slot = (slot + 1) & mask) {
      const old = slots[slot * 2] ?? 0;
      if (old === 0) {
        slots[slot * 2] = word;
        slots[slot * 2 + 1] = lo;
        this.size++;
        return;
      }
      if ((old & ~0xff) === (word & ~0xff) && slots[slot * 2 + 1] === lo) {
        slots[slot * 2] = word;
        return;
      }
    }
  }

  /** Bytes held by the table. */
  get byteLength(): number {
    return this.slots.byteLength;
  }

  private grow(): void {
    const slots = this.slots;
    const count = slots.length / 2;
    this.epoch++;
    if (Math.log2(count) >= this.maxBits) {
      slots.fill(0);
      this.size = 0;
      this.resets++;
      return;
    }
    this.slots = new Int32Array(slots.length * 2);
    this.mask = count * 2 - 1;
    this.size = 0;
    for (let slot = 0; slot < count; slot++) {
      const word = slots[slot * 2] ?? 0;
      if (word !== 0) this.set(word, slots[slot * 2 + 1] ?? 0, word & 0xff);
    }
  }
}
