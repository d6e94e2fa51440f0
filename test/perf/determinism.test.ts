import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quietRun } from './helpers.js';

/**
 * Truth: under the virtual clock every event is ordered by (virtual time, registration order) and
 * every random draw comes from the seed, so one seed must give the same bytes, and another seed a
 * different run (the mock's default profile draws first-audio delays, so randomness is exercised).
 */
describe('virtual time is deterministic', () => {
  const run = (seed: number) => quietRun({ paths: ['scenarios'], clock: 'virtual', seed, concurrency: 3, rampMs: 500 });

  it('two runs with one seed write byte-identical samples.jsonl (and traces.jsonl)', async () => {
    const a = await run(11);
    const b = await run(11);
    const [sa, sb] = await Promise.all([a, b].map((r) => readFile(join(r.outDir!, 'samples.jsonl'), 'utf8')));
    expect(sa.length).toBeGreaterThan(0);
    expect(sa.trim().split('\n').length).toBe(a.results.samples.length);
    expect(sb).toBe(sa);
    const [ta, tb] = await Promise.all([a, b].map((r) => readFile(join(r.outDir!, 'traces.jsonl'), 'utf8')));
    expect(tb).toBe(ta);
  });

  it('another seed gives other measurements', async () => {
    const a = await run(11);
    const c = await run(12);
    const first = (r: typeof a) => r.results.samples.map((s) => s.metrics.first_audio_ms);
    expect(first(c)).not.toEqual(first(a));
  });
});
