import { describe, expect, test } from "vitest";
import { ciEnvironments } from "../../src/inventory/ci-environment.js";

const github = `name: deploy
on: push
env:
  SHARED: x
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - run: ./deploy.sh
  preview:
    runs-on: ubuntu-latest
    environment:
      name: staging
      url: https://staging.example.test
    steps:
      - run: ./preview.sh
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: npm run lint
`;

const gitlab = `variables:
  GLOBAL: x
stages: [deploy]
deploy_prod:
  stage: deploy
  environment: production
  script:
    - ./deploy.sh
deploy_dev:
  stage: deploy
  environment:
    name: development
  script:
    - ./deploy.sh dev
`;

describe("CI environment names", () => {
  test.each([
    ["workflow-level env: every job's environment", github, 4, ["production", "staging"]],
    ["inside the production job", github, 10, ["production"]],
    ["on the job's key line", github, 6, ["production"]],
    ["inside the staging job (name form)", github, 17, ["staging"]],
    ["inside a job without an environment", github, 21, []],
    ["GitLab global variables", gitlab, 2, ["development", "production"]],
    ["GitLab production job", gitlab, 8, ["production"]],
    ["GitLab development job", gitlab, 14, ["development"]],
  ])("%s", (_name, text, line, expected) => {
    expect(ciEnvironments(text)(line)).toEqual(expected);
  });

  test.each([
    ["no environments", "jobs:\n  a:\n    steps: []\n"],
    ["invalid YAML", "jobs: [\n"],
    ["not YAML at all", "pipeline { stages { } }"],
  ])("%s → none", (_name, text) => {
    expect(ciEnvironments(text)(2)).toEqual([]);
  });
});
