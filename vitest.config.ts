import { defineConfig } from 'vitest/config';

/**
 * Files that assert real-time timing (milliseconds over real sockets and timers) are named
 * `*.timing.test.ts`. They run in a second pass, one file at a time, so a CPU-heavy neighbour on a
 * 2-core box cannot push their timers late; everything else runs in parallel first.
 */
export const TIMING_GLOB = 'test/**/*.timing.test.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'examples/**/*.test.ts'], exclude: ['**/node_modules/**', '**/*.timing.test.ts'], maxWorkers: 2 },
      },
      {
        extends: true,
        test: { name: 'timing', include: [TIMING_GLOB], fileParallelism: false },
      },
    ],
  },
});
