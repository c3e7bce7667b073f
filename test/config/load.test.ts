import path from "node:path";
import { describe, expect, test } from "vitest";
import { readConfigFile, resolveConfig } from "../../src/config/load.js";
import { CONFIG_DEFAULTS, configSchema } from "../../src/config/schema.js";
import { ConfigError } from "../../src/model/errors.js";

const FIXTURES = path.resolve(import.meta.dirname, "..", "..", "fixtures", "configs");

describe("config loader", () => {
  test("the written-out defaults are what the schema makes of an empty file", () => {
    expect(CONFIG_DEFAULTS).toEqual(configSchema().parse({}));
  });

  test.each([
    ["wrong-type.yaml", /wrong-type\.yaml: policy\.maxAgeDays: .*expected number/],
    ["unknown-key.yaml", /unknown-key\.yaml: .*Unrecognized key.*"polcy"/],
    ["bad-regex.yaml", /bad-regex\.yaml: allowlist\.regexes\[0\]: expected a valid JavaScript regular expression/],
    ["bad-fail-on.yaml", /bad-fail-on\.yaml: policy\.failOn: expected `finding`.*got `grade<Q`/],
    ["bad-yaml.yaml", /bad-yaml\.yaml: expected valid YAML/],
    ["bad-enum.yaml", /bad-enum\.yaml: minConfidence: .*"low"\|"medium"\|"high"/],
    ["empty-owner.yaml", /empty-owner\.yaml: owners\.src\/\*\*: expected an owner such as @org\/team/],
    ["negative-size.yaml", /negative-size\.yaml: maxFileSize: expected a size in bytes/],
  ])("%s is rejected with the file, key and expectation", (name, message) => {
    const file = path.join(FIXTURES, "invalid", name);
    let error: unknown;
    try {
      resolveConfig(FIXTURES, { configFile: file }, FIXTURES);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
  });

  test("an empty file means all defaults", () => {
    const config = resolveConfig(FIXTURES, { configFile: path.join(FIXTURES, "valid", "empty.yaml") }, FIXTURES);
    expect(config.policy).toEqual({ maxAgeDays: 90, activeAuthorDays: 180, certWarnDays: 30, failOn: ["finding"] });
    expect(config.maxFileSize).toBe(10 * 1024 * 1024);
  });

  test("every key is read; flags override the file", () => {
    const file = path.join(FIXTURES, "valid", "full.yaml");
    expect(readConfigFile(file).exclude).toEqual(["vendor/**"]);
    const config = resolveConfig(FIXTURES, { configFile: file, maxFileSize: 5 }, FIXTURES);
    expect(config.policy.failOn).toEqual(["grade<C", "missing-owner"]);
    expect(config.policy.maxAgeDays).toBe(30);
    expect(config.owners).toEqual({ "src/**": "@acme/dev" });
    expect(config.minConfidence).toBe("medium");
    expect(config.maxFileSize).toBe(5);
    expect(resolveConfig(FIXTURES, { configFile: file, failOn: ["none"] }, FIXTURES).policy.failOn).toEqual(["none"]);
  });

  test("a missing --config file is an error", () => {
    expect(() => resolveConfig(FIXTURES, { configFile: "nope.yml" }, FIXTURES)).toThrow(/nope\.yml: config file not found/);
  });
});
