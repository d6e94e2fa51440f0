import { defineConfig } from 'vitest/config';

/**
 * Files that assert real-time timing (milliseconds over real sockets and timers). They run in a
 * second pass, one file at a time, so a CPU-heavy neighbour on a 2-core box cannot push their
 * timers late; everything else runs in parallel first.
 */
export const TIMING_FILES = [
  'test/e2e/latency.test.ts',
  'test/e2e/webrtc-timing.test.ts',
  'test/mock/webrtc-calls.test.ts',
  'test/e2e/cli-mock-url.test.ts',
  'test/mock/server.test.ts',
  'test/perf/virtual-vs-real.test.ts',
  'test/perf/load-frames.test.ts',
  'test/reliability/relay.test.ts',
  'test/runner/pacer.test.ts',
  'test/turn-taking/barge-in-real.test.ts',
  'test/e2e/say-scenario.test.ts',
  'test/e2e/webrtc-exit.test.ts',
  'test/network/link.test.ts',
  'test/network/run.test.ts',
  'test/network/live.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'examples/**/*.test.ts'], exclude: ['**/node_modules/**', ...TIMING_FILES], maxWorkers: 2 },
      },
      {
        extends: true,
        test: { name: 'timing', include: TIMING_FILES, fileParallelism: false },
      },
    ],
  },
});
