import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, rtbench, startMockProcess, tmp } from './helpers.js';

beforeAll(requireBuild);

// Asserts real-time milliseconds across two processes: runs in the sequential timing pass (vitest.config.ts).
describe('rtbench mock in another process', () => {
  it('mock prints its URL first; run --target <url> measures against it over a real socket', async () => {
    const mock = await startMockProcess(['--first-audio-ms', '250', '--jitter-ms', '0']);
    try {
      expect(mock.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v1\/realtime$/);
      const dir = tmp();
      const r = rtbench([
        'run',
        '--target',
        mock.url,
        '--audio',
        'fixtures/what-time.wav',
        '--repeat',
        '3',
        '--concurrency',
        '1',
        '--out',
        dir,
        '--reporter',
        'table,json',
        '--quiet',
      ]);
      expect(r.stderr).not.toMatch(/✗/);
      expect(r.code).toBe(0);
      const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
      expect(results.schema).toBe('rtbench.results/v1');
      expect(results.samples).toHaveLength(3);
      for (const s of results.samples) expect(s.target).toBe(mock.url);
      // Median of three sessions: a cold first session in two fresh processes must not decide it.
      const [, median] = results.samples
        .map((s: { metrics: { vad_to_first_audio_ms: number } }) => s.metrics.vad_to_first_audio_ms)
        .sort((a: number, b: number) => a - b);
      expect(Math.abs(median - 250)).toBeLessThanOrEqual(10);
      expect(results.pacing.chunks).toBeGreaterThan(50);
    } finally {
      await mock.stop();
    }
  });
});
