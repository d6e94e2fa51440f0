/**
 * What openai 7.x added to the Realtime API, emulated by the mock. Truth: the 7.x types
 * (`resources/realtime/realtime.d.ts`) and their doc comments — noise-reduction `strength` (1 when
 * first enabled, kept when an update omits it), transcription `keywords`/`languages`/`delay`,
 * `languages` on `…input_audio_transcription.completed` for gpt-transcribe, `intent=transcription`
 * sessions (no model, never a response) and a model session refusing a transcription update.
 */
import { describe, expect, it } from 'vitest';
import { toneSpeech, VirtualRig } from './helpers.js';

const GA = (rig: VirtualRig, e: Record<string, unknown>) => rig.sendRaw(JSON.stringify(e));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire frames read loosely in assertions
const wire = (rig: VirtualRig, type: string) => JSON.parse(rig.last(type)!.raw) as Record<string, any>;

describe('noise reduction strength', () => {
  it('defaults to 1 when first enabled, is kept when omitted, replaced when given', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0, strict: true } });
    GA(rig, { type: 'session.update', session: { type: 'realtime', audio: { input: { noise_reduction: { type: 'near_field' } } } } });
    await rig.run(rig.waitForType('session.updated', 1));
    expect(wire(rig, 'session.updated').session.audio.input.noise_reduction).toEqual({ type: 'near_field', strength: 1 });
    GA(rig, { type: 'session.update', session: { type: 'realtime', audio: { input: { noise_reduction: { type: 'far_field', strength: 0.5 } } } } });
    await rig.run(rig.waitForType('session.updated', 2));
    expect(wire(rig, 'session.updated').session.audio.input.noise_reduction).toEqual({ type: 'far_field', strength: 0.5 });
    GA(rig, { type: 'session.update', session: { type: 'realtime', audio: { input: { noise_reduction: { type: 'near_field' } } } } });
    await rig.run(rig.waitForType('session.updated', 3));
    expect(wire(rig, 'session.updated').session.audio.input.noise_reduction).toEqual({ type: 'near_field', strength: 0.5 });
    expect(rig.of('error')).toHaveLength(0);
  });

  it('refuses a strength of the wrong type or below 0, naming the param', async () => {
    const rig = new VirtualRig({ mock: { strict: true } });
    GA(rig, {
      type: 'session.update',
      event_id: 'e1',
      session: { type: 'realtime', audio: { input: { noise_reduction: { type: 'near_field', strength: -1 } } } },
    });
    await rig.run(rig.waitForType('error'));
    expect(rig.last('error')!.event.error).toMatchObject({ param: 'session.audio.input.noise_reduction.strength', event_id: 'e1' });
    expect(rig.of('session.updated')).toHaveLength(0);
  });
});

async function oneTurn(rig: VirtualRig): Promise<void> {
  rig.streamAudio(toneSpeech(800, 900));
  await rig.run(rig.waitForType('conversation.item.input_audio_transcription.completed'));
  await rig.advance(2000);
}

describe('transcription models', () => {
  it('gpt-transcribe: keywords and languages accepted and echoed; completed carries the detected languages', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0, strict: true, profile: 'fast' } });
    const transcription = { model: 'gpt-transcribe', keywords: ['rtbench', 'Realtime'], languages: ['de', 'en'] };
    GA(rig, { type: 'session.update', session: { type: 'realtime', audio: { input: { transcription } } } });
    await rig.run(rig.waitForType('session.updated'));
    expect(wire(rig, 'session.updated').session.audio.input.transcription).toEqual(transcription);
    await oneTurn(rig);
    expect(wire(rig, 'conversation.item.input_audio_transcription.completed').languages).toEqual([{ code: 'de' }]);
    expect(rig.of('conversation.item.input_audio_transcription.delta').length).toBeGreaterThan(0);
  });

  it('other models report no languages (the 7.x types: "Returned by gpt-transcribe")', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0, profile: 'fast' } });
    GA(rig, {
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { transcription: { model: 'gpt-live-transcribe', languages: ['en'] } } } },
    });
    await oneTurn(rig);
    expect(wire(rig, 'conversation.item.input_audio_transcription.completed')).not.toHaveProperty('languages');
  });

  it('gpt-realtime-whisper: a higher delay transcribes later', async () => {
    const completedAt = async (delay: string) => {
      const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0, profile: 'fast', seed: 7 } });
      GA(rig, { type: 'session.update', session: { type: 'realtime', audio: { input: { transcription: { model: 'gpt-realtime-whisper', delay } } } } });
      await oneTurn(rig);
      return rig.last('conversation.item.input_audio_transcription.completed')!.t - rig.last('input_audio_buffer.committed')!.t;
    };
    const minimal = await completedAt('minimal');
    const xhigh = await completedAt('xhigh');
    // Same seed, same draw: the ratio is the factor ratio (2 / 0.4).
    expect(xhigh / minimal).toBeCloseTo(5, 1);
  });
});

describe('intent=transcription sessions', () => {
  const url = '/v1/realtime?intent=transcription';

  it('opens without a model, accepts a transcription update, transcribes each turn and never responds', async () => {
    const rig = new VirtualRig({ url, mock: { firstAudioMs: 100, jitterMs: 0, strict: true, profile: 'fast' } });
    await rig.run(rig.waitForType('session.created'));
    const created = wire(rig, 'session.created').session;
    expect(created).toMatchObject({ type: 'transcription', object: 'realtime.transcription_session' });
    expect(created).not.toHaveProperty('model');
    expect(created).not.toHaveProperty('instructions');
    GA(rig, { type: 'session.update', session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-transcribe', language: 'en' } } } } });
    await rig.run(rig.waitForType('session.updated'));
    expect(wire(rig, 'session.updated').session).toMatchObject({ type: 'transcription', audio: { input: { transcription: { model: 'gpt-transcribe' } } } });
    await oneTurn(rig);
    expect(rig.types()).toContain('input_audio_buffer.speech_stopped');
    expect(rig.types()).toContain('input_audio_buffer.committed');
    expect(wire(rig, 'conversation.item.input_audio_transcription.completed').languages).toEqual([{ code: 'en' }]);
    expect(rig.types().filter((t) => t.startsWith('response.'))).toEqual([]);
    GA(rig, { type: 'response.create', event_id: 'r1' });
    await rig.run(rig.waitForType('error'));
    expect(rig.last('error')!.event.error).toMatchObject({ code: 'invalid_value', event_id: 'r1' });
    expect(rig.of('response.created')).toHaveLength(0);
  });

  it('refuses a realtime update; gpt-realtime-whisper needs turn_detection null', async () => {
    const rig = new VirtualRig({ url, mock: { strict: true } });
    GA(rig, { type: 'session.update', event_id: 'a', session: { type: 'realtime', instructions: 'hi' } });
    await rig.run(rig.waitForType('error', 1));
    expect(rig.last('error')!.event.error).toMatchObject({ param: 'session.type', event_id: 'a' });
    GA(rig, {
      type: 'session.update',
      event_id: 'b',
      session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-realtime-whisper' } } } },
    });
    await rig.run(rig.waitForType('error', 2));
    expect(rig.last('error')!.event.error).toMatchObject({ param: 'session.audio.input.turn_detection', event_id: 'b' });
    GA(rig, {
      type: 'session.update',
      event_id: 'c',
      session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-realtime-whisper', delay: 'low' }, turn_detection: null } } },
    });
    await rig.run(rig.waitForType('session.updated'));
    expect(rig.of('error')).toHaveLength(2);
  });

  it('a model session refuses a transcription update and keeps responding', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0, profile: 'fast' } });
    GA(rig, { type: 'session.update', event_id: 't', session: { type: 'transcription', audio: { input: { transcription: { model: 'gpt-transcribe' } } } } });
    await rig.run(rig.waitForType('error'));
    expect(rig.last('error')!.event.error).toMatchObject({ code: 'invalid_value', param: 'session.type', event_id: 't' });
    expect(rig.of('session.updated')).toHaveLength(0);
    rig.streamAudio(toneSpeech(800, 900));
    await rig.run(rig.waitForType('response.done'));
    expect(rig.last('response.done')!.event.response).toMatchObject({ status: 'completed' });
  });
});

describe('failed response.done', () => {
  it('carries status_details.error.message', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0, profile: 'fast' } });
    rig.script.nextResponse({ kind: 'fail', error: { message: 'boom' } });
    GA(rig, { type: 'session.update', session: { type: 'realtime', audio: { input: { turn_detection: null } } } });
    GA(rig, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done'));
    expect(wire(rig, 'response.done').response).toMatchObject({ status: 'failed', status_details: { type: 'failed', error: { message: 'boom' } } });
  });
});
