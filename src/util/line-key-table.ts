/**
 * A bounded open-addressing table from 64-bit keys (two 32-bit halves) to a few flag bits: the
 * lines of git history already scanned. It grows by doubling up to `maxBits` slots and is emptied
 * when full at that size, so memory stays bounded; forgetting a key only costs a rescan.
 */
export class LineKeyTable {
  private hi: Int32Array;
  private lo: Int32Array;
  // 0 marks an empty slot: stored flags always have a bit set.
  private flags: Uint8Array;
  private mask: number;
  private size = 0;
  private readonly maxBits: number;
  /** How many times the table was emptied at its size limit. */
  resets = 0;

  constructor(initialBits = 14, maxBits = 22) {
    this.maxBits = Math.max(initialBits, maxBits);
    this.hi = new Int32Array(1 << initialBits);
    this.lo = new Int32Array(1 << initialBits);
    this.flags = new Uint8Array(1 << initialBits);
    this.mask = (1 << initialBits) - 1;
  }

  /** The flags stored for the key, or 0 when it is absent. */
  get(hi: number, lo: number): number {
    const { mask, flags } = this;
    for (let slot = lo & mask; ; slot = (slot + 1) & mask) {
      const f = flags[slot] ?? 0;
      if (f === 0) return 0;
      if (this.lo[slot] === lo && this.hi[slot] === hi) return f;
    }
  }

  /** Stores the key with its flags (non-zero), replacing earlier flags. */
  set(hi: number, lo: number, value: number): void {
    if ((this.size + 1) * 4 > this.flags.length * 3) this.grow();
    const { mask, flags } = this;
    for (let slot = lo & mask; ; slot = (slot + 1) & mask) {
      const f = flags[slot] ?? 0;
      if (f === 0) {
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        flags[slot] = value;
        this.size++;
        return;
      }
      if (this.lo[slot] === lo && this.hi[slot] === hi) {
        flags[slot] = value;
        return;
      }
    }
  }

  /** Bytes held by the table. */
  get byteLength(): number {
    return this.flags.length * 9;
  }

  private grow(): void {
    const bits = Math.log2(this.flags.length);
    if (bits >= this.maxBits) {
      this.flags.fill(0);
      this.size = 0;
      this.resets++;
      return;
    }
    const { hi, lo, flags } = this;
    this.hi = new Int32Array(flags.length * 2);
    this.lo = new Int32Array(flags.length * 2);
    this.flags = new Uint8Array(flags.length * 2);
    this.mask = flags.length * 2 - 1;
    this.size = 0;
    for (let slot = 0; slot < flags.length; slot++) {
      const f = flags[slot] ?? 0;
      if (f !== 0) this.set(hi[slot] ?? 0, lo[slot] ?? 0, f);
    }
  }
}
