import { describe, expect, test } from "vitest";
import { lineWindows } from "../../src/util/text.js";

const windows = (text: string, positions: number[], before: number, after: number) =>
  [...lineWindows(text, positions, before, after)].map(({ from, to }) => text.slice(from, to));

describe("lineWindows", () => {
  const text = "a1\nb2\nc3\nd4\ne5\nf6\ng7";

  test("a position's line with the lines before and after it, merged where they touch", () => {
    expect(windows(text, [text.indexOf("c3")], 1, 1)).toEqual(["b2\nc3\nd4"]);
    expect(windows(text, [text.indexOf("b2"), text.indexOf("d4")], 1, 1)).toEqual(["a1\nb2\nc3\nd4\ne5"]);
    expect(windows(text, [text.indexOf("a1"), text.indexOf("g7")], 1, 1)).toEqual(["a1\nb2", "f6\ng7"]);
    expect(windows(text, [text.indexOf("b2"), text.indexOf("e5")], 0, 2)).toEqual(["b2\nc3\nd4", "e5\nf6\ng7"]);
  });

  test("a line break at the very start, and many positions on one long line", () => {
    expect(windows("\nkey here\nnext", [1], 1, 0)).toEqual(["\nkey here"]);
    const long = `${"x key ".repeat(1000)}\nafter`;
    const all = [...long.matchAll(/key/g)].map((m) => m.index);
    expect(windows(long, all, 1, 1)).toEqual([long]);
  });
});
