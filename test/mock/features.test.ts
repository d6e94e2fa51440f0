/**
 * Golden event sequences of the API features the mock emulates beyond a voice turn: MCP tools and
 * approvals, parallel out-of-band responses, `input`/`item_reference`, `incomplete` on
 * `max_output_tokens`, scripted transcription failures and diarized segments, scripted failures.
 * Truth: the event order and fields of the service's documentation and the `openai` types.
 */
import { PROFILES } from '../../src/mock/behaviour/profiles.js';
import { describe, expect, it } from 'vitest';
import { toneSpeech, VirtualRig } from './helpers.js';

const GA = (rig: VirtualRig, e: Record<string, unknown>) => rig.sendRaw(JSON.stringify(e));
const after = (rig: VirtualRig, type: string) => {
  const i = rig.types().lastIndexOf(type);
  return rig
    .types()
    .slice(i + 1)
    .filter((t) => t !== 'rate_limits.updated');
};

function manualSession(rig: VirtualRig, extra: Record<string, unknown> = {}) {
  GA(rig, { type: 'session.update', session: { type: 'realtime', audio: { input: { turn_detection: null } }, ...extra } });
}

describe('MCP tools (canned server)', () => {
  it('lists tools on session.update, then a call without approval: golden sequence', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 200, jitterMs: 0 } });
    rig.script.mcpServer('docs', {
      tools: [{ name: 'lookup', input_schema: { type: 'object', properties: { topic: { type: 'string' } }, required: ['topic'] } }],
    });
    manualSession(rig, {
      tools: [{ type: 'mcp', server_label: 'docs', server_url: 'https://mcp.example/mcp', require_approval: 'never' }],
      tool_choice: 'required',
    });
    await rig.run(rig.waitForType('mcp_list_tools.completed'));
    await rig.advance(10);
    expect(after(rig, 'session.updated')).toEqual([
      'conversation.item.added',
      'mcp_list_tools.in_progress',
      'mcp_list_tools.completed',
      'conversation.item.done',
    ]);
    expect(rig.last('conversation.item.done')!.event.item).toMatchObject({ type: 'mcp_list_tools', server_label: 'docs', tools: [{ name: 'lookup' }] });
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done'));
    const seq = rig
      .types()
      .slice(rig.types().indexOf('response.created'))
      .filter((t) => t !== 'rate_limits.updated');
    expect(seq).toEqual([
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.mcp_call_arguments.delta',
      'response.mcp_call_arguments.done',
      'response.mcp_call.in_progress',
      'response.mcp_call.completed',
      'conversation.item.done',
      'response.output_item.done',
      'response.done',
    ]);
    const item = rig.last('response.output_item.done')!.event.item as Record<string, unknown>;
    expect(item).toMatchObject({ type: 'mcp_call', server_label: 'docs', name: 'lookup', arguments: '{"topic":"topic"}', approval_request_id: null });
    expect(JSON.parse(item.output as string)).toEqual({ ok: true, tool: 'lookup' });
  });

  it('approval: the request ends the response; an approving mcp_approval_response makes the next response run the call', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    manualSession(rig, { tools: [{ type: 'mcp', server_label: 'wiki', server_url: 'https://mcp.example/mcp' }], tool_choice: 'required' });
    await rig.run(rig.waitForType('mcp_list_tools.completed'));
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done'));
    const request = rig.last('response.output_item.done')!.event.item as Record<string, string>;
    expect(request).toMatchObject({ type: 'mcp_approval_request', server_label: 'wiki', name: 'search', arguments: '{"query":"weather in Paris"}' });
    expect(rig.of('response.mcp_call.in_progress')).toHaveLength(0);
    GA(rig, { type: 'conversation.item.create', item: { type: 'mcp_approval_response', id: 'appr_1', approval_request_id: 'nope', approve: true } });
    await rig.run(rig.waitForType('error'));
    expect(rig.last('error')!.event.error).toMatchObject({ param: 'item.approval_request_id' });
    GA(rig, { type: 'conversation.item.create', item: { type: 'mcp_approval_response', id: 'appr_2', approval_request_id: request.id, approve: true } });
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done', 2));
    expect(rig.last('response.output_item.done')!.event.item).toMatchObject({ type: 'mcp_call', approval_request_id: request.id, name: 'search' });
    expect(rig.of('response.mcp_call.completed')).toHaveLength(1);
  });

  it('a scripted listing failure and a scripted call', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    rig.script.mcpServer('down', { listFails: true });
    rig.script.nextResponse({ kind: 'mcp_call', serverLabel: 'ok', name: 'search', arguments: { query: 'x' } });
    manualSession(rig, {
      tools: [
        { type: 'mcp', server_label: 'down', server_url: 'https://a' },
        { type: 'mcp', server_label: 'ok', server_url: 'https://b', require_approval: 'never' },
      ],
    });
    await rig.run(rig.waitForType('mcp_list_tools.failed'));
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done'));
    expect(rig.last('response.output_item.done')!.event.item).toMatchObject({ type: 'mcp_call', server_label: 'ok', arguments: '{"query":"x"}' });
  });
});

describe('out-of-band responses (conversation: "none")', () => {
  it('run beside the default response, stay out of the conversation, and are not cancelled by VAD', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0, profile: 'slow' } });
    rig.send({ type: 'session.update', session: { turn_detection: { type: 'server_vad', silence_duration_ms: 500 } } });
    rig.streamAudio(toneSpeech(800, 700, 24000, 300), { startMs: 0 });
    await rig.run(rig.waitForType('response.created'));
    GA(rig, { type: 'response.create', response: { conversation: 'none', output_modalities: ['text'], metadata: { purpose: 'classify' }, input: [] } });
    GA(rig, { type: 'response.create', response: { conversation: 'none', output_modalities: ['text'], input: [] } });
    const firstAudio = (await rig.run(rig.waitForType('response.output_audio.delta'))).t;
    // The user barges in while all three run.
    rig.streamAudio(toneSpeech(600, 900), { startMs: firstAudio + 100 });
    await rig.run(rig.waitForType('response.done', 3));
    expect(rig.of('error')).toHaveLength(0);
    const done = rig
      .of('response.done')
      .slice(0, 3)
      .map((r) => r.event.response as { status: string; conversation_id: string | null; metadata: unknown });
    const main = done.find((r) => r.conversation_id !== null)!;
    const oob = done.filter((r) => r.conversation_id === null);
    expect(main.status).toBe('cancelled');
    expect(oob.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(oob.map((r) => r.metadata)).toContainEqual({ purpose: 'classify' });
    // No conversation.item.added for out-of-band output (only the user and main assistant items).
    const added = rig.of('conversation.item.added').map((r) => (r.event.item as { role?: string }).role);
    expect(added.slice(0, 2)).toEqual(['user', 'assistant']);
    expect(rig.of('conversation.item.added').every((r) => (r.event.item as { type: string }).type === 'message')).toBe(true);
  });

  it('input with item_reference is the context (usage counts only it); an unknown reference is refused', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    manualSession(rig);
    GA(rig, {
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', id: 'item_long', content: [{ type: 'input_text', text: 'x'.repeat(4000) }] },
    });
    GA(rig, { type: 'conversation.item.create', item: { type: 'message', role: 'user', id: 'item_short', content: [{ type: 'input_text', text: 'hi' }] } });
    GA(rig, { type: 'response.create', event_id: 'r_bad', response: { conversation: 'none', input: [{ type: 'item_reference', id: 'item_zz' }] } });
    await rig.run(rig.waitForType('error'));
    expect(rig.last('error')!.event.error).toMatchObject({ code: 'invalid_value', param: 'response.input[0].id', event_id: 'r_bad' });
    GA(rig, {
      type: 'response.create',
      response: { conversation: 'none', output_modalities: ['text'], input: [{ type: 'item_reference', id: 'item_short' }] },
    });
    await rig.run(rig.waitForType('response.done'));
    GA(rig, { type: 'response.create', response: { output_modalities: ['text'] } });
    await rig.run(rig.waitForType('response.done', 2));
    const [withRef, withConversation] = rig
      .of('response.done')
      .map((r) => (r.event.response as { usage: { input_token_details: { text_tokens: number } } }).usage.input_token_details.text_tokens);
    expect(withConversation - withRef).toBeGreaterThanOrEqual(1000);
  });
});

describe('max_output_tokens', () => {
  it('a response cut by max_output_tokens ends incomplete with its reason and less audio', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    manualSession(rig);
    GA(rig, { type: 'response.create', response: { max_output_tokens: 20 } });
    await rig.run(rig.waitForType('response.done'));
    const done = rig.last('response.done')!.event.response as {
      status: string;
      status_details: unknown;
      output: Array<{ status: string }>;
      usage: { output_tokens: number };
    };
    expect(done.status).toBe('incomplete');
    expect(done.status_details).toEqual({ type: 'incomplete', reason: 'max_output_tokens' });
    expect(done.output[0].status).toBe('incomplete');
    const audioMs = rig.of('response.output_audio.delta').reduce((n, r) => n + Buffer.from(r.event.delta as string, 'base64').byteLength / 48, 0);
    expect(audioMs).toBeGreaterThan(0);
    expect(audioMs).toBeLessThanOrEqual(1000);
    expect(done.usage.output_tokens).toBeLessThanOrEqual(20);
  });
});

describe('scripted server behaviour', () => {
  it('transcription failed for the next turn; a diarizing model sends segments before completed', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 }, directives: { transcripts: ['', 'Hello there. How are you?'] } });
    rig.script.nextTranscription({ kind: 'failed' });
    GA(rig, {
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { transcription: { model: 'gpt-4o-transcribe' }, turn_detection: null } } },
    });
    const end = rig.streamAudio(toneSpeech(800, 200), { startMs: 0 });
    rig.sendAt(end + 1, { type: 'input_audio_buffer.commit' });
    await rig.run(rig.waitForType('conversation.item.input_audio_transcription.failed'));
    expect(rig.last('conversation.item.input_audio_transcription.failed')!.event).toMatchObject({
      content_index: 0,
      error: { type: 'server_error', code: 'transcription_failed' },
    });
    expect(rig.of('conversation.item.input_audio_transcription.completed')).toHaveLength(0);
    GA(rig, { type: 'session.update', session: { type: 'realtime', audio: { input: { transcription: { model: 'gpt-4o-transcribe-diarize' } } } } });
    const end2 = rig.streamAudio(toneSpeech(1000, 200), { startMs: rig.clock.now() });
    rig.sendAt(end2 + 1, { type: 'input_audio_buffer.commit' });
    await rig.run(rig.waitForType('conversation.item.input_audio_transcription.completed'));
    const tail = after(rig, 'input_audio_buffer.committed').filter((t) => t.startsWith('conversation.item.input_audio_transcription'));
    expect(tail).toEqual([
      'conversation.item.input_audio_transcription.segment',
      'conversation.item.input_audio_transcription.segment',
      'conversation.item.input_audio_transcription.completed',
    ]);
    const segs = rig.of('conversation.item.input_audio_transcription.segment').map((r) => r.event);
    expect(segs.map((s) => s.text)).toEqual(['Hello there.', 'How are you?']);
    expect(segs[1].end).toBeCloseTo(1.2, 2);
  });

  it('fail the next response with server_error: error event, then response.done failed; the next one is normal', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    rig.script.nextResponse({ kind: 'fail' });
    manualSession(rig);
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done'));
    expect(rig.last('error')!.event.error).toMatchObject({ type: 'server_error' });
    expect(rig.last('response.done')!.event.response).toMatchObject({ status: 'failed', status_details: { type: 'failed', error: { type: 'server_error' } } });
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done', 2));
    expect(rig.last('response.done')!.event.response).toMatchObject({ status: 'completed' });
  });

  it('function call arguments: scripted ones, else generated from the declared JSON Schema', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    const parameters = {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer', minimum: 1 } },
      required: ['city', 'unit', 'days'],
    };
    manualSession(rig, { tools: [{ type: 'function', name: 'get_weather', parameters }], tool_choice: 'required' });
    rig.script.nextResponse({ kind: 'function_call', name: 'get_weather', arguments: { city: 'Oslo', unit: 'celsius', days: 2 } });
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.function_call_arguments.done'));
    expect(JSON.parse(rig.last('response.function_call_arguments.done')!.event.arguments as string)).toEqual({ city: 'Oslo', unit: 'celsius', days: 2 });
    await rig.run(rig.waitForType('response.done'));
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.function_call_arguments.done', 2));
    expect(JSON.parse(rig.last('response.function_call_arguments.done')!.event.arguments as string)).toEqual({ city: 'Paris', unit: 'celsius', days: 1 });
  });
});

describe('scripted answer length', () => {
  it('answerWithAudio longer than the assistant clip repeats it: exactly the audio asked for', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    manualSession(rig);
    rig.script.nextResponse({ kind: 'audio', ms: 9000 });
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done'));
    const audioMs = rig.of('response.output_audio.delta').reduce((n, r) => n + Buffer.from(r.event.delta as string, 'base64').byteLength / 48, 0);
    expect(audioMs).toBe(9000);
    const words = (rig.last('response.output_audio_transcript.done')!.event.transcript as string).split(' ').length;
    expect(words).toBeGreaterThan(40);
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done', 2));
    // The step applied once: the next answer is the plain clip (fixtures/assistant-reply.wav, 3975 ms).
    const total = rig.of('response.output_audio.delta').reduce((n, r) => n + Buffer.from(r.event.delta as string, 'base64').byteLength / 48, 0);
    expect(total - 9000).toBeCloseTo(3975.5, 0);
  });
});

describe('scripted barge-in detection delay', () => {
  it('speech_started comes afterOnsetMs after the speech onset (audio time), and still cancels the answer', async () => {
    const run = async (delayMs: number | undefined) => {
      const rig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0, profile: 'slow' } });
      rig.script.bargeInDelayMs = delayMs;
      rig.send({ type: 'session.update', session: { turn_detection: { type: 'server_vad', silence_duration_ms: 500, prefix_padding_ms: 300 } } });
      rig.streamAudio(toneSpeech(800, 700, 24000, 300), { startMs: 0 });
      const first = (await rig.run(rig.waitForType('response.output_audio.delta'))).t;
      // The barge-in: 200 ms of silence, then speech — onset 200 ms after `first` in audio time.
      rig.streamAudio(toneSpeech(600, 900, 24000, 200), { startMs: first });
      const started = await rig.run(rig.waitForType('input_audio_buffer.speech_started', 2));
      await rig.run(rig.waitForType('response.done'));
      return { rig, first, started };
    };
    const delayed = await run(450);
    expect(delayed.started.t).toBeCloseTo(delayed.first + 200 + 450, 0);
    expect(delayed.rig.of('response.done')[0].event.response).toMatchObject({ status: 'cancelled', status_details: { reason: 'turn_detected' } });
    expect(delayed.rig.of('response.done')[0].t).toBe(delayed.started.t);
    // Unscripted, the profile's own onset-detection delay applies (exact with jitter 0).
    const prompt = await run(undefined);
    expect(prompt.started.t - prompt.first).toBeCloseTo(200 + PROFILES.slow.speechStartedDelay.medianMs, 0);
  });
});
