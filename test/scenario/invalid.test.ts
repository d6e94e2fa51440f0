import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, loadPlan, loadScenarioFile, ScenarioError, validateFiles, validateScenarios } from '../../src/scenario/index.js';
import { fixtureDir } from './helpers.js';

/**
 * Each case is a folder of scenario files next to the fixtures of helpers.ts; the truth is the exact
 * `file:line:col message` an author should see, checked by hand against the YAML text (lines and
 * columns are 1-based; unknown keys point at the key, bad values at the value, missing keys at the
 * mapping they are missing from).
 */
interface Case {
  name: string;
  files: Record<string, string>;
  expected: Array<string | RegExp>;
}

const ok = 'name: ok\nturns:\n  - audio: a.wav\n';

const cases: Case[] = [
  // --- types and ranges -------------------------------------------------------------------------
  {
    name: 'duration given as a word',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    leading_silence_ms: soon\n' },
    expected: ['bad.yaml:4:25 turns[0].leading_silence_ms: expected a number ≥ 0, got "soon"'],
  },
  {
    name: 'negative duration',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    trailing_silence_ms: -5\n' },
    expected: ['bad.yaml:4:26 turns[0].trailing_silence_ms: expected a number ≥ 0, got -5'],
  },
  {
    name: 'barge-in offset given as a word',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n  - audio: b.wav\n    barge_in: { after_first_audio_ms: soon }\n' },
    expected: ['bad.yaml:5:39 turns[1].barge_in.after_first_audio_ms: expected a number ≥ 0, got "soon"'],
  },
  {
    name: 'repeat of zero',
    files: { 'bad.yaml': 'name: t\nrepeat: 0\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:2:9 repeat: expected an integer ≥ 1, got 0'],
  },
  {
    name: 'fractional repeat',
    files: { 'bad.yaml': 'name: t\nrepeat: 1.5\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:2:9 repeat: expected an integer ≥ 1, got 1.5'],
  },
  {
    name: 'temperature as a word',
    files: { 'bad.yaml': 'name: t\nsession: { temperature: hot }\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:2:25 session.temperature: expected a number between 0 and 2, got "hot"'],
  },
  {
    name: 'VAD threshold above 1',
    files: { 'bad.yaml': 'name: t\nsession:\n  turn_detection: { type: server_vad, threshold: 1.5 }\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:3:50 session.turn_detection.threshold: expected a number ≤ 1, got 1.5'],
  },
  {
    name: 'name with a space and #',
    files: { 'bad.yaml': 'name: "my scenario#1"\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:1:7 name: expected a name of letters, digits, ".", "_" or "-", got "my scenario#1"'],
  },
  { name: 'empty turn list', files: { 'bad.yaml': 'name: t\nturns: []\n' }, expected: ['bad.yaml:2:8 turns: expected a non-empty list, got an empty list'] },
  {
    name: 'audio key without a value',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio:\n' },
    expected: ['bad.yaml:3:5 turns[0].audio: expected a non-empty string, got null'],
  },
  { name: 'whole file is a list', files: { 'bad.yaml': '- audio: a.wav\n' }, expected: ['bad.yaml:1:1 expected a mapping, got a list'] },
  { name: 'empty file', files: { 'bad.yaml': '# nothing yet\n' }, expected: ['bad.yaml:1:1 the file is empty: a scenario needs at least name and turns'] },
  // --- enums ------------------------------------------------------------------------------------
  {
    name: 'audio format typo',
    files: { 'bad.yaml': 'name: t\nsession:\n  input_audio_format: g711_ulow\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:3:23 session.input_audio_format: expected one of pcm16, g711_ulaw, g711_alaw, got "g711_ulow" (did you mean g711_ulaw?)'],
  },
  {
    name: 'unknown turn-detection type',
    files: { 'bad.yaml': 'name: t\nsession:\n  turn_detection: { type: server, threshold: 0.5 }\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:3:27 session.turn_detection.type: expected server_vad or semantic_vad, got "server" (did you mean server_vad?)'],
  },
  {
    name: 'turn detection given as a word',
    files: { 'bad.yaml': 'name: t\nsession:\n  turn_detection: server_vad\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:3:19 session.turn_detection: expected a mapping like { type: server_vad }, or null for manual turns, got "server_vad"'],
  },
  {
    name: 'tool_choice word',
    files: { 'bad.yaml': 'name: t\nsession: { tool_choice: sometimes }\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:2:25 session.tool_choice: expected auto, none, required or { type: function, name }, got "sometimes"'],
  },
  // --- when a turn starts ----------------------------------------------------------------------
  {
    name: 'start rule typo',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n  - audio: b.wav\n    start: after_done\n' },
    expected: [/^bad\.yaml:5:12 turns\[1\]\.start: expected one of after_playback, after_response_done, got "after_done"/],
  },
  {
    name: 'start rule on a barge-in turn',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n  - audio: b.wav\n    barge_in: { after_played_ms: 500 }\n    start: after_response_done\n' },
    expected: ['bad.yaml:6:5 turns[1].start: a barge-in turn starts during the previous response, so start does not apply'],
  },
  {
    name: 'start rule on the first turn',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    start: after_response_done\n' },
    expected: ['bad.yaml:4:5 turns[0].start: the first turn starts when the session is ready (plus gap_ms), so start does not apply'],
  },
  // --- unknown and missing keys -----------------------------------------------------------------
  {
    name: 'top-level typo',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nrepet: 3\n' },
    expected: ['bad.yaml:4:1 unknown key "repet" (did you mean repeat?)'],
  },
  {
    name: 'turn key typo',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    leading_silense_ms: 3\n' },
    expected: ['bad.yaml:4:5 turns[0]: unknown key "leading_silense_ms" (did you mean leading_silence_ms?)'],
  },
  {
    name: 'session setting at the top',
    files: { 'bad.yaml': 'name: t\nvoice: alloy\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:2:1 unknown key "voice" (did you mean session.voice?)'],
  },
  {
    name: 'session key typo',
    files: { 'bad.yaml': 'name: t\nsession:\n  instuctions: Be brief.\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:3:3 session: unknown key "instuctions" (did you mean instructions?)'],
  },
  {
    name: 'VAD field directly in session',
    files: { 'bad.yaml': 'name: t\nsession:\n  silence_duration_ms: 300\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:3:3 session: unknown key "silence_duration_ms" (did you mean turn_detection.silence_duration_ms?)'],
  },
  {
    name: 'semantic-VAD field on server VAD',
    files: { 'bad.yaml': 'name: t\nsession:\n  turn_detection: { type: server_vad, eagerness: low }\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:3:39 session.turn_detection: unknown key "eagerness" (eagerness applies to semantic_vad only)'],
  },
  {
    name: 'metric directly in a turn',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    first_audio_ms: "< 3"\n' },
    expected: ['bad.yaml:4:5 turns[0]: unknown key "first_audio_ms" (did you mean expect.first_audio_ms?)'],
  },
  {
    name: 'turn without audio',
    files: { 'bad.yaml': 'name: t\nturns:\n  - leading_silence_ms: 3\n' },
    expected: ['bad.yaml:3:5 turns[0]: missing required key "audio" (a WAV), or "say" (text to synthesize)'],
  },
  { name: 'scenario without name', files: { 'bad.yaml': 'turns:\n  - audio: a.wav\n' }, expected: ['bad.yaml:1:1 missing required key "name"'] },
  {
    name: 'turn detection without type',
    files: { 'bad.yaml': 'name: t\nsession:\n  turn_detection: { threshold: 0.5 }\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:3:19 session.turn_detection: missing required key "type" (server_vad or semantic_vad)'],
  },
  // --- YAML syntax ------------------------------------------------------------------------------
  {
    name: 'unclosed flow mapping',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    expect: { first_audio_ms: "< 1200"\n' },
    expected: ['bad.yaml:5:1 YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }'],
  },
  {
    name: 'duplicate key',
    files: { 'bad.yaml': 'name: t\nname: u\nturns:\n  - audio: a.wav\n' },
    expected: ['bad.yaml:2:1 YAML syntax error: Map keys must be unique'],
  },
  {
    name: 'tab indentation',
    files: { 'bad.yaml': 'name: t\nturns:\n\t- audio: a.wav\n' },
    expected: ['bad.yaml:3:1 YAML syntax error: Tabs are not allowed as indentation'],
  },
  // --- expectations -----------------------------------------------------------------------------
  {
    name: 'comparison that is a word',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    expect: { first_audio_ms: "fast" }\n' },
    expected: ['bad.yaml:4:31 turns[0].expect.first_audio_ms: expected a number or a comparison like "< 1200", got "fast"'],
  },
  {
    name: 'comparison without operator',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    expect: { first_audio_ms: "1200" }\n' },
    expected: ['bad.yaml:4:31 turns[0].expect.first_audio_ms: expected a number or a comparison like "< 1200", got "1200"'],
  },
  {
    name: 'metric name typo',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    expect: { frist_audio_ms: "< 1200" }\n' },
    expected: ['bad.yaml:4:15 turns[0].expect: unknown metric "frist_audio_ms" (did you mean first_audio_ms?)'],
  },
  {
    name: 'aggregate typo',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nexpect:\n  first_audio_ms: { p96: "< 1200" }\n' },
    expected: ['bad.yaml:5:21 expect.first_audio_ms: unknown key "p96" (did you mean p95?)'],
  },
  {
    name: 'boolean on a numeric metric',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    expect: { first_audio_ms: true }\n' },
    expected: ['bad.yaml:4:31 turns[0].expect.first_audio_ms: expected a number or a comparison like "< 1200", or aggregates like { p95: "< 1200" }, got true'],
  },
  {
    name: 'unknown response kind',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    expect: { response: speech }\n' },
    expected: ['bad.yaml:4:25 turns[0].expect.response: expected one of audio, text, function_call, none, got "speech"'],
  },
  {
    name: 'per-turn fact at scenario level',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nexpect:\n  response: audio\n' },
    expected: ['bad.yaml:5:3 expect: unknown metric "response" (response is a per-turn fact: put it under turns[i].expect)'],
  },
  {
    name: 'aggregate without a metric',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nexpect:\n  p95: "< 3"\n' },
    expected: ['bad.yaml:5:3 expect: unknown metric "p95" (aggregates go under a metric, e.g. first_audio_ms: { p95: "< 1200" })'],
  },
  {
    name: 'barge-in metric on a normal turn',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    expect: { interrupted: true }\n' },
    expected: ['bad.yaml:4:15 turns[0].expect.interrupted: only measured in a barge-in turn (add barge_in:)'],
  },
  {
    name: 'VAD metric in manual mode',
    files: { 'bad.yaml': 'name: t\nsession: { turn_detection: null }\nturns:\n  - audio: a.wav\n    expect: { vad_stop_delay_ms: "< 3" }\n' },
    expected: ['bad.yaml:5:15 turns[0].expect.vad_stop_delay_ms: not measured in manual mode (session.turn_detection is null)'],
  },
  {
    name: 'scenario-level tool metric without any tool turn',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nexpect:\n  tool_call_ms: { p95: "< 2000" }\n' },
    expected: ['bad.yaml:5:3 expect.tool_call_ms: only measured in turns with tool:, and no turn has one'],
  },
  // --- turn structure ---------------------------------------------------------------------------
  {
    name: 'barge-in on the first turn',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    barge_in: { after_played_ms: 300 }\n' },
    expected: ['bad.yaml:4:5 turns[0].barge_in: the first turn has no response to interrupt'],
  },
  {
    name: 'barge-in with both triggers',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n  - audio: b.wav\n    barge_in: { after_played_ms: 300, after_first_audio_ms: 3 }\n' },
    expected: ['bad.yaml:5:15 turns[1].barge_in: give exactly one of after_first_audio_ms or after_played_ms'],
  },
  {
    name: 'barge-in with a gap',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n  - audio: b.wav\n    gap_ms: 100\n    barge_in: { after_played_ms: 300 }\n' },
    expected: ['bad.yaml:5:5 turns[1].gap_ms: a barge-in turn starts during the previous response, so gap_ms does not apply'],
  },
  {
    name: 'noise with both sources',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    noise: { audio: noise.wav, type: pink, snr_db: 3 }\n' },
    expected: ['bad.yaml:4:12 turns[0].noise: give exactly one of audio or type'],
  },
  {
    name: 'undeclared tool',
    files: { 'bad.yaml': 'name: t\nsession:\n  tools: [{ name: get_weather }]\nturns:\n  - audio: a.wav\n    tool: { name: get_wether, output: 1 }\n' },
    expected: ['bad.yaml:6:19 turns[0].tool.name: "get_wether" is not declared in session.tools (did you mean get_weather?)'],
  },
  {
    name: 'tool call without output',
    files: { 'bad.yaml': 'name: t\nsession:\n  tools: [{ name: get_weather }]\nturns:\n  - audio: a.wav\n    tool: { name: get_weather }\n' },
    expected: ['bad.yaml:6:11 turns[0].tool: missing required key "output"'],
  },
  {
    name: 'function_call expected without tool',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    expect: { response: function_call }\n' },
    expected: ['bad.yaml:4:25 turns[0].expect.response: function_call needs tool: { name, output } in this turn'],
  },
  {
    name: 'duplicate turn names',
    files: { 'bad.yaml': 'name: t\nturns:\n  - { name: q, audio: a.wav }\n  - { name: q, audio: b.wav }\n' },
    expected: ['bad.yaml:4:13 turns[1].name: "q" is already the name of turns[0]'],
  },
  {
    name: 'value from an anchor points at the anchor',
    files: { 'bad.yaml': 'name: t\nx-turn: &d { audio: a.wav, leading_silence_ms: -1 }\nturns:\n  - *d\n' },
    expected: ['bad.yaml:2:48 turns[0].leading_silence_ms: expected a number ≥ 0, got -1'],
  },
  // --- matrix -----------------------------------------------------------------------------------
  {
    name: 'unknown matrix setting',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nmatrix:\n  silense_duration_ms: [300]\n' },
    expected: ['bad.yaml:5:3 matrix: unknown setting "silense_duration_ms" (did you mean silence_duration_ms?)'],
  },
  {
    name: 'empty matrix axis',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nmatrix:\n  model: []\n' },
    expected: ['bad.yaml:5:10 matrix.model: expected a non-empty list, got an empty list'],
  },
  {
    name: 'matrix axis not a list',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nmatrix:\n  silence_duration_ms: 300\n' },
    expected: ['bad.yaml:5:24 matrix.silence_duration_ms: expected a non-empty list, got 300'],
  },
  {
    name: 'negative matrix value',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nmatrix:\n  silence_duration_ms: [300, -1]\n' },
    expected: ['bad.yaml:5:30 matrix.silence_duration_ms[1]: expected a number ≥ 0, got -1'],
  },
  {
    name: 'duplicate matrix value',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nmatrix:\n  model: [a, b, a]\n' },
    expected: ['bad.yaml:5:17 matrix.model[2]: duplicate value "a"'],
  },
  {
    name: 'bad target',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nmatrix:\n  target: [mock, http://x]\n' },
    expected: ['bad.yaml:5:18 matrix.target[1]: expected mock, openai, azure or a ws:// or wss:// URL, got "http://x"'],
  },
  {
    name: 'server-VAD axis on semantic VAD',
    files: {
      'bad.yaml': 'name: t\nsession:\n  turn_detection: { type: semantic_vad }\nturns:\n  - audio: a.wav\nmatrix:\n  silence_duration_ms: [300, 500]\n',
    },
    expected: ['bad.yaml:7:3 matrix.silence_duration_ms: applies to server_vad only, but turn_detection is semantic_vad'],
  },
  {
    name: 'VAD axis in manual mode',
    files: { 'bad.yaml': 'name: t\nsession:\n  turn_detection: null\nturns:\n  - audio: a.wav\nmatrix:\n  threshold: [0.3, 0.6]\n' },
    expected: ['bad.yaml:7:3 matrix.threshold: cannot vary in manual mode (turn_detection is null)'],
  },
  {
    name: 'same setting twice in the matrix',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\nmatrix:\n  silence_duration_ms: [300]\n  turn_detection.silence_duration_ms: [500]\n' },
    expected: ['bad.yaml:6:3 matrix.turn_detection.silence_duration_ms: the same setting as matrix.silence_duration_ms'],
  },
  // --- fixtures ---------------------------------------------------------------------------------
  {
    name: 'missing fixture',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: nope.wav\n' },
    expected: ['bad.yaml:3:12 turns[0].audio: no such file: nope.wav'],
  },
  {
    name: 'missing noise fixture',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n    noise: { audio: gone.wav, snr_db: 10 }\n' },
    expected: ['bad.yaml:4:21 turns[0].noise.audio: no such file: gone.wav'],
  },
  {
    name: 'fixture that is not a WAV',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: broken.wav\n' },
    expected: [/^bad\.yaml:3:12 turns\[0\]\.audio: cannot use broken\.wav: .+/],
  },
  {
    name: 'fixture with a broken annotation',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: bad-annotation.wav\n' },
    expected: [/^bad\.yaml:3:12 turns\[0\]\.audio: bad-annotation\.wav has an invalid annotation: invalid JSON/],
  },
  {
    name: 'fixture path relative to the scenario file',
    files: { 'sub/bad.yaml': 'name: t\nturns:\n  - audio: a.wav\n' },
    expected: ['sub/bad.yaml:3:12 turns[0].audio: no such file: a.wav'],
  },
  // --- across files -----------------------------------------------------------------------------
  { name: 'duplicate scenario names', files: { 'a.yaml': ok, 'b.yaml': ok }, expected: ['b.yaml:1:7 name: "ok" is already used by a.yaml:1:7'] },
  {
    name: 'problems in several files, all reported',
    files: { 'one.yaml': 'name: one\nturns:\n  - audio: nope.wav\n', 'two.yaml': 'name: two\nrepeat: -1\nturns:\n  - audio: a.wav\n' },
    expected: ['one.yaml:3:12 turns[0].audio: no such file: nope.wav', 'two.yaml:2:9 repeat: expected an integer ≥ 1, got -1'],
  },
  {
    name: 'schema and fixture problems together',
    files: { 'bad.yaml': 'name: t\nturns:\n  - audio: nope.wav\n    gap: 3\n' },
    expected: ['bad.yaml:3:12 turns[0].audio: no such file: nope.wav', 'bad.yaml:4:5 turns[0]: unknown key "gap" (did you mean gap_ms?)'],
  },
];

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function problemsOf(files: Record<string, string>): Promise<string[]> {
  const dir = await fixtureDir(files);
  dirs.push(dir);
  const problems = await validateFiles([dir]);
  return problems.map((p) => formatProblem(p).replaceAll(`${dir}/`, ''));
}

describe('invalid scenarios', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('$name', async ({ files, expected }) => {
    const actual = await problemsOf(files);
    expect(actual).toHaveLength(expected.length);
    expected.forEach((e, i) => (typeof e === 'string' ? expect(actual[i]).toBe(e) : expect(actual[i]).toMatch(e)));
  });
});

describe('loadPlan errors', () => {
  it('throws one ScenarioError with every problem of every file, formatted one per line', async () => {
    const dir = await fixtureDir({ 'one.yaml': 'name: one\nturns:\n  - audio: nope.wav\n', 'two.yaml': 'name: two\nrepet: 2\nturns:\n  - audio: a.wav\n' });
    dirs.push(dir);
    const err = await loadPlan([dir], {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    const e = err as ScenarioError;
    expect(e.code).toBe('SCENARIO_INVALID');
    expect(e.problems.map((p) => p.file.slice(dir.length + 1))).toEqual(['one.yaml', 'two.yaml']);
    expect(e.message.split('\n')).toEqual([
      `${dir}/one.yaml:3:12 turns[0].audio: no such file: nope.wav`,
      `${dir}/two.yaml:2:1 unknown key "repet" (did you mean repeat?)`,
    ]);
  });

  // One behaviour in both commands: a fixture without an annotation is annotated on the fly, with
  // the same warning line from validate and run, and neither refuses it.
  it('warns about an unannotated fixture the same way in validate and run, refusing it in neither', async () => {
    const dir = await fixtureDir({ 's.yaml': 'name: s\nturns:\n  - audio: unannotated.wav\n' });
    dirs.push(dir);
    const plan = await loadPlan([dir], {});
    expect(plan).toMatchObject({ sessions: [{ id: 's#mock/gpt-realtime-2.1#r1' }] });
    const checked = await validateScenarios([dir]);
    expect(checked.problems).toEqual([]);
    expect(checked.warnings).toEqual(plan.warnings);
    expect(formatProblem(checked.warnings[0]).replaceAll(`${dir}/`, '')).toMatch(
      /^s\.yaml:3:12 turns\[0\]\.audio: unannotated\.wav has no speech annotation \(unannotated\.speech\.json\): annotated on the fly; commit one with: rtbench fixtures annotate .*unannotated\.wav$/,
    );
  });

  // One pass: a schema error does not hide the cross-field checks of the same file.
  it('reports schema problems and later-stage problems of one file together', async () => {
    const yaml =
      'name: t\nchunk_ms: soon\nturns:\n  - audio: a.wav\n    tool: { name: get_wether, output: {} }\n  - audio: b.wav\n    expect: { talk_over_ms: "< 300" }\n';
    expect(await problemsOf({ 'bad.yaml': yaml })).toEqual([
      'bad.yaml:2:11 chunk_ms: expected an integer between 5 and 1000, got "soon"',
      'bad.yaml:5:19 turns[0].tool.name: "get_wether" is not declared in session.tools: session.tools declares no tools',
      expect.stringMatching(/^bad\.yaml:7:15 turns\[1\]\.expect\.talk_over_ms: .*barge-in/),
    ]);
  });

  it('reports a missing path as unreadable', async () => {
    const err = (await loadPlan(['/nonexistent/rtbench/x.yaml'], {}).catch((e: unknown) => e)) as ScenarioError;
    expect(err.code).toBe('SCENARIO_UNREADABLE');
    expect(err.message).toBe('/nonexistent/rtbench/x.yaml:1:1 cannot read: no such file or directory');
  });

  it('loadScenarioFile parses one file without touching fixtures, or throws with its problems', async () => {
    const dir = await fixtureDir({ 'good.yaml': 'name: g\nturns:\n  - audio: not-there-yet.wav\n', 'bad.yaml': 'name: b\nturns: 3\n' });
    dirs.push(dir);
    const doc = await loadScenarioFile(`${dir}/good.yaml`);
    expect(doc).toMatchObject({ file: `${dir}/good.yaml`, displayFile: `${dir}/good.yaml`, spec: { name: 'g', repeat: 1 } });
    const bad = (await loadScenarioFile(`${dir}/bad.yaml`).catch((e: unknown) => e)) as ScenarioError;
    expect(bad.code).toBe('SCENARIO_INVALID');
    expect(bad.message).toBe(`${dir}/bad.yaml:2:8 turns: expected a non-empty list, got 3`);
    const missing = (await loadScenarioFile(`${dir}/none.yaml`).catch((e: unknown) => e)) as ScenarioError;
    expect(missing.code).toBe('SCENARIO_UNREADABLE');
  });

  it('reports a folder without scenarios', async () => {
    const dir = await fixtureDir();
    dirs.push(dir);
    expect((await validateFiles([dir])).map((p) => p.message)).toEqual(['no scenario files (*.yaml, *.yml) in this folder']);
  });
});
