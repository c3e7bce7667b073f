/**
 * Multi-keyword search in one pass: an Aho-Corasick automaton compiled to a dense DFA over
 * ASCII with case folding. Characters outside ASCII never occur in keywords and reset the
 * match. Reports which keywords occur, not where: that is all the prefilter needs.
 */
export interface KeywordAutomaton {
  /** Indices (into the keyword list) of the keywords that occur in `text`. */
  find(text: string): Set<number>;
}

const ASCII = 128;
// Below this length one lane is as fast as two, and simpler.
const TWO_LANES_FROM = 512;

/** Folded ASCII of every UTF-16 code unit, or 0 for everything else. */
function foldedAscii(c: number): number {
  if (c >= ASCII) return 0;
  return c >= 65 && c <= 90 ? c + 32 : c;
}

export function buildAutomaton(keywords: readonly string[]): KeywordAutomaton {
  // Alphabet compression: the characters keywords use get a class each, every other one shares
  // class 0. ~50 classes instead of 128 make the transition table small enough for the L1/L2 cache.
  const classOf = new Uint8Array(65536);
  let classes = 1;
  for (const keyword of keywords) {
    for (let i = 0; i < keyword.length; i++) {
      const c = foldedAscii(keyword.charCodeAt(i));
      if (c !== 0 && classOf[c] === 0) classOf[c] = classes++;
    }
  }
  for (let c = 65; c <= 90; c++) classOf[c] = classOf[c + 32] ?? 0;

  const { goto, outputs } = buildTrie(keywords, classOf, classes);
  const states = outputs.length;
  const delta = new Int32Array(states * classes);
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (let c = 0; c < classes; c++) {
    const next = goto[c] ?? -1;
    delta[c] = Math.max(next, 0);
    if (next > 0) queue.push(next);
  }
  // Breadth-first: a state's failure target is complete before its children need it.
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] ?? 0;
    const f = fail[state] ?? 0;
    outputs[state]?.push(...(outputs[f] ?? []));
    for (let c = 0; c < classes; c++) {
      const next = goto[state * classes + c] ?? -1;
      const viaFail = delta[f * classes + c] ?? 0;
      if (next >= 0) {
        fail[next] = viaFail;
        delta[state * classes + c] = next;
        queue.push(next);
      } else {
        delta[state * classes + c] = viaFail;
      }
    }
  }
  // Each entry holds the target's row offset shifted left once, with the low bit set when the
  // target reports keywords: the hot loop needs one table read per character.
  const table = new Int32Array(delta.length);
  for (let i = 0; i < delta.length; i++) {
    const target = delta[i] ?? 0;
    table[i] = ((target * classes) << 1) | ((outputs[target]?.length ?? 0) > 0 ? 1 : 0);
  }
  const outputsAt = (row: number) => outputs[row / classes] ?? [];
  const longest = Math.max(1, ...keywords.map((k) => k.length));
  const seen = new Uint8Array(keywords.length);

  return {
    find(text) {
      const hits: number[] = [];
      const report = (row: number) => {
        for (const k of outputsAt(row)) {
          if (seen[k] === 0) {
            seen[k] = 1;
            hits.push(k);
          }
        }
      };
      const n = text.length;
      let a = 0;
      let i = 0;
      if (n >= TWO_LANES_FROM) {
        // Two independent lanes over the two halves: each step of a DFA waits on the previous
        // table read, two chains interleaved keep the CPU busy (~1.7x here). The first lane runs
        // on past the middle by one keyword length, so no keyword straddling it is missed.
        let b = 0;
        let j = n >> 1;
        for (; j < n; i++, j++) {
          const ea = table[a + (classOf[text.charCodeAt(i)] ?? 0)] ?? 0;
          const eb = table[b + (classOf[text.charCodeAt(j)] ?? 0)] ?? 0;
          a = ea >> 1;
          b = eb >> 1;
          if (((ea | eb) & 1) !== 0) {
            if ((ea & 1) !== 0) report(a);
            if ((eb & 1) !== 0) report(b);
          }
        }
      }
      const end = n >= TWO_LANES_FROM ? Math.min(n, i + longest - 1) : n;
      for (; i < end; i++) {
        const e = table[a + (classOf[text.charCodeAt(i)] ?? 0)] ?? 0;
        a = e >> 1;
        if ((e & 1) !== 0) report(a);
      }
      for (const k of hits) seen[k] = 0;
      return new Set(hits);
    },
  };
}

function buildTrie(keywords: readonly string[], classOf: Uint8Array, classes: number): { goto: number[]; outputs: number[][] } {
  const goto: number[] = [];
  const outputs: number[][] = [];
  const newState = () => {
    for (let c = 0; c < classes; c++) goto.push(-1);
    outputs.push([]);
    return outputs.length - 1;
  };
  newState();
  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const at = state * classes + (classOf[keyword.charCodeAt(i)] ?? 0);
      if ((goto[at] ?? -1) < 0) goto[at] = newState();
      state = goto[at] ?? 0;
    }
    outputs[state]?.push(index);
  });
  return { goto, outputs };
}
