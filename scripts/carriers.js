// Carriers for the context-free recall matrix (issue 18 item 5): the same example line written into
// ten kinds of file people paste credentials into. The secret's key or name is kept: an assignment
// (`KEY=value`, `key: "value"`) is re-wrapped in each syntax (`"key": "value"` in JSON, an attribute
// in XML, `export KEY="value"` in shell…); any other line (a command, a URL, a header) is carried
// verbatim, escaped only as the syntax needs. Shared by test/carriers/carrier-matrix.test.ts and
// bench/accuracy.js.

/** The carriers, in report order. */
export const CARRIERS = ["txt", "no-extension", "log", "json", "yaml", "env", "xml-attribute", "shell-export", "code-literal", "markdown"];

/** `KEY=value`, `key: value` (a colon needs a space after it: `user:500:hash` is a record, `jdbc:…` a URL), `"key": "value"`, `export KEY="value"`, `const key = "value";` on one line. */
const ASSIGNMENT =
  /^\s*(?:export\s+|(?:const|let|var|final|static|private|public|String)\s+)*["']?([A-Za-z_][\w.-]{0,80})["']?\s*(?::=|=>|=|:(?=\s))\s*(["'`]?)([^\s"'`]{1,2000})\2\s*[,;]?\s*$/;

/** The name and value of a one-line assignment whose value holds the secret, or undefined. */
export function assignmentOf(input, secret) {
  if (input.includes("\n")) return undefined;
  const m = ASSIGNMENT.exec(input);
  if (m === null) return undefined;
  const value = m[3] ?? "";
  return secret === undefined || value.includes(secret) ? { name: m[1] ?? "", value } : undefined;
}

const isJson = (text) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};
const xmlEscape = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const shellName = (name) => name.replace(/[^A-Za-z0-9_]/g, "_");
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const XML_NAME = /^[A-Za-z_][\w.-]*$/;
const indent = (text, by) =>
  text
    .split("\n")
    .map((l) => by + l)
    .join("\n");

/** The relative file name and content of an example line in a carrier. */
export function carry(carrier, input, secret) {
  const a = assignmentOf(input, secret);
  switch (carrier) {
    case "txt":
      return { file: "notes.txt", text: `${input}\n` };
    case "no-extension":
      return { file: "notes", text: `${input}\n` };
    case "log":
      return {
        file: "deploy.log",
        text: input.includes("\n") ? `2026-03-02T10:15:07Z INFO deploy: loaded settings\n${input}\n` : `2026-03-02T10:15:07Z INFO deploy: ${input}\n`,
      };
    case "json":
      // A line that is JSON already is its own carrier; any other is a string value, escaped as JSON must.
      if (!a && /^\s*[{[]/.test(input) && isJson(input)) return { file: "settings.json", text: `${input}\n` };
      return { file: "settings.json", text: a ? `{\n  "${a.name}": ${JSON.stringify(a.value)}\n}\n` : `{\n  "note": ${JSON.stringify(input)}\n}\n` };
    case "yaml":
      return { file: "settings.yaml", text: a ? `${a.name}: ${JSON.stringify(a.value)}\n` : `note: |\n${indent(input, "  ")}\n` };
    case "env":
      return { file: ".env", text: a ? `${shellName(a.name)}=${a.value}\n` : `${input}\n` };
    case "xml-attribute":
      // Markup is its own carrier; other text goes into an attribute, single-quoted when it holds double quotes.
      if (!a && /^\s*</.test(input)) return { file: "settings.xml", text: `${input}\n` };
      if (!a && input.includes('"') && !input.includes("'"))
        return { file: "settings.xml", text: `<configuration>\n  <note text='${input.replace(/&/g, "&amp;").replace(/</g, "&lt;")}'/>\n</configuration>\n` };
      if (a && XML_NAME.test(a.name)) return { file: "settings.xml", text: `<configuration>\n  <add ${a.name}="${xmlEscape(a.value)}"/>\n</configuration>\n` };
      return {
        file: "settings.xml",
        text: a
          ? `<configuration>\n  <add key="${a.name}" value="${xmlEscape(a.value)}"/>\n</configuration>\n`
          : `<configuration>\n  <note text="${xmlEscape(input)}"/>\n</configuration>\n`,
      };
    case "shell-export":
      return { file: "deploy.sh", text: a ? `#!/bin/sh\nexport ${shellName(a.name)}="${a.value}"\n` : `#!/bin/sh\n${input}\n` };
    case "code-literal":
      if (a && IDENTIFIER.test(a.name)) return { file: "client.js", text: `const ${a.name} = "${a.value}";\n` };
      if (a) return { file: "client.js", text: `config[${JSON.stringify(a.name)}] = "${a.value}";\n` };
      // Other text as a JavaScript string as people paste it: single quotes, or a template literal
      // that keeps double quotes and line breaks; escaped only when neither can hold it.
      if (!/['\\\n]/.test(input)) return { file: "client.js", text: `const note = '${input}';\n` };
      if (!/[`\\]|\$\{/.test(input)) return { file: "client.js", text: `const note = \`${input}\`;\n` };
      return { file: "client.js", text: `const note = ${JSON.stringify(input)};\n` };
    case "markdown":
      return { file: "README.md", text: `## Setup\n\n\`\`\`\n${input}\n\`\`\`\n` };
    default:
      throw new Error(`unknown carrier ${carrier}`);
  }
}
