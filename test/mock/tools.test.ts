/**
 * Function calling (docs/protocol-notes.md "Function calling"): a function_call output item with argument
 * deltas and done, then response.done; after function_call_output + response.create an audio answer.
 */
import { describe, expect, it } from 'vitest';
import { toneSpeech, VirtualRig } from './helpers.js';

const TOOLS = [
  { type: 'function', name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
];

describe('function calls', () => {
  it('round trip: directive tool call for turn 0, output, spoken answer', async () => {
    const rig = new VirtualRig({
      mock: { firstAudioMs: 400, jitterMs: 0 },
      directives: { tool_calls: [{ turn: 0, name: 'get_weather', arguments: { city: 'Paris' } }] },
    });
    rig.send({ type: 'session.update', session: { tools: TOOLS as never } });
    rig.streamAudio(toneSpeech(800, 1000, 24000, 300), { startMs: 0 });
    await rig.run(rig.waitForType('response.done'));
    const done = rig.last('response.function_call_arguments.done')!;
    expect(done.event).toMatchObject({ name: 'get_weather', arguments: '{"city":"Paris"}', output_index: 0 });
    expect(done.event.call_id).toMatch(/^call_/);
    const deltas = rig.of('response.function_call_arguments.delta');
    expect(deltas.map((r) => r.event.delta).join('')).toBe('{"city":"Paris"}');
    expect(deltas[0].t - rig.of('input_audio_buffer.speech_stopped')[0].t).toBe(400);
    const resp = rig.last('response.done')!.event.response as { output: Array<Record<string, unknown>> };
    expect(resp.output[0]).toMatchObject({
      type: 'function_call',
      status: 'completed',
      name: 'get_weather',
      call_id: done.event.call_id,
      arguments: '{"city":"Paris"}',
    });
    expect(rig.of('response.output_audio.delta')).toHaveLength(0);

    const sentAt = rig.clock.now();
    rig.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: done.event.call_id as string, output: '{"temp_c":21}' } });
    rig.send({ type: 'response.create' });
    await rig.run(rig.waitForType('response.done', 2));
    expect(rig.of('conversation.item.added').some((r) => (r.event.item as { type: string }).type === 'function_call_output')).toBe(true);
    expect(rig.last('response.done')!.event.response).toMatchObject({ status: 'completed', output: [{ type: 'message', role: 'assistant' }] });
    expect(rig.of('response.output_audio.delta')[0].t - sentAt).toBe(400);
  });

  it('tool_choice forcing a function calls it with {} arguments when directives give none', async () => {
    const rig = new VirtualRig({ mock: { firstAudioMs: 100, jitterMs: 0 } });
    rig.send({ type: 'session.update', session: { tools: TOOLS as never, tool_choice: { type: 'function', name: 'get_weather' } } });
    rig.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'weather?' }] } });
    rig.send({ type: 'response.create' });
    await rig.run(rig.waitForType('response.done'));
    expect(rig.last('response.function_call_arguments.done')!.event).toMatchObject({ name: 'get_weather', arguments: '{}' });
  });

  it('function_call_output for an unknown call_id is refused', async () => {
    const rig = new VirtualRig();
    rig.send({ type: 'conversation.item.create', item: { type: 'function_call_output', call_id: 'call_nope', output: '{}' }, event_id: 'x' });
    await rig.run(rig.waitForType('error'));
    expect(rig.last('error')!.event.error).toMatchObject({ message: "Tool call ID 'call_nope' not found in conversation.", event_id: 'x' });
  });
});
