import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FloorResult } from '../../bench/floor.js';

// The floor client of `npm run bench` (the commands section), as the bench runs it: the built file,
// in its own process. Timings are for the bench; this checks that it runs and counts what it sends.
const FLOOR = fileURLToPath(new URL('../../dist/bench/floor.js', import.meta.url));

describe('bench floor client', () => {
  it('paces every chunk of every session, never early, with and without answers', () => {
    expect(existsSync(FLOOR), 'dist/bench/floor.js is missing: run npm run build').toBe(true);
    for (const mode of ['answers', 'silent']) {
      const p = spawnSync(process.execPath, [FLOOR, '3', mode, '400'], { encoding: 'utf8', timeout: 30_000 });
      expect(p.status).toBe(0);
      const r = JSON.parse(p.stdout) as FloorResult;
      expect(r).toMatchObject({ sessions: 3, answers: mode === 'answers', chunks: 3 * (400 / 20) });
      expect(r.lag_p50_ms).toBeGreaterThanOrEqual(0);
      expect(r.lag_max_ms).toBeGreaterThanOrEqual(r.lag_p99_ms);
    }
  });
});
