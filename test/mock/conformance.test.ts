/**
 * Independent clients as judges of fidelity: the official `openai` SDK (GA `openai/realtime/ws` and
 * beta `openai/beta/realtime/ws`; it refuses anything but wss://, so the mock serves TLS and the
 * SDK's `options.ca` trusts its certificate) and `@openai/agents-realtime` (zod-validates every
 * server event and silently drops what does not fit; interrupts with conversation.item.truncate).
 */
import { RealtimeAgent, RealtimeSession, tool } from '@openai/agents-realtime';
import OpenAI from 'openai';
import { OpenAIRealtimeWS as BetaRealtimeWS } from 'openai/beta/realtime/ws';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { encodeDirectives, startMockServer, type MockServer } from '../../src/mock/index.js';
import { chunksOf, fixturePcm, toneSpeech, wireBytes } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await sleep(5);
  }
}

function onceEvent<T>(emitter: { on(event: string, fn: (e: T) => void): unknown }, type: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}`)), timeoutMs);
    emitter.on(type, (e: T) => {
      clearTimeout(timer);
      resolve(e);
    });
  });
}

describe('official openai SDK over wss://', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ tls: true, firstAudioMs: 120, jitterMs: 0, profile: 'fast', apiKey: 'sk-test-sdk' });
  });
  afterAll(() => server.close());

  it('GA: a voice turn, then a function call round trip', async () => {
    const client = new OpenAI({ apiKey: 'sk-test-sdk', baseURL: `https://127.0.0.1:${server.port}/v1` });
    const directives = encodeDirectives({ tool_calls: [{ turn: 1, name: 'get_time', arguments: { tz: 'UTC' } }] });
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { ca: server.caPem, headers: { 'x-rtbench-mock': directives } } }, client);
    expect(rt.url.toString()).toBe(`wss://127.0.0.1:${server.port}/v1/realtime?model=gpt-realtime`);
    const types: string[] = [];
    const errors: unknown[] = [];
    rt.on('event', (e) => types.push(e.type));
    rt.on('error', (e) => errors.push(e));
    const audioDeltas: string[] = [];
    rt.on('response.output_audio.delta', (e) => audioDeltas.push(e.delta));
    await new Promise<void>((resolve, reject) => {
      rt.socket.once('open', () => resolve());
      rt.socket.once('error', reject);
    });
    rt.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: 300 } } },
        tools: [{ type: 'function', name: 'get_time', description: 'current time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } }],
      },
    });
    const pcm = await fixturePcm('what-time.wav', 800);
    for (const audio of chunksOf(wireBytes(pcm, 'pcm16'), 960)) rt.send({ type: 'input_audio_buffer.append', audio });
    const done = await onceEvent<{ response: { status?: string; output?: unknown[] } }>(rt, 'response.done');
    expect(done.response.status).toBe('completed');
    expect(audioDeltas.length).toBeGreaterThan(5);
    expect(types.slice(0, 2)).toEqual(['session.created', 'session.updated']);
    expect(types).toContain('input_audio_buffer.speech_stopped');

    // Turn 1 (a typed message): the directives make it a tool call.
    rt.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What time is it?' }] } });
    rt.send({ type: 'response.create' });
    const args = await onceEvent<{ call_id: string; name?: string; arguments: string }>(rt, 'response.function_call_arguments.done');
    expect(args).toMatchObject({ name: 'get_time', arguments: '{"tz":"UTC"}' });
    await waitUntil(() => types.filter((t) => t === 'response.done').length === 2);
    rt.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: args.call_id, output: '{"time":"12:00"}' } });
    rt.send({ type: 'response.create' });
    await waitUntil(() => types.filter((t) => t === 'response.done').length === 3);
    expect(audioDeltas.length).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    rt.close();
  });

  it('beta: OpenAI-Beta header, beta event names, a voice turn', async () => {
    const client = new OpenAI({ apiKey: 'sk-test-sdk', baseURL: `https://127.0.0.1:${server.port}/v1` });
    const rt = new BetaRealtimeWS({ model: 'gpt-4o-realtime-preview', options: { ca: server.caPem } }, client);
    const types: string[] = [];
    rt.on('event', (e) => types.push(e.type));
    const errors: unknown[] = [];
    rt.on('error', (e) => errors.push(e));
    await new Promise<void>((resolve, reject) => {
      rt.socket.once('open', () => resolve());
      rt.socket.once('error', reject);
    });
    rt.send({
      type: 'session.update',
      session: { turn_detection: { type: 'server_vad', silence_duration_ms: 300 }, input_audio_transcription: { model: 'whisper-1' } },
    });
    for (const audio of chunksOf(wireBytes(toneSpeech(700, 800, 24000, 200), 'pcm16'), 960)) rt.send({ type: 'input_audio_buffer.append', audio });
    const done = await onceEvent<{ response: { status?: string } }>(rt, 'response.done');
    expect(done.response.status).toBe('completed');
    expect(types.slice(0, 3)).toEqual(['session.created', 'conversation.created', 'session.updated']);
    expect(types).toContain('response.audio.delta');
    expect(types).toContain('response.audio_transcript.delta');
    expect(types).toContain('conversation.item.created');
    expect(types).not.toContain('response.output_audio.delta');
    expect(types).not.toContain('conversation.item.done');
    expect(errors).toEqual([]);
    rt.close();
  });
});

const VALIDATED_TYPES = [
  'session.created',
  'session.updated',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.committed',
  'conversation.item.added',
  'conversation.item.done',
  'conversation.item.retrieved',
  'conversation.item.truncated',
  'conversation.item.input_audio_transcription.delta',
  'conversation.item.input_audio_transcription.completed',
  'response.created',
  'response.output_item.added',
  'response.content_part.added',
  'response.output_audio.delta',
  'response.output_audio_transcript.delta',
  'response.output_audio.done',
  'response.output_audio_transcript.done',
  'response.content_part.done',
  'response.output_item.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.done',
  'rate_limits.updated',
];

describe('@openai/agents-realtime over ws://', () => {
  let server: MockServer;
  beforeAll(async () => {
    // `slow` streams at 2 × real time, so a barge-in 600 ms into the answer lands while it is generated.
    server = await startMockServer({ firstAudioMs: 150, jitterMs: 0, profile: 'slow' });
  });
  afterAll(() => server.close());

  function newSession(opts: { directives?: Parameters<typeof encodeDirectives>[0] } = {}) {
    const calls: Array<Record<string, unknown>> = [];
    const getWeather = tool({
      name: 'get_weather',
      description: 'Weather for a city',
      parameters: z.object({ city: z.string() }),
      execute: async (input) => {
        calls.push(input);
        return `Sunny in ${input.city}`;
      },
    });
    const agent = new RealtimeAgent({ name: 'assistant', instructions: 'Be brief.', tools: [getWeather] });
    const session = new RealtimeSession(agent, { transport: 'websocket', model: 'gpt-realtime', tracingDisabled: true });
    const serverEvents: Array<{ type: string; [k: string]: unknown }> = [];
    const errors: unknown[] = [];
    session.on('transport_event', (e) => {
      if (e.type !== 'audio' && e.type !== 'transcript_delta') serverEvents.push(e as never);
    });
    session.on('error', (e) => errors.push(e));
    // agents-realtime re-emits a server event under its own type only when its zod schema accepts
    // it; the raw '*' stream has every event. Equal counts mean nothing was silently dropped.
    const typed = new Map<string, number>();
    const raw = new Map<string, number>();
    const transport = session.transport as unknown as { on(type: string, fn: (e: { type: string }) => void): void };
    for (const type of VALIDATED_TYPES) transport.on(type, () => typed.set(type, (typed.get(type) ?? 0) + 1));
    transport.on('*', (e) => {
      if (VALIDATED_TYPES.includes(e.type)) raw.set(e.type, (raw.get(e.type) ?? 0) + 1);
    });
    const dropped = () => [...raw].filter(([t, n]) => typed.get(t) !== n).map(([t, n]) => `${t}: ${typed.get(t) ?? 0}/${n}`);
    const q = opts.directives ? `&rtbench_mock=${encodeDirectives(opts.directives)}` : '';
    const connect = () => session.connect({ apiKey: 'sk-test-agents', url: `${server.url}?model=gpt-realtime${q}` });
    const sendPcm = (pcm: Int16Array) => {
      for (let i = 0; i < pcm.length; i += 480) {
        const part = pcm.slice(i, Math.min(pcm.length, i + 480));
        session.sendAudio(part.buffer);
      }
    };
    const waitServer = (type: string, nth = 1, timeoutMs = 20_000) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const start = Date.now();
        const poll = () => {
          const hits = serverEvents.filter((e) => e.type === type);
          if (hits.length >= nth) return resolve(hits[nth - 1]);
          if (Date.now() - start > timeoutMs)
            return reject(new Error(`timed out waiting for ${type} #${nth}; saw ${serverEvents.map((e) => e.type).join(',')}`));
          setTimeout(poll, 5);
        };
        poll();
      });
    return { session, serverEvents, errors, calls, connect, sendPcm, waitServer, dropped, raw };
  }

  it('a voice turn with its default config (semantic VAD, input transcription, tracing update)', async () => {
    const s = newSession();
    await s.connect();
    // Two updates: the session config, and `tracing` once session.created arrived.
    await s.waitServer('session.updated', 2);
    const configured = s.serverEvents.filter((e) => e.type === 'session.updated').map((e) => e.session as { audio: { input: { turn_detection: unknown } } });
    expect(configured.at(-1)!.audio.input.turn_detection).toMatchObject({
      type: 'semantic_vad',
      eagerness: 'auto',
      interrupt_response: true,
    });
    s.sendPcm(await fixturePcm('weather.wav', 1500));
    const done = await s.waitServer('response.done');
    expect(done.response).toMatchObject({ status: 'completed' });
    await s.waitServer('conversation.item.input_audio_transcription.completed');
    // agents-realtime answers a finished transcription with conversation.item.retrieve.
    await s.waitServer('conversation.item.retrieved');
    await sleep(50);
    const history = s.session.history;
    expect(history.some((i) => i.type === 'message' && i.role === 'user')).toBe(true);
    expect(history.some((i) => i.type === 'message' && i.role === 'assistant')).toBe(true);
    expect(s.serverEvents.filter((e) => e.type === 'error')).toEqual([]);
    expect(s.errors).toEqual([]);
    expect(s.dropped()).toEqual([]);
    expect(s.raw.size).toBeGreaterThan(15);
    s.session.close();
  });

  it('interruption: speech during the answer → cancelled response, truncate, truncated, retrieved', async () => {
    const s = newSession();
    const interrupted: unknown[] = [];
    s.session.on('audio_interrupted', () => interrupted.push(1));
    await s.connect();
    await s.waitServer('session.updated');
    s.sendPcm(toneSpeech(700, 1200, 24000, 200));
    await s.waitServer('response.output_audio.delta');
    await sleep(600);
    s.sendPcm(toneSpeech(700, 1200));
    const truncated = await s.waitServer('conversation.item.truncated');
    const cancelled = await s.waitServer('response.done');
    expect(cancelled.response).toMatchObject({ status: 'cancelled', status_details: { reason: 'turn_detected' } });
    // agents-realtime truncates at the elapsed playback time, capped at the audio it received.
    expect(truncated.audio_end_ms as number).toBeGreaterThanOrEqual(500);
    expect(truncated.audio_end_ms as number).toBeLessThan(2500);
    await s.waitServer('conversation.item.retrieved');
    expect(interrupted.length).toBeGreaterThanOrEqual(1);
    await s.waitServer('response.done', 2);
    expect(s.serverEvents.filter((e) => e.type === 'error')).toEqual([]);
    expect(s.dropped()).toEqual([]);
    s.session.close();
  });

  it('function call: the agent runs the tool, returns its output, and gets a spoken answer', async () => {
    const s = newSession({ directives: { tool_calls: [{ turn: 0, name: 'get_weather', arguments: { city: 'Paris' } }] } });
    const toolEnds: string[] = [];
    s.session.on('agent_tool_end', (_ctx, _agent, _tool, result) => toolEnds.push(result));
    await s.connect();
    await s.waitServer('session.updated');
    s.sendPcm(toneSpeech(700, 1500, 24000, 200));
    const args = await s.waitServer('response.function_call_arguments.done');
    expect(args).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}' });
    const second = await s.waitServer('response.done', 2);
    expect(second.response).toMatchObject({ status: 'completed', output: [{ type: 'message', role: 'assistant' }] });
    expect(s.calls).toEqual([{ city: 'Paris' }]);
    expect(toolEnds).toEqual(['Sunny in Paris']);
    expect(s.serverEvents.some((e) => e.type === 'conversation.item.added' && (e.item as { type: string }).type === 'function_call_output')).toBe(true);
    expect(s.serverEvents.filter((e) => e.type === 'error')).toEqual([]);
    expect(s.dropped()).toEqual([]);
    s.session.close();
  });
});
