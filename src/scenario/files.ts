import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Problem } from './errors.js';

/** A scenario file to load: as the user named it (for messages) and absolute. */
export interface ScenarioFile {
  display: string;
  abs: string;
}

const SCENARIO_EXT = /\.ya?ml$/i;

/**
 * Files and folders → scenario files. A folder contributes its `*.yaml`/`*.yml` files, recursively
 * (hidden folders and node_modules skipped), sorted by path so runs are in a stable order. A named
 * file is taken whatever its extension. A path that cannot be read, or a folder without scenarios, is
 * a problem at `path:1:1`.
 */
export async function findScenarioFiles(paths: readonly string[]): Promise<{ files: ScenarioFile[]; problems: Problem[] }> {
  const files: ScenarioFile[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (display: string) => {
    const abs = resolve(display);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ display, abs });
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch (err) {
      problems.push({ file: p, line: 1, col: 1, message: `cannot read: ${osReason(err)}` });
      continue;
    }
    if (!isDir) {
      add(p);
      continue;
    }
    const found = (await walk(p)).sort();
    if (found.length === 0) problems.push({ file: p, line: 1, col: 1, message: 'no scenario files (*.yaml, *.yml) in this folder' });
    for (const f of found) add(f);
  }
  return { files, problems };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') out.push(...(await walk(path)));
    } else if (SCENARIO_EXT.test(entry.name)) out.push(path);
  }
  return out;
}

/** Reads a scenario file's text, or says why not as a problem. */
export async function readScenarioText(file: ScenarioFile): Promise<{ text: string } | { problem: Problem }> {
  try {
    return { text: await readFile(file.abs, 'utf8') };
  } catch (err) {
    return { problem: { file: file.display, line: 1, col: 1, message: `cannot read: ${osReason(err)}` } };
  }
}

/** "no such file or directory" rather than a raw `ENOENT: …, stat 'x'`. */
function osReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return e?.code ?? String(err);
  }
}
