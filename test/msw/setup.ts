import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { realtimeRestHandlers, type RecordedRealtimeRequest } from '../../src/msw/index.js';

/** The fixed "now" (epoch seconds) the handlers stamp into expiry times. */
export const NOW = 1_700_000_000;

/**
 * An msw server with fresh realtime REST handlers for each test (ids restart at 000001), requiring
 * `apiKey`; every request the handlers see is recorded for the test to assert on.
 */
export function useRealtimeRest(apiKey: string): { recorded: RecordedRealtimeRequest[]; server: SetupServer } {
  const server = setupServer();
  const recorded: RecordedRealtimeRequest[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => server.use(...realtimeRestHandlers({ apiKey, now: () => NOW, onRequest: (r) => recorded.push(r) })));
  afterEach(() => {
    server.resetHandlers();
    recorded.length = 0;
  });
  afterAll(() => server.close());
  return { recorded, server };
}
