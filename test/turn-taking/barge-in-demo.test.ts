/**
 * The built-in barge-in scenario demonstrates a real interruption: the answer is still being
 * generated when the user cuts in, so the server cancels it (response_cancelled true). Truth: the
 * same scenario with the mock's default 5× streaming has finished generating by then (nothing to
 * cancel: false), which is what made the demo read `response_cancelled 0 %`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';

const quiet = { write: () => true } as never;

async function cancelled(scenario: string): Promise<unknown[]> {
  const out = mkdtempSync(join(tmpdir(), 'rtbench-bargein-'));
  const r = await runBenchmark({ paths: [scenario], clock: 'virtual', repeat: 3, out, reporters: [], stdout: quiet });
  return r.results.samples.filter((s) => s.turn === 1).map((s) => s.metrics.response_cancelled);
}

describe('built-in barge-in scenario', () => {
  it('interrupts an answer in progress: response_cancelled on every repeat (must pass)', async () => {
    expect(await cancelled(resolve('scenarios/barge-in.yaml'))).toEqual([true, true, true]);
  });

  it('streamed at the mock default speed the answer had finished: nothing cancelled (must fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtbench-bargein-src-'));
    const text = readFileSync('scenarios/barge-in.yaml', 'utf8')
      .replace(', stream_rate: 1', '')
      .replaceAll('../fixtures/', `${resolve('fixtures')}/`);
    expect(text).not.toContain('stream_rate');
    writeFileSync(join(dir, 'barge-in.yaml'), text);
    expect(await cancelled(join(dir, 'barge-in.yaml'))).toEqual([false, false, false]);
  });
});
