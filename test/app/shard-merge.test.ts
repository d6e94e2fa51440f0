import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeRuns, MergeError } from '../../src/run-folder/merge.js';
import { parseShard, shardSessions } from '../../src/app/shard.js';
import { outDir, quietRun } from '../perf/helpers.js';

const sessions = (ids: string[]) => ids.map((id) => ({ id })) as never[];

describe('--shard i/n: a deterministic split by session id', () => {
  it('shards are disjoint, cover the plan, differ in size by at most one, whatever the input order', () => {
    const ids = Array.from({ length: 23 }, (_, i) => `scenario-${i % 5}/mock/r${i}`);
    const n = 4;
    const parts = Array.from({ length: n }, (_, k) => shardSessions(sessions(ids), { index: k + 1, count: n }).map((s: { id: string }) => s.id));
    expect(parts.flat().sort()).toEqual([...ids].sort());
    expect(new Set(parts.flat()).size).toBe(ids.length);
    const sizes = parts.map((p) => p.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    const shuffled = [...ids].reverse();
    for (let k = 0; k < n; k++) {
      const again = shardSessions(sessions(shuffled), { index: k + 1, count: n }).map((s: { id: string }) => s.id);
      expect([...again].sort()).toEqual([...parts[k]].sort());
    }
  });

  it('parses i/n (1-based) and refuses the rest', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '2', '1/2/3']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });
});

/**
 * Truth: the unsharded run of the same plan on the virtual clock. Sessions keep their ids, hence
 * their seeds and phases, so merged shards must equal it sample for sample.
 */
describe('rtbench merge', () => {
  const base = { paths: ['scenarios'], clock: 'virtual' as const, seed: 7, concurrency: 2 };

  it('merged shards = the unsharded run, sample for sample; summary and expectations recomputed', async () => {
    const whole = await quietRun(base);
    const shards = [];
    for (let i = 1; i <= 3; i++) shards.push(await quietRun({ ...base, shard: { index: i, count: 3 } }));
    const sizes = shards.map((s) => s.results.samples.length);
    expect(sizes.every((n) => n > 0)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(whole.results.samples.length);
    const merged = await mergeRuns({
      dirs: shards.map((s) => s.outDir!).reverse(),
      out: outDir(),
      reporters: [],
      stdout: { write: () => true } as never,
      summaryEnv: {},
    });
    expect(merged.results.samples).toEqual(whole.results.samples);
    expect(merged.results.summary).toEqual(whole.results.summary);
    expect(merged.results.expectations).toEqual(whole.results.expectations);
    expect(merged.results.pacing).toEqual(whole.results.pacing);
    expect(merged.exitCode).toBe(whole.exitCode);
    // The files too: samples.jsonl of the merged folder holds the same samples.
    const lines = (await readFile(join(merged.outDir!, 'samples.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(whole.results.samples);
    const manifest = JSON.parse(await readFile(join(shards[1].outDir!, 'run.json'), 'utf8'));
    expect(manifest.shard).toMatchObject({ index: 2, count: 3 });
    expect(manifest.shard.plan_fingerprint).toBe(JSON.parse(await readFile(join(whole.outDir!, 'run.json'), 'utf8')).fingerprint);

    // --baseline applies like run's: against the unsharded run, nothing regresses.
    const gated = await mergeRuns({
      dirs: shards.map((s) => s.outDir!),
      out: outDir(),
      reporters: [],
      stdout: { write: () => true } as never,
      summaryEnv: {},
      baseline: whole.outDir!,
    });
    expect(gated.results.regressions?.length).toBeGreaterThan(0);
    expect(gated.results.regressions?.some((r) => r.regression)).toBe(false);

    // Refusals (exit 2 via MergeError), naming what is wrong.
    const [a, b, c] = shards.map((s) => s.outDir!);
    await expect(mergeRuns({ dirs: [a, c], out: outDir(), reporters: [] })).rejects.toThrow(/missing shard 2\/3/);
    await expect(mergeRuns({ dirs: [a, b, b], out: outDir(), reporters: [] })).rejects.toThrow(new RegExp(`duplicate shard 2/3: .*${b.split('/').at(-1)}`));
    const other = await quietRun({ ...base, seed: 8, shard: { index: 3, count: 3 } });
    await expect(mergeRuns({ dirs: [a, b, other.outDir!], out: outDir(), reporters: [] })).rejects.toThrow(MergeError);
    await expect(mergeRuns({ dirs: [a, b, other.outDir!], out: outDir(), reporters: [] })).rejects.toThrow(/shard of another plan/);
    await expect(mergeRuns({ dirs: [a, b, whole.outDir!], out: outDir(), reporters: [] })).rejects.toThrow(/not a shard/);
    // An unfinished shard (no results.json) is refused rather than merged short.
    const torn = outDir();
    await cp(c, torn, { recursive: true });
    await rm(join(torn, 'results.json'));
    await expect(mergeRuns({ dirs: [a, b, torn], out: outDir(), reporters: [] })).rejects.toThrow(/did not finish/);
  }, 120_000);
});
