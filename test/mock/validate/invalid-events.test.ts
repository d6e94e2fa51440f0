/**
 * Invalid client events are refused like the service refuses them, in the default (lenient) mode:
 * `error {type: "invalid_request_error", code, param, message, event_id}`, and the event has no
 * effect. Truth: (1) the audit list, written by hand with the exact param and code; (2) every
 * invalid variant derived from the schemas that `src/mock/validate/sdk-types.ts` proves equal to the
 * `openai` package's types (see derive.ts), for both dialects.
 */
import { describe, expect, it } from 'vitest';
import { betaClientEvents } from '../../../src/mock/validate/beta-events.js';
import { gaClientEvents } from '../../../src/mock/validate/ga-events.js';
import { VirtualRig } from '../helpers.js';
import { deriveInvalid, type InvalidCase } from './derive.js';

const session = (s: Record<string, unknown>) => ({ type: 'session.update', session: { type: 'realtime', ...s } });
const input = (i: Record<string, unknown>) => session({ audio: { input: i } });
const output = (o: Record<string, unknown>) => session({ audio: { output: o } });

/** The audit of the issue, plus the beta-era shapes the service refuses on GA. */
const AUDIT: Array<[string, Record<string, unknown>, string, string]> = [
  ['instructions: 123', session({ instructions: 123 }), 'session.instructions', 'invalid_type'],
  ['format as a beta string', input({ format: 'g711_ulaw' }), 'session.audio.input.format', 'invalid_type'],
  ['format.rate 16000', input({ format: { type: 'audio/pcm', rate: 16000 } }), 'session.audio.input.format.rate', 'invalid_value'],
  ['voice: 42', output({ voice: 42 }), 'session.audio.output.voice', 'invalid_type'],
  ['both output modalities', session({ output_modalities: ['audio', 'text'] }), 'session.output_modalities', 'array_above_max_length'],
  ['speed: 3', output({ speed: 3 }), 'session.audio.output.speed', 'integer_above_max_value'],
  ['max_output_tokens: "lots"', session({ max_output_tokens: 'lots' }), 'session.max_output_tokens', 'invalid_value'],
  ['tool_choice: "sometimes"', session({ tool_choice: 'sometimes' }), 'session.tool_choice', 'invalid_value'],
  ['noise_reduction mid_field', input({ noise_reduction: { type: 'mid_field' } }), 'session.audio.input.noise_reduction.type', 'invalid_value'],
  ['transcription.model: 42', input({ transcription: { model: 42 } }), 'session.audio.input.transcription.model', 'invalid_type'],
  [
    'idle_timeout_ms: "x"',
    input({ turn_detection: { type: 'server_vad', idle_timeout_ms: 'x' } }),
    'session.audio.input.turn_detection.idle_timeout_ms',
    'invalid_type',
  ],
  ['beta-era modalities', session({ modalities: ['audio'] }), 'session.modalities', 'unknown_parameter'],
  ['beta-era root voice', session({ voice: 'alloy' }), 'session.voice', 'unknown_parameter'],
  ['beta-era input_audio_format', session({ input_audio_format: 'pcm16' }), 'session.input_audio_format', 'unknown_parameter'],
  ['missing session.type', { type: 'session.update', session: { instructions: 'x' } }, 'session.type', 'missing_required_parameter'],
  ['unknown session.type', { type: 'session.update', session: { type: 'chat' } }, 'session.type', 'invalid_value'],
  [
    'mcp tool without server_label',
    session({ tools: [{ type: 'mcp', server_url: 'https://x' }] }),
    'session.tools[0].server_label',
    'missing_required_parameter',
  ],
  ['response.create modalities (beta)', { type: 'response.create', response: { modalities: ['text'] } }, 'response.modalities', 'unknown_parameter'],
  ['truncate without content_index', { type: 'conversation.item.truncate', item_id: 'i', audio_end_ms: 10 }, 'content_index', 'missing_required_parameter'],
  ['truncate audio_end_ms 1.5', { type: 'conversation.item.truncate', item_id: 'i', content_index: 0, audio_end_ms: 1.5 }, 'audio_end_ms', 'invalid_type'],
];

/** The test tags each case with its own event_id, so that field is not varied. */
const NOT_DERIVED = new Set(['event_id']);

/** Sends every case on one session with its own event_id; returns the error each one got. */
async function refusals(
  dialect: 'ga' | 'beta',
  events: Array<Record<string, unknown>>,
): Promise<{ rig: VirtualRig; errors: Map<string, Record<string, unknown>> }> {
  const rig = new VirtualRig({ dialect });
  events.forEach((e, i) => rig.sendRaw(JSON.stringify({ ...e, event_id: `case_${i}` })));
  await rig.advance(2000);
  const errors = new Map<string, Record<string, unknown>>();
  for (const r of rig.of('error')) {
    const err = r.event.error as Record<string, unknown>;
    errors.set(String(err.event_id), err);
  }
  return { rig, errors };
}

function expectRefused(errors: Map<string, Record<string, unknown>>, cases: InvalidCase[]): void {
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const err = errors.get(`case_${i}`);
    const ok =
      err &&
      err.type === 'invalid_request_error' &&
      err.param === c.param &&
      c.codes.includes(String(err.code)) &&
      typeof err.message === 'string' &&
      (err.code === 'invalid_value' || String(err.message).includes(`'${c.param}'`));
    if (!ok) wrong.push(`${c.name}: expected ${c.param} ${c.codes.join('|')}, got ${JSON.stringify(err)}`);
  });
  expect(wrong).toEqual([]);
}

describe('invalid client events are refused in the default mode', () => {
  it('the audit list: exact param and code, message naming the param, no session.updated', async () => {
    const { rig, errors } = await refusals(
      'ga',
      AUDIT.map(([, e]) => e),
    );
    const got = AUDIT.map(([name], i) => [name, errors.get(`case_${i}`)?.param, errors.get(`case_${i}`)?.code]);
    expect(got).toEqual(AUDIT.map(([name, , param, code]) => [name, param, code]));
    expect(errors.get('case_5')?.message).toBe(
      "Invalid 'session.audio.output.speed': integer above maximum value. Expected a value <= 1.5, but got 3 instead.",
    );
    expect(errors.get('case_7')?.message).toBe("Invalid value: 'sometimes'. Supported values are: 'none', 'auto', and 'required', or an object.");
    expect(errors.get('case_11')?.message).toBe("Unknown parameter: 'session.modalities'.");
    expect(rig.of('session.updated')).toHaveLength(0);
    expect(rig.closed).toBeUndefined();
  });

  it('GA: every invalid variant derived from the SDK-checked schemas', async () => {
    const cases = Object.entries(gaClientEvents).flatMap(([type, schema]) => deriveInvalid(type, schema, NOT_DERIVED));
    expect(cases.length).toBeGreaterThanOrEqual(290);
    const { rig, errors } = await refusals(
      'ga',
      cases.map((c) => c.event),
    );
    expectRefused(errors, cases);
    // No effect: nothing updated, created, truncated or answered.
    const effects = rig.types().filter((t) => !['session.created', 'error'].includes(t));
    expect(effects).toEqual([]);
  });

  it('beta: the same derivation on the beta schemas (beta sessions keep their beta shape)', async () => {
    const cases = Object.entries(betaClientEvents).flatMap(([type, schema]) => deriveInvalid(type, schema, NOT_DERIVED));
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const { rig, errors } = await refusals(
      'beta',
      cases.map((c) => c.event),
    );
    expectRefused(errors, cases);
    expect(rig.types().filter((t) => !['session.created', 'conversation.created', 'error'].includes(t))).toEqual([]);
  });

  it('valid events in both shapes still pass: MCP tool, null transcription, beta flat session', async () => {
    const ga = new VirtualRig();
    ga.sendRaw(
      JSON.stringify(session({ tools: [{ type: 'mcp', server_label: 'deepwiki', server_url: 'https://mcp.deepwiki.com/mcp', require_approval: 'never' }] })),
    );
    ga.sendRaw(JSON.stringify(input({ transcription: null, noise_reduction: null, format: { type: 'audio/pcm', rate: 24000 } })));
    await ga.run(ga.waitForType('session.updated', 2));
    expect(ga.of('error')).toHaveLength(0);
    const beta = new VirtualRig({ dialect: 'beta' });
    beta.sendRaw(
      JSON.stringify({
        type: 'session.update',
        session: {
          modalities: ['text', 'audio'],
          voice: 'alloy',
          input_audio_format: 'pcm16',
          turn_detection: null,
          input_audio_transcription: null,
          temperature: 0.8,
        },
      }),
    );
    await beta.run(beta.waitForType('session.updated'));
    expect(beta.of('error')).toHaveLength(0);
    beta.sendRaw(JSON.stringify({ type: 'session.update', session: { type: 'realtime' } }));
    await beta.run(beta.waitForType('error'));
    expect(beta.last('error')!.event.error).toMatchObject({ code: 'unknown_parameter', param: 'session.type' });
  });
});
