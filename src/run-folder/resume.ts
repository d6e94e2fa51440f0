import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Sample } from '../results/types.js';
import { SAMPLES_FILE, TRACES_FILE } from './names.js';
import { readSamples } from './read.js';
import type { Plan } from '../scenario/types.js';

/** The session a sample belongs to: its id without the `#t<turn>` suffix. */
export function sessionIdOf(sample: Pick<Sample, 'id'>): string {
  return sample.id.replace(/#t\d+$/, '');
}

export interface ResumeState {
  /** Sessions whose every turn has a sample: they are not run again. */
  done: Set<string>;
  /** Their samples, in plan order. */
  samples: Sample[];
}

/**
 * Prepares a run folder for `--resume`: keeps the sessions that were measured whole, and rewrites
 * samples.jsonl and traces.jsonl without the rest (a session torn by `kill -9`, a torn last line),
 * so the sessions run again are not counted twice.
 */
export async function prepareResume(dir: string, plan: Plan): Promise<ResumeState> {
  const turnsOf = new Map(plan.sessions.map((s) => [s.id, s.turns.length]));
  const bySession = new Map<string, Map<number, Sample>>();
  for (const s of await readSamples(dir)) {
    const id = sessionIdOf(s);
    if (!turnsOf.has(id)) continue;
    let turns = bySession.get(id);
    if (!turns) bySession.set(id, (turns = new Map()));
    turns.set(s.turn, s);
  }
  const done = new Set([...bySession].filter(([id, turns]) => turns.size === turnsOf.get(id)).map(([id]) => id));
  const samples = plan.sessions.filter((s) => done.has(s.id)).flatMap((s) => [...bySession.get(s.id)!.values()].sort((a, b) => a.turn - b.turn));
  await rewriteJsonl(join(dir, SAMPLES_FILE), (r) => typeof r.id === 'string' && done.has(sessionIdOf(r as { id: string })));
  await rewriteJsonl(join(dir, TRACES_FILE), (r) => typeof r.s === 'string' && done.has(r.s));
  return { done, samples };
}

/** Keeps the intact lines that `keep` accepts; atomic (write aside, then rename). */
async function rewriteJsonl(file: string, keep: (record: Record<string, unknown>) => boolean): Promise<void> {
  if (!existsSync(file)) return;
  const tmp = `${file}.resume-tmp`;
  const out = createWriteStream(tmp);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue; // torn by a hard kill
    }
    if (record && typeof record === 'object' && keep(record as Record<string, unknown>)) {
      if (!out.write(line + '\n')) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  await rename(tmp, file);
}
