import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/metrics/trace.js';
import type { Sample } from '../../src/results/types.js';
import { RunFolder, SAMPLES_FILE, TRACES_FILE } from '../../src/runner/run-folder.js';
import type { SessionResult } from '../../src/runner/run.js';
import { Redactor } from '../../src/util/redact.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function folder(traceGapMs = 1): Promise<RunFolder> {
  const dir = await mkdtemp(join(tmpdir(), 'rtbench-hold-'));
  dirs.push(dir);
  return RunFolder.create(dir, new Redactor([]), { traceGapMs });
}

/** A finished session with `records` chunk records and one sample. */
function session(id: string, records = 3): SessionResult {
  const trace: TraceRecord[] = Array.from({ length: records }, (_, i) => ({ k: 'chunk', s: id, t: i * 20 + 1, seq: i, pos_ms: i * 20, end_ms: i * 20 + 20, due: i * 20 + 20, bytes: 960, turn: 0 }) as TraceRecord);
  const sample = { id: `${id}#t0`, turn: 0, ok: true, metrics: {}, facts: {} } as unknown as Sample;
  return { plan: { id } as SessionResult['plan'], samples: [sample], trace, error: null };
}

async function written(f: RunFolder): Promise<{ traced: string[]; sampled: string[] }> {
  const read = async (name: string) => (existsSync(join(f.dir, name)) ? await readFile(join(f.dir, name), 'utf8') : '');
  const ids = (text: string, key: 's' | 'id') =>
    [...new Set(text.split('\n').filter(Boolean).map((l) => String((JSON.parse(l) as Record<string, unknown>)[key]).replace(/#t0$/, '')))];
  return { traced: ids(await read(TRACES_FILE), 's'), sampled: ids(await read(SAMPLES_FILE), 'id') };
}

const settle = () => new Promise((r) => setTimeout(r, 40));

describe('RunFolder.holdWhile', () => {
  it('writes nothing while sessions stream, then every held session in order once none does', async () => {
    const f = await folder();
    let streaming = true;
    f.holdWhile(() => streaming, 1_000);
    f.appendSession(session('a'));
    f.appendSession(session('b'));
    await settle();
    expect(await written(f)).toEqual({ traced: [], sampled: [] });
    streaming = false;
    f.appendSession(session('c'));
    await f.flush();
    expect(await written(f)).toEqual({ traced: ['a', 'b', 'c'], sampled: ['a', 'b', 'c'] });
  });

  it('writes the oldest sessions while streaming once more than maxRecords trace records are held', async () => {
    const f = await folder();
    f.holdWhile(() => true, 7);
    for (const id of ['a', 'b', 'c', 'd']) f.appendSession(session(id, 3));
    await settle();
    // 12 records were offered, at most 7 may wait: a and b are written, c and d (6 records) wait.
    expect(await written(f)).toEqual({ traced: ['a', 'b'], sampled: ['a', 'b'] });
    await f.flush();
    expect(await written(f)).toEqual({ traced: ['a', 'b', 'c', 'd'], sampled: ['a', 'b', 'c', 'd'] });
  });

  it('flush writes what is held even while sessions still stream (an interrupted run)', async () => {
    const f = await folder();
    f.holdWhile(() => true, 1_000);
    f.appendSession(session('a'));
    f.appendSession(session('b'));
    await f.flush();
    expect(await written(f)).toEqual({ traced: ['a', 'b'], sampled: ['a', 'b'] });
  });

  it('without holdWhile, a session is written as soon as it is appended', async () => {
    const f = await folder();
    f.appendSession(session('a'));
    await settle();
    expect(await written(f)).toEqual({ traced: ['a'], sampled: ['a'] });
  });
});
