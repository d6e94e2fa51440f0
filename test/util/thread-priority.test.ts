import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startMockServerInWorker } from '../../src/mock/hosting/worker-server.js';
import { lowerThisThreadPriority } from '../../src/util/thread-priority.js';

/** Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value. */
function niceOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

const threadNices = () => readdirSync('/proc/self/task').map((tid) => niceOf(`/proc/self/task/${tid}/stat`));

describe.runIf(process.platform === 'linux')('thread priority of the bundled mock (Linux)', () => {
  it('the mock worker thread runs at the asked nice value; no other thread changes', async () => {
    const base = niceOf('/proc/thread-self/stat');
    const want = Math.min(19, base + 4);
    const before = threadNices().filter((n) => n === want).length;
    const mock = await startMockServerInWorker({ port: 0 }, { nice: 4 });
    try {
      expect(threadNices().filter((n) => n === want).length).toBe(before + 1);
      expect(niceOf('/proc/thread-self/stat')).toBe(base);
    } finally {
      await mock.close();
    }
  });

  it('without a nice value, no thread is lowered', async () => {
    const base = niceOf('/proc/thread-self/stat');
    const mock = await startMockServerInWorker({ port: 0 });
    try {
      expect(threadNices().every((n) => n === base)).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('refuses what it cannot do without touching the thread', () => {
    const before = niceOf('/proc/thread-self/stat');
    expect(lowerThisThreadPriority(0)).toBe(false);
    expect(lowerThisThreadPriority(-5)).toBe(false);
    expect(niceOf('/proc/thread-self/stat')).toBe(before);
  });
});
