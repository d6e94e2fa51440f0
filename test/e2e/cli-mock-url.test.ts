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
      const r = rtbench(['run', '--target', mock.url, '--audio', 'fixtures/what-time.wav', '--out', dir, '--reporter', 'table,json', '--quiet']);
      expect(r.stderr).not.toMatch(/✗/);
      expect(r.code).toBe(0);
      const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
      expect(results.schema).toBe('rtbench.results/v1');
      const [s] = results.samples;
      expect(s.target).toBe(mock.url);
      expect(Math.abs(s.metrics.vad_to_first_audio_ms - 250)).toBeLessThanOrEqual(10);
      expect(results.pacing.chunks).toBeGreaterThan(50);
    } finally {
      await mock.stop();
    }
  });

});
