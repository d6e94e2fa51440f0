/**
 * The mock's warm-up session: it runs a whole voice turn (truth: it reaches response.done) on its
 * own engine, so the server it precedes counts nothing of it. Its effect on timing is a benchmark
 * (bench/first-session.mjs), not a test.
 */
import { describe, expect, it } from 'vitest';
import { startMockServer, type SessionRecorder } from '../../src/mock/index.js';
import { SessionRecording } from '../../src/testing/recording.js';
import { warmUpMock } from '../../src/mock/hosting/warm-up.js';
import { VirtualClock } from '../../src/clock/virtual.js';
import { warmUpOverSocket } from '../../src/mock/hosting/socket-warm-up.js';
import { startMockServerInWorker } from '../../src/mock/hosting/worker-server.js';
import WebSocket from 'ws';

describe('mock warm-up', () => {
  it('runs a voice turn to response.done (must pass); an engine that cannot be built rejects, which the server catches (must fail)', async () => {
    expect(await warmUpMock({})).toBe(true);
    // An unknown profile: the throwaway engine cannot be built like the real one → false, no throw.
    expect(await warmUpMock({ profile: 'no-such-profile' }).catch(() => 'threw')).toBe('threw');
  });

  it('a real-clock server starts after it with nothing counted; a virtual-clock one skips it', async () => {
    const recordings: SessionRecording[] = [];
    const recorder: SessionRecorder = ({ index, dialect, clock }) => {
      const recording = new SessionRecording(index, dialect, clock);
      recordings.push(recording);
      return recording;
    };
    const server = await startMockServer({ port: 0, recorder });
    try {
      expect(server.engine.stats().sessions).toBe(0);
      expect(recordings).toHaveLength(0);
    } finally {
      await server.close();
    }
    const virtual = await startMockServer({ port: 0, clock: new VirtualClock(0) });
    expect(virtual.engine.stats().sessions).toBe(0);
    await virtual.close();
  });
});

describe('mock warm-up over its own socket', () => {
  it('hears the answer over the socket, and the engine forgets the session (must pass); a refused warm-up hears nothing and is forgotten too (must fail)', async () => {
    const server = await startMockServer({ port: 0, warmUp: false });
    try {
      expect(await warmUpOverSocket(server.url, server.engine)).toBe(true);
      const stats = server.engine.stats();
      expect(stats.sessions).toBe(0);
      expect(stats.framesReceived).toBe(0);
    } finally {
      await server.close();
    }
    const refusing = await startMockServer({ port: 0, warmUp: false, faults: [{ kind: 'reject', status: 503 }] });
    try {
      expect(await warmUpOverSocket(refusing.url, refusing.engine)).toBe(false);
      expect(refusing.engine.stats()).toMatchObject({ sessions: 0, rejected: 0 });
    } finally {
      await refusing.close();
    }
  });

  it('a real-clock server warms up on its socket before listening for others: the first real session is s0 and only it counts or logs', async () => {
    const lines: string[] = [];
    const server = await startMockServer({ port: 0, log: (line) => lines.push(line) });
    try {
      expect(server.engine.stats().sessions).toBe(0);
      expect(lines.filter((l) => l.startsWith('[s'))).toEqual([]);
      const ws = new WebSocket(`${server.url}?model=gpt-realtime`);
      await new Promise<void>((resolve, reject) => {
        ws.once('message', () => resolve());
        ws.once('error', reject);
      });
      ws.send('{"type":"input_audio_buffer.append","audio":"AAAA"}');
      for (let i = 0; i < 200 && server.engine.stats().framesReceived === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      const stats = server.engine.stats();
      expect(stats.sessions).toBe(1);
      expect(stats.perSession[0]!.id).toBe('s0');
      expect(stats.framesReceived).toBe(1);
      expect(lines.filter((l) => l.includes('] open '))).toHaveLength(1);
      ws.close();
    } finally {
      await server.close();
    }
  });

  it('the bundled mock in a worker thread (its own isolate) warms up there too, and reports ready with nothing counted', async () => {
    const server = await startMockServerInWorker({});
    try {
      expect((await server.stats()).sessions).toBe(0);
      const ws = new WebSocket(`${server.url}?model=gpt-realtime`);
      await new Promise<void>((resolve) => ws.once('message', () => resolve()));
      const stats = await server.stats();
      expect(stats.sessions).toBe(1);
      expect(stats.perSession[0]!.id).toBe('s0');
      ws.close();
    } finally {
      await server.close();
    }
  });

  it('forgetSessions refuses while a session is open (must fail) and forgets once it closed (must pass)', async () => {
    const server = await startMockServer({ port: 0, warmUp: false });
    try {
      const ws = new WebSocket(`${server.url}?model=gpt-realtime`);
      await new Promise<void>((resolve) => ws.once('message', () => resolve()));
      expect(server.engine.forgetSessions()).toBe(false);
      expect(server.engine.stats().sessions).toBe(1);
      ws.close();
      await new Promise<void>((resolve) => ws.once('close', () => resolve()));
      for (let i = 0; i < 50 && server.engine.stats().openSessions > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(server.engine.forgetSessions()).toBe(true);
      expect(server.engine.stats().sessions).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('mock warm-up on a port of its own', () => {
  it('a fixed port is the one served, and a TLS server warms up too (its stats stay empty until a client comes)', async () => {
    const probe = await startMockServer({ port: 0, warmUp: false });
    const port = probe.port;
    await probe.close();
    const fixed = await startMockServer({ port });
    try {
      expect(fixed.port).toBe(port);
      expect(fixed.engine.stats().sessions).toBe(0);
    } finally {
      await fixed.close();
    }
    const tls = await startMockServer({ port: 0, tls: true });
    try {
      expect(tls.url.startsWith('wss://')).toBe(true);
      expect(tls.engine.stats()).toMatchObject({ sessions: 0, rejected: 0 });
    } finally {
      await tls.close();
    }
    // Over TLS it trusts the mock's own certificate (must pass); without it the handshake fails (must fail).
    const bare = await startMockServer({ port: 0, tls: true, warmUp: false });
    try {
      expect(await warmUpOverSocket(bare.url, bare.engine, { caPem: bare.caPem })).toBe(true);
      expect(await warmUpOverSocket(bare.url, bare.engine)).toBe(false);
      expect(bare.engine.stats().sessions).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
