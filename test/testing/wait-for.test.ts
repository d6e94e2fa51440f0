/**
 * `SessionRecording.waitFor` ends: with the event when it comes, with an error naming what it waited
 * for when it does not. Truth: a real client connects and sends one known event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startRealtimeTestServer, WaitForTimeoutError, type RealtimeTestServer } from '../../src/testing/index.js';

let server: RealtimeTestServer;
beforeAll(async () => {
  server = await startRealtimeTestServer();
});
afterAll(() => server.close());

async function connect(): Promise<WebSocket> {
  const ws = new WebSocket(server.url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

describe('waitFor', () => {
  it('resolves with an event that comes (must pass)', async () => {
    server.reset();
    const ws = await connect();
    const session = await server.waitForSession(0);
    const waiting = session.waitFor((e) => e.from === 'client' && e.type === 'input_audio_buffer.clear', { timeoutMs: 2000 });
    ws.send(JSON.stringify({ type: 'input_audio_buffer.clear' }));
    await expect(waiting).resolves.toMatchObject({ type: 'input_audio_buffer.clear', from: 'client' });
    ws.close();
  });

  it('rejects after its timeout, saying what it waited for and what came instead (must fail)', async () => {
    server.reset();
    const ws = await connect();
    const session = await server.waitForSession(0);
    const err = await session.waitFor((e) => e.type === 'conversation.item.truncated', { timeoutMs: 150 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WaitForTimeoutError);
    expect((err as Error).message).toMatch(
      /^waitFor: session \d+ saw no event matching `\(e\) => e\.type === "conversation\.item\.truncated"` within 150 ms \(\d+ events recorded, the last from the server: session\.created at \d\.\d\d s\)$/,
    );
    const named = await session.waitFor(() => false, { timeoutMs: 50, what: 'the truncation' }).catch((e: unknown) => (e as Error).message);
    expect(named).toMatch(/no event matching the truncation within 50 ms/);
    ws.close();
  });

  it('has a default timeout below vitest’s 5 s test timeout', async () => {
    const { DEFAULT_WAIT_FOR_TIMEOUT_MS } = await import('../../src/testing/index.js');
    expect(DEFAULT_WAIT_FOR_TIMEOUT_MS).toBeLessThan(5000);
  });
});
