import { describe, expect, test } from "vitest";
import { findBacktrackingRisk } from "../../src/rules/regex-safety.js";

describe("findBacktrackingRisk", () => {
  test.each([
    "\\b(ghp_[A-Za-z0-9]{36})\\b",
    "(?:aws|amazon)[^\\n]{0,20}?([A-Za-z0-9/+]{40})",
    "-----BEGIN ([A-Z ]{0,20})PRIVATE KEY-----",
    "(sk_live_[0-9a-zA-Z]{24,99})",
    "(?:xoxb|xoxp)-([0-9]{10,13}-[0-9A-Za-z-]{10,48})",
    "(a|b)+c",
    "\\((?:x)\\)+",
    "[(]+a",
    "password\\s*[:=]\\s*(\\S+)",
    ".*a|.*b|.*c",
    "\\.+\\.+\\.+",
  ])("accepts %s", (pattern) => {
    expect(findBacktrackingRisk(pattern)).toBeUndefined();
  });

  test.each([
    ["(a+)+b", /nested quantifier/],
    ["(\\w*)*x", /nested quantifier/],
    ["(?:x+y?)+", /nested quantifier/],
    ["((?:ab)+)*", /nested quantifier/],
    ["(?:[a-z]+\\.){2,}", /nested quantifier/],
    ["(a|ab)*c", /overlapping alternation/],
    ["(?:a|a)+", /overlapping alternation/],
    ["(?:.|x)*", /overlapping alternation/],
    [".*a.*a.*b", /polynomial/],
    ["\\w+\\w+\\w+x", /polynomial/],
    ["key=\\S+\\s\\S*\\S{2,}", /polynomial/],
  ])("rejects %s", (pattern, message) => {
    expect(findBacktrackingRisk(pattern)).toMatch(message);
  });
});
