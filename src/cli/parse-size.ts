import { InvalidArgumentError } from "commander";

const UNITS: Readonly<Record<string, number>> = { "": 1, b: 1, kb: 1000, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** Parses a byte size flag: `1048576`, `10MiB`, `512KB`. */
export function parseSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(value.trim());
  const unit = UNITS[(m?.[2] ?? "").toLowerCase()];
  if (m === null || unit === undefined || Number(m[1]) <= 0) {
    throw new InvalidArgumentError("expected a positive size such as 10485760, 10MiB or 512KB");
  }
  return Math.floor(Number(m[1]) * unit);
}

/** Parses a small non-negative count flag such as `--workers 2`. */
export function parseCount(value: string): number {
  if (!/^\d{1,3}$/.test(value.trim())) throw new InvalidArgumentError("expected a whole number from 0 to 999");
  return Number(value);
}
