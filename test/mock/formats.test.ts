/**
 * G.711 input/output (8 kHz, 1 byte per sample: docs/protocol-notes.md "Audio") and input transcription events.
 */
import { describe, expect, it } from 'vitest';
import { fixturePcm, toneSpeech, VirtualRig } from './helpers.js';

describe('G.711', () => {
  for (const format of ['g711_ulaw', 'g711_alaw'] as const) {
    it(`${format}: VAD on 8 kHz input matches the PCM16 result; output deltas are ${format} at 8 bytes/ms`, async () => {
      const rig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0, profile: 'fast' } });
      rig.send({
        type: 'session.update',
        session: { input_audio_format: format, output_audio_format: format, turn_detection: { type: 'server_vad', silence_duration_ms: 500 } },
      });
      rig.streamAudio(toneSpeech(1000, 1500, 8000, 500), { startMs: 0, format });
      await rig.run(rig.waitForType('response.done'));
      expect(rig.of('input_audio_buffer.speech_started')[0].event.audio_start_ms).toBe(200);
      expect(rig.of('input_audio_buffer.speech_stopped')[0].event.audio_end_ms).toBe(2000);
      const bytes = rig.of('response.output_audio.delta').reduce((n, r) => n + Buffer.from(r.event.delta as string, 'base64').byteLength, 0);
      expect(bytes).toBeGreaterThan(8 * 1000);
      // Roughly the assistant fixture's length (±1 ms of rounding), at 8 bytes/ms.
      const pcmRig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0, profile: 'fast' } });
      pcmRig.streamAudio(toneSpeech(1000, 1500, 24000, 500), { startMs: 0 });
      await pcmRig.run(pcmRig.waitForType('response.done'));
      const pcmBytes = pcmRig.of('response.output_audio.delta').reduce((n, r) => n + Buffer.from(r.event.delta as string, 'base64').byteLength, 0);
      expect(Math.abs(bytes / 8 - pcmBytes / 48)).toBeLessThan(1);
      const wire = JSON.parse(rig.last('session.updated')!.raw) as { session: { audio: { input: { format: unknown }; output: { format: unknown } } } };
      expect(wire.session.audio.input.format).toEqual({ type: format === 'g711_ulaw' ? 'audio/pcmu' : 'audio/pcma' });
      const created = JSON.parse(rig.last('response.created')!.raw) as { response: { audio: { output: { format: unknown } } } };
      expect(created.response.audio.output.format).toEqual({ type: format === 'g711_ulaw' ? 'audio/pcmu' : 'audio/pcma' });
    });
  }

  it('a real fixture in µ-law gives the same turn as in PCM16 (within one 10 ms VAD frame)', async () => {
    const turn = async (format: 'pcm16' | 'g711_ulaw') => {
      const rig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0 } });
      rig.send({ type: 'session.update', session: { input_audio_format: format } });
      rig.streamAudio(await fixturePcm('what-time.wav', 1200, format === 'pcm16' ? 24000 : 8000), { startMs: 0, format });
      await rig.run(rig.waitForType('input_audio_buffer.speech_stopped'));
      return [
        rig.of('input_audio_buffer.speech_started')[0].event.audio_start_ms as number,
        rig.of('input_audio_buffer.speech_stopped')[0].event.audio_end_ms as number,
      ];
    };
    const [a, b] = [await turn('pcm16'), await turn('g711_ulaw')];
    expect(Math.abs(a[0] - b[0])).toBeLessThanOrEqual(10);
    expect(Math.abs(a[1] - b[1])).toBeLessThanOrEqual(10);
  });
});

describe('input audio transcription', () => {
  it('delta(s) then completed for the user item, text from directives, usage in tokens', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0 }, directives: { transcripts: ['what is the weather in paris'] } });
    rig.send({ type: 'session.update', session: { input_audio_transcription: { model: 'gpt-4o-mini-transcribe' } } });
    rig.streamAudio(toneSpeech(800, 1000, 24000, 300), { startMs: 0 });
    await rig.run(rig.waitForType('conversation.item.input_audio_transcription.completed'));
    const itemId = rig.of('input_audio_buffer.committed')[0].event.item_id;
    const deltas = rig.of('conversation.item.input_audio_transcription.delta');
    expect(deltas.map((r) => r.event.delta).join('')).toBe('what is the weather in paris');
    expect(deltas.every((r) => r.event.item_id === itemId && r.event.content_index === 0)).toBe(true);
    const completed = rig.last('conversation.item.input_audio_transcription.completed')!;
    expect(completed.event).toMatchObject({ item_id: itemId, content_index: 0, transcript: 'what is the weather in paris', usage: { type: 'tokens' } });
    expect(completed.t).toBeGreaterThan(rig.of('input_audio_buffer.committed')[0].t);
    rig.send({ type: 'conversation.item.retrieve', item_id: itemId as string });
    await rig.run(rig.waitForType('conversation.item.retrieved'));
    expect(rig.last('conversation.item.retrieved')!.event.item).toMatchObject({
      content: [{ type: 'input_audio', transcript: 'what is the weather in paris' }],
    });
  });

  it('whisper-1 sends only completed; a placeholder names the turn when directives give no text', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0 } });
    rig.send({ type: 'session.update', session: { input_audio_transcription: { model: 'whisper-1' } } });
    rig.streamAudio(toneSpeech(800, 1000, 24000, 300), { startMs: 0 });
    await rig.run(rig.waitForType('conversation.item.input_audio_transcription.completed'));
    expect(rig.of('conversation.item.input_audio_transcription.delta')).toHaveLength(0);
    expect(rig.last('conversation.item.input_audio_transcription.completed')!.event.transcript).toBe('(mock transcript of user turn 1)');
  });
});
