// Types of scripts/carriers.js for the TypeScript tests (test/helpers/carriers.ts narrows them).
export const CARRIERS: readonly string[];
export function assignmentOf(input: string, secret: string | undefined): unknown;
export function carry(carrier: string, input: string, secret: string | undefined): unknown;
