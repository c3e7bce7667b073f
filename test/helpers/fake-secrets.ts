// Typed re-export of the shared fake-secret generator (scripts/fake-secrets.js).
import { fakeSecrets as untyped } from "../../scripts/fake-secrets.js";

export interface FakeSecrets {
  pick(alphabet: string, n: number): string;
  githubClassicPat(): string;
  githubOauth(): string;
  npmToken(): string;
  awsAccessKeyId(): string;
  awsSecretKey(): string;
  stripeLiveKey(): string;
  slackBotToken(): string;
  slackWebhook(): string;
  openAiKey(): string;
  password(): string;
  hex(n: number): string;
  jwt(claims: Record<string, unknown>): string;
  privateKeyPem(): string;
}

export const fakeSecrets = untyped as (seed?: number) => FakeSecrets;
