import { describe, expect, test } from "vitest";
import { treeFields } from "../../../src/detectors/credential-files/tree.js";

function read(text: string, isJson: boolean) {
  return treeFields(text, isJson).map((f) => ({ key: f.key, path: f.path?.join("/"), value: f.value, at: text.slice(f.start, f.end) }));
}

describe("tree parser (JSON, JSONC, YAML)", () => {
  test("Docker config.json: keys with dots stay whole; the path names the enclosing keys", () => {
    const text = '{\n\t"auths": {\n\t\t"registry.acme.io:5000": { "auth": "Y2k6cHc=" }\n\t}\n}';
    expect(read(text, true)).toEqual([{ key: "auth", path: "auths/registry.acme.io:5000", value: "Y2k6cHc=", at: "Y2k6cHc=" }]);
  });

  test("JSONC with comments and a trailing comma (Sublime sftp-config.json)", () => {
    const text = '{\n  // "password": "old",\n  "host": "web.acme.io",\n  "password": "admin", /* inline */\n}\n';
    expect(read(text, true).filter((f) => f.key === "password")).toEqual([{ key: "password", path: "", value: "admin", at: "admin" }]);
  });

  test("kubeconfig users: sequence items are walked, quotes are outside the offsets", () => {
    const text = "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    token: 'kube-tok'\n    password: admin\n";
    expect(read(text, false).filter((f) => f.path === "users/user")).toEqual([
      { key: "token", path: "users/user", value: "kube-tok", at: "kube-tok" },
      { key: "password", path: "users/user", value: "admin", at: "admin" },
    ]);
  });

  test("broken input yields nothing rather than throwing", () => {
    expect(read('{ "password": ', true)).toEqual([]);
    expect(read("a: [\n", false)).toEqual([]);
  });
});
