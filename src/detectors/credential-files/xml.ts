import type { CredentialField } from "./field.js";

// Bounded runs keep these linear on long one-line files.
const ELEMENT = /<([\w:.-]{1,100})((?:\s{1,20}[\w:.-]{1,100}\s{0,5}=\s{0,5}"[^"<]{0,200}")*)\s{0,20}>([^<]{1,4000})<\/\1\s{0,5}>/g;
const TAG = /<[\w:.-]{1,100}((?:\s{1,20}[\w:.-]{1,100}\s{0,5}=\s{0,5}(?:"[^"<]{0,4000}"|'[^'<]{0,4000}'))+)\s{0,20}\/?>/g;
const ATTRIBUTE = /([\w:.-]{1,100})\s{0,5}=\s{0,5}(?:"([^"<]{0,4000})"|'([^'<]{0,4000})')/g;
const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(value: string): string {
  return value.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g, (all, name?: string, dec?: string, hex?: string) => {
    if (name !== undefined) return ENTITIES[name] ?? all;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? "", 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

function attributesOf(text: string): { name: string; value: string; index: number; raw: string }[] {
  const out: { name: string; value: string; index: number; raw: string }[] = [];
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(text); m !== null; m = ATTRIBUTE.exec(text)) {
    const raw = m[2] ?? m[3] ?? "";
    out.push({ name: m[1] ?? "", value: unescapeXml(raw), raw, index: m.index + m[0].length - raw.length - 1 });
  }
  return out;
}

/**
 * Values of XML credential files: the text of leaf elements (`<password>…</password>`, FileZilla
 * `<Pass encoding="base64">`), every attribute (`password="…"`), and `key`/`name` + `value` pairs
 * (`<add key="ClearTextPassword" value="…"/>`, `<option name="password" value="…"/>`).
 */
export function xmlFields(source: string): CredentialField[] {
  const out: CredentialField[] = [];
  // Commented-out samples are not configuration: blanked, so that offsets stay.
  const text = source.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, " "));
  ELEMENT.lastIndex = 0;
  for (let m = ELEMENT.exec(text); m !== null; m = ELEMENT.exec(text)) {
    const raw = m[3] ?? "";
    const value = unescapeXml(raw.trim());
    const start = m.index + m[0].lastIndexOf(raw) + (raw.length - raw.trimStart().length);
    const encoding = attributesOf(m[2] ?? "").find((a) => a.name === "encoding")?.value;
    out.push({ key: m[1] ?? "", value, start, end: start + raw.trim().length, ...(encoding === undefined ? {} : { encoding }) });
  }
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m !== null; m = TAG.exec(text)) {
    const offset = m.index + m[0].indexOf(m[1] ?? "");
    const attributes = attributesOf(m[1] ?? "");
    const named = attributes.find((a) => a.name === "key" || a.name === "name")?.value;
    for (const a of attributes) {
      if (a.name === "key" || a.name === "name") continue;
      const key = a.name === "value" && named !== undefined ? named : a.name;
      out.push({ key, value: a.value, start: offset + a.index, end: offset + a.index + a.raw.length });
    }
  }
  return out;
}
