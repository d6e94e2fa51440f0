/**
 * Bad client input is answered with an `error` event shaped like the service's
 * ({type:'error', event_id, error:{type, code, message, param, event_id}}) and the session stays up.
 */
import { describe, expect, it } from 'vitest';
import { toneSpeech, VirtualRig } from './helpers.js';

const lastError = (rig: VirtualRig) => rig.last('error')!.event.error as Record<string, unknown>;

describe('errors', () => {
  it('unknown event type: invalid_value on type, the client event_id echoed; session stays up', async () => {
    const rig = new VirtualRig();
    rig.send({ type: 'nope', event_id: 'evt_1' });
    await rig.run(rig.waitForType('error'));
    const err = rig.last('error')!;
    expect(err.event.event_id).toMatch(/^event_/);
    expect(lastError(rig)).toMatchObject({ type: 'invalid_request_error', code: 'invalid_value', param: 'type', event_id: 'evt_1' });
    expect(lastError(rig).message).toMatch(/^Invalid value: 'nope'\. Supported values are: 'session\.update', .* and 'response\.cancel'\.$/);
    rig.send({ type: 'session.update', session: { instructions: 'still here' } });
    await rig.run(rig.waitForType('session.updated'));
    expect(rig.last('session.updated')!.event.session).toMatchObject({ instructions: 'still here' });
    expect(rig.closed).toBeUndefined();
  });

  it('non-JSON, a frame without type, missing parameters', async () => {
    const rig = new VirtualRig();
    rig.sendRaw('not json');
    await rig.run(rig.waitForType('error', 1));
    expect(lastError(rig)).toMatchObject({ code: 'invalid_json', event_id: null });
    rig.sendRaw('{"foo":1}');
    await rig.run(rig.waitForType('error', 2));
    expect(lastError(rig)).toMatchObject({ code: 'missing_required_parameter', param: 'type' });
    rig.send({ type: 'conversation.item.delete', event_id: 'd' });
    await rig.run(rig.waitForType('error', 3));
    expect(lastError(rig)).toMatchObject({ code: 'missing_required_parameter', param: 'item_id', event_id: 'd' });
    rig.send({ type: 'conversation.item.create', item: { role: 'user' } });
    await rig.run(rig.waitForType('error', 4));
    expect(lastError(rig)).toMatchObject({ param: 'item.type' });
  });

  it('audio that is not base64, or an odd number of PCM16 bytes', async () => {
    const rig = new VirtualRig();
    rig.send({ type: 'input_audio_buffer.append', audio: '###', event_id: 'a1' });
    await rig.run(rig.waitForType('error', 1));
    expect(lastError(rig)).toMatchObject({ code: 'invalid_value', param: 'audio', event_id: 'a1' });
    rig.send({ type: 'input_audio_buffer.append', audio: Buffer.from([1, 2, 3]).toString('base64') });
    await rig.run(rig.waitForType('error', 2));
    expect(lastError(rig)).toMatchObject({ code: 'invalid_value', param: 'audio' });
    expect(rig.mock.stats().audioReceivedMs).toBe(0);
  });

  it('bad session values are refused and the whole update discarded', async () => {
    const rig = new VirtualRig();
    rig.send({ type: 'session.update', session: { instructions: 'x', turn_detection: { type: 'magic_vad' } as never } });
    await rig.run(rig.waitForType('error'));
    expect(lastError(rig)).toMatchObject({ code: 'invalid_value', param: 'session.audio.input.turn_detection.type' });
    expect(rig.of('session.updated')).toHaveLength(0);
  });

  it('items: create with previous_item_id, retrieve, delete, unknown ids', async () => {
    const rig = new VirtualRig();
    const msg = (id: string, text: string) => ({ type: 'message', role: 'user', id, content: [{ type: 'input_text', text }] });
    rig.send({ type: 'conversation.item.create', item: msg('item_a', 'a') });
    rig.send({ type: 'conversation.item.create', item: msg('item_b', 'b') });
    rig.send({ type: 'conversation.item.create', item: msg('item_c', 'c'), previous_item_id: 'item_a' });
    rig.send({ type: 'conversation.item.create', item: msg('item_r', 'r'), previous_item_id: 'root' });
    await rig.run(rig.waitForType('conversation.item.added', 4));
    expect(rig.of('conversation.item.added').map((r) => r.event.previous_item_id)).toEqual([null, 'item_a', 'item_a', null]);
    rig.send({ type: 'conversation.item.create', item: msg('item_a', 'dup') });
    rig.send({ type: 'conversation.item.create', item: msg('item_d', 'd'), previous_item_id: 'item_zz' });
    await rig.run(rig.waitForType('error', 2));
    expect(rig.of('error').map((r) => (r.event.error as { param: string }).param)).toEqual(['item.id', 'previous_item_id']);
    rig.send({ type: 'conversation.item.retrieve', item_id: 'item_c' });
    await rig.run(rig.waitForType('conversation.item.retrieved'));
    expect(rig.last('conversation.item.retrieved')!.event.item).toMatchObject({ id: 'item_c', role: 'user', content: [{ type: 'input_text', text: 'c' }] });
    rig.send({ type: 'conversation.item.delete', item_id: 'item_c' });
    rig.send({ type: 'conversation.item.delete', item_id: 'item_c' });
    rig.send({ type: 'conversation.item.retrieve', item_id: 'item_c' });
    await rig.run(rig.waitForType('error', 4));
    expect(rig.of('conversation.item.deleted').map((r) => r.event.item_id)).toEqual(['item_c']);
    expect(
      rig
        .of('error')
        .slice(2)
        .map((r) => (r.event.error as { code: string }).code),
    ).toEqual(['item_delete_invalid_item_id', 'item_retrieve_invalid_item_id']);
  });

  it('output_audio_buffer.clear: cleared (lenient) or refused as WebRTC-only (strict)', async () => {
    const lenient = new VirtualRig();
    lenient.send({ type: 'output_audio_buffer.clear' });
    await lenient.run(lenient.waitForType('output_audio_buffer.cleared'));
    const strict = new VirtualRig({ mock: { strict: true } });
    strict.send({ type: 'output_audio_buffer.clear' });
    await strict.run(strict.waitForType('error'));
    expect(lastError(strict)).toMatchObject({ code: 'invalid_value', param: 'type' });
  });
});

describe('strictness (openai profile / strict option)', () => {
  it('beta is refused with beta_api_shape_disabled and close 4000', async () => {
    const rig = new VirtualRig({ dialect: 'beta', mock: { profile: 'openai' } });
    await rig.run(rig.waitForType('error'));
    await rig.advance(10);
    expect(rig.types()).toEqual(['error']);
    expect(lastError(rig)).toMatchObject({ type: 'invalid_request_error', code: 'beta_api_shape_disabled' });
    expect(rig.closed).toEqual({ code: 4000, reason: 'invalid_request_error.beta_api_shape_disabled' });
  });

  it('unknown session fields are unknown_parameter; a bad key is error + close 3000', async () => {
    const rig = new VirtualRig({ mock: { strict: true } });
    rig.sendRaw(JSON.stringify({ type: 'session.update', session: { type: 'realtime', bogus_field: 1 } }));
    await rig.run(rig.waitForType('error'));
    expect(lastError(rig)).toEqual({
      type: 'invalid_request_error',
      code: 'unknown_parameter',
      message: "Unknown parameter: 'session.bogus_field'.",
      param: 'session.bogus_field',
      event_id: null,
    });
    const bad = new VirtualRig({ mock: { strict: true, apiKey: 'sk-right' }, headers: { Authorization: 'Bearer sk-wrong' } });
    await bad.run(bad.waitForType('error'));
    await bad.advance(10);
    expect(lastError(bad)).toMatchObject({ code: 'invalid_api_key' });
    expect(bad.closed).toEqual({ code: 3000, reason: 'invalid_request_error.invalid_api_key' });
  });

  it('lenient in-process attach refuses a bad key with 1008 "HTTP 401"', async () => {
    const rig = new VirtualRig({ mock: { apiKey: 'sk-right' } });
    await rig.advance(10);
    expect(rig.received).toHaveLength(0);
    expect(rig.closed).toEqual({ code: 1008, reason: 'HTTP 401' });
    const ok = new VirtualRig({ mock: { apiKey: 'sk-right' }, headers: { 'api-key': 'sk-right' } });
    await ok.run(ok.waitForType('session.created'));
  });

  it('voice cannot change once assistant audio exists', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0, profile: 'fast' } });
    rig.streamAudio(toneSpeech(600, 800, 24000, 200), { startMs: 0 });
    await rig.run(rig.waitForType('response.done'));
    rig.send({ type: 'session.update', session: { voice: 'verse' } });
    await rig.run(rig.waitForType('error'));
    expect(lastError(rig)).toMatchObject({ code: 'cannot_update_voice' });
  });
});
