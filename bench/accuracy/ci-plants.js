// Plants for the ci-secret-ref detector: references to managed secrets (inventory, not leaks) in
// GitHub Actions, GitLab CI, CircleCI, Jenkins, Kubernetes manifests and Vault paths.
import { pickOne } from "./corpus.js";

const NAMES = ["DEPLOY_KEY", "NPM_TOKEN", "DOCKERHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "SLACK_WEBHOOK_SECRET", "SONAR_TOKEN", "PROD_DB_PASSWORD", "SIGNING_KEY"];

const ref = (id, name) => ({ family: "ci-secret-ref", rule: "ci-secret-ref", secret: id, kind: "managed-reference", name });

function githubWorkflow(corpus, rand, index) {
  const file = `.github/workflows/${pickOne(rand, ["deploy", "release", "ci", "nightly"])}-${index}.yml`;
  corpus.add(file, [
    "name: pipeline",
    "on: [push]",
    "jobs:",
    "  build:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "      - run: make build",
  ]);
  for (const name of [pickOne(rand, NAMES), pickOne(rand, NAMES)]) {
    corpus.add(
      file,
      [`      - run: ./scripts/publish.sh`, `        env:`, `          ${name}: \${{ secrets.${name} }}`],
      ref(`github-actions:secrets.${name}`, name),
    );
  }
  corpus.add(file, ["  reuse:", "    uses: acme/workflows/.github/workflows/deploy.yml@v2", "    secrets: inherit"], ref("github-actions:secrets.*", "*"));
}

function gitlabCi(corpus, rand) {
  const name = pickOne(rand, NAMES);
  corpus.add(
    ".gitlab-ci.yml",
    [`deploy-${name.toLowerCase()}:`, "  stage: deploy", "  script:", `    - ./deploy.sh --token "$${name}"`],
    ref(`gitlab-ci:variables.${name}`, name),
  );
}

function kubernetes(corpus, rand, index) {
  const secretName = pickOne(rand, ["orders-db", "payments-api", "smtp-relay", "search-admin"]);
  const key = pickOne(rand, ["password", "api-key", "token"]);
  const file = `k8s/base/app-${index}-deployment.yaml`;
  corpus.add(file, [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "        - name: app",
    "          env:",
  ]);
  corpus.add(
    file,
    [
      "            - name: APP_SECRET",
      "              valueFrom:",
      "                secretKeyRef:",
      `                  name: ${secretName}`,
      `                  key: ${key}`,
    ],
    ref(`kubernetes:secret/${secretName}#${key}`, secretName),
  );
  corpus.add(
    file,
    ["          envFrom:", "            - secretRef:", `                name: ${secretName}-env`],
    ref(`kubernetes:secret/${secretName}-env`, secretName),
  );
}

function circleAndJenkins(corpus, rand, index) {
  const context = pickOne(rand, ["org-global", "aws-prod", "release-signing"]);
  corpus.add(
    ".circleci/config.yml",
    ["workflows:", `  build-${index}:`, "    jobs:", "      - deploy:", `          context: ${context}`],
    ref(`circleci:context.${context}`, context),
  );
  const id = pickOne(rand, ["nexus-deploy", "github-app", "prod-kubeconfig"]);
  corpus.add(
    "Jenkinsfile",
    ["        stage('Deploy') {", "          environment {", `            DEPLOY_CREDS = credentials('${id}')`, "          }", "        }"],
    ref(`jenkins:credentials.${id}`, id),
  );
}

function vault(corpus, rand) {
  const path = `secret/data/${pickOne(rand, ["orders", "payments", "search"])}/${pickOne(rand, ["db", "api"])}`;
  if (rand() < 0.5) corpus.add("scripts/fetch-secrets.sh", `export DB_PASSWORD="$(vault kv get -field=password ${path})"`, ref(`vault:${path}`, path));
  else corpus.add("config/secrets-refs.yaml", `api_key: vault:${path}#api_key`, ref(`vault:${path}#api_key`, path));
}

export function plantManagedReferences(corpus, rand, count) {
  for (let i = 0; i < count; i++) {
    const r = i % 5;
    if (r === 0) githubWorkflow(corpus, rand, i);
    else if (r === 1) gitlabCi(corpus, rand);
    else if (r === 2) kubernetes(corpus, rand, i);
    else if (r === 3) circleAndJenkins(corpus, rand, i);
    else vault(corpus, rand);
  }
}
