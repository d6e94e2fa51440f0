import { createReadStream, existsSync } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';

/** Serializes records as JSON Lines (one JSON value per line, each line ending in `\n`). */
export function toJsonl(records: readonly unknown[]): string {
  return records.map((r) => JSON.stringify(r) + '\n').join('');
}

/**
 * Appends records to a JSONL file in one write (so concurrent appenders never interleave within a
 * batch), creating the folder if needed. Used for `samples.jsonl` and `traces.jsonl`.
 */
export async function appendJsonl(file: string, records: readonly unknown[]): Promise<void> {
  if (records.length === 0) return;
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, toJsonl(records));
}

/**
 * Reads a JSONL file line by line without loading it whole. A line that does not parse (the torn
 * last line of a killed run) is skipped and counted in `onBadLine`.
 */
export async function* iterateJsonl<T>(file: string, onBadLine?: (lineNo: number) => void): AsyncGenerator<T> {
  if (!existsSync(file)) return;
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line) as T;
    } catch {
      onBadLine?.(lineNo);
    }
  }
}

/** Reads a whole JSONL file into an array (see {@link iterateJsonl}); [] when it does not exist. */
export async function readJsonl<T>(file: string): Promise<T[]> {
  const out: T[] = [];
  for await (const r of iterateJsonl<T>(file)) out.push(r);
  return out;
}
