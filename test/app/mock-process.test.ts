/**
 * The bundled mock in its own child process (what WebRTC runs use: libwebrtc's bindings allow one
 * thread per process). Truth: the mock answers over the wire from another process id, counts the
 * session it served, and the process is gone after close; a port already taken fails the start
 * with the listen error instead of hanging.
 */
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeMockLink, mockUrlOf, openMockLink } from '../../src/app/connect.js';
import { RealClock } from '../../src/clock/real.js';
import { isRtbenchMock } from '../../src/runner/mock-probe.js';
import { startMockServerInProcess } from '../../src/mock/hosting/worker-server.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of the process listening on 127.0.0.1:port, from /proc (Linux), or null elsewhere. */
async function listenerPid(port: number): Promise<number | null> {
  const { readFileSync, readdirSync, readlinkSync } = await import('node:fs');
  let inode: string | null = null;
  try {
    for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[3] === '0A' && parseInt(f[1].split(':')[1], 16) === port) inode = f[9];
    }
  } catch {
    return null;
  }
  if (!inode) return null;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) if (readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`) return Number(pid);
    } catch {
      /* gone or not ours */
    }
  }
  return null;
}

describe('the bundled mock in a child process', () => {
  it('serves a session from another process, counts it, and the process ends on close', async () => {
    const mock = await startMockServerInProcess({ seed: 5 });
    const pid = await listenerPid(mock.port);
    try {
      if (process.platform === 'linux') expect(pid).not.toBeNull();
      if (pid !== null) expect(pid).not.toBe(process.pid);
      expect(await isRtbenchMock(mock.url)).toBe(true);
      const ws = new WebSocket(`${mock.url}?model=gpt-realtime`);
      const first = await new Promise<string>((resolve, reject) => {
        ws.once('message', (d) => resolve(JSON.parse(String(d)).type));
        ws.once('error', reject);
      });
      expect(first).toBe('session.created');
      ws.close();
      expect((await mock.stats()).sessions).toBe(1);
    } finally {
      await mock.close();
    }
    if (pid !== null) expect(alive(pid)).toBe(false);
    await expect(mock.stats()).rejects.toMatchObject({ code: 'MOCK_WORKER_FAILED' });
  });

  it('a taken port fails the start with the listen error', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    const port = (taken.address() as { port: number }).port;
    try {
      await expect(startMockServerInProcess({ host: '127.0.0.1', port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await new Promise<void>((r) => taken.close(() => r()));
    }
  });

  it("placement 'process' is a link like the worker's", async () => {
    const link = await openMockLink({ needsMock: true, virtual: false, clock: new RealClock(), seed: 1, placement: 'process' });
    try {
      expect(link.kind).toBe('process');
      expect(await isRtbenchMock(mockUrlOf(link)!)).toBe(true);
    } finally {
      await closeMockLink(link);
    }
  });
});
