// Types of scripts/fake-secrets.js for the TypeScript tests (test/helpers/fake-secrets.ts re-exports them).
export function prng(seed: number): () => number;
export function fakeSecrets(seed?: number): unknown;
