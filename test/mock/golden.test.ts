/**
 * Golden event sequences, checked against docs/protocol-notes.md "One voice turn with server VAD" (plus the GA
 * `conversation.item.done` events, placed as a 2026 capture of the service shows them).
 */
import { describe, expect, it } from 'vitest';
import { collapseDeltas, fixturePcm, turnTypes, VirtualRig } from './helpers.js';

const wireTypes = (rig: VirtualRig) => rig.received.map((r) => (JSON.parse(r.raw) as { type: string }).type);

describe('one voice turn, golden sequence', () => {
  it('GA: exact order of event types', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 500, jitterMs: 0 } });
    rig.send({ type: 'session.update', session: { turn_detection: { type: 'server_vad', silence_duration_ms: 500 } } });
    rig.streamAudio(await fixturePcm('weather.wav', 1200));
    await rig.run(rig.waitForType('response.done'));
    expect(collapseDeltas(turnTypes(wireTypes(rig)))).toEqual([
      'session.created',
      'session.updated',
      'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped',
      'input_audio_buffer.committed',
      'conversation.item.added',
      'conversation.item.done',
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
      'deltas',
      'response.output_audio.done',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'conversation.item.done',
      'response.output_item.done',
      'response.done',
    ]);
    // Audio and transcript deltas are interleaved, audio first.
    const deltas = wireTypes(rig).filter((t) => t.endsWith('.delta'));
    expect(deltas[0]).toBe('response.output_audio.delta');
    expect(new Set(deltas)).toEqual(new Set(['response.output_audio.delta', 'response.output_audio_transcript.delta']));
    expect(deltas.indexOf('response.output_audio_transcript.delta')).toBeLessThan(deltas.lastIndexOf('response.output_audio.delta'));
    // Every server event has a unique event_id.
    const ids = rig.received.map((r) => r.event.event_id);
    expect(ids.every((id) => typeof id === 'string' && id.startsWith('event_'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const done = rig.last('response.done')!.event as unknown as { response: { status: string; usage: Record<string, unknown>; output: unknown[] } };
    expect(done.response.status).toBe('completed');
    expect(done.response.output).toHaveLength(1);
    expect(done.response.usage).toMatchObject({
      input_token_details: { audio_tokens: expect.any(Number) },
      output_token_details: { audio_tokens: expect.any(Number) },
    });
  });

  it('beta: the beta names, conversation.created, no conversation.item.done', async () => {
    const rig = new VirtualRig({ dialect: 'beta', model: 'gpt-4o-realtime-preview', mock: { firstAudioMs: 500, jitterMs: 0 } });
    rig.send({ type: 'session.update', session: { turn_detection: { type: 'server_vad', silence_duration_ms: 500 } } });
    rig.streamAudio(await fixturePcm('weather.wav', 1200));
    await rig.run(rig.waitForType('response.done'));
    expect(collapseDeltas(turnTypes(wireTypes(rig)))).toEqual([
      'session.created',
      'conversation.created',
      'session.updated',
      'input_audio_buffer.speech_started',
      'input_audio_buffer.speech_stopped',
      'input_audio_buffer.committed',
      'conversation.item.created',
      'response.created',
      'response.output_item.added',
      'conversation.item.created',
      'response.content_part.added',
      'deltas',
      'response.audio.done',
      'response.audio_transcript.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.done',
    ]);
    expect(new Set(wireTypes(rig).filter((t) => t.endsWith('.delta')))).toEqual(new Set(['response.audio.delta', 'response.audio_transcript.delta']));
    const created = JSON.parse(rig.received[0].raw) as { session: Record<string, unknown> };
    expect(created.session).toMatchObject({ object: 'realtime.session', modalities: ['text', 'audio'], input_audio_format: 'pcm16', voice: 'alloy' });
    const part = JSON.parse(rig.of('response.content_part.added')[0].raw) as { part: { type: string } };
    expect(part.part.type).toBe('audio');
  });
});
