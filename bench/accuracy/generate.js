// The seeded accuracy corpus: realistic files with planted format-valid FAKE credentials of every
// rule family and detector, plus decoys. Shared by `npm run bench:accuracy` and the engine
// equivalence test (test/engine/engine-equivalence.test.ts).
import { mkdirSync, rmSync } from "node:fs";
import { fakeSecrets, prng } from "../../scripts/fake-secrets.js";
import { plantManagedReferences } from "./ci-plants.js";
import { Corpus } from "./corpus.js";
import { plantDecoys } from "./decoys.js";
import { plantEncoded, plantGenericAssignments, plantJwts, plantStructuredConfig, plantUriCredentials } from "./detector-plants.js";
import { plantCertificates, plantPrivateKeys } from "./key-plants.js";
import { plantIssue12Decoys, plantProviderShapes } from "./issue12-plants.js";
import { plantRuleFamilies } from "./rule-plants.js";

/** Writes the corpus for a seed into `dir` (replacing it); returns the truth, the rules not planted and the file count. */
export function generateCorpus(dir, rules, seed = 1) {
  const rand = prng(seed);
  const fake = fakeSecrets(seed + 1);
  const corpus = new Corpus(rand);
  const skipped = plantRuleFamilies(corpus, rules, rand);
  plantJwts(corpus, fake, rand, 40);
  plantUriCredentials(corpus, fake, rand, 60);
  plantStructuredConfig(corpus, fake, rand, 120);
  plantGenericAssignments(corpus, fake, rand, 80);
  plantEncoded(corpus, fake, rand, 30);
  plantPrivateKeys(corpus, rand, 21);
  plantCertificates(corpus, rand, 8);
  plantManagedReferences(corpus, rand, 40);
  plantDecoys(corpus, fake, rand, 6);
  plantProviderShapes(corpus, fake, rand, 20);
  plantIssue12Decoys(corpus, fake, rand);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const truth = corpus.write(dir);
  return { truth, skipped, files: corpus.files.size };
}
