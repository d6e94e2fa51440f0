import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useMockWorker } from '../../src/vitest/index.js';

/** Truth: the mock in a worker answers a real client and counts its frames; it stops after the file. */
describe('useMockWorker', () => {
  const mock = useMockWorker({ firstAudioMs: 100, jitterMs: 0 });

  it('serves a realtime session from its own thread', async () => {
    const ws = new WebSocket(`${mock.url}?model=gpt-realtime`);
    const first = await new Promise<{ type: string }>((resolve, reject) => {
      ws.once('message', (d) => resolve(JSON.parse(d.toString()) as { type: string }));
      ws.once('error', reject);
    });
    expect(first.type).toBe('session.created');
    ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: Buffer.alloc(960).toString('base64') }));
    // The frame crosses a socket and a thread: poll (a loaded machine may take a while).
    let stats = await mock.server.stats();
    for (let i = 0; i < 100 && stats.framesReceived < 1; i++) {
      await new Promise((r) => setTimeout(r, 50));
      stats = await mock.server.stats();
    }
    expect(stats.sessions).toBe(1);
    expect(stats.framesReceived).toBe(1);
    ws.close();
  });
});
