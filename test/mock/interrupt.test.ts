/**
 * Barge-in and truncation (docs/protocol-notes.md "Interruption"): speech_started during a response cancels it
 * with reason turn_detected when interrupt_response is on; conversation.item.truncate is checked
 * against the audio actually sent and answered with the service's error wording.
 */
import { describe, expect, it } from 'vitest';
import { toneSpeech, VirtualRig } from './helpers.js';

/** One answered turn, then returns the rig (answer streamed slowly: profile `slow`, 2 × real time). */
async function answeredTurn(opts: { interrupt?: boolean; profile?: string } = {}) {
  const rig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0, profile: opts.profile ?? 'slow' } });
  rig.send({
    type: 'session.update',
    session: { turn_detection: { type: 'server_vad', silence_duration_ms: 500, interrupt_response: opts.interrupt ?? true } },
  });
  rig.streamAudio(toneSpeech(800, 700, 24000, 300), { startMs: 0 });
  await rig.run(rig.waitForType('response.output_audio.delta'));
  return rig;
}

describe('barge-in', () => {
  it('speech_started cancels the response in progress (turn_detected), then answers the new turn', async () => {
    const rig = await answeredTurn();
    const firstAudio = rig.of('response.output_audio.delta')[0].t;
    // The user talks over the answer 300 ms into it.
    rig.streamAudio(toneSpeech(600, 900), { startMs: firstAudio + 300 });
    await rig.run(rig.waitForType('response.done', 2));
    const [done1, done2] = rig.of('response.done');
    expect(done1.event.response).toMatchObject({ status: 'cancelled', status_details: { type: 'cancelled', reason: 'turn_detected' } });
    const bargeIn = rig.of('input_audio_buffer.speech_started')[1];
    expect(done1.t).toBe(bargeIn.t);
    // Nothing of response 1 after its done; the item is closed as incomplete.
    const r1 = (done1.event.response as { id: string }).id;
    expect(rig.received.filter((r) => r.t > done1.t && r.event.response_id === r1)).toHaveLength(0);
    expect((done1.event.response as { output: Array<{ status: string }> }).output[0].status).toBe('incomplete');
    expect(done2.event.response).toMatchObject({ status: 'completed' });
    // The cancelled item holds only the audio sent before the cancel.
    const sentMs = rig
      .of('response.output_audio.delta')
      .filter((r) => r.event.response_id === r1)
      .reduce((n, r) => n + Buffer.from(r.event.delta as string, 'base64').byteLength / 48, 0);
    const itemId = rig.of('response.output_audio.delta')[0].event.item_id as string;
    rig.send({ type: 'conversation.item.truncate', item_id: itemId, content_index: 0, audio_end_ms: Math.floor(sentMs) + 1 });
    await rig.run(rig.waitForType('error'));
    expect(rig.last('error')!.event.error).toMatchObject({
      message: `Audio content of ${Math.floor(sentMs)}ms is already shorter than ${Math.floor(sentMs) + 1}ms`,
    });
  });

  it('interrupt_response false: speech_started leaves the response running', async () => {
    const rig = await answeredTurn({ interrupt: false });
    const firstAudio = rig.of('response.output_audio.delta')[0].t;
    rig.streamAudio(toneSpeech(600, 900), { startMs: firstAudio + 300 });
    await rig.run(rig.waitForType('response.done'));
    await rig.advance(3000);
    expect(rig.of('input_audio_buffer.speech_started')).toHaveLength(2);
    expect(rig.of('response.done')[0].event.response).toMatchObject({ status: 'completed' });
  });

  it('response.cancel from the client: client_cancelled; then response_cancel_not_active', async () => {
    const rig = await answeredTurn();
    rig.send({ type: 'response.cancel', event_id: 'c1' });
    await rig.run(rig.waitForType('response.done'));
    expect(rig.last('response.done')!.event.response).toMatchObject({ status: 'cancelled', status_details: { reason: 'client_cancelled' } });
    rig.send({ type: 'response.cancel', event_id: 'c2' });
    await rig.run(rig.waitForType('error'));
    expect(rig.last('error')!.event.error).toEqual({
      type: 'invalid_request_error',
      code: 'response_cancel_not_active',
      message: 'Cancellation failed: no active response found',
      param: null,
      event_id: 'c2',
    });
  });
});

describe('conversation.item.truncate', () => {
  async function completed() {
    const rig = await answeredTurn({ profile: 'fast' });
    await rig.run(rig.waitForType('response.done'));
    const assistantId = rig.of('response.output_audio.delta')[0].event.item_id as string;
    const userId = rig.of('input_audio_buffer.committed')[0].event.item_id as string;
    const audioMs = rig.of('response.output_audio.delta').reduce((n, r) => n + Buffer.from(r.event.delta as string, 'base64').byteLength / 48, 0);
    return { rig, assistantId, userId, audioMs };
  }
  const lastError = (rig: VirtualRig) => rig.last('error')!.event.error as Record<string, unknown>;

  it('truncates within the audio sent and confirms; retrieve shows the item without its transcript', async () => {
    const { rig, assistantId } = await completed();
    rig.send({ type: 'conversation.item.truncate', item_id: assistantId, content_index: 0, audio_end_ms: 1000 });
    await rig.run(rig.waitForType('conversation.item.truncated'));
    expect(rig.last('conversation.item.truncated')!.event).toMatchObject({ item_id: assistantId, content_index: 0, audio_end_ms: 1000 });
    rig.send({ type: 'conversation.item.retrieve', item_id: assistantId });
    await rig.run(rig.waitForType('conversation.item.retrieved'));
    const item = rig.last('conversation.item.retrieved')!.event.item as { id: string; content: Array<{ type: string; transcript: string | null }> };
    expect(item.id).toBe(assistantId);
    expect(item.content[0].type).toBe('output_audio');
    // The service deletes the transcript of a truncated item (no unheard text stays in context).
    expect(rig.last('response.output_audio_transcript.done')!.event.transcript).not.toBe('');
    expect(item.content[0].transcript).toBeNull();
  });

  it('audio_end_ms beyond the audio sent → "Audio content of Xms is already shorter than Yms"', async () => {
    const { rig, assistantId, audioMs } = await completed();
    rig.send({ type: 'conversation.item.truncate', item_id: assistantId, content_index: 0, audio_end_ms: 60_000, event_id: 'ev_t' });
    await rig.run(rig.waitForType('error'));
    expect(lastError(rig)).toEqual({
      type: 'invalid_request_error',
      code: 'invalid_value',
      message: `Audio content of ${Math.floor(audioMs)}ms is already shorter than 60000ms`,
      param: 'audio_end_ms',
      event_id: 'ev_t',
    });
  });

  it('a user item, an unknown item and a bad content_index are refused', async () => {
    const { rig, assistantId, userId } = await completed();
    rig.send({ type: 'conversation.item.truncate', item_id: userId, content_index: 0, audio_end_ms: 10 });
    await rig.run(rig.waitForType('error', 1));
    expect(lastError(rig)).toMatchObject({
      type: 'invalid_request_error',
      code: 'unsupported_content_type',
      message: 'Only model output audio messages can be truncated',
    });
    rig.send({ type: 'conversation.item.truncate', item_id: 'item_nope', content_index: 0, audio_end_ms: 10 });
    await rig.run(rig.waitForType('error', 2));
    expect(lastError(rig)).toMatchObject({ message: "Error truncating item: the item with id 'item_nope' does not exist.", param: 'item_id' });
    rig.send({ type: 'conversation.item.truncate', item_id: assistantId, content_index: 3, audio_end_ms: 10 });
    await rig.run(rig.waitForType('error', 3));
    expect(lastError(rig)).toMatchObject({ param: 'content_index' });
    // Nothing was truncated by the refusals.
    expect(rig.of('conversation.item.truncated')).toHaveLength(0);
  });

  it('an assistant item with no audio sent yet cannot be truncated', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 300, jitterMs: 0 } });
    rig.send({ type: 'conversation.item.create', item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi' }] } });
    await rig.run(rig.waitForType('conversation.item.added'));
    const id = rig.last('conversation.item.added')!.event.item as { id: string };
    rig.send({ type: 'conversation.item.truncate', item_id: id.id, content_index: 0, audio_end_ms: 0 });
    await rig.run(rig.waitForType('error'));
    expect(lastError(rig)).toMatchObject({ code: 'unsupported_content_type' });
  });
});
