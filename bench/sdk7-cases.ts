/**
 * The openai 7.x additions, each sent by the official 7.x client (dev alias `openai7`) to the
 * mock, printing what the mock answered: one line per case. Run it on two checkouts to record a
 * before/after (docs/mock.md, "openai 7.x"):
 *
 *   npx esbuild bench/sdk7-cases.ts --bundle --platform=node --format=esm --packages=external \
 *     --outfile=bench-sdk7.tmp.mjs && node bench-sdk7.tmp.mjs; rm bench-sdk7.tmp.mjs
 *
 * Not part of `npm run bench` (it measures nothing): it is the record of what changed.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai7';
import { OpenAIRealtimeWS } from 'openai7/realtime/ws';
import { startMockServer } from '../src/mock/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- events read loosely to print them
type Ev = { type: string; [k: string]: any };
const KEY = 'sk-bench-sdk7';

/** The fixture's PCM16 24 kHz samples as base64 chunks of 20 ms, plus 1.2 s of silence. */
function speechChunks(): string[] {
  const wav = readFileSync('fixtures/what-time.wav');
  const data = wav.indexOf('data') + 8;
  const pcm = Buffer.concat([wav.subarray(data), Buffer.alloc(48 * 1200)]);
  const out: string[] = [];
  for (let i = 0; i < pcm.length; i += 960) out.push(pcm.subarray(i, i + 960).toString('base64'));
  return out;
}

async function main(): Promise<void> {
  const server = await startMockServer({ tls: true, firstAudioMs: 100, jitterMs: 0, profile: 'fast', apiKey: KEY, strict: true });
  const client = new OpenAI({ apiKey: KEY, baseURL: `https://127.0.0.1:${server.port}/v1` });
  const open = async (conn: { model: string } | { intent: 'transcription' }) => {
    const rt = new OpenAIRealtimeWS({ ...conn, options: { ca: server.caPem } } as never, client);
    const events: Ev[] = [];
    rt.on('event', (e) => events.push(e as Ev));
    rt.on('error', () => undefined);
    await new Promise<void>((r, j) => (rt.socket.once('open', () => r()), rt.socket.once('error', j)));
    const next = async (pred: (e: Ev) => boolean, ms = 5000) => {
      const t0 = Date.now();
      for (;;) {
        const e = events.find(pred);
        if (e || Date.now() - t0 > ms) return e;
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    return { rt, events, next };
  };
  const answer = (e: Ev | undefined, pick: (e: Ev) => unknown) =>
    !e ? 'no answer' : e.type === 'error' ? `error ${e.error.code}: ${e.error.message}` : JSON.stringify(pick(e));
  const updateCase = async (
    name: string,
    session: object,
    pick: (e: Ev) => unknown,
    conn: { model: string } | { intent: 'transcription' } = { model: 'gpt-realtime-2.1' },
  ) => {
    const s = await open(conn);
    await s.next((e) => e.type === 'session.created');
    s.rt.send({ type: 'session.update', session } as never);
    console.log(`${name}: ${answer(await s.next((e) => e.type === 'session.updated' || e.type === 'error'), pick)}`);
    s.rt.close();
  };

  await updateCase(
    'noise_reduction.strength',
    { type: 'realtime', audio: { input: { noise_reduction: { type: 'near_field', strength: 0.5 } } } },
    (e) => e.session.audio.input.noise_reduction,
  );
  await updateCase(
    'transcription keywords/languages (gpt-transcribe)',
    { type: 'realtime', audio: { input: { transcription: { model: 'gpt-transcribe', keywords: ['rtbench'], languages: ['en', 'de'] } } } },
    (e) => e.session.audio.input.transcription,
  );
  await updateCase(
    'transcription delay (gpt-realtime-whisper)',
    { type: 'realtime', audio: { input: { transcription: { model: 'gpt-realtime-whisper', delay: 'low' } } } },
    (e) => e.session.audio.input.transcription,
  );
  await updateCase(
    'model session, transcription-type update',
    { type: 'transcription', audio: { input: { transcription: { model: 'gpt-transcribe' } } } },
    (e) => ({ type: e.session.type }),
  );

  // A voice turn with gpt-transcribe: languages on the transcript.
  {
    const s = await open({ model: 'gpt-realtime-2.1' });
    s.rt.send({ type: 'session.update', session: { type: 'realtime', audio: { input: { transcription: { model: 'gpt-transcribe', language: 'en' } } } } });
    for (const audio of speechChunks()) s.rt.send({ type: 'input_audio_buffer.append', audio });
    const done = await s.next((e) => e.type === 'conversation.item.input_audio_transcription.completed' || e.type === 'error');
    console.log(`languages on input_audio_transcription.completed: ${answer(done, (e) => ({ languages: e.languages ?? '(absent)' }))}`);
    s.rt.close();
  }

  // intent=transcription: what the session is, and whether a turn starts a response.
  {
    const s = await open({ intent: 'transcription' });
    const created = await s.next((e) => e.type === 'session.created');
    s.rt.send({ type: 'session.update', session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-transcribe' } } } } } as never);
    const updated = await s.next((e) => e.type === 'session.updated' || e.type === 'error');
    for (const audio of speechChunks()) s.rt.send({ type: 'input_audio_buffer.append', audio });
    await s.next((e) => e.type === 'conversation.item.input_audio_transcription.completed', 5000);
    await new Promise((r) => setTimeout(r, 500));
    const responses = s.events.filter((e) => e.type === 'response.created').length;
    console.log(
      `intent=transcription: session.created type=${created?.session?.type}; update → ${answer(updated, (e) => ({ type: e.session.type }))}; responses started after a turn: ${responses}`,
    );
    s.rt.close();
  }
  await server.close();

  // calls.create({ sdp, session }): multipart, against a plain-HTTP mock (the REST call has no wss rule).
  const plain = await startMockServer({ firstAudioMs: 100, jitterMs: 0, profile: 'fast', apiKey: KEY });
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an optional native module without types
    const wrtc = createRequire(import.meta.url)('@roamhq/wrtc') as any;
    const pc = new wrtc.RTCPeerConnection();
    pc.addTrack(new wrtc.nonstandard.RTCAudioSource().createTrack());
    pc.createDataChannel('oai-events');
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    const c = new OpenAI({ apiKey: KEY, baseURL: plain.url.replace(/^ws/, 'http').replace(/\/realtime$/, '') });
    const res = await c.realtime.calls
      .create({ sdp: offer.sdp, session: { type: 'realtime', model: 'gpt-realtime-2.1', instructions: 'Be brief.' } })
      .then((r) => `${r.status} ${r.headers.get('content-type')} (${(r.headers.get('location') ?? '').replace(/rtc_\w+/, 'rtc_…')})`)
      .catch((e: { status?: number; message?: string }) => `${e.status} ${e.message}`);
    console.log(`calls.create({ sdp, session }) multipart: ${res}`);
    pc.close();
  } catch (err) {
    console.log(`calls.create: skipped (${(err as Error).message})`);
  }
  await plain.close();
}

await main();
