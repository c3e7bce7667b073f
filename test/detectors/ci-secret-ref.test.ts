import { describe, expect, test } from "vitest";
import { detector } from "../../src/detectors/ci-secret-ref.js";
import { detect } from "../helpers/detect.js";

const WORKFLOW = `name: release
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: make
  publish:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
          SLACK: \${{ secrets['SLACK_WEBHOOK'] || secrets.FALLBACK_HOOK }}
  reuse:
    uses: acme/workflows/.github/workflows/deploy.yml@v2
    secrets: inherit
`;

const ids = (text: string, path: string) => detect(detector, text, path).map((c) => c.secret);

describe("ci-secret-ref: invalid (inventoried as managed references)", () => {
  test("GitHub Actions: each secret with its workflow and job", () => {
    const found = detect(detector, WORKFLOW, ".github/workflows/release.yml");
    expect(found.map((c) => [c.secret, c.parts?.["job"]])).toEqual([
      ["github-actions:secrets.NPM_TOKEN", "publish"],
      ["github-actions:secrets.SLACK_WEBHOOK", "publish"],
      ["github-actions:secrets.FALLBACK_HOOK", "publish"],
      ["github-actions:secrets.*", "reuse"],
    ]);
    expect(found[0]).toMatchObject({
      ruleId: "ci-secret-ref",
      kind: "managed-reference",
      provider: "github-actions",
      confidence: "high",
      severity: "low",
      parts: { name: "NPM_TOKEN", workflow: ".github/workflows/release.yml" },
    });
    expect(WORKFLOW.slice(found[0]?.start, found[0]?.end)).toBe("secrets.NPM_TOKEN");
  });

  test.each([
    [
      "GitLab CI variables",
      ".gitlab-ci.yml",
      'deploy:\n  script:\n    - ./deploy --token "$DEPLOY_TOKEN" --job "$CI_JOB_TOKEN"\n',
      ["gitlab-ci:variables.DEPLOY_TOKEN", "gitlab-ci:variables.CI_JOB_TOKEN"],
    ],
    [
      "GitLab CI Vault secret",
      ".gitlab-ci.yml",
      "job:\n  secrets:\n    DATABASE_PASSWORD:\n      vault: production/db/password@ops\n",
      ["vault:production/db/password@ops"],
    ],
    ["CircleCI context (scalar)", ".circleci/config.yml", "      - deploy:\n          context: aws-prod\n", ["circleci:context.aws-prod"]],
    [
      "CircleCI context (list)",
      ".circleci/config.yml",
      "      - deploy:\n          context:\n            - org-global\n            - signing\n",
      ["circleci:context.org-global", "circleci:context.signing"],
    ],
    [
      "CircleCI context (flow)",
      ".circleci/config.yml",
      "          context: [org-global, signing]\n",
      ["circleci:context.org-global", "circleci:context.signing"],
    ],
    [
      "Azure Pipelines",
      "azure-pipelines.yml",
      "variables:\n  - group: prod-secrets\nsteps:\n  - script: deploy --key $(API_KEY) --env $(Build.SourceBranch)\n",
      ["azure-pipelines:variables.API_KEY", "azure-pipelines:group.prod-secrets"],
    ],
    [
      "Jenkins",
      "Jenkinsfile",
      "environment {\n  CREDS = credentials('nexus-deploy')\n}\nwithCredentials([string(credentialsId: 'slack-token', variable: 'T')]) {}\n",
      ["jenkins:credentials.nexus-deploy", "jenkins:credentials.slack-token"],
    ],
    ["Drone", ".drone.yml", "    environment:\n      TOKEN:\n        from_secret: docker_token\n", ["drone:secrets.docker_token"]],
    [
      "Kubernetes secretKeyRef",
      "k8s/app.yaml",
      "          valueFrom:\n            secretKeyRef:\n              name: orders-db\n              key: password\n",
      ["kubernetes:secret/orders-db#password"],
    ],
    [
      "Kubernetes secretKeyRef (flow)",
      "k8s/app.yaml",
      "            secretKeyRef: {name: orders-db, key: password}\n",
      ["kubernetes:secret/orders-db#password"],
    ],
    [
      "Kubernetes envFrom",
      "k8s/app.yaml",
      "          envFrom:\n            - secretRef:\n                name: orders-env\n",
      ["kubernetes:secret/orders-env"],
    ],
    [
      "Kubernetes volume",
      "k8s/app.yaml",
      "      volumes:\n        - name: tls\n          secret:\n            secretName: orders-tls\n",
      ["kubernetes:secret/orders-tls"],
    ],
    ["Vault CLI", "scripts/env.sh", 'export DB_PASSWORD="$(vault kv get -field=password secret/orders/db)"\n', ["vault:secret/orders/db"]],
    ["Vault URI", "config/app.yaml", "api_key: vault:secret/data/orders#api_key\n", ["vault:secret/data/orders#api_key"]],
  ])("%s", (_name, path, text, expected) => {
    expect(ids(text, path)).toEqual(expected);
  });
});

describe("ci-secret-ref: valid (nothing reported)", () => {
  test.each([
    ["workflow variables and contexts", ".github/workflows/ci.yml", "    env:\n      REGION: ${{ vars.REGION }}\n      SHA: ${{ github.sha }}\n"],
    ["secrets syntax outside a workflow", "docs/ci.md", "Use `${{ secrets.NPM_TOKEN }}` in your workflow."],
    ["GitLab predefined variables", ".gitlab-ci.yml", 'build:\n  script:\n    - echo "$CI_COMMIT_SHA $CI_PROJECT_NAME $HOME"\n'],
    ["Azure predefined variables", "azure-pipelines.yml", "  - script: echo $(Build.BuildId) $(System.DefaultWorkingDirectory)\n"],
    [
      "a Helm-templated secret name",
      "charts/app/templates/deploy.yaml",
      "            secretKeyRef:\n              name: {{ .Values.secretName }}\n              key: password\n",
    ],
    ["a vault word in prose", "README.md", "Secrets live in vault; ask the platform team."],
  ])("%s", (_name, path, text) => {
    expect(detect(detector, text, path)).toEqual([]);
  });
});
