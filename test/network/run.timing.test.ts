/**
 * End to end over a real impaired link (userspace engine; root and /dev/net/tun needed, skipped
 * with the reason otherwise). Known truths: the mock's first-audio delay is fixed (300 ms, no
 * jitter), and the link adds its round trip between the user's end of speech and the server's
 * speech_stopped arriving (the audio goes up one way, the event comes down the other), and at
 * least that before the answer's first audio.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdir, readlink } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import type { Sample } from '../../src/results/types.js';
import { BIN, requireBuild, tmp } from '../e2e/helpers.js';
import { linkUnavailable } from './link-helpers.js';

const why = linkUnavailable();
const quiet = { write: () => true } as unknown as NodeJS.WritableStream;

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const metric = (samples: Sample[], transport: string, network: string, name: string) =>
  samples.filter((s) => s.transport === transport && (s.network ?? 'none') === network).map((s) => s.metrics[name] as number);

/** Network namespaces any process is in right now. */
async function namespacesNow(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const p of (await readdir('/proc')).filter((d) => /^\d+$/.test(d))) {
    const id = await readlink(`/proc/${p}/ns/net`).catch(() => null);
    if (id) ids.add(id);
  }
  return ids;
}

describe.skipIf(why !== null)(`--network end to end${why ? ` (skipped: ${why})` : ''}`, () => {
  it('ws and webrtc through 4g (and webrtc through 400 ms): the VAD stop and first audio grow by the link round trip', async () => {
    const before = await namespacesNow();
    const { results } = await runBenchmark({
      audio: ['fixtures/what-time.wav'],
      transports: ['ws', 'webrtc'],
      networks: ['none', '4g', 'rtt=400ms'],
      repeat: 3,
      out: tmp('rtbench-net-'),
      reporters: [],
      stdout: quiet as never,
      mock: { firstAudioMs: 300, jitterMs: 0 },
      networkEngine: 'userspace',
    });
    const samples = results.samples;
    for (const s of samples) expect(s.ok, s.error).toBe(true);
    expect(results.run.network?.map((n) => [n.network, n.engine])).toEqual([
      ['4g', 'userspace'],
      ['rtt=400ms', 'userspace'],
    ]);
    for (const transport of ['ws', 'webrtc']) {
      const over = samples.filter((s) => s.transport === transport && s.network === '4g');
      expect(over).toHaveLength(3);
      const rtt = median(over.map((s) => s.facts!.link_rtt_ms as number));
      // The measured link: 70 ms round trip ±10 % (probes also queue behind the session's packets).
      expect(rtt, `${transport}: probe RTT ${rtt} ms`).toBeGreaterThan(63);
      expect(rtt, `${transport}: probe RTT ${rtt} ms`).toBeLessThan(85);
    }
    // libwebrtc's own RTCP round trip crossed the same link.
    const rtcRtt = median(samples.filter((s) => s.transport === 'webrtc' && s.network === '4g').map((s) => s.facts!.webrtc_round_trip_ms as number));
    expect(Math.abs(rtcRtt - 70), `getStats RTT ${rtcRtt} ms`).toBeLessThan(15);
    // The end of speech travels up and speech_stopped comes down: the VAD stop delay grows by the
    // round trip, 70 ms ±20. First audio grows by at least that; over WebSocket this loaded 2-core
    // machine adds 0–170 ms more in some sessions (measured; docs/network.md), so its bound is looser.
    const wsStop = median(metric(samples, 'ws', '4g', 'vad_stop_delay_ms')) - median(metric(samples, 'ws', 'none', 'vad_stop_delay_ms'));
    expect(Math.abs(wsStop - 70), `ws over 4g: VAD stop +${wsStop} ms`).toBeLessThan(20);
    // The failing case: a link that added nothing, or twice its round trip, is told apart.
    expect(Math.abs(wsStop - 0)).toBeGreaterThan(20);
    expect(Math.abs(wsStop - 140)).toBeGreaterThan(20);
    const wsAdded = median(metric(samples, 'ws', '4g', 'first_audio_ms')) - median(metric(samples, 'ws', 'none', 'first_audio_ms'));
    expect(wsAdded, `ws over 4g: first audio +${wsAdded} ms`).toBeGreaterThan(70 - 20);
    expect(wsAdded, `ws over 4g: first audio +${wsAdded} ms`).toBeLessThan(70 + 180);
    // Over WebRTC the mock's and libwebrtc's playout vary by ±100 ms between sessions on their own,
    // and the receiver's jitter buffer may add to a long path (+553 ms over 400 ms measured here):
    // its truth is a 400 ms link that first audio must grow by at least (less that spread), at most twice.
    const rtcAdded = median(metric(samples, 'webrtc', 'rtt=400ms', 'first_audio_ms')) - median(metric(samples, 'webrtc', 'none', 'first_audio_ms'));
    expect(rtcAdded, `webrtc over 400 ms: first audio +${rtcAdded} ms`).toBeGreaterThan(400 - 120);
    expect(rtcAdded, `webrtc over 400 ms: first audio +${rtcAdded} ms`).toBeLessThan(800);
    const ws = samples.filter((s) => s.transport === 'ws' && s.network === '4g');
    expect(ws.every((s) => typeof s.facts!.tcp_retransmits === 'number')).toBe(true);
    // Both events cross the downlink: the gap between them is the mock's 300 ms, never less.
    expect(median(metric(samples, 'ws', '4g', 'vad_to_first_audio_ms'))).toBeGreaterThan(300 - 15);
    const rtc = samples.filter((s) => s.transport === 'webrtc' && s.network === '4g');
    expect(rtc.every((s) => typeof s.facts!.webrtc_packets_lost === 'number')).toBe(true);
    // Every namespace the run made is gone.
    const after = await namespacesNow();
    expect([...after].filter((id) => !before.has(id))).toEqual([]);
  }, 240_000);

  it('an uplink too slow for PCM16 over WebSocket fails with the reason instead of a latency; WebRTC still measures', async () => {
    const { results } = await runBenchmark({
      audio: ['fixtures/what-time.wav'],
      transports: ['ws', 'webrtc'],
      networks: ['3g-slow'],
      out: tmp('rtbench-net-'),
      reporters: [],
      stdout: quiet as never,
      mock: { firstAudioMs: 300, jitterMs: 0 },
      networkEngine: 'userspace',
    });
    const ws = results.samples.find((s) => s.transport === 'ws')!;
    const rtc = results.samples.find((s) => s.transport === 'webrtc')!;
    expect(ws.ok).toBe(false);
    expect(ws.error).toMatch(/330 kbit\/s uplink cannot carry real-time audio over ws/);
    expect(ws.metrics.first_audio_ms).toBeNull();
    expect(ws.facts!.link_realtime).toBe(false);
    expect(rtc.facts!.link_realtime).toBe(true);
    expect(typeof rtc.metrics.first_audio_ms).toBe('number');
  }, 120_000);

  it('SIGINT mid-run: exit 130 and every namespace removed', async () => {
    requireBuild();
    const before = await namespacesNow();
    const out = tmp('rtbench-net-int-');
    const child = spawn(
      process.execPath,
      [BIN, 'run', '--audio', 'fixtures/what-time.wav', '--repeat', '5', '--network', 'rtt=40ms', '--reporter', 'json', '--out', out],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setInterval(() => {
        // Once the link is up and a session has started, interrupt.
        if (/link built/.test(err)) {
          clearInterval(timer);
          setTimeout(() => child.kill('SIGINT'), 1500);
        }
      }, 50);
      child.once('exit', (c) => resolve(c));
    });
    expect(code, err).toBe(130);
    const after = await namespacesNow();
    expect([...after].filter((id) => !before.has(id))).toEqual([]);
  }, 120_000);

  it('without CAP_NET_ADMIN: exit 2 saying what is needed, nothing run', () => {
    requireBuild();
    // The same CLI as an unprivileged user (nobody): no capabilities at all.
    const r = spawnSync(
      'setpriv',
      [
        '--reuid=65534',
        '--regid=65534',
        '--clear-groups',
        process.execPath,
        BIN,
        'run',
        '--audio',
        'fixtures/what-time.wav',
        '--network',
        '4g',
        '--reporter',
        'json',
        '--out',
        '/nonexistent/never-written',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', HOME: '/tmp' },
        timeout: 60_000,
      },
    );
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--network needs CAP_NET_ADMIN and CAP_SYS_ADMIN/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
