// Keyword prefilter over bytes. AssemblyScript, compiled with `--enable simd` by
// scripts/build-wasm.js; the JS side (src/detectors/wasm-prefilter.ts) writes the tables and
// the text, this module reports which keywords occur.
//
// Why not a Teddy nibble fingerprint: with ~500 keywords in 8 buckets the fingerprint of the
// first three bytes passes 69-87 % of all positions (measured on the bench tree), so nearly
// every byte is verified. Instead every position's first three (folded) bytes are hashed into
// a 64 Ki-bit table of the keywords' three-byte prefixes (~8 % of positions pass), then its
// first four into a second table for the keywords of four bytes or more; what passes both is
// verified exactly against the keyword list. SIMD folds the case of 16 bytes per step.
//
// Two-byte keywords ("sk", "fb") are found apart, by SIMD compares 16 positions at a time: in
// the three-byte table each would take 256 entries and pass ~2 % more positions.
//
// Memory layout (the JS side uses the same constants):
//   64       PAIRS: u32 count, then per two-byte keyword u8 byte 0, u8 byte 1, u16 keyword index
//   256      FOUND: one byte per keyword, set when it occurs
//   4096     ENTRIES: 16 bytes per keyword: u32 prefix, u32 prefix mask, u32 byte offset,
//            u16 length, u16 keyword index
//   40960    KEYBYTES: the keywords' bytes (lower case)
//   106496   SHORT: 65536 bits, set for the 3-byte hashes under which a keyword of 3 bytes
//            is listed
//   114688   BITMAP4: 65536 bits, set for the hash of the first four bytes of every longer
//            keyword: the second test, before a list is read
//   122880   PRISTINE: the bitmap as built (8 KiB), copied to BITMAP at every scan
//   131072   BITMAP: 65536 bits, set for the hash of every keyword's first three bytes;
//            a hash whose keywords have all been found is cleared during a scan
//   139264   START: 65537 x u32: where each hash's entry list begins in LISTS
//   401424   LISTS: u16 entry numbers grouped by hash
//   1048576  INPUT: the text, one byte per character (the JS side sends only texts below
//            U+0100), then 48 zero bytes
const PAIRS: usize = 64;
const FOUND: usize = 256;
const ENTRIES: usize = 4096;
const SHORT: usize = 106496;
const BITMAP4: usize = 114688;
const PRISTINE: usize = 122880;
const BITMAP: usize = 131072;
const START: usize = 139264;
const LISTS: usize = 401424;
const INPUT: usize = 1048576;

/** Folds A-Z to a-z in place: keywords are lower case, the match is case-insensitive. */
function fold(n: usize): void {
  const a = i8x16.splat(65);
  const span = i8x16.splat(26);
  const bit = i8x16.splat(0x20);
  for (let p = INPUT; p < INPUT + n; p += 16) {
    const v = v128.load(p);
    const upper = i8x16.lt_u(i8x16.sub(v, a), span);
    v128.store(p, v128.or(v, v128.and(upper, bit)));
  }
}

// @ts-ignore: decorator
@inline
function hash3(x: u32): u32 {
  return ((x & 0xffffff) * 0x9e3779b1) >> 16;
}

// @ts-ignore: decorator
@inline
function isSet(bits: usize, h: usize): bool {
  return ((<u32>load<u8>(bits + (h >> 3)) >> <u32>(h & 7)) & 1) != 0;
}

/** Checks the keywords listed under hash `h` at byte `pos`; returns how many newly occur. */
function verify(h: usize, pos: usize, n: usize): i32 {
  const at = INPUT + pos;
  const head = load<u32>(at);
  // Most three-byte hits ("con", "ser") start no keyword: the four-byte table says so first.
  if (!isSet(SHORT, h) && !isSet(BITMAP4, <usize>((head * 0x9e3779b1) >> 16))) return 0;
  let hits = 0;
  let pending = 0;
  const end = load<u32>(START + (h + 1) * 4);
  for (let l = load<u32>(START + h * 4); l < end; l++) {
    const entry = ENTRIES + (<usize>load<u16>(LISTS + (<usize>l << 1)) << 4);
    const index = <usize>load<u16>(entry, 14);
    if (load<u8>(FOUND + index) != 0) continue;
    pending++;
    if ((head & load<u32>(entry, 4)) != load<u32>(entry)) continue;
    const len = <usize>load<u16>(entry, 12);
    if (pos + len > n) continue;
    if (len > 4 && memory.compare(at + 4, <usize>load<u32>(entry, 8) + 4, len - 4) != 0) continue;
    store<u8>(FOUND + index, 1);
    hits++;
  }
  // Common prefixes ("con", "ser") stop costing anything once their keywords are found.
  if (pending == hits) store<u8>(BITMAP + (h >> 3), load<u8>(BITMAP + (h >> 3)) & ~(<u8>1 << <u8>(h & 7)));
  return hits;
}

/** Marks the two-byte keywords that occur in the `n` bytes at INPUT; returns how many. */
function scanPairs(n: usize): i32 {
  const pairs = <usize>load<u32>(PAIRS);
  let found = 0;
  for (let i: usize = 0; i < n && <usize>found < pairs; i += 16) {
    const b0 = v128.load(INPUT + i);
    const b1 = v128.load(INPUT + i + 1);
    let m = i8x16.splat(0);
    for (let k: usize = 0; k < pairs; k++) {
      const pair = PAIRS + 4 + k * 4;
      m = v128.or(m, v128.and(i8x16.eq(b0, i8x16.splat(load<u8>(pair))), i8x16.eq(b1, i8x16.splat(load<u8>(pair, 1)))));
    }
    if (!v128.any_true(m)) continue;
    let lanes = i8x16.bitmask(m);
    if (i + 16 > n) lanes &= (1 << <i32>(n - i)) - 1;
    while (lanes != 0) {
      const at = INPUT + i + <usize>ctz(lanes);
      lanes &= lanes - 1;
      for (let k: usize = 0; k < pairs; k++) {
        const pair = PAIRS + 4 + k * 4;
        const index = <usize>load<u16>(pair, 2);
        if (load<u16>(at) != load<u16>(pair) || load<u8>(FOUND + index) != 0 || at + 2 > INPUT + n) continue;
        store<u8>(FOUND + index, 1);
        found++;
      }
    }
  }
  return found;
}

/**
 * Scans `n` bytes at INPUT for `count` keywords; marks FOUND and returns how many occur.
 * Stops early once every keyword has been seen.
 */
export function scan(n: usize, count: i32): i32 {
  memory.fill(FOUND, 0, <usize>count);
  memory.copy(BITMAP, PRISTINE, 8192);
  fold(n);
  memory.fill(INPUT + n, 0, 48);
  let found = scanPairs(n);
  // Four positions per step from one 8-byte load; one branch unless a prefix may start there.
  for (let pos: usize = 0; pos < n; pos += 4) {
    const x = load<u64>(INPUT + pos);
    const h0 = <usize>hash3(<u32>x);
    const h1 = <usize>hash3(<u32>(x >> 8));
    const h2 = <usize>hash3(<u32>(x >> 16));
    const h3 = <usize>hash3(<u32>(x >> 24));
    const b0 = (<u32>load<u8>(BITMAP + (h0 >> 3)) >> <u32>(h0 & 7)) & 1;
    const b1 = (<u32>load<u8>(BITMAP + (h1 >> 3)) >> <u32>(h1 & 7)) & 1;
    const b2 = (<u32>load<u8>(BITMAP + (h2 >> 3)) >> <u32>(h2 & 7)) & 1;
    const b3 = (<u32>load<u8>(BITMAP + (h3 >> 3)) >> <u32>(h3 & 7)) & 1;
    if ((b0 | b1 | b2 | b3) == 0) continue;
    if (b0 != 0) found += verify(h0, pos, n);
    if (b1 != 0 && pos + 1 < n) found += verify(h1, pos + 1, n);
    if (b2 != 0 && pos + 2 < n) found += verify(h2, pos + 2, n);
    if (b3 != 0 && pos + 3 < n) found += verify(h3, pos + 3, n);
    if (found == count) break;
  }
  return found;
}
