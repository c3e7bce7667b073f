/**
 * Multi-keyword search in one pass: an Aho-Corasick automaton compiled to a dense DFA over
 * ASCII with case folding. Non-ASCII characters never occur in keywords and reset the match.
 * Reports which keywords occur, not where: that is all the prefilter needs.
 */
export interface KeywordAutomaton {
  /** Indices (into the keyword list) of the keywords that occur in `text`. */
  find(text: string): Set<number>;
}

const ALPHABET = 128;

export function buildAutomaton(keywords: readonly string[]): KeywordAutomaton {
  const fold = new Uint8Array(ALPHABET);
  for (let c = 0; c < ALPHABET; c++) fold[c] = c >= 65 && c <= 90 ? c + 32 : c;
  // Trie: goto[state * ALPHABET + c], -1 = none.
  const go: number[] = [];
  const outputs: number[][] = [];
  const newState = () => {
    for (let c = 0; c < ALPHABET; c++) go.push(-1);
    outputs.push([]);
    return outputs.length - 1;
  };
  newState();
  keywords.forEach((keyword, index) => {
    let state = 0;
    for (const ch of keyword.toLowerCase()) {
      const c = fold[ch.charCodeAt(0) & 0x7f] ?? 0;
      const at = state * ALPHABET + c;
      if ((go[at] ?? -1) < 0) go[at] = newState();
      state = go[at] ?? 0;
    }
    outputs[state]?.push(index);
  });
  const states = outputs.length;
  const delta = new Int32Array(states * ALPHABET);
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (let c = 0; c < ALPHABET; c++) {
    const next = go[c] ?? -1;
    delta[c] = next < 0 ? 0 : next;
    if (next > 0) queue.push(next);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head] ?? 0;
    const f = fail[state] ?? 0;
    outputs[state]?.push(...(outputs[f] ?? []));
    for (let c = 0; c < ALPHABET; c++) {
      const next = go[state * ALPHABET + c] ?? -1;
      if (next >= 0) {
        fail[next] = delta[f * ALPHABET + c] ?? 0;
        delta[state * ALPHABET + c] = next;
        queue.push(next);
      } else {
        delta[state * ALPHABET + c] = delta[f * ALPHABET + c] ?? 0;
      }
    }
  }
  const hasOutput = new Uint8Array(states);
  outputs.forEach((o, s) => (hasOutput[s] = o.length > 0 ? 1 : 0));
  return {
    find(text) {
      const found = new Set<number>();
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        state = delta[state * ALPHABET + (c < ALPHABET ? (fold[c] ?? 0) : 0)] ?? 0;
        if (hasOutput[state] === 1) {
          for (const k of outputs[state] ?? []) found.add(k);
          if (found.size === keywords.length) break;
        }
      }
      return found;
    },
  };
}
