import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Position } from '../scenario/positions.js';

/** One `KEY=VALUE` of a `.env` file, with where its value starts. */
export interface DotenvEntry extends Position {
  key: string;
  value: string;
}

/** What {@link parseDotenv} understood, and the lines it could not. */
export interface DotenvParse {
  entries: DotenvEntry[];
  /** 1-based numbers of non-blank, non-comment lines that are not `KEY=VALUE`. */
  ignoredLines: number[];
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"', $: '$' };

/**
 * Parses `.env` text the way the common `dotenv` convention reads it: `KEY=VALUE`, an optional
 * `export ` prefix, `#` comment lines and ` # comments` after unquoted values, values in single,
 * double or back quotes (quoted values may span lines; only double quotes expand `\n`, `\t`, `\"`).
 * A later line overrides an earlier one with the same key. Never throws.
 */
export function parseDotenv(text: string): DotenvParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: DotenvEntry[] = [];
  const ignoredLines: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) {
      ignoredLines.push(i + 1);
      continue;
    }
    const start = m[0].length;
    const pos = { line: i + 1, col: start + 1 };
    const quote = line[start];
    if (quote === '"' || quote === "'" || quote === '`') {
      // Find the closing quote, possibly on a later line.
      let body = line.slice(start + 1);
      let end = closingQuote(body, quote);
      let j = i;
      while (end < 0 && j + 1 < lines.length) {
        j++;
        body += '\n' + lines[j];
        end = closingQuote(body, quote);
      }
      if (end < 0) {
        ignoredLines.push(i + 1);
        continue;
      }
      i = j;
      const raw = body.slice(0, end);
      entries.push({ key: m[1], value: quote === '"' ? raw.replace(/\\(.)/g, (all, c: string) => ESCAPES[c] ?? all) : raw, ...pos });
      continue;
    }
    const value = line
      .slice(start)
      .replace(/(^|\s)#.*$/, '')
      .trim();
    entries.push({ key: m[1], value, ...pos });
  }
  return { entries, ignoredLines };
}

function closingQuote(body: string, quote: string): number {
  for (let k = 0; k < body.length; k++) {
    if (quote === '"' && body[k] === '\\') {
      k++;
      continue;
    }
    if (body[k] === quote) return k;
  }
  return -1;
}

/** The environment with a `.env` file's values added under the variables already set. */
export interface DotenvLoad {
  env: Record<string, string | undefined>;
  /** Absolute path of the `.env` file read, if there was one. */
  file?: string;
  /** Where each variable taken from the file was written (variables already set are not listed). */
  origins: Map<string, Position>;
  /** Lines of the file that were not understood, as `.env:line: …` notes. */
  warnings: string[];
}

/**
 * Reads `<cwd>/.env` (if present) and returns `env` plus its variables, never overriding one that
 * is already set (the shell wins, as with `dotenv` and `node --env-file`). `env` is not modified.
 */
export async function loadDotenv(cwd: string, env: Record<string, string | undefined>): Promise<DotenvLoad> {
  const file = join(cwd, '.env');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { env: { ...env }, origins: new Map(), warnings: [] };
  }
  const { entries, ignoredLines } = parseDotenv(text);
  const merged: Record<string, string | undefined> = { ...env };
  const origins = new Map<string, Position>();
  for (const e of entries) {
    if (env[e.key] !== undefined) continue;
    merged[e.key] = e.value;
    origins.set(e.key, { line: e.line, col: e.col });
  }
  return { env: merged, file, origins, warnings: ignoredLines.map((n) => `.env:${n}:1 ignored: not KEY=VALUE`) };
}
