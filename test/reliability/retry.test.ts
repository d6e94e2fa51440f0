/**
 * Retry policy: which failures are retried, how long each wait is (full-jitter exponential backoff,
 * seeded; `retry-after` wins), and what a session that still fails records. Truth: the AWS
 * "Exponential Backoff And Jitter" full-jitter formula, sleep = random(0, min(cap, base·2^n)), and
 * RFC 9110 §10.2.3 Retry-After.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { VirtualClock } from '../../src/clock/virtual.js';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, describeConnectFailure, isRetryable, withRetries } from '../../src/runner/retry.js';
import { TransportError } from '../../src/transport/transport.js';
import { tmp, toneWav } from './helpers.js';

const quiet = () => new Writable({ write: (_c, _e, cb) => cb() });

describe('isRetryable', () => {
  const rejected = (status: number) => new TransportError('HANDSHAKE_REJECTED', `HTTP ${status}`, { status });
  it.each([
    [new TransportError('CONNECT_FAILED', 'ECONNREFUSED'), true],
    [new TransportError('CONNECT_TIMEOUT', 'timed out'), true],
    [rejected(429), true],
    [rejected(500), true],
    [rejected(502), true],
    [rejected(503), true],
    [rejected(408), true],
    [rejected(400), false],
    [rejected(401), false],
    [rejected(403), false],
    [rejected(404), false],
    [new TransportError('ABORTED', 'aborted'), false],
    [new Error('target "openai" needs OPENAI_API_KEY'), false],
  ])('%s → %s', (err, retry) => {
    expect(isRetryable(err)).toBe(retry);
  });
});

describe('backoffDelayMs', () => {
  it('full jitter: uniform below min(cap, base·2^n)', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    for (const [n, window] of [
      [0, 100],
      [1, 200],
      [2, 400],
      [3, 800],
      [4, 1000],
      [9, 1000],
    ] as const) {
      expect(backoffDelayMs(n, policy, () => 0)).toBe(0);
      expect(backoffDelayMs(n, policy, () => 0.5)).toBe(window / 2);
      expect(backoffDelayMs(n, policy, () => 0.999999)).toBeLessThan(window);
    }
  });
  it('retry-after wins: exactly that, plus at most 10 % jitter', () => {
    expect(backoffDelayMs(0, DEFAULT_RETRY_POLICY, () => 0, 3000)).toBe(3000);
    expect(backoffDelayMs(5, DEFAULT_RETRY_POLICY, () => 0.99, 3000)).toBeCloseTo(3297, 0);
  });
});

describe('withRetries', () => {
  const failing = (errors: Error[]) => {
    let i = 0;
    return async () => {
      if (i < errors.length) throw errors[i++];
      return 'ok';
    };
  };
  const refused = () => new TransportError('CONNECT_FAILED', 'cannot connect: ECONNREFUSED');

  async function delaysOf(seed: number): Promise<number[]> {
    const clock = new VirtualClock();
    const delays: number[] = [];
    const r = await clock.runUntil(
      withRetries(failing([refused(), refused(), refused()]), {
        clock,
        seed,
        policy: { ...DEFAULT_RETRY_POLICY, retries: 3 },
        onRetry: ({ delayMs }) => delays.push(delayMs),
      }),
    );
    expect(r).toMatchObject({ ok: true, value: 'ok', attempts: 4 });
    // The waits happen on the given clock: virtual time moved by exactly their sum.
    expect(clock.now()).toBeCloseTo(
      delays.reduce((a, b) => a + b, 0),
      6,
    );
    return delays;
  }

  it('waits on the clock, seeded: the same seed retries at the same times, another seed does not', async () => {
    const a = await delaysOf(7);
    expect(a).toHaveLength(3);
    expect(await delaysOf(7)).toEqual(a);
    expect(await delaysOf(8)).not.toEqual(a);
    a.forEach((d, n) => expect(d).toBeLessThan(500 * 2 ** n));
  });

  it('gives up after `retries`, at once on a non-retryable error, and on a retry-after beyond the limit', async () => {
    const clock = new VirtualClock();
    const run = <T>(p: Promise<T>) => clock.runUntil(p);
    const exhausted = await run(withRetries(failing([refused(), refused(), refused()]), { clock, seed: 1, policy: DEFAULT_RETRY_POLICY }));
    expect(exhausted).toMatchObject({ ok: false, attempts: 3, reason: 'retries exhausted' });
    expect(describeConnectFailure(exhausted as never)).toBe('connect failed: cannot connect: ECONNREFUSED (after 3 attempts)');

    const auth = await run(
      withRetries(failing([new TransportError('HANDSHAKE_REJECTED', 'handshake rejected: HTTP 401', { status: 401 })]), {
        clock,
        seed: 1,
        policy: DEFAULT_RETRY_POLICY,
      }),
    );
    expect(auth).toMatchObject({ ok: false, attempts: 1, reason: 'not retryable' });
    expect(describeConnectFailure(auth as never)).toBe('connect failed: handshake rejected: HTTP 401');

    const longWait = new TransportError('HANDSHAKE_REJECTED', 'handshake rejected: HTTP 429', { status: 429, retryAfterMs: 3_600_000 });
    const tooLong = await run(withRetries(failing([longWait]), { clock, seed: 1, policy: DEFAULT_RETRY_POLICY }));
    expect(describeConnectFailure(tooLong as never)).toBe(
      'connect failed: handshake rejected: HTTP 429 (retry-after 3600 s exceeds the 60 s limit, not retried)',
    );
  });

  it('an abort ends the wait at once', async () => {
    const clock = new VirtualClock();
    const ctl = new AbortController();
    const p = withRetries(failing([refused(), refused()]), {
      clock,
      seed: 1,
      policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 60_000 },
      signal: ctl.signal,
      onRetry: () => ctl.abort(),
    });
    const r = await clock.runUntil(p);
    expect(r).toMatchObject({ ok: false, attempts: 1, reason: 'aborted' });
    expect(clock.now()).toBe(0);
  });
});

describe('connection failures over real sockets', () => {
  it('connection refused: retried, then recorded "(after 3 attempts)"; exit 3 when every session failed', async () => {
    const port = await freePort();
    const dir = tmp();
    const r = await runBenchmark({
      audio: [toneWav(dir)],
      targets: [`ws://127.0.0.1:${port}/v1/realtime`],
      out: join(dir, 'out'),
      reporters: ['json'],
      stdout: quiet(),
      env: {},
      retryPolicy: { baseDelayMs: 20 },
    });
    expect(r.results.samples[0].error).toMatch(/^connect failed: cannot connect: .*ECONNREFUSED.* \(after 3 attempts\)$/);
    expect(r.exitCode).toBe(3);
  });

  it('a server that accepts TCP but never answers the upgrade: handshake timeout, retried', async () => {
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((res) => silent.listen(0, '127.0.0.1', res));
    const port = (silent.address() as { port: number }).port;
    try {
      const dir = tmp();
      const t0 = performance.now();
      const r = await runBenchmark({
        audio: [toneWav(dir)],
        targets: [`ws://127.0.0.1:${port}/v1/realtime`],
        out: join(dir, 'out'),
        reporters: ['json'],
        stdout: quiet(),
        env: {},
        connectTimeoutMs: 200,
        retries: 1,
        retryPolicy: { baseDelayMs: 10 },
      });
      expect(r.results.samples[0].error).toMatch(/^connect failed: cannot connect: Opening handshake has timed out \(after 2 attempts\)$/);
      expect(sockets.length).toBe(2);
      expect(performance.now() - t0).toBeLessThan(5000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
