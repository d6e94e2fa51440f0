import { UsageError } from '../errors.js';

/** Parses `1500`, `1500ms`, `2s`, `1.5s`, `1m` into milliseconds; throws a usage error otherwise. */
export function parseDuration(text: string, flag: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (!m) throw new UsageError(`${flag}: expected a duration like 500ms, 2s or 1m, got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n;
}
