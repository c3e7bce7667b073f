/**
 * A rule's JavaScript pattern as a Vectorscan expression that matches a SUPERSET of it: every
 * end offset of a JS match in a text is an end offset of a Vectorscan match in the same text
 * scanned as bytes (one byte per UTF-16 code unit, units above U+00FF as `WIDE_BYTE`; see the
 * addon). V8 then verifies each hit, so a wider expression costs time, never a finding.
 *
 * Exact where it is cheap (literals, classes, `\b`), wider where Vectorscan cannot say the same
 * thing: lookarounds and multi-line anchors are dropped, `.` takes `\r`, a wide code unit is one
 * byte that every class able to hold any wide character also holds. What it cannot widen safely
 * (backreferences, the `u`/`v`/`y` flags, odd escapes) it refuses: that rule is then verified in
 * all its keyword windows, as with the JS engine.
 */

/** The byte a code unit above U+00FF becomes (the addon's `wideByte`). */
export const WIDE_BYTE = 0x80;

/** A Vectorscan expression (ASCII, bytes written `\xHH`) and whether it is compiled caseless. */
export type TranslatedPattern = { readonly expression: string; readonly caseless: boolean } | { readonly reason: string };

/** Bytes 0-255 a JS construct can match (after case folding), plus whether it can match a wide code unit. */
interface ByteSet {
  readonly bytes: Uint8Array;
  wide: boolean;
}

class Refused extends Error {}

const SPACES = [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0];
const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

// Every engine a thread builds (one per scan) translates the same patterns.
const translated = new Map<string, TranslatedPattern>();

export function translatePattern(pattern: string, flags: string): TranslatedPattern {
  const key = `${flags}\u0000${pattern}`;
  let known = translated.get(key);
  if (known === undefined) translated.set(key, (known = translateNow(pattern, flags)));
  return known;
}

function translateNow(pattern: string, flags: string): TranslatedPattern {
  if (/[uvy]/.test(flags)) return { reason: `flag \`${flags}\`` };
  try {
    const expression = new Translator(pattern, flags.includes("i"), flags.includes("m"), flags.includes("s")).run();
    return { expression, caseless: flags.includes("i") };
  } catch (error) {
    if (error instanceof Refused) return { reason: error.message };
    throw error;
  }
}

class Translator {
  private at = 0;
  private out = "";

  private readonly src: string;
  private readonly caseless: boolean;
  private readonly multiline: boolean;
  private readonly dotAll: boolean;

  constructor(src: string, caseless: boolean, multiline: boolean, dotAll: boolean) {
    this.src = src;
    this.caseless = caseless;
    this.multiline = multiline;
    this.dotAll = dotAll;
  }

  run(): string {
    let depth = 0;
    while (this.at < this.src.length) {
      const c = this.src[this.at++] ?? "";
      if (c === "(") {
        if (this.isLookaround()) {
          this.skipGroup();
          this.skipQuantifier();
          continue;
        }
        this.openGroup();
        depth++;
      } else if (c === ")") {
        if (--depth < 0) throw new Refused("unbalanced `)`");
        this.out += ")";
      } else if (c === "|") this.out += "|";
      else if (c === "^" || c === "$") {
        // With the m flag JS lines also end at \r, U+2028 and U+2029: drop the anchor.
        if (!this.multiline) this.out += c;
      } else if (c === "*" || c === "+" || c === "?") this.emitQuantifier(c);
      else if (c === "{" && this.boundedQuantifier() !== undefined) this.emitQuantifier(this.boundedQuantifier() ?? "");
      else if (c === "[") this.out += emitSet(this.readClass());
      else if (c === ".") this.out += emitSet(this.dot());
      else if (c === "\\") this.escape();
      else this.out += this.literal(c.charCodeAt(0));
    }
    if (depth !== 0) throw new Refused("unbalanced `(`");
    return this.out;
  }

  private isLookaround(): boolean {
    return /^\?(?:[=!]|<[=!])/.test(this.src.slice(this.at, this.at + 3));
  }

  private openGroup(): void {
    const rest = this.src.slice(this.at);
    const named = /^\?<([A-Za-z_$][\w$]*)>/.exec(rest);
    if (rest.startsWith("?:")) this.at += 2;
    else if (named !== null) this.at += named[0].length;
    else if (rest.startsWith("?")) throw new Refused("an unknown group `(?`");
    this.out += "(?:";
  }

  /** Skips a lookaround's body up to its closing parenthesis. */
  private skipGroup(): void {
    let depth = 1;
    while (this.at < this.src.length && depth > 0) {
      const c = this.src[this.at++];
      if (c === "\\") this.at++;
      else if (c === "[") this.readClass();
      else if (c === "(") depth++;
      else if (c === ")") depth--;
    }
    if (depth !== 0) throw new Refused("unbalanced lookaround");
  }

  private skipQuantifier(): void {
    const c = this.src[this.at];
    if (c === "*" || c === "+" || c === "?") this.at++;
    else if (c === "{" && this.boundedQuantifierAt(this.at + 1) !== undefined) this.at = this.src.indexOf("}", this.at) + 1;
    if (this.src[this.at] === "?") this.at++;
  }

  /** `{n}`, `{n,}` or `{n,m}` right after a `{` already read, else undefined (a literal brace). */
  private boundedQuantifier(): string | undefined {
    return this.boundedQuantifierAt(this.at);
  }

  private boundedQuantifierAt(at: number): string | undefined {
    const m = /^(\d+)(,(\d*))?\}/.exec(this.src.slice(at));
    return m === null ? undefined : `{${m[0]}`;
  }

  /** A quantifier; Vectorscan reports every match end, so laziness (`?` after it) means nothing. */
  private emitQuantifier(q: string): void {
    if (q.startsWith("{")) this.at += q.length - 1;
    this.out += q;
    if (this.src[this.at] === "?") this.at++;
  }

  private dot(): ByteSet {
    const set = emptySet();
    set.bytes.fill(1);
    set.wide = true;
    if (!this.dotAll) set.bytes[0x0a] = set.bytes[0x0d] = 0;
    return set;
  }

  private escape(): void {
    const c = this.src[this.at] ?? "";
    if (c === "b" || c === "B") {
      // ASCII word boundaries in both engines; the wide byte is a non-word byte like any wide character.
      this.at++;
      this.out += `\\${c}`;
      return;
    }
    const set = this.classEscape();
    this.out += set === undefined ? this.literal(this.escapeCode()) : emitSet(set);
  }

  /** The set of a class escape (`\d`, `\W`, `\s`...), read after its backslash; undefined for other escapes. */
  private classEscape(): ByteSet | undefined {
    const c = this.src[this.at] ?? "";
    const set = CLASS_ESCAPES[c];
    if (set === undefined) return undefined;
    this.at++;
    return set;
  }

  /** The code unit of a single-character escape, read after its backslash. */
  private escapeCode(): number {
    const c = this.src[this.at++] ?? "";
    const controls: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, f: 0x0c };
    const control = controls[c];
    if (control !== undefined) return control;
    if (c === "" || /[1-9]/.test(c) || c === "k") throw new Refused("a backreference or a dangling escape");
    if (c === "0") {
      if (/[0-9]/.test(this.src[this.at] ?? "")) throw new Refused("an octal escape");
      return 0;
    }
    if (c === "c") {
      const letter = this.src[this.at] ?? "";
      if (!/[A-Za-z]/.test(letter)) throw new Refused("`\\c` without a letter");
      this.at++;
      return letter.charCodeAt(0) % 32;
    }
    if (c === "x" || c === "u") {
      const digits = c === "x" ? 2 : 4;
      const hexDigits = this.src.slice(this.at, this.at + digits);
      if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hexDigits)) throw new Refused(`a malformed \`\\${c}\` escape`);
      this.at += digits;
      return parseInt(hexDigits, 16);
    }
    // Annex B identity escape: the character itself (`\/`, `\-`, `\.`, and letters outside u mode).
    return c.charCodeAt(0);
  }

  /** A literal code unit; ASCII is itself (Vectorscan's caseless flag folds ASCII letters as JS does). */
  private literal(code: number): string {
    return code < 0x80 ? hex(code) : emitSet(this.codeSet(code));
  }

  /** Adds a code unit and, with the i flag, the non-ASCII code units JS folds it with. */
  private addFolded(set: ByteSet, code: number): void {
    addCode(set, code);
    if (this.caseless && code >= 0x80) for (const other of equivalents(code)) addCode(set, other);
  }

  /** One code unit and, with the i flag, the code units JS folds it together with. */
  private codeSet(code: number): ByteSet {
    const set = emptySet();
    addCode(set, code);
    if (this.caseless && code >= 0x80) for (const other of equivalents(code)) addCode(set, other);
    return set;
  }

  /** A class `[...]`, read after its `[`. */
  private readClass(): ByteSet {
    const negated = this.src[this.at] === "^";
    if (negated) this.at++;
    const set = emptySet();
    while (this.at < this.src.length && this.src[this.at] !== "]") {
      const lo = this.classAtom(set);
      if (lo === undefined || this.src[this.at] !== "-" || this.src[this.at + 1] === "]" || this.at + 1 >= this.src.length) continue;
      this.at++;
      const hi = this.classAtom(set);
      // `[\w-x]`: Annex B reads the dash as itself.
      if (hi === undefined) addCode(set, 0x2d);
      else if (hi < lo) throw new Refused("a class range out of order");
      else for (let code = lo; code <= hi; code++) this.addFolded(set, code);
    }
    if (this.src[this.at] !== "]") throw new Refused("an unterminated class");
    this.at++;
    if (!negated) return set;
    // JS `[^S]` matches a code unit outside S. Excluding only Latin-1 bytes of S, never the wide
    // byte, keeps every JS match: a wide code unit is always let through.
    const result = emptySet();
    for (let b = 0; b <= 0xff; b++) result.bytes[b] = b !== WIDE_BYTE && set.bytes[b] === 1 ? 0 : 1;
    result.wide = true;
    return result;
  }

  /** One class atom, added to `set`; its code unit when it is a single one (a possible range end). */
  private classAtom(set: ByteSet): number | undefined {
    const c = this.src[this.at++] ?? "";
    let code = c.charCodeAt(0);
    if (c === "\\") {
      const escaped = this.classEscape();
      if (escaped !== undefined) {
        union(set, escaped);
        return undefined;
      }
      // In a class `\b` is a backspace.
      if (this.src[this.at] === "b") {
        this.at++;
        code = 0x08;
      } else code = this.escapeCode();
    }
    this.addFolded(set, code);
    return code;
  }
}

const WORD = setOf(range(0, 255).filter(isWord));
const DIGITS = setOf(range(48, 57));

/** What `\d`, `\w`, `\s` and their complements match (never mutated: unions copy from them). */
const CLASS_ESCAPES: Readonly<Record<string, ByteSet>> = {
  d: DIGITS,
  D: complement(DIGITS),
  w: WORD,
  W: complement(WORD),
  // JS \s also holds NBSP and wide spaces (U+2028, U+3000...).
  s: { ...setOf(SPACES), wide: true },
  S: complement(setOf(SPACES)),
};

function emptySet(): ByteSet {
  return { bytes: new Uint8Array(256), wide: false };
}

function setOf(codes: readonly number[]): ByteSet {
  const set = emptySet();
  for (const code of codes) addCode(set, code);
  return set;
}

function range(lo: number, hi: number): number[] {
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

function addCode(set: ByteSet, code: number): void {
  if (code <= 0xff) set.bytes[code] = 1;
  else set.wide = true;
}

function union(set: ByteSet, other: ByteSet): void {
  for (let b = 0; b <= 0xff; b++) if (other.bytes[b] === 1) set.bytes[b] = 1;
  if (other.wide) set.wide = true;
}

/** The Latin-1 complement of a set, with every wide code unit. */
function complement(set: ByteSet): ByteSet {
  const out = emptySet();
  for (let b = 0; b <= 0xff; b++) out.bytes[b] = set.bytes[b] === 1 ? 0 : 1;
  out.wide = true;
  return out;
}

/** A set as Vectorscan syntax: the wide byte joins when the set can match a wide code unit. */
function emitSet(set: ByteSet): string {
  const has = (b: number) => set.bytes[b] === 1 || (set.wide && b === WIDE_BYTE);
  let out = "";
  let count = 0;
  let only = 0;
  for (let lo = 0; lo <= 0xff; lo++) {
    if (!has(lo)) continue;
    let hi = lo;
    while (hi < 0xff && has(hi + 1)) hi++;
    out += lo === hi ? hex(lo) : hi === lo + 1 ? hex(lo) + hex(hi) : `${hex(lo)}-${hex(hi)}`;
    count += hi - lo + 1;
    only = lo;
    lo = hi;
  }
  if (count === 0) throw new Refused("a class that matches nothing");
  return count === 1 ? hex(only) : `[${out}]`;
}

/** A byte as Vectorscan syntax: ASCII letters and digits as themselves, everything else escaped. */
function hex(b: number): string {
  return isWord(b) && b !== 95 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`;
}

let foldGroups: { readonly canonical: Uint16Array; readonly groups: Map<number, number[]> } | undefined;

/** The code units JS's non-unicode `i` flag treats as equal to `code` (ES Canonicalize). */
function equivalents(code: number): readonly number[] {
  if (foldGroups === undefined) {
    const canonical = new Uint16Array(65536);
    const groups = new Map<number, number[]>();
    for (let c = 0; c < 65536; c++) {
      const upper = String.fromCharCode(c).toUpperCase();
      const u = upper.length === 1 ? upper.charCodeAt(0) : c;
      canonical[c] = c >= 128 && u < 128 ? c : u;
      const group = groups.get(canonical[c] ?? c);
      if (group === undefined) groups.set(canonical[c] ?? c, [c]);
      else group.push(c);
    }
    foldGroups = { canonical, groups };
  }
  return foldGroups.groups.get(foldGroups.canonical[code] ?? code) ?? [code];
}
