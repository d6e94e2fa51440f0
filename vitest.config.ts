import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Real-time tests measure milliseconds: keep parallelism modest on 2-core machines.
    maxWorkers: 2,
  },
});
