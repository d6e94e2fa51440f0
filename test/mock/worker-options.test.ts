/**
 * A mock in a worker thread or child process cannot take a test's script or recorder: the test
 * could not reach the worker's copies, so the options are refused, not silently dropped.
 */
import { describe, expect, it } from 'vitest';
import { startMockServerInProcess, startMockServerInWorker } from '../../src/mock/hosting/worker-server.js';
import type { SessionRecorder } from '../../src/mock/index.js';
import { MockScript } from '../../src/testing/script.js';
import { SessionRecording } from '../../src/testing/recording.js';

describe('worker mock options', () => {
  it('starts with plain options (must pass); refuses a script or a recorder before starting anything (must fail)', async () => {
    const server = await startMockServerInWorker({ host: '127.0.0.1', port: 0, warmUp: false });
    try {
      expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\//);
    } finally {
      await server.close();
    }
    const recorder: SessionRecorder = ({ index, dialect, clock }) => new SessionRecording(index, dialect, clock);
    await expect(startMockServerInWorker({ script: new MockScript() })).rejects.toMatchObject({
      code: 'MOCK_WORKER_FAILED',
      message: /cannot take `script` or `recorder`/,
    });
    await expect(startMockServerInWorker({ recorder })).rejects.toMatchObject({ code: 'MOCK_WORKER_FAILED' });
    await expect(startMockServerInProcess({ recorder })).rejects.toMatchObject({ code: 'MOCK_WORKER_FAILED' });
  });
});
