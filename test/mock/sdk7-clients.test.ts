/**
 * The official `openai` 7.x client (dev alias `openai7`) against the mock, as a user of December
 * 2026 runs it: GA over wss:// with 7.x session fields, an `intent=transcription` session, and
 * `client.realtime.calls.create({ sdp, session })` (multipart). openai 7.x declares Node ≥ 22; it
 * runs on Node 20 too (npm warns), so these run on every leg. Truth: the 7.x types and the
 * service's documented behaviour (transcription sessions never respond; a call's `session` part
 * configures the session before `session.created`).
 */
import { RealtimeAgent, RealtimeSession } from '@openai/agents-realtime';
import { createRequire } from 'node:module';
import OpenAI from 'openai7';
import { OpenAIRealtimeWS } from 'openai7/realtime/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import { webrtcAvailable, type WrtcModule } from '../../src/transport/webrtc-lib.js';
import { chunksOf, fixturePcm, wireBytes } from './helpers.js';

const KEY = 'sk-test-sdk7';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- events read loosely in assertions
type Ev = { type: string; [k: string]: any };

function collect(rt: OpenAIRealtimeWS) {
  const events: Ev[] = [];
  const errors: unknown[] = [];
  rt.on('event', (e) => events.push(e as Ev));
  rt.on('error', (e) => errors.push(e));
  const waitFor = (type: string, nth = 1, timeoutMs = 20_000) =>
    new Promise<Ev>((resolve, reject) => {
      const start = Date.now();
      const poll = () => {
        const hits = events.filter((e) => e.type === type);
        if (hits.length >= nth) return resolve(hits[nth - 1]);
        if (Date.now() - start > timeoutMs) return reject(new Error(`timed out waiting for ${type}; saw ${events.map((e) => e.type).join(',')}`));
        setTimeout(poll, 5);
      };
      poll();
    });
  const open = new Promise<void>((resolve, reject) => {
    rt.socket.once('open', () => resolve());
    rt.socket.once('error', reject);
  });
  return { events, errors, waitFor, open };
}

describe('official openai 7.x client over wss://', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ tls: true, firstAudioMs: 120, jitterMs: 0, profile: 'fast', apiKey: KEY, strict: true });
  });
  afterAll(() => server.close());
  const client = () => new OpenAI({ apiKey: KEY, baseURL: `https://127.0.0.1:${server.port}/v1` });

  it('GA: 7.x session fields (noise-reduction strength, gpt-transcribe keywords/languages) accepted; a voice turn with languages on the transcript', async () => {
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime-2.1', options: { ca: server.caPem } }, client());
    const c = collect(rt);
    await c.open;
    rt.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        audio: {
          input: {
            noise_reduction: { type: 'near_field', strength: 0.5 },
            transcription: { model: 'gpt-transcribe', keywords: ['rtbench'], languages: ['en', 'de'] },
            turn_detection: { type: 'server_vad', silence_duration_ms: 300 },
          },
        },
      },
    });
    const updated = await c.waitFor('session.updated');
    expect(updated.session.audio.input.noise_reduction).toEqual({ type: 'near_field', strength: 0.5 });
    expect(updated.session.audio.input.transcription).toMatchObject({ model: 'gpt-transcribe', keywords: ['rtbench'], languages: ['en', 'de'] });
    const pcm = await fixturePcm('what-time.wav', 800);
    for (const audio of chunksOf(wireBytes(pcm, 'pcm16'), 960)) rt.send({ type: 'input_audio_buffer.append', audio });
    const done = await c.waitFor('response.done');
    expect(done.response.status).toBe('completed');
    const completed = await c.waitFor('conversation.item.input_audio_transcription.completed');
    expect(completed.languages).toEqual([{ code: 'en' }]);
    expect(c.events.filter((e) => e.type === 'error')).toEqual([]);
    expect(c.errors).toEqual([]);
    rt.close();
  });

  it('intent=transcription: a transcription session transcribes the turn and starts no response', async () => {
    const rt = new OpenAIRealtimeWS({ intent: 'transcription', options: { ca: server.caPem } }, client());
    expect(rt.url.searchParams.get('intent')).toBe('transcription');
    expect(rt.url.searchParams.has('model')).toBe(false);
    const c = collect(rt);
    await c.open;
    const created = await c.waitFor('session.created');
    expect(created.session.type).toBe('transcription');
    rt.send({
      type: 'session.update',
      session: {
        type: 'transcription',
        audio: { input: { transcription: { model: 'gpt-transcribe', languages: ['en'] }, turn_detection: { type: 'server_vad', silence_duration_ms: 300 } } },
      },
    });
    await c.waitFor('session.updated');
    const pcm = await fixturePcm('what-time.wav', 1200);
    for (const audio of chunksOf(wireBytes(pcm, 'pcm16'), 960)) rt.send({ type: 'input_audio_buffer.append', audio });
    const completed = await c.waitFor('conversation.item.input_audio_transcription.completed');
    expect(completed.transcript).toEqual(expect.any(String));
    // Long enough for a response to have started (fast profile: 120 ms to first audio).
    await new Promise((r) => setTimeout(r, 400));
    expect(c.events.filter((e) => e.type.startsWith('response.'))).toEqual([]);
    expect(c.events.filter((e) => e.type === 'error')).toEqual([]);
    rt.close();
  });

  it('a model session refuses a transcription-type update', async () => {
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime-2.1', options: { ca: server.caPem } }, client());
    const c = collect(rt);
    await c.open;
    rt.send({
      type: 'session.update',
      event_id: 'evt_t',
      session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-transcribe' } } } },
    });
    const error = await c.waitFor('error');
    expect(error.error).toMatchObject({ type: 'invalid_request_error', param: 'session.type', event_id: 'evt_t' });
    rt.close();
  });
});

describe.skipIf(!webrtcAvailable())('official openai 7.x client: calls.create with a session (multipart)', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ firstAudioMs: 120, jitterMs: 0, profile: 'fast', apiKey: KEY });
  });
  afterAll(() => server.close());

  it('sends sdp + session parts; the mock answers the SDP and opens the session with that configuration', async () => {
    const wrtc = createRequire(import.meta.url)('@roamhq/wrtc') as WrtcModule;
    const pc = new wrtc.RTCPeerConnection();
    const source = new wrtc.nonstandard.RTCAudioSource();
    const track = source.createTrack();
    pc.addTrack(track);
    const dc = pc.createDataChannel('oai-events');
    const events: Ev[] = [];
    dc.onmessage = (m) => events.push(JSON.parse(String(m.data)) as Ev);
    try {
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      const seen: { body?: unknown; accept?: string } = {};
      const client = new OpenAI({
        apiKey: KEY,
        baseURL: `${server.url.replace(/^ws/, 'http').replace(/\/realtime$/, '')}`,
        fetch: (url, init) => {
          const h = new Headers(init?.headers);
          seen.body = init?.body;
          seen.accept = h.get('accept') ?? undefined;
          return fetch(url, init);
        },
      });
      const session = {
        type: 'realtime' as const,
        model: 'gpt-realtime-2.1',
        instructions: 'Answer in one sentence.',
        audio: {
          input: { noise_reduction: { type: 'far_field' as const, strength: 0.25 }, turn_detection: { type: 'server_vad' as const, silence_duration_ms: 400 } },
        },
      };
      const res = await client.realtime.calls.create({ sdp: offer.sdp!, session });
      // A FormData body: fetch sends it as multipart/form-data with its own boundary.
      expect(seen.body).toBeInstanceOf(FormData);
      const form = seen.body as FormData;
      expect((form.get('sdp') as Blob).type).toBe('application/sdp');
      expect((form.get('session') as Blob).type).toBe('application/json');
      expect(seen.accept).toBe('application/sdp');
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toBe('application/sdp');
      const answer = await res.text();
      expect(answer).toMatch(/^v=0\r?\n/);
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
      const deadline = Date.now() + 10_000;
      while (!events.some((e) => e.type === 'session.created') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const created = events.find((e) => e.type === 'session.created')!;
      expect(created.session).toMatchObject({
        model: 'gpt-realtime-2.1',
        instructions: 'Answer in one sentence.',
        audio: { input: { noise_reduction: { type: 'far_field', strength: 0.25 }, turn_detection: { type: 'server_vad', silence_duration_ms: 400 } } },
      });
    } finally {
      track.stop();
      pc.close();
    }
  });

  it('refuses a session part the service would refuse (unknown field), naming it', async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: `${server.url.replace(/^ws/, 'http').replace(/\/realtime$/, '')}` });
    const bad = { type: 'realtime', model: 'gpt-realtime-2.1', voice: 'alloy' } as unknown as Parameters<typeof client.realtime.calls.create>[0]['session'];
    const err = await client.realtime.calls.create({ sdp: 'v=0\r\n', session: bad }).then(
      () => null,
      (e: unknown) => e as { status?: number; message?: string },
    );
    expect(err?.status).toBe(400);
    expect(err?.message).toContain("'session.voice'");
  });
});

describe('current @openai/agents-realtime with its defaults', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ firstAudioMs: 120, jitterMs: 0, profile: 'fast' });
  });
  afterAll(() => server.close());

  it("connects with its default configuration to a URL without a model: the mock echoes today's default model and accepts every update", async () => {
    const session = new RealtimeSession(new RealtimeAgent({ name: 'a', instructions: 'Be brief.' }), { transport: 'websocket', tracingDisabled: true });
    const events: Ev[] = [];
    session.on('transport_event', (e) => events.push(e as Ev));
    await session.connect({ apiKey: 'sk-any', url: server.url });
    const deadline = Date.now() + 10_000;
    while (!events.some((e) => e.type === 'session.updated') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const updated = events.find((e) => e.type === 'session.updated')!;
    expect(updated.session.model).toBe('gpt-realtime-2.1');
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    session.close();
  });
});
