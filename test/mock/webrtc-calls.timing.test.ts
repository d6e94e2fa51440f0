/**
 * The mock's WebRTC flow, driven by a bare libwebrtc peer exactly as a browser app drives OpenAI:
 * ephemeral key, SDP offer to /v1/realtime/calls, Opus audio and the `oai-events` channel. Real
 * clock and real media: this file runs in the sequential timing pass.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeDirectives } from '../../src/mock/behaviour/directives.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import type { RtcAudioData, WrtcModule } from '../../src/transport/webrtc-lib.js';
import { webrtcAvailable } from '../../src/transport/webrtc-lib.js';
import { firstAudibleIndex } from '../../src/audio/audible.js';

/** The bundled answer's silence before its first audible sample (ms): played over WebRTC as over WebSocket. */
function answerLeadMs(): number {
  const wav = readFileSync('fixtures/assistant-reply.wav');
  const rate = wav.readUInt32LE(24);
  const data = wav.indexOf('data') + 8;
  const pcm = new Int16Array(wav.buffer.slice(wav.byteOffset + data, wav.byteOffset + wav.length - ((wav.length - data) % 2)));
  return (firstAudibleIndex(pcm) * 1000) / rate;
}

const KEY = 'sk-test-webrtc';
let server: MockServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const httpBase = (s: MockServer) => s.url.replace(/^ws/, 'http');

/** The fixture's 24 kHz PCM, then 1.5 s of silence, as 48 kHz 10 ms frames. */
function micFrames(): Int16Array[] {
  const wav = readFileSync('fixtures/what-time.wav');
  const data = wav.indexOf('data') + 8;
  const pcm24 = new Int16Array(wav.buffer.slice(wav.byteOffset + data, wav.byteOffset + wav.length));
  const total = pcm24.length * 2 + 48 * 1500;
  const pcm48 = new Int16Array(total);
  for (let i = 0; i < pcm24.length; i++) pcm48[2 * i] = pcm48[2 * i + 1] = pcm24[i];
  const frames: Int16Array[] = [];
  for (let i = 0; i + 480 <= total; i += 480) frames.push(pcm48.slice(i, i + 480));
  return frames;
}

interface Call {
  res: Response;
  events: Array<{ type: string; t: number; [k: string]: unknown }>;
  loudAt: number[];
  send: (e: object) => void;
  speak: () => Promise<void>;
  waitFor: (type: string, timeoutMs?: number) => Promise<{ type: string; t: number; [k: string]: unknown }>;
  close: () => void;
  channelOpen: Promise<boolean>;
}

async function call(s: MockServer, key: string, extra: { headers?: Record<string, string>; contentType?: string } = {}): Promise<Call> {
  const wrtc = createRequire(import.meta.url)('@roamhq/wrtc') as WrtcModule;
  const pc = new wrtc.RTCPeerConnection();
  const source = new wrtc.nonstandard.RTCAudioSource();
  const track = source.createTrack();
  pc.addTrack(track);
  const dc = pc.createDataChannel('oai-events');
  const events: Call['events'] = [];
  const loudAt: number[] = [];
  const waiters: Array<() => void> = [];
  dc.onmessage = (m) => {
    events.push({ ...(JSON.parse(String(m.data)) as { type: string }), t: performance.now() });
    for (const w of waiters.splice(0)) w();
  };
  pc.ontrack = (e) => {
    const sink = new wrtc.nonstandard.RTCAudioSink(e.track);
    sink.ondata = (d: RtcAudioData) => {
      if (d.samples.some((x) => Math.abs(x) > 64)) loudAt.push(performance.now());
    };
  };
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const res = await fetch(`${httpBase(s)}/calls`, {
    method: 'POST',
    headers: { 'Content-Type': extra.contentType ?? 'application/sdp', Authorization: `Bearer ${key}`, ...extra.headers },
    body: offer.sdp,
  });
  const channelOpen =
    res.status === 201
      ? (pc.setRemoteDescription({ type: 'answer', sdp: await res.clone().text() }),
        new Promise<boolean>((r) => {
          dc.onopen = () => r(true);
          setTimeout(() => r(false), 10_000);
        }))
      : Promise.resolve(false);
  const waitFor: Call['waitFor'] = (type, timeoutMs = 10_000) =>
    new Promise((resolve, reject) => {
      const limit = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms; got ${events.map((e) => e.type).join(', ')}`)), timeoutMs);
      const check = () => {
        const e = events.find((x) => x.type === type);
        if (e) {
          clearTimeout(limit);
          resolve(e);
        } else waiters.push(check);
      };
      check();
    });
  const speak = async () => {
    const frames = micFrames();
    const t0 = performance.now();
    for (let k = 0; k < frames.length; k++) {
      const due = t0 + k * 10 - performance.now();
      if (due > 0) await new Promise((r) => setTimeout(r, due));
      source.onData({ samples: frames[k], sampleRate: 48000, channelCount: 1 });
    }
  };
  return { res, events, loudAt, send: (e) => dc.send(JSON.stringify(e)), speak, waitFor, channelOpen, close: () => (track.stop(), pc.close()) };
}

describe.skipIf(!webrtcAvailable())('mock WebRTC endpoints with a libwebrtc peer (truth: the flow of the official WebRTC clients)', () => {
  it('mints an ephemeral key, answers the SDP offer, and runs the session over Opus and oai-events', async () => {
    server = await startMockServer({ apiKey: KEY, firstAudioMs: 200, jitterMs: 0 });
    const refused = await fetch(`${httpBase(server)}/client_secrets`, { method: 'POST', body: '{}' });
    expect(refused.status).toBe(401);
    const minted = await fetch(`${httpBase(server)}/client_secrets`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ session: { type: 'realtime', model: 'gpt-realtime' } }),
    });
    expect(minted.status).toBe(200);
    const secret = (await minted.json()) as { value: string; expires_at: number; session: { model: string } };
    expect(secret.value).toMatch(/^ek_/);
    expect(secret.session.model).toBe('gpt-realtime');

    const c = await call(server, secret.value);
    expect(c.res.status).toBe(201);
    expect(c.res.headers.get('content-type')).toBe('application/sdp');
    expect(c.res.headers.get('location')).toMatch(/^\/v1\/realtime\/calls\/rtc_[a-z0-9]+$/);
    const answer = await c.res.text();
    expect(answer).toMatch(/a=rtpmap:\d+ opus\/48000\/2/);
    expect(answer).toMatch(/a=candidate:\S+ 1 udp \d+ (127\.0\.0\.1|::1) \d+ typ host/);
    expect(await c.channelOpen).toBe(true);
    const created = await c.waitFor('session.created');
    expect((created.session as { model?: string }).model).toBe('gpt-realtime');
    c.send({ type: 'session.update', session: { type: 'realtime', audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: 500 } } } } });
    await c.waitFor('session.updated');
    await c.speak();
    const stopped = await c.waitFor('input_audio_buffer.speech_stopped');
    const started = await c.waitFor('output_audio_buffer.started');
    const done = await c.waitFor('response.done', 15_000);
    const drained = await c.waitFor('output_audio_buffer.stopped', 15_000);
    const types = c.events.map((e) => e.type);
    expect(types.indexOf('input_audio_buffer.speech_started')).toBeLessThan(types.indexOf('input_audio_buffer.speech_stopped'));
    expect(types.indexOf('response.content_part.added')).toBeLessThan(types.indexOf('output_audio_buffer.started'));
    expect(drained.t).toBeGreaterThan(done.t);
    // Over WebRTC the answer's audio is the RTP stream, never a delta on the channel.
    expect(types).not.toContain('response.output_audio.delta');
    expect(started.response_id).toBe((done.response as { id: string }).id);
    // The injected 200 ms before the buffer starts; then sound arrives after the jitter buffer.
    expect(started.t - stopped.t).toBeGreaterThanOrEqual(200);
    // The answer's leading silence is played too (it takes its time, as over WebSocket), so the
    // first sound comes that much after the buffer started, plus the jitter buffer.
    const firstSound = c.loudAt.find((t) => t > stopped.t)!;
    const leadMs = answerLeadMs();
    expect(leadMs).toBeGreaterThan(300);
    expect(firstSound - started.t).toBeGreaterThan(leadMs);
    expect(firstSound - started.t).toBeLessThan(leadMs + 150);
    // output_audio_buffer.clear (WebRTC only) is answered with .cleared.
    c.send({ type: 'output_audio_buffer.clear' });
    await c.waitFor('output_audio_buffer.cleared');
    c.close();
  });

  it('refuses like the service: wrong content type, unknown ephemeral key; directives and faults ride on the calls request', async () => {
    server = await startMockServer({ apiKey: KEY });
    const wrongType = await call(server, KEY, { contentType: 'text/plain' });
    expect(wrongType.res.status).toBe(400);
    wrongType.close();
    const badKey = await call(server, 'ek_not_minted');
    expect(badKey.res.status).toBe(401);
    badKey.close();
    const rejected = await call(server, KEY, {
      headers: { 'x-rtbench-mock': encodeDirectives({ faults: [{ kind: 'reject', status: 429, retryAfterS: 2 } as never] }) },
    });
    expect(rejected.res.status).toBe(429);
    expect(rejected.res.headers.get('retry-after')).toBe('2');
    rejected.close();
    // A standard key works too (server-side apps), and a directive's profile reaches the session.
    const ok = await call(server, KEY, { headers: { 'x-rtbench-mock': encodeDirectives({ profile: 'slow' }) } });
    expect(ok.res.status).toBe(201);
    expect(await ok.channelOpen).toBe(true);
    await ok.waitFor('session.created');
    expect(server.stats().perSession.at(-1)?.profile).toBe('slow');
    ok.close();
  });

  it('hangs up a call by id', async () => {
    server = await startMockServer({});
    const c = await call(server, 'any');
    expect(await c.channelOpen).toBe(true);
    await c.waitFor('session.created');
    const hangup = await fetch(`${new URL(httpBase(server)).origin}${c.res.headers.get('location')}/hangup`, { method: 'POST' });
    expect(hangup.status).toBe(200);
    await expect.poll(() => server!.stats().openSessions, { timeout: 5000 }).toBe(0);
    c.close();
  });
});
