import { ws } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * An example of unit-testing a realtime client built on the WHATWG `WebSocket` with msw's `ws`
 * API. msw can only intercept the global `WebSocket` (not the `ws` package, which is why rtbench's
 * mock is a real server). Node 20 has no global `WebSocket` unless started with
 * `--experimental-websocket` (Node 22 has it by default), so this test is skipped otherwise:
 *   NODE_OPTIONS=--experimental-websocket npx vitest run test/msw/websocket.test.ts
 * Truth: the GA event names of docs/protocol-notes.md (session.created → session.update → session.updated).
 */
const hasWebSocket = typeof globalThis.WebSocket === 'function';

/** The client under test: browser-style auth through subprotocols, one session.update. */
async function configureSession(url: string, key: string, instructions: string): Promise<{ created: unknown; updated: unknown }> {
  const socket = new WebSocket(url, ['realtime', `openai-insecure-api-key.${key}`]);
  const events: Array<{ type: string }> = [];
  return new Promise((resolve, reject) => {
    socket.addEventListener('error', () => reject(new Error('socket error')));
    socket.addEventListener('message', (e) => {
      const event = JSON.parse(String(e.data)) as { type: string };
      events.push(event);
      if (event.type === 'session.created') socket.send(JSON.stringify({ type: 'session.update', session: { type: 'realtime', instructions } }));
      if (event.type === 'session.updated') {
        socket.close();
        resolve({ created: events[0], updated: event });
      }
    });
  });
}

describe.skipIf(!hasWebSocket)('msw ws: a WHATWG WebSocket realtime client', () => {
  const realtime = ws.link('wss://api.openai.com/v1/realtime*');
  const seen: Array<{ url: string; protocols: unknown; frames: unknown[] }> = [];
  const server = setupServer(
    realtime.addEventListener('connection', ({ client, info }) => {
      const record = { url: client.url.toString(), protocols: info.protocols, frames: [] as unknown[] };
      seen.push(record);
      client.send(JSON.stringify({ type: 'session.created', session: { type: 'realtime', model: client.url.searchParams.get('model') } }));
      client.addEventListener('message', (event) => {
        const frame = JSON.parse(String(event.data)) as { type: string; session?: object };
        record.frames.push(frame);
        if (frame.type === 'session.update') client.send(JSON.stringify({ type: 'session.updated', session: { type: 'realtime', ...frame.session } }));
      });
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('connects with subprotocol auth, updates the session, sees session.updated', async () => {
    const { created, updated } = await configureSession('wss://api.openai.com/v1/realtime?model=gpt-realtime', 'ek_test_1', 'Be brief.');
    expect(created).toEqual({ type: 'session.created', session: { type: 'realtime', model: 'gpt-realtime' } });
    expect(updated).toEqual({ type: 'session.updated', session: { type: 'realtime', instructions: 'Be brief.' } });
    expect(seen).toEqual([
      {
        url: 'wss://api.openai.com/v1/realtime?model=gpt-realtime',
        protocols: ['realtime', 'openai-insecure-api-key.ek_test_1'],
        frames: [{ type: 'session.update', session: { type: 'realtime', instructions: 'Be brief.' } }],
      },
    ]);
  });
});

it.runIf(!hasWebSocket)('documents why the WebSocket example is skipped on this Node', () => {
  expect(typeof globalThis.WebSocket).toBe('undefined');
});
