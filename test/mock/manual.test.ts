/**
 * turn_detection: null (docs/protocol-notes.md): no VAD events; the client commits (≥ 100 ms of audio, else
 * input_audio_buffer_commit_empty) and asks for the response; first audio comes D after response.create.
 */
import { describe, expect, it } from 'vitest';
import { toneSpeech, VirtualRig } from './helpers.js';

describe('manual turns (turn_detection null)', () => {
  it('commit + response.create; first audio exactly D after response.create', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 700, jitterMs: 0 } });
    rig.send({ type: 'session.update', session: { turn_detection: null } });
    const end = rig.streamAudio(toneSpeech(800, 400, 24000, 200), { startMs: 0 });
    rig.sendAt(end + 5, { type: 'input_audio_buffer.commit' });
    rig.sendAt(end + 5, { type: 'response.create' });
    await rig.run(rig.waitForType('response.done'));
    expect(rig.of('input_audio_buffer.speech_started')).toHaveLength(0);
    expect(rig.of('input_audio_buffer.speech_stopped')).toHaveLength(0);
    const committed = rig.of('input_audio_buffer.committed')[0];
    expect(committed.t).toBe(end + 5);
    expect(committed.event.previous_item_id).toBeNull();
    expect(rig.of('response.output_audio.delta')[0].t - (end + 5)).toBe(700);
    const updated = rig.last('session.updated')!.event.session as { turn_detection: unknown };
    expect(updated.turn_detection).toBeNull();
  });

  it('no response without response.create', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    rig.send({ type: 'session.update', session: { turn_detection: null } });
    const end = rig.streamAudio(toneSpeech(800, 400));
    rig.sendAt(end + 1, { type: 'input_audio_buffer.commit' });
    await rig.advance(end + 3000);
    expect(rig.of('input_audio_buffer.committed')).toHaveLength(1);
    expect(rig.of('response.created')).toHaveLength(0);
  });

  it('committing less than 100 ms is input_audio_buffer_commit_empty, with the service wording', async () => {
    const rig = new VirtualRig();
    rig.send({ type: 'session.update', session: { turn_detection: null } });
    rig.send({ type: 'input_audio_buffer.commit', event_id: 'commit_1' });
    await rig.run(rig.waitForType('error'));
    expect(rig.last('error')!.event.error).toEqual({
      type: 'invalid_request_error',
      code: 'input_audio_buffer_commit_empty',
      message: 'Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has 0.00ms of audio.',
      param: null,
      event_id: 'commit_1',
    });
    rig.streamAudio(toneSpeech(50, 0));
    await rig.advance(200);
    rig.send({ type: 'input_audio_buffer.commit' });
    await rig.run(rig.waitForType('error', 2));
    expect((rig.last('error')!.event.error as { message: string }).message).toContain('only has 50.00ms of audio');
    expect(rig.last('error')!.event.error).toMatchObject({ event_id: null });
  });

  it('input_audio_buffer.clear empties the buffer', async () => {
    const rig = new VirtualRig();
    rig.send({ type: 'session.update', session: { turn_detection: null } });
    const end = rig.streamAudio(toneSpeech(500, 0));
    rig.sendAt(end + 1, { type: 'input_audio_buffer.clear' });
    rig.sendAt(end + 2, { type: 'input_audio_buffer.commit' });
    await rig.run(rig.waitForType('error'));
    expect(rig.of('input_audio_buffer.cleared')).toHaveLength(1);
    expect(rig.last('error')!.event.error).toMatchObject({ code: 'input_audio_buffer_commit_empty' });
  });

  it('response.create while one is active → conversation_already_has_active_response', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0 } });
    rig.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hello' }] } });
    rig.send({ type: 'response.create' });
    rig.send({ type: 'response.create', event_id: 'second' });
    await rig.run(rig.waitForType('response.done'));
    const id = (rig.of('response.created')[0].event.response as { id: string }).id;
    expect(rig.of('response.created')).toHaveLength(1);
    expect(rig.last('error')!.event.error).toEqual({
      type: 'invalid_request_error',
      code: 'conversation_already_has_active_response',
      message: `Conversation already has an active response in progress: ${id}. Wait until the response is finished before creating a new one.`,
      param: null,
      event_id: 'second',
    });
  });

  it('text-only output: output_text deltas, no audio', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    rig.send({ type: 'session.update', session: { output_modalities: ['text'] } });
    rig.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] } });
    rig.send({ type: 'response.create' });
    await rig.run(rig.waitForType('response.done'));
    expect(rig.of('response.output_audio.delta')).toHaveLength(0);
    expect(rig.of('response.output_text.delta').length).toBeGreaterThan(2);
    const done = rig.last('response.output_text.done')!.event.text as string;
    expect(done).toBe(
      rig
        .of('response.output_text.delta')
        .map((r) => r.event.delta)
        .join(''),
    );
  });

  it('out-of-band response (conversation: none) adds nothing to the conversation', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    rig.send({ type: 'response.create', response: { conversation: 'none', output_modalities: ['text'] } });
    await rig.run(rig.waitForType('response.done'));
    expect(rig.of('conversation.item.added')).toHaveLength(0);
    expect(rig.last('response.done')!.event.response).toMatchObject({ conversation_id: null, status: 'completed' });
  });
});
