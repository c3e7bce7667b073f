import type { Occurrences } from "../model/engine.js";

/**
 * Multi-keyword search in one pass: an Aho-Corasick automaton compiled to a dense DFA over
 * ASCII with case folding. Characters outside ASCII never occur in keywords and reset the
 * match. Reports every occurrence (overlapping ones too) with its end offset.
 */
export interface KeywordAutomaton {
  /** Every keyword occurrence in `text`, by end offset, ties by keyword index. */
  scan(text: string): Occurrences;
}

/** Folded ASCII of every UTF-16 code unit, or 0 for everything else. */
const FOLD = new Uint8Array(65536);
for (let c = 1; c < 128; c++) FOLD[c] = c >= 65 && c <= 90 ? c + 32 : c;

export function buildAutomaton(keywords: readonly string[]): KeywordAutomaton {
  // Only the characters that occur in keywords get a class of their own (others share 0): the
  // table shrinks from 128 columns to the next power of two, and stays in cache.
  const CLASS = new Uint8Array(65536);
  let classes = 1;
  for (const keyword of keywords) {
    for (let i = 0; i < keyword.length; i++) {
      const f = FOLD[keyword.charCodeAt(i)] ?? 0;
      if (f !== 0 && CLASS[f] === 0) CLASS[f] = classes++;
    }
  }
  for (let c = 65; c <= 90; c++) CLASS[c] = CLASS[c + 32] ?? 0;
  const BITS = Math.max(1, Math.ceil(Math.log2(classes)));
  const ALPHABET = 1 << BITS;
  const { goto, outputs } = buildTrie(keywords, CLASS, ALPHABET);
  const states = outputs.length;
  const delta = new Int32Array(states * ALPHABET);
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (let c = 0; c < ALPHABET; c++) {
    const next = goto[c] ?? -1;
    delta[c] = Math.max(next, 0);
    if (next > 0) queue.push(next);
  }
  // Breadth-first: a state's failure target is complete before its children need it.
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] ?? 0;
    const f = fail[state] ?? 0;
    outputs[state]?.push(...(outputs[f] ?? []));
    for (let c = 0; c < ALPHABET; c++) {
      const next = goto[state * ALPHABET + c] ?? -1;
      const viaFail = delta[f * ALPHABET + c] ?? 0;
      if (next >= 0) {
        fail[next] = viaFail;
        delta[state * ALPHABET + c] = next;
        queue.push(next);
      } else {
        delta[state * ALPHABET + c] = viaFail;
      }
    }
  }
  // Each entry holds the target state shifted left once, with the low bit set when the target
  // reports keywords: the hot loop needs one table read per character.
  const table = new Int32Array(delta.length);
  for (let i = 0; i < delta.length; i++) {
    const target = delta[i] ?? 0;
    table[i] = (target << 1) | ((outputs[target]?.length ?? 0) > 0 ? 1 : 0);
  }
  // Each state's keywords ascending, flat: first[s]..first[s + 1] in `reported`.
  const first = new Int32Array(states + 1);
  const reported: number[] = [];
  for (let s = 0; s < states; s++) {
    first[s] = reported.length;
    reported.push(...[...new Set(outputs[s] ?? [])].sort((a, b) => a - b));
  }
  first[states] = reported.length;
  const out = Int32Array.from(reported);
  let ids = new Int32Array(256);
  let ends = new Int32Array(256);
  return {
    scan(text) {
      let n = 0;
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const entry = table[(state << BITS) | (CLASS[text.charCodeAt(i)] ?? 0)] ?? 0;
        state = entry >> 1;
        if ((entry & 1) === 1) {
          const to = first[state + 1] ?? 0;
          for (let j = first[state] ?? 0; j < to; j++) {
            if (n === ids.length) {
              const grownIds = new Int32Array(n * 2);
              grownIds.set(ids);
              ids = grownIds;
              const grownEnds = new Int32Array(n * 2);
              grownEnds.set(ends);
              ends = grownEnds;
            }
            ids[n] = out[j] ?? 0;
            ends[n] = i + 1;
            n++;
          }
        }
      }
      return { count: n, id: ids.slice(0, n), end: ends.slice(0, n) };
    },
  };
}

function buildTrie(keywords: readonly string[], CLASS: Uint8Array, ALPHABET: number): { goto: number[]; outputs: number[][] } {
  const goto: number[] = [];
  const outputs: number[][] = [];
  const newState = () => {
    for (let c = 0; c < ALPHABET; c++) goto.push(-1);
    outputs.push([]);
    return outputs.length - 1;
  };
  newState();
  keywords.forEach((keyword, index) => {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const at = state * ALPHABET + (CLASS[keyword.charCodeAt(i)] ?? 0);
      if ((goto[at] ?? -1) < 0) goto[at] = newState();
      state = goto[at] ?? 0;
    }
    outputs[state]?.push(index);
  });
  return { goto, outputs };
}
