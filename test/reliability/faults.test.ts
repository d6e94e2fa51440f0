/**
 * Every fault the mock can inject, run through the whole harness (scenario → runner → run folder →
 * reports): the run completes, every report is written, and a failed sample says why. Virtual
 * clock (in-process mock, deterministic, fast) unless the fault only exists on a real socket.
 * Truth: the fault's documented effect (src/mock/types.ts), and what the session driver records.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBenchmark, type BenchmarkOptions } from '../../src/app/benchmark.js';
import { startMockServer } from '../../src/mock/index.js';
import type { TraceRecord } from '../../src/metrics/trace.js';
import type { Sample } from '../../src/report/types.js';
import { FIXTURES, oneTurn, readJson, readJsonl, tmp, toneWav } from './helpers.js';

const WAV = join(FIXTURES, 'what-time.wav');
const REPORTERS: BenchmarkOptions['reporters'] = ['table', 'json', 'md', 'html', 'csv', 'junit'];
const quiet = () => new Writable({ write: (_c, _e, cb) => cb() });

/**
 * Runs a scenario whose `mock:` block carries `faults` (sent to the mock as `x-rtbench-mock`
 * directives), `repeat` times on the virtual clock. The fault hits mock session 0 only unless the
 * spec says otherwise, so the run also shows that later sessions are unaffected.
 */
async function runWithFault(faultYaml: string, opts: Partial<BenchmarkOptions> & { repeat?: number } = {}) {
  const dir = tmp();
  const file = oneTurn(join(dir, 'sc'), 'faulty', WAV, `{ first_audio_ms: 300, jitter_ms: 0, faults: [${faultYaml}] }`);
  const out = join(dir, 'out');
  const r = await runBenchmark({ paths: [file], clock: 'virtual', out, repeat: opts.repeat ?? 2, reporters: REPORTERS, stdout: quiet(), env: {}, ...opts });
  // Every report is written, whatever happened to the sessions.
  for (const f of ['results.json', 'samples.jsonl', 'traces.jsonl', 'run.json', 'report.md', 'report.html', 'results.csv', 'junit.xml']) {
    expect(existsSync(join(out, f)), f).toBe(true);
  }
  const saved = readJson(join(out, 'results.json'));
  expect(saved.samples).toHaveLength(r.results.samples.length);
  const traces = readJsonl<TraceRecord>(join(out, 'traces.jsonl'));
  return { ...r, out, samples: r.results.samples as Sample[], traces };
}

const notes = (traces: TraceRecord[], session: string) => traces.filter((t) => t.k === 'note' && t.s === session).map((t) => (t as { msg: string }).msg);

describe('every mock fault mode: the run completes, reports are written, failed samples say why', () => {
  it('drop mid-response: the session fails with the close code; the next session is measured', async () => {
    const r = await runWithFault('{ kind: drop, after_ms: 100, sessions: [0] }');
    const [first, second] = r.samples;
    expect(first.ok).toBe(false);
    expect(first.error).toBe('connection closed by server (code 1006: mock fault: drop)');
    expect(second.ok).toBe(true);
    expect(second.metrics.first_audio_ms).toBeGreaterThan(0);
    expect(r.exitCode).toBe(1);
  });

  it('stall shorter than the turn timeout: the run goes on, the held frames arrive late', async () => {
    const r = await runWithFault('{ kind: stall, after_ms: 50, duration_ms: 1500, sessions: [0] }');
    const [stalled, normal] = r.samples;
    expect(stalled.ok).toBe(true);
    // Frames are held from first audio + 50 ms to + 1550 ms, so response.done comes at least that late.
    expect(Number(stalled.metrics.response_done_ms)).toBeGreaterThanOrEqual(1550);
    expect(Number(normal.metrics.response_done_ms)).toBeLessThan(1000);
  });

  it('stall longer than --turn-timeout: the turn fails as a stalled stream, nothing hangs', async () => {
    const r = await runWithFault('{ kind: stall, after_ms: 50, duration_ms: 600000, sessions: [0] }', { turnTimeoutMs: 3000 });
    expect(r.samples[0].error).toBe("response not finished within 3000 ms after the turn's audio (stream stalled)");
    expect(r.samples[1].ok).toBe(true);
  });

  it('error event: the failed response is recorded with the server’s code and message', async () => {
    const r = await runWithFault("{ kind: error, after_ms: 50, code: boom, message: 'simulated failure', sessions: [0] }");
    expect(r.samples[0].ok).toBe(false);
    expect(r.samples[0].error).toBe('response failed: boom: simulated failure');
    expect(notes(r.traces, r.samples[0].id.replace(/#t0$/, ''))).toContain('server error: boom simulated failure');
    expect(r.samples[1].ok).toBe(true);
  });

  it('malformed JSON: the frame lands in the trace and the turn is marked', async () => {
    const r = await runWithFault('{ kind: malformed, after_ms: 20, sessions: [0] }');
    const bad = r.traces.filter((t) => t.k === 'recv' && t.type === '$unknown');
    expect(bad).toHaveLength(1);
    expect(r.samples[0].ok).toBe(false);
    expect(r.samples[0].error).toMatch(/^malformed server frame \(invalid JSON\): "\{\\"type\\":\\"response\.output_audio\.delta\\"/);
    // The rest of the response still arrived and was measured.
    expect(r.samples[0].metrics.first_audio_ms).toBeGreaterThan(0);
    expect(r.samples[1].ok).toBe(true);
  });

  it('handshake 401: not retried (asking again cannot help), recorded with the server’s reason', async () => {
    const r = await runWithFault('{ kind: reject, status: 401, sessions: [0] }');
    expect(r.samples[0].error).toMatch(/^connect failed: handshake rejected: HTTP 401 \{"error":\{"message":"Incorrect API key provided\."/);
    expect(r.samples[0].error).not.toMatch(/attempts/);
    expect(r.samples[1].ok).toBe(true);
  });

  it('handshake 429 every time: 3 attempts, retry-after honoured, then the sample says so and the run goes on', async () => {
    const r = await runWithFault('{ kind: reject, status: 429, retry_after_s: 2, sessions: [0, 1, 2] }');
    expect(r.samples[0].error).toMatch(/^connect failed: handshake rejected: HTTP 429 .*rate_limit_exceeded.* \(after 3 attempts\)$/);
    const waits = notes(r.traces, r.samples[0].id.replace(/#t0$/, ''))
      .filter((m) => m.startsWith('connect attempt'))
      .map((m) => Number(/retrying in (\d+) ms/.exec(m)![1]));
    expect(waits).toHaveLength(2);
    for (const w of waits) {
      expect(w).toBeGreaterThanOrEqual(2000);
      expect(w).toBeLessThanOrEqual(2200);
    }
    expect(r.samples[1].ok).toBe(true);
    expect(r.exitCode).toBe(1);
  });

  it('handshake 500 once: retried with backoff, and the session is measured', async () => {
    const r = await runWithFault('{ kind: reject, status: 500, sessions: [0] }', { repeat: 1 });
    expect(r.samples[0].ok).toBe(true);
    const session = r.samples[0].id.replace(/#t0$/, '');
    const ns = notes(r.traces, session);
    expect(ns.some((m) => /^connect attempt 1 failed: handshake rejected: HTTP 500 .*retrying in \d+ ms$/.test(m))).toBe(true);
    const connected = r.traces.find((t) => t.k === 'connect' && t.s === session);
    expect(connected).toMatchObject({ attempts: 2 });
    expect(r.exitCode).toBe(0);
  });

  it('--retries 0: a 500 fails the session at once', async () => {
    const r = await runWithFault('{ kind: reject, status: 500, sessions: [0] }', { repeat: 1, retries: 0 });
    expect(r.samples[0].error).toMatch(/^connect failed: handshake rejected: HTTP 500 [^(]*$/);
    expect(r.exitCode).toBe(3);
  });

  it('slow reader: the server falls behind the audio; the run completes with what it measured', async () => {
    const r = await runWithFault('{ kind: slow_reader, duration_ms: 25, sessions: [0] }');
    const [slow, normal] = r.samples;
    // 25 ms per 20 ms chunk: the mock hears the end of speech late, so the VAD stop is late too.
    if (slow.ok) expect(Number(slow.metrics.vad_stop_delay_ms)).toBeGreaterThan(Number(normal.metrics.vad_stop_delay_ms) + 200);
    else expect(slow.error).toMatch(/within \d+ ms/);
    expect(normal.ok).toBe(true);
  });

  it('rate_limits remaining 0: the failed response is recorded and the next session waits reset_seconds', async () => {
    const r = await runWithFault('{ kind: rate_limits, remaining: 0, sessions: [0] }');
    expect(r.samples[0].error).toMatch(/^response failed: rate_limit_exceeded: Rate limit reached/);
    const s0 = r.samples[0].id.replace(/#t0$/, '');
    const s1 = r.samples[1].id.replace(/#t0$/, '');
    const limited = r.traces.find((t) => t.k === 'note' && t.s === s0 && /rate limit "tokens" exhausted/.test(t.msg))!;
    expect(limited).toBeDefined();
    const held = r.traces.find((t) => t.k === 'note' && t.s === s1 && /held back/.test(t.msg)) as { msg: string };
    expect(held.msg).toMatch(/start held back (\d+) ms by an exhausted rate limit/);
    const connecting = r.traces.find((t) => t.k === 'note' && t.s === s1 && t.msg === 'connecting')!;
    // The mock reports reset_seconds: 6 with remaining 0.
    expect(connecting.t - limited.t).toBeGreaterThanOrEqual(6000);
    expect(r.samples[1].ok).toBe(true);
  });
});

describe('faults over a real socket', () => {
  it('drop cuts TCP (1006, no close frame) and a 429 with Retry-After is honoured, through real HTTP', async () => {
    const mock = await startMockServer({
      firstAudioMs: 100,
      jitterMs: 0,
      pingIntervalMs: 0,
      // Session 0: refused twice (connections 0 and 1), then connection 2 is dropped mid-answer.
      faults: [
        { kind: 'reject', status: 429, retryAfterS: 0.2, sessions: [0, 1] },
        { kind: 'drop', afterMs: 30, sessions: [2] },
      ],
    });
    try {
      const dir = tmp();
      const wav = toneWav(dir);
      const r = await runBenchmark({
        audio: [wav],
        targets: [mock.url],
        repeat: 2,
        out: join(dir, 'out'),
        reporters: ['json', 'md'],
        stdout: quiet(),
        env: {},
      });
      const [dropped, fine] = r.results.samples;
      expect(dropped.error).toBe('connection closed by server (code 1006)');
      expect(fine.ok).toBe(true);
      const traces = readJsonl<TraceRecord>(join(r.outDir!, 'traces.jsonl'));
      const waits = notes(traces, dropped.id.replace(/#t0$/, '')).filter((m) => /HTTP 429/.test(m));
      expect(waits).toHaveLength(2);
      for (const m of waits) expect(Number(/retrying in (\d+) ms/.exec(m)![1])).toBeGreaterThanOrEqual(200);
      expect(mock.stats().rejected).toBe(2);
    } finally {
      await mock.close();
    }
  });
});
