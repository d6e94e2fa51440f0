import { describe, expect, it } from 'vitest';
import { expandScenario, parseScenarioText, seedFor, type ScenarioDoc } from '../../src/scenario/index.js';

/** Parses YAML as if it were /suite/scenarios/<name>.yaml; expansion does no file I/O. */
function doc(yaml: string, file = '/suite/scenarios/s.yaml'): ScenarioDoc {
  const r = parseScenarioText(yaml, 'scenarios/s.yaml', file);
  if (!r.doc) throw new Error(r.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n'));
  return r.doc;
}

const matrixYaml = `
name: cmp
session:
  turn_detection: { type: server_vad, threshold: 0.5 }
turns:
  - audio: ../fixtures/q.wav
matrix:
  model: [m-big, m-small]
  silence_duration_ms: [300, 500]
repeat: 2
`;

describe('matrix expansion', () => {
  it('makes models × settings × repeats sessions, repeat-major, with stable ids', () => {
    const plans = expandScenario(doc(matrixYaml), {});
    // 2 models × 2 silence settings × 2 repeats, one target (mock by default)
    expect(plans).toHaveLength(8);
    expect(plans.map((p) => p.id)).toEqual([
      'cmp#mock/m-big/silence_duration_ms=300#r1',
      'cmp#mock/m-big/silence_duration_ms=500#r1',
      'cmp#mock/m-small/silence_duration_ms=300#r1',
      'cmp#mock/m-small/silence_duration_ms=500#r1',
      'cmp#mock/m-big/silence_duration_ms=300#r2',
      'cmp#mock/m-big/silence_duration_ms=500#r2',
      'cmp#mock/m-small/silence_duration_ms=300#r2',
      'cmp#mock/m-small/silence_duration_ms=500#r2',
    ]);
    expect(new Set(plans.map((p) => p.id)).size).toBe(8);
    const first = plans[0];
    expect(first).toMatchObject({ scenario: 'cmp', target: 'mock', model: 'm-big', repeat: 1, settings: { silence_duration_ms: 300 }, chunk_ms: 20 });
    // the axis lands on the session's VAD; the scenario's own VAD fields stay
    expect(first.session).toMatchObject({ model: 'm-big', turn_detection: { type: 'server_vad', threshold: 0.5, silence_duration_ms: 300 } });
    // default trailing silence follows the cell's silence_duration_ms (+ 500 ms margin)
    expect(plans.map((p) => p.turns[0].trailing_silence_ms).slice(0, 2)).toEqual([800, 1000]);
  });

  it('lets --model, --target and --repeat replace the scenario axes', () => {
    const plans = expandScenario(doc(matrixYaml), { models: ['x', 'x', 'y', 'z'], targets: ['mock', 'openai'], repeat: 1 });
    // 3 distinct models × 2 targets × 2 settings × 1 repeat
    expect(plans).toHaveLength(12);
    expect(new Set(plans.map((p) => p.model))).toEqual(new Set(['x', 'y', 'z']));
    expect(plans.filter((p) => p.target === 'openai').every((p) => p.mock === undefined)).toBe(true);
    expect(plans.filter((p) => p.target === 'mock').every((p) => p.mock !== undefined)).toBe(true);
  });

  it("defaults the model to session.model, then defaultModel, then today's flagship (gpt-realtime-2.1)", () => {
    const simple = 'name: s\nturns:\n  - audio: a.wav\n';
    expect(expandScenario(doc(simple), {})[0]).toMatchObject({ id: 's#mock/gpt-realtime-2.1#r1', model: 'gpt-realtime-2.1', target: 'mock' });
    expect(expandScenario(doc(simple), { defaultModel: 'm', defaultTarget: 'azure' })[0].id).toBe('s#azure/m#r1');
    expect(expandScenario(doc(`name: s\nsession: { model: mine }\nturns:\n  - audio: a.wav\n`), { defaultModel: 'm' })[0].model).toBe('mine');
  });

  it('derives seeds deterministically from the base seed and the id', () => {
    const a = expandScenario(doc(matrixYaml), { seed: 7 });
    const b = expandScenario(doc(matrixYaml), { seed: 7 });
    const c = expandScenario(doc(matrixYaml), { seed: 8 });
    expect(a.map((p) => p.seed)).toEqual(b.map((p) => p.seed));
    expect(new Set(a.map((p) => p.seed)).size).toBe(a.length);
    expect(a[0].seed).not.toBe(c[0].seed);
    expect(a[0].seed).toBe(seedFor(7, a[0].id));
    // FNV-1a 32 of "0:" — a fixed value, so seeds never change silently between versions
    expect(seedFor(0, '')).toBe(0x17ed628f);
  });

  it('varies turn detection itself, with per-cell default trailing silence', () => {
    const plans = expandScenario(doc('name: vad\nturns:\n  - audio: a.wav\nmatrix:\n  turn_detection: [server_vad, semantic_vad, null]\n'), {});
    expect(plans.map((p) => p.session.turn_detection)).toEqual([{ type: 'server_vad' }, { type: 'semantic_vad' }, null]);
    expect(plans.map((p) => p.settings)).toEqual([{ turn_detection: 'server_vad' }, { turn_detection: 'semantic_vad' }, { turn_detection: null }]);
    // server VAD default silence 500 + 500; semantic auto cap 4000 + 500; manual 200
    expect(plans.map((p) => p.turns[0].trailing_silence_ms)).toEqual([1000, 4500, 200]);
    expect(plans[2].id).toBe('vad#mock/gpt-realtime-2.1/turn_detection=null#r1');
  });

  it('accepts dotted setting paths and combines several axes in written order', () => {
    const plans = expandScenario(
      doc('name: d\nturns:\n  - audio: a.wav\nmatrix:\n  turn_detection.prefix_padding_ms: [100, 300]\n  voice: [alloy, verse]\n  dialect: [ga, beta]\n'),
      {},
    );
    expect(plans).toHaveLength(8);
    expect(plans[0].id).toBe('d#mock/gpt-realtime-2.1/turn_detection.prefix_padding_ms=100,voice=alloy,dialect=ga#r1');
    expect(plans[0]).toMatchObject({ dialect: 'ga', session: { voice: 'alloy', turn_detection: { type: 'server_vad', prefix_padding_ms: 100 } } });
    // the last axis written varies fastest
    expect(plans.map((p) => p.dialect)).toEqual(['ga', 'beta', 'ga', 'beta', 'ga', 'beta', 'ga', 'beta']);
    expect(plans.map((p) => p.session.voice)).toEqual(['alloy', 'alloy', 'verse', 'verse', 'alloy', 'alloy', 'verse', 'verse']);
  });
});

describe('turns', () => {
  const turnsYaml = `
name: conv
session:
  turn_detection: null
  tools: [{ name: get_weather, parameters: { type: object } }]
chunk_ms: 40
turns:
  - audio: ../fixtures/a.wav
    transcript: What time is it?
  - audio: ../fixtures/b.wav
    gap_ms: 250
    noise: { audio: ../noise/room.wav, snr_db: 12 }
    tool: { name: get_weather, arguments: { city: Paris }, output: { temp_c: 18 } }
  - audio: sub/c.wav
    leading_silence_ms: 150
    trailing_silence_ms: 900
    barge_in: { after_first_audio_ms: 600 }
    noise: { type: pink, snr_db: 10 }
  - audio: /abs/d.wav
    barge_in: { after_played_ms: 800 }
`;

  it('resolves fixture paths relative to the scenario file, absolute paths as they are', () => {
    const [plan] = expandScenario(doc(turnsYaml), {});
    expect(plan.file).toBe('/suite/scenarios/s.yaml');
    expect(plan.turns.map((t) => t.audio)).toEqual(['/suite/fixtures/a.wav', '/suite/fixtures/b.wav', '/suite/scenarios/sub/c.wav', '/abs/d.wav']);
    expect(plan.turns[1].noise).toEqual({ source: '/suite/noise/room.wav', snr_db: 12 });
    expect(plan.turns[2].noise).toEqual({ source: 'pink', snr_db: 10 });
  });

  it('keeps the old start on response.done reachable only by its explicit name, per turn or for the scenario', () => {
    const two = (top: string, second: string) => `name: s\n${top}turns:\n  - audio: a.wav\n  - audio: b.wav\n${second}  - audio: c.wav\n`;
    expect(expandScenario(doc(two('', '')), {})[0].turns.map((t) => t.start.after)).toEqual(['start', 'played_out', 'played_out']);
    expect(expandScenario(doc(two('', '    start: after_response_done\n    gap_ms: 100\n')), {})[0].turns.map((t) => t.start)).toEqual([
      { after: 'start', gap_ms: 0 },
      { after: 'response_done', gap_ms: 100 },
      { after: 'played_out', gap_ms: 500 },
    ]);
    const top = expandScenario(doc(two('start: after_response_done\n', '    start: after_playback\n')), {})[0];
    expect(top.turns.map((t) => t.start.after)).toEqual(['start', 'played_out', 'response_done']);
  });

  it('places turns in time: start, after the answer was heard + gap, and the two barge-in triggers', () => {
    const [plan] = expandScenario(doc(turnsYaml), {});
    expect(plan.turns.map((t) => t.start)).toEqual([
      { after: 'start', gap_ms: 0 },
      { after: 'played_out', gap_ms: 250 },
      { after: 'first_audio', offset_ms: 600 },
      { after: 'played', played_ms: 800 },
    ]);
    // manual mode: short default tail; explicit values win
    expect(plan.turns.map((t) => [t.leading_silence_ms, t.trailing_silence_ms])).toEqual([
      [0, 200],
      [0, 200],
      [150, 900],
      [0, 200],
    ]);
    expect(plan.chunk_ms).toBe(40);
    expect(expandScenario(doc(turnsYaml), { chunkMs: 10 })[0].chunk_ms).toBe(10);
    expect(plan.session.turn_detection).toBeNull();
  });

  it('gives the mock transcripts and tool calls; the runner gets the tool output', () => {
    const d = doc(turnsYaml);
    d.fixtureTranscripts = { '/suite/fixtures/a.wav': 'from the sidecar', '/suite/fixtures/b.wav': 'Weather in Paris?' };
    const [plan] = expandScenario(d, {});
    expect(plan.turns[1].tool).toEqual({ name: 'get_weather', arguments: { city: Paris() }, output: { temp_c: 18 } });
    // the turn's own transcript wins over the sidecar's
    expect(plan.mock).toEqual({
      transcripts: ['What time is it?', 'Weather in Paris?', '', ''],
      tool_calls: [{ turn: 1, name: 'get_weather', arguments: { city: 'Paris' } }],
    });
    expect(plan.session.tools).toEqual([{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }]);
  });

  it('passes mock directives through to the mock only', () => {
    const yaml = 'name: m\nmock: { first_audio_ms: 300, jitter_ms: 0, profile: fast, response_audio_ms: 800 }\nturns:\n  - audio: a.wav\n';
    const [mock, openai] = expandScenario(doc(yaml), { targets: ['mock', 'openai'] });
    expect(mock.mock).toEqual({ first_audio_ms: 300, jitter_ms: 0, profile: 'fast', response_audio_ms: 800 });
    expect(openai.mock).toBeUndefined();
  });
});

function Paris(): string {
  return 'Paris';
}

describe('expectations', () => {
  it('turns every expectation form into Expectations with file:line:col, in written order', () => {
    const yaml = [
      'name: e', //                                       1
      'turns:', //                                        2
      '  - audio: a.wav', //                              3
      '    expect:', //                                   4
      '      response: audio', //                         5
      '      first_audio_ms: "< 1500"', //                6
      '      false_turns: 0', //                          7
      '      transcript_contains: Tokyo', //              8
      '  - audio: b.wav', //                              9
      '    barge_in: { after_played_ms: 500 }', //       10
      '    expect: { interrupted: true, truncate_ok: true, barge_in_detect_ms: ">= 0" }', // 11
      'expect:', //                                      12
      '  first_audio_ms: { p95: "<= 1200", mean: "< 900" }', // 13
      '  truncate_ok: { mean: ">= 0.9" }', //            14
      '  missed_turns: "!= 1"', //                       15
    ].join('\n');
    const [plan] = expandScenario(doc(yaml), {});
    expect(plan.expectations).toEqual([
      { where: 'scenarios/s.yaml:5:7', turn: 0, metric: 'response', aggregate: 'value', equals: 'audio' },
      { where: 'scenarios/s.yaml:6:7', turn: 0, metric: 'first_audio_ms', aggregate: 'value', compare: { op: '<', value: 1500 } },
      { where: 'scenarios/s.yaml:7:7', turn: 0, metric: 'false_turns', aggregate: 'value', compare: { op: '==', value: 0 } },
      { where: 'scenarios/s.yaml:8:7', turn: 0, metric: 'transcript_contains', aggregate: 'value', contains: 'Tokyo' },
      { where: 'scenarios/s.yaml:11:15', turn: 1, metric: 'interrupted', aggregate: 'value', equals: true },
      { where: 'scenarios/s.yaml:11:34', turn: 1, metric: 'truncate_ok', aggregate: 'value', equals: true },
      { where: 'scenarios/s.yaml:11:53', turn: 1, metric: 'barge_in_detect_ms', aggregate: 'value', compare: { op: '>=', value: 0 } },
      { where: 'scenarios/s.yaml:13:21', metric: 'first_audio_ms', aggregate: 'p95', compare: { op: '<=', value: 1200 } },
      { where: 'scenarios/s.yaml:13:37', metric: 'first_audio_ms', aggregate: 'mean', compare: { op: '<', value: 900 } },
      { where: 'scenarios/s.yaml:14:18', metric: 'truncate_ok', aggregate: 'mean', compare: { op: '>=', value: 0.9 } },
      { where: 'scenarios/s.yaml:15:3', metric: 'missed_turns', aggregate: 'value', compare: { op: '!=', value: 1 } },
    ]);
  });
});

describe('options', () => {
  it('refuses a repeat below 1', () => {
    expect(() => expandScenario(doc('name: s\nturns:\n  - audio: a.wav\n'), { repeat: 0 })).toThrow(RangeError);
  });
});
