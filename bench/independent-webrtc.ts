/**
 * `node dist/bench/independent-webrtc.js [--runs N] [--fixture WAV]`: the WebSocket-vs-WebRTC
 * audible-answer comparison measured by two bare clients that share nothing with rtbench's
 * transports, runner or metrics — a check on rtbench's own figure (docs/accuracy.md, "Across
 * transports"), which comes from those.
 *
 * - WebRTC: `RTCPeerConnection` straight from `@roamhq/wrtc` (libwebrtc), a microphone track fed
 *   by `nonstandard.RTCAudioSource` in 10 ms frames at real-time pace, an `oai-events` data
 *   channel, the SDP offer POSTed to the mock's `/v1/realtime/calls`. The answer is "audible" at
 *   the first `nonstandard.RTCAudioSink` frame (after `speech_stopped`) whose peak is ≥ 64/32767:
 *   the frame's arrival at the sink (libwebrtc's playout pulls 10 ms every 10 ms) + the position of
 *   that sample in the frame.
 * - WebSocket: `ws`, 20 ms `input_audio_buffer.append` chunks at real-time pace; every
 *   `response.output_audio.delta` is queued on a real-time player (a delta starts playing when it
 *   arrives or when the previous one ends, whichever is later), and the first sample ≥ 64 is
 *   audible at its delta's start + its position in it.
 *
 * Both stream the fixture, then silence, with `server_vad` (500 ms silence) against
 * `rtbench mock --first-audio-ms 300 --jitter-ms 0`, started here as its own process. Per run and
 * transport: first audible − arrival of `input_audio_buffer.speech_stopped`. Prints the medians and
 * their difference; the media path alone (Opus, jitter buffer) should put WebRTC 0–80 ms behind.
 * Transports alternate their order from run to run so that load drifts hit both alike.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { RealClock } from '../src/clock/real.js';

/** A sample at or above this magnitude (of 32767) is audible; the answer's lead-in is digital silence. */
const AUDIBLE_PEAK = 64;
const RATE_HZ = 24_000;
const RUN_TIMEOUT_MS = 15_000;
const SESSION = { type: 'realtime', audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: 500 } } } };

const clock = new RealClock();
const log = (line: string) => process.stderr.write(`${line}\n`);

// The few libwebrtc bindings used here, typed locally (the package's own types need the DOM lib).
interface AudioFrame {
  samples: Int16Array;
  sampleRate: number;
  channelCount?: number;
}
interface Track {
  kind: string;
  stop(): void;
}
interface Channel {
  readyState: string;
  onopen: (() => void) | null;
  onmessage: ((e: { data: string | ArrayBuffer }) => void) | null;
  send(data: string): void;
  close(): void;
}
interface Peer {
  iceGatheringState: string;
  localDescription: { type: string; sdp: string } | null;
  onicegatheringstatechange: (() => void) | null;
  ontrack: ((e: { track: Track }) => void) | null;
  addTrack(track: Track): unknown;
  createDataChannel(label: string): Channel;
  createOffer(): Promise<{ type: 'offer'; sdp: string }>;
  setLocalDescription(d: { type: 'offer'; sdp: string }): Promise<void>;
  setRemoteDescription(d: { type: 'answer'; sdp: string }): Promise<void>;
  close(): void;
}
interface Wrtc {
  RTCPeerConnection: new () => Peer;
  nonstandard: {
    RTCAudioSource: new () => { createTrack(): Track; onData(frame: AudioFrame): void };
    RTCAudioSink: new (track: Track) => { ondata: ((frame: AudioFrame) => void) | null; stop(): void };
  };
}

/** What one run of one transport saw (times on `clock`). */
interface RunTimes {
  speechStoppedT: number;
  audibleT: number;
}

/** The PCM16 samples of a mono 24 kHz WAV (the `data` chunk, wherever it is). */
function readWav(path: string): Int16Array {
  const buf = readFileSync(path);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a WAV file`);
  let off = 12;
  let fmtOk = false;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ')
      fmtOk =
        buf.readUInt16LE(off + 8) === 1 && buf.readUInt16LE(off + 10) === 1 && buf.readUInt32LE(off + 12) === RATE_HZ && buf.readUInt16LE(off + 22) === 16;
    if (id === 'data') {
      if (!fmtOk) throw new Error(`${path}: expected PCM16 mono ${RATE_HZ} Hz`);
      const pcm = Buffer.from(buf.subarray(off + 8, off + 8 + size)); // copied: aligned for Int16Array
      return new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length >> 1);
    }
    off += 8 + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}

/** Index of the first sample (of channel 0) with magnitude ≥ AUDIBLE_PEAK, or −1. */
function firstAudible(samples: Int16Array, channels = 1): number {
  for (let i = 0; i < samples.length; i += channels) if (Math.abs(samples[i]) >= AUDIBLE_PEAK) return i / channels;
  return -1;
}

/**
 * Calls `send(k)` for frame k = 0, 1, … at `t0 + k·frameMs` (absolute deadlines, so no drift)
 * until the returned stop function is called.
 */
function paceFrames(frameMs: number, send: (k: number) => void): () => void {
  const t0 = clock.now();
  let k = 0;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    while (clock.now() >= t0 + k * frameMs) send(k++);
    timer = setTimeout(tick, Math.max(0, t0 + k * frameMs - clock.now()));
  };
  tick();
  return () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
}

/** The fixture's samples for frame k of `frameSamples`, then silence. */
function micFrame(pcm: Int16Array, k: number, frameSamples: number): Int16Array {
  const frame = new Int16Array(frameSamples);
  const from = k * frameSamples;
  if (from < pcm.length) frame.set(pcm.subarray(from, Math.min(pcm.length, from + frameSamples)));
  return frame;
}

function withTimeout<T>(what: string, p: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

function runWs(wsUrl: string, pcm: Int16Array): Promise<RunTimes> {
  const ws = new WebSocket(`${wsUrl}?model=gpt-realtime`);
  let stopMic = null as (() => void) | null;
  let speechStoppedT: number | null = null;
  let playEndT = 0;
  const done = new Promise<RunTimes>((resolve, reject) => {
    ws.on('error', reject);
    ws.on('close', () => reject(new Error('ws closed before the answer was audible')));
    ws.on('message', (data) => {
      const arrivedT = clock.now();
      const ev = JSON.parse(data.toString()) as { type: string; delta?: string; error?: unknown };
      if (ev.type === 'session.created') ws.send(JSON.stringify({ type: 'session.update', session: SESSION }));
      else if (ev.type === 'session.updated' && !stopMic) {
        stopMic = paceFrames(20, (k) =>
          ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: Buffer.from(micFrame(pcm, k, 480).buffer).toString('base64') })),
        );
      } else if (ev.type === 'error') reject(new Error(`ws: ${JSON.stringify(ev.error)}`));
      else if (ev.type === 'input_audio_buffer.speech_stopped') speechStoppedT ??= arrivedT;
      else if (ev.type === 'response.output_audio.delta' && speechStoppedT !== null) {
        const b = Buffer.from(ev.delta ?? '', 'base64');
        const samples = new Int16Array(b.buffer, b.byteOffset, b.length >> 1);
        const startT = Math.max(arrivedT, playEndT);
        playEndT = startT + (samples.length * 1000) / RATE_HZ;
        const i = firstAudible(samples);
        if (i >= 0) resolve({ speechStoppedT, audibleT: startT + (i * 1000) / RATE_HZ });
      }
    });
  });
  return withTimeout('ws', done).finally(() => {
    stopMic?.();
    ws.removeAllListeners('close');
    ws.on('error', () => {});
    ws.close();
  });
}

async function runWebRtc(wrtc: Wrtc, callsUrl: string, pcm: Int16Array): Promise<RunTimes> {
  const pc = new wrtc.RTCPeerConnection();
  const source = new wrtc.nonstandard.RTCAudioSource();
  const mic = source.createTrack();
  pc.addTrack(mic);
  const channel = pc.createDataChannel('oai-events');
  let sink: InstanceType<Wrtc['nonstandard']['RTCAudioSink']> | null = null;
  let remote: Track | null = null;
  let stopMic = null as (() => void) | null;
  let speechStoppedT: number | null = null;
  const done = new Promise<RunTimes>((resolve, reject) => {
    pc.ontrack = (e) => {
      if (e.track.kind !== 'audio' || sink) return;
      remote = e.track;
      sink = new wrtc.nonstandard.RTCAudioSink(e.track);
      sink.ondata = (f) => {
        const arrivedT = clock.now();
        if (speechStoppedT === null) return;
        const i = firstAudible(f.samples, f.channelCount ?? 1);
        if (i >= 0) resolve({ speechStoppedT, audibleT: arrivedT + (i * 1000) / f.sampleRate });
      };
    };
    channel.onopen = () => channel.send(JSON.stringify({ type: 'session.update', session: SESSION }));
    channel.onmessage = (e) => {
      const arrivedT = clock.now();
      const ev = JSON.parse(typeof e.data === 'string' ? e.data : Buffer.from(e.data).toString()) as { type: string; error?: unknown };
      if (ev.type === 'session.updated' && !stopMic) {
        const data: AudioFrame = { samples: new Int16Array(240), sampleRate: RATE_HZ, channelCount: 1 };
        stopMic = paceFrames(10, (k) => source.onData({ ...data, samples: micFrame(pcm, k, 240) }));
      } else if (ev.type === 'error') reject(new Error(`webrtc: ${JSON.stringify(ev.error)}`));
      else if (ev.type === 'input_audio_buffer.speech_stopped') speechStoppedT ??= arrivedT;
    };
  });
  try {
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    // Loopback host candidates are gathered within milliseconds; the answer needs them in the offer.
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      const timer = setTimeout(resolve, 1000);
      pc.onicegatheringstatechange = () => {
        if (pc.iceGatheringState !== 'complete') return;
        clearTimeout(timer);
        resolve();
      };
    });
    const res = await fetch(callsUrl, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription?.sdp ?? offer.sdp });
    const answer = await res.text();
    if (res.status !== 201 && res.status !== 200) throw new Error(`POST /calls: HTTP ${res.status}: ${answer.slice(0, 200)}`);
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    return await withTimeout('webrtc', done);
  } finally {
    stopMic?.();
    if (sink) (sink as { stop(): void }).stop();
    (remote as Track | null)?.stop();
    mic.stop();
    if (channel.readyState === 'open') channel.close();
    pc.close();
  }
}

/** `rtbench mock` as its own process; resolves with its WebSocket URL (its first stdout line). */
function startMock(): Promise<{ url: string; proc: ChildProcess }> {
  const bin = fileURLToPath(new URL('../cli/rtbench.js', import.meta.url));
  const proc = spawn(process.execPath, [bin, 'mock', '--first-audio-ms', '300', '--jitter-ms', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.once('exit', (code) => reject(new Error(`mock exited with ${code}`)));
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      proc.stdout!.removeAllListeners('data');
      proc.stdout!.resume();
      resolve({ url: out.slice(0, nl).trim(), proc });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const runs = Number(opt('--runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    log('usage: node dist/bench/independent-webrtc.js [--runs N] [--fixture WAV]');
    return 2;
  }
  const pcm = readWav(opt('--fixture') ?? fileURLToPath(new URL('../../fixtures/what-time.wav', import.meta.url)));
  const wrtc = createRequire(import.meta.url)('@roamhq/wrtc') as Wrtc;
  const { url, proc } = await startMock();
  const callsUrl = `${url.replace(/^ws/, 'http')}/calls?model=gpt-realtime`;
  const loadBefore = loadavg()[0];
  const gaps: Record<'ws' | 'webrtc', number[]> = { ws: [], webrtc: [] };
  let failed = 0;
  try {
    for (let r = 0; r < runs; r++) {
      for (const t of r % 2 ? (['webrtc', 'ws'] as const) : (['ws', 'webrtc'] as const)) {
        try {
          const times = t === 'ws' ? await runWs(url, pcm) : await runWebRtc(wrtc, callsUrl, pcm);
          const gap = times.audibleT - times.speechStoppedT;
          gaps[t].push(gap);
          log(`run ${r + 1} ${t.padEnd(6)} first audible − speech_stopped: ${gap.toFixed(1)} ms`);
        } catch (err) {
          failed++;
          log(`run ${r + 1} ${t}: ${(err as Error).message}`);
        }
        await new Promise((res) => setTimeout(res, 300)); // let the mock finish the call
      }
    }
  } finally {
    proc.kill('SIGTERM');
  }
  const loadAfter = loadavg()[0];
  if (!gaps.ws.length || !gaps.webrtc.length) {
    log('no measurement on one of the transports');
    return 1;
  }
  const ws = median(gaps.ws);
  const rtc = median(gaps.webrtc);
  const diff = rtc - ws;
  process.stdout.write(
    `independent clients, first audible (peak ≥ ${AUDIBLE_PEAK}) − speech_stopped, median of ${gaps.ws.length} ws / ${gaps.webrtc.length} webrtc runs:\n` +
      `  ws      ${ws.toFixed(1)} ms   [${gaps.ws.map((g) => g.toFixed(1)).join(', ')}]\n` +
      `  webrtc  ${rtc.toFixed(1)} ms   [${gaps.webrtc.map((g) => g.toFixed(1)).join(', ')}]\n` +
      `  webrtc − ws  ${diff >= 0 ? '+' : ''}${diff.toFixed(1)} ms (expected 0–80 ms: Opus + jitter buffer only) → ${diff >= 0 && diff <= 80 ? 'within' : 'OUTSIDE'}\n` +
      `  load average (1 min) ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)} on ${cpus().length} cores${failed ? `; ${failed} run(s) failed` : ''}\n`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code), // not Node's teardown: libwebrtc's finalizers crash it (src/transport/webrtc-exit.ts)
  (err: unknown) => {
    log(`independent-webrtc: ${(err as Error).message}`);
    process.exit(2);
  },
);
