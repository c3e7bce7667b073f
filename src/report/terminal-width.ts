/** Terminals narrower than this get one block per credential instead of the wide table. */
export const WIDE_TABLE_MIN_COLUMNS = 120;

/** Clips each line to `columns` display cells (an ellipsis marks the cut); unknown width leaves lines alone. */
export function fitColumns(lines: readonly string[], columns: number | undefined): string[] {
  if (columns === undefined || columns <= 0) return [...lines];
  return lines.map((line) => clipLine(line, columns));
}

// SGR colour sequences take no cells: they are skipped when measuring and kept when clipping.
const SGR = /\u001b\[[0-9;]*m/y;

/** The visible width of a line (code points; colour codes excluded). */
export function visibleWidth(line: string): number {
  return [...line.replace(/\u001b\[[0-9;]*m/g, "")].length;
}

function clipLine(line: string, columns: number): string {
  if (visibleWidth(line) <= columns) return line;
  let out = "";
  let cells = 0;
  let i = 0;
  while (i < line.length) {
    SGR.lastIndex = i;
    const code = SGR.exec(line);
    if (code !== null) {
      out += code[0];
      i += code[0].length;
      continue;
    }
    const char = String.fromCodePoint(line.codePointAt(i) ?? 32);
    if (cells === columns - 1) {
      out += "…";
      break;
    }
    out += char;
    cells += 1;
    i += char.length;
  }
  // Close any colour left open by the cut.
  return out.includes("\u001b[") ? `${out}\u001b[0m` : out;
}

/**
 * Wraps each line at spaces to `columns` cells; continuation lines are indented like the line
 * itself plus `indent`. A word longer than a line is cut. Unknown width leaves lines alone.
 */
export function wrapColumns(lines: readonly string[], columns: number | undefined, indent = 2): string[] {
  if (columns === undefined || columns <= 0) return [...lines];
  return lines.flatMap((line) => wrapLine(line, columns, indent));
}

function wrapLine(line: string, columns: number, indent: number): string[] {
  if (visibleWidth(line) <= columns) return [line];
  const lead = /^ */.exec(line)?.[0] ?? "";
  const pad = " ".repeat(Math.min(lead.length + indent, Math.floor(columns / 2)));
  const out: string[] = [];
  let current = "";
  for (const word of line.slice(lead.length).split(" ")) {
    const prefix = out.length === 0 ? lead : pad;
    const candidate = current === "" ? `${prefix}${word}` : `${current} ${word}`;
    if (visibleWidth(candidate) <= columns) {
      current = candidate;
      continue;
    }
    if (current !== "") out.push(current);
    current = `${out.length === 0 ? lead : pad}${word}`;
    // A word wider than the line (a long path, a raw secret): cut it into pieces.
    while (visibleWidth(current) > columns) {
      const cut = fitColumns([current], columns)[0] ?? "";
      out.push(cut);
      current = `${pad}${[...current.replace(/\u001b\[[0-9;]*m/g, "")].slice(columns - 1).join("")}`;
    }
  }
  if (current.trim() !== "") out.push(current);
  return out;
}

/** Where a long word may break without cutting a part of it: after a path, id or address separator. */
const SOFT_BREAK = /[/\-_.:,@=&?]/;

/**
 * Wraps a table cell to `width` cells: at spaces, then inside a word too long for the cell after its
 * last separator that fits (`rails-secret-key-` / `base`, `config/` / `app.yml`), and only a word with
 * no separator past its first third (a hash, a raw secret) is cut. Colour sequences are never split: a coloured cell is
 * measured without them.
 */
export function wrapCell(text: string, width: number): string {
  if (width <= 0) return text;
  return text
    .split("\n")
    .flatMap((line) => (visibleWidth(line) <= width ? [line] : wrapPlain(line, width)))
    .join("\n");
}

function wrapPlain(line: string, width: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    const candidate = current === "" ? word : `${current} ${word}`;
    if (visibleWidth(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (current !== "") out.push(current);
    let rest = word;
    while (visibleWidth(rest) > width) {
      const chars = [...rest.replace(/\u001b\[[0-9;]*m/g, "")];
      // A separator near the start (`ghp_`, `sk-`) is part of a token, not a place to break it.
      let cut = width;
      for (let i = width - 1; i >= Math.ceil(width / 3); i--) {
        if (SOFT_BREAK.test(chars[i - 1] ?? "")) {
          cut = i;
          break;
        }
      }
      out.push(chars.slice(0, cut).join(""));
      rest = chars.slice(cut).join("");
    }
    current = rest;
  }
  if (current !== "") out.push(current);
  return out;
}
