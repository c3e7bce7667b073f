import { describe, expect, test } from "vitest";
import { terminalSafeJson, visibleDeep, visibleLines, visibleText } from "../../src/report/terminal-text.js";

describe("terminal-text", () => {
  test.each([
    ["plain text stays", "src/app.env", "src/app.env"],
    ["ESC and BEL (window title)", "a\u001b]0;PWNED\u0007b", "a\\x1b]0;PWNED\\x07b"],
    ["CSI erase", "\u001b[2J", "\\x1b[2J"],
    ["line breaks and tabs in a one-line field", "a\nb\r\tc", "a\\x0ab\\x0d\\x09c"],
    ["DEL and C1 CSI", "a\u007fb\u009bc", "a\\x7fb\\x9bc"],
    ["bidi override and isolate", "invoice\u202Egnp\u2066x\u2069", "invoice\\u202egnp\\u2066x\\u2069"],
    ["non-control unicode stays", "ключ – ✓ 🔑", "ключ – ✓ 🔑"],
  ])("visibleText: %s", (_name, input, expected) => {
    expect(visibleText(input)).toBe(expected);
  });

  test("visibleLines keeps line breaks between lines", () => {
    expect(visibleLines("one\u001b\ntwo")).toBe("one\\x1b\ntwo");
  });

  test("terminalSafeJson escapes what JSON.stringify leaves raw, and parses back to the same value", () => {
    const value = { path: "a\u009b\u202e\u007f\u001b" };
    const json = terminalSafeJson(JSON.stringify(value));
    expect(json).toBe('{"path":"a\\u009b\\u202e\\u007f\\u001b"}');
    expect(JSON.parse(json)).toEqual(value);
  });

  test("visibleDeep reaches nested strings and object keys, and leaves other values alone", () => {
    const input = { items: [{ path: "x\u001by", line: 3, ok: true, none: null }], byOwner: { "@team\u202e": 2 } };
    expect(visibleDeep(input)).toEqual({ items: [{ path: "x\\x1by", line: 3, ok: true, none: null }], byOwner: { "@team\\u202e": 2 } });
    expect(input.items[0]?.path).toBe("x\u001by");
  });
});
