/**
 * Servers add fields before SDKs and harnesses know them (Azure documents an output-item `phase`,
 * `commentary` / `final_answer`, for gpt-realtime-2). The harness's reading of every server event
 * must not change when every object in it — event, response, item, content part, usage — carries
 * keys it does not know. Truth: the same session read without the extra keys.
 */
import { describe, expect, it } from 'vitest';
import { gaCodec } from '../../src/protocol/ga.js';
import { readServerEvent, type ServerEvent } from '../../src/protocol/server-events.js';
import { conversationItem } from '../../src/mock/validate/ga-items.js';
import type { RealtimeEvent } from '../../src/protocol/events.js';
import { toneSpeech, VirtualRig } from '../mock/helpers.js';

/** Adds `phase` and a future object to every object of a JSON value. */
function withUnknownKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withUnknownKeys);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = withUnknownKeys(x);
  return { ...out, phase: 'final_answer', x_future_field: { nested: [1, 'two', null] } };
}

/** Drops the added keys again, where a reading passes a server object through (session config, status details). */
function withoutAdded(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutAdded);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => k !== 'phase' && k !== 'x_future_field')
      .map(([k, x]) => [k, withoutAdded(x)]),
  );
}

const read = (raw: string): ServerEvent => {
  const e = gaCodec.decodeServer(raw) as RealtimeEvent;
  const r = readServerEvent(e);
  // `other` keeps the raw event (which differs by the extra keys): compare its type only.
  return r.kind === 'other' ? { kind: 'other', type: r.type, raw: {} as RealtimeEvent } : r;
};

describe('unknown keys on every server event and item', () => {
  it('a voice turn with transcription and a function call reads the same with extra keys everywhere', async () => {
    const rig = new VirtualRig({
      mock: { firstAudioMs: 100, jitterMs: 0, profile: 'fast' },
      directives: { tool_calls: [{ turn: 1, name: 'f', arguments: { a: 1 } }] },
    });
    rig.sendRaw(
      JSON.stringify({
        type: 'session.update',
        session: { type: 'realtime', tools: [{ type: 'function', name: 'f' }], audio: { input: { transcription: { model: 'gpt-transcribe' } } } },
      }),
    );
    rig.streamAudio(toneSpeech(800, 900));
    await rig.run(rig.waitForType('response.done'));
    rig.sendRaw(
      JSON.stringify({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'call f' }] } }),
    );
    rig.sendRaw(JSON.stringify({ type: 'response.create' }));
    await rig.run(rig.waitForType('response.done', 2));
    await rig.advance(3000);
    const raws = rig.received.map((r) => r.raw);
    for (const type of [
      'session.updated',
      'response.output_audio.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'conversation.item.input_audio_transcription.completed',
      'response.done',
    ]) {
      expect(rig.types()).toContain(type);
    }
    const augmented = raws.map((raw) => JSON.stringify(withUnknownKeys(JSON.parse(raw))));
    expect(augmented.map(read).map(withoutAdded)).toEqual(raws.map(read));
    // The extra keys really are there: the items the server sent now carry a key no schema knows.
    const item = (JSON.parse(augmented[raws.findIndex((r) => r.includes('"response.output_item.done"'))]) as { item: unknown }).item;
    expect(item).toMatchObject({ phase: 'final_answer' });
    expect(conversationItem.safeParse(item).success).toBe(false);
    expect(augmented.map(read).filter((e) => e.kind !== 'other').length).toBeGreaterThan(10);
  });

  it('an unknown event type is kept as `other`, never dropped or thrown', () => {
    const e = read(JSON.stringify({ type: 'response.output_phase.changed', event_id: 'e1', phase: 'commentary' }));
    expect(e).toMatchObject({ kind: 'other', type: 'response.output_phase.changed' });
  });
});
