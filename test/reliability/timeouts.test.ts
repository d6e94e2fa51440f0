/**
 * A silent or stalled server never hangs a run: per-session (`--session-timeout`), per-turn
 * (`--turn-timeout`) and ready timeouts end the session with a recorded reason. Real sockets via the
 * CLI flags, and a 10-minute stall on the virtual clock that must finish in well under a second.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { VirtualClock } from '../../src/clock/virtual.js';
import { executePlan } from '../../src/runner/run.js';
import { quickPlan } from '../../src/scenario/index.js';
import { createInProcessPair } from '../../src/transport/in-process.js';
import { cli, FIXTURES, readJson, tmp, toneWav } from './helpers.js';

/** A WebSocket server that upgrades, then does what `behave` says with each connection. */
async function server(behave: (send: (event: object) => void) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (ws) => behave((e) => ws.send(JSON.stringify({ event_id: 'e', ...e }))));
  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}/v1/realtime`,
    close: () =>
      new Promise((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}

describe('timeouts', () => {
  it('--session-timeout: a server that upgrades and then says nothing', async () => {
    const srv = await server(() => undefined);
    try {
      const dir = tmp();
      const r = await cli([
        'run',
        '--audio',
        toneWav(dir),
        '--target',
        srv.url,
        '--session-timeout',
        '800ms',
        '--out',
        join(dir, 'out'),
        '--reporter',
        'json',
        '--quiet',
      ]);
      expect(r.ms).toBeLessThan(5000);
      expect(r.code).toBe(3);
      const results = readJson(join(dir, 'out', 'results.json'));
      expect(results.samples[0].error).toBe('session timed out after 800 ms');
      expect(r.stderr).toContain('session timed out after 800 ms');
    } finally {
      await srv.close();
    }
  });

  it('--turn-timeout: a server that configures the session, then never answers', async () => {
    const srv = await server((send) => {
      send({ type: 'session.created', session: {} });
      send({ type: 'session.updated', session: {} });
    });
    try {
      const dir = tmp();
      const r = await cli([
        'run',
        '--audio',
        toneWav(dir),
        '--target',
        srv.url,
        '--turn-timeout',
        '300ms',
        '--out',
        join(dir, 'out'),
        '--reporter',
        'json',
        '--quiet',
      ]);
      expect(r.code).toBe(1);
      const results = readJson(join(dir, 'out', 'results.json'));
      expect(results.samples[0].error).toBe("no response within 300 ms after the turn's audio");
      expect(r.ms).toBeLessThan(8000);
    } finally {
      await srv.close();
    }
  });

  it('the ready timeout: session.created never comes', async () => {
    const plan = { sessions: quickPlan([join(FIXTURES, 'what-time.wav')], { targets: ['x'] }) };
    const clock = new VirtualClock();
    const exec = executePlan(plan, {
      clock,
      readyTimeoutMs: 2500,
      connect: async () => ({ transport: createInProcessPair(clock).client, connectMs: 0, url: 'ws://x', dialect: 'ga' }),
    });
    const r = await clock.runUntil(exec);
    expect(r.samples[0].error).toBe('session not ready after 2500 ms (no session.created/updated)');
    expect(clock.now()).toBeLessThan(3000);
  });

  it('a 10-minute stall on the virtual clock ends at the session timeout, in well under a second', async () => {
    const plan = { sessions: quickPlan([join(FIXTURES, 'what-time.wav')], { targets: ['x'] }) };
    const clock = new VirtualClock();
    const t0 = performance.now();
    const exec = executePlan(plan, {
      clock,
      turnTimeoutMs: 600_000,
      sessionTimeoutMs: 30_000,
      connect: async () => {
        const pair = createInProcessPair(clock);
        // Ready at once, then the server goes quiet forever.
        pair.server.send(JSON.stringify({ type: 'session.created', event_id: 'a', session: {} }));
        pair.server.onMessage((frame) => {
          if (frame.includes('"session.update"')) pair.server.send(JSON.stringify({ type: 'session.updated', event_id: 'b', session: {} }));
        });
        return { transport: pair.client, connectMs: 0, url: 'ws://x', dialect: 'ga' };
      },
    });
    const r = await clock.runUntil(exec);
    expect(r.samples[0].error).toBe('session timed out after 30000 ms');
    expect(clock.now()).toBeGreaterThanOrEqual(30_000);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
