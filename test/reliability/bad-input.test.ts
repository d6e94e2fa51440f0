/**
 * The bad-input corpus: malformed scenarios, fixtures (corrupt, truncated, unsupported WAVs, broken
 * annotation sidecars), run folders and CLI flags. Every one must end with exit code 2 (docs/errors.md:
 * "bad input — nothing was run"), one line on stderr naming the file and position (`file:line:col`
 * for scenarios and JSON files) or the flag, no stack trace, and no hang. In-process through
 * `main(argv)` for speed; a handful through the built binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/errors.js';
import { resolveConfig } from '../../src/config/index.js';
import { BIN, cli, FIXTURES, STACK_LINE, tmp } from './helpers.js';

const WAV = join(FIXTURES, 'what-time.wav');
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A canonical 44-byte-header PCM WAV with the given header fields (defaults: 24 kHz mono 16-bit). */
function wavBytes(
  o: { format?: number; channels?: number; rate?: number; bits?: number; dataBytes?: number; declaredData?: number; riff?: string; wave?: string } = {},
): Buffer {
  const data = Buffer.alloc(o.dataBytes ?? 4800);
  const h = Buffer.alloc(44);
  h.write(o.riff ?? 'RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write(o.wave ?? 'WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(o.format ?? 1, 20);
  const channels = o.channels ?? 1;
  const bits = o.bits ?? 16;
  const rate = o.rate ?? 24000;
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE((rate * channels * bits) / 8, 28);
  h.writeUInt16LE((channels * bits) / 8, 32);
  h.writeUInt16LE(bits, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(o.declaredData ?? data.length, 40);
  return Buffer.concat([h, data]);
}

interface Case {
  name: string;
  /** Builds the inputs in `dir`; returns the CLI arguments. */
  args: (dir: string) => string[];
  /** What the one line must say; `dir` is substituted for file names. */
  message: (dir: string) => RegExp;
  env?: Record<string, string | undefined>;
}

/** A scenario file with `body`, run with `rtbench run` (or `validate`). */
function scenarioCase(name: string, body: string, message: (file: string) => RegExp, command: 'run' | 'validate' = 'run'): Case {
  return {
    name: `scenario: ${name}`,
    args: (dir) => {
      const file = join(dir, 'bad.yaml');
      writeFileSync(file, body);
      return command === 'run' ? ['run', file, '--clock', 'virtual', '--out', join(dir, 'out')] : ['validate', file];
    },
    message: (dir) => message(join(dir, 'bad.yaml')),
  };
}

/** `file:line:col message` pointing into the scenario. */
const at = (line: number, what: RegExp | string) => (file: string) =>
  new RegExp(`^${esc(file)}:${line}:\\d+ .*${typeof what === 'string' ? esc(what) : what.source}`);
const anywhere = (what: RegExp | string) => (file: string) => new RegExp(`^${esc(file)}:\\d+:\\d+ .*${typeof what === 'string' ? esc(what) : what.source}`);

const ok = `name: s\nturns:\n  - audio: ${WAV}\n`;
const withTurn = (extra: string) => `name: s\nturns:\n  - audio: ${WAV}\n${extra}`;

const SCENARIOS: Case[] = [
  scenarioCase('unclosed flow sequence', 'name: s\nturns:\n  - audio: [unclosed\n', anywhere(/.+/)),
  scenarioCase('tab indentation', `name: s\nturns:\n\t- audio: ${WAV}\n`, anywhere(/.+/)),
  scenarioCase('duplicate key', `name: s\nname: t\nturns:\n  - audio: ${WAV}\n`, at(2, /.*[Dd]uplicate|.*unique/)),
  scenarioCase('empty file', '', anywhere(/.+/)),
  scenarioCase('a list at the top', `- name: s\n`, anywhere(/.+/)),
  scenarioCase('missing name', `turns:\n  - audio: ${WAV}\n`, anywhere(/.*name/)),
  scenarioCase('missing turns', 'name: s\n', anywhere(/.*turns/)),
  scenarioCase('no turns', 'name: s\nturns: []\n', anywhere(/turns/)),
  scenarioCase('unknown top-level key', ok + 'turnz: 1\n', at(4, 'unknown key "turnz"')),
  scenarioCase(
    'unknown turn key',
    withTurn('    barge_inn: { after_first_audio_ms: 600 }\n'),
    at(4, /turns\[0\]: unknown key "barge_inn" \(did you mean barge_in\?\)/),
  ),
  scenarioCase('missing fixture', `name: s\nturns:\n  - audio: ${join(FIXTURES, 'nope.wav')}\n`, at(3, /turns\[0\]\.audio: /)),
  scenarioCase('audio is a number', 'name: s\nturns:\n  - audio: 42\n', at(3, /turns\[0\]\.audio/)),
  scenarioCase('barge-in on the first turn', withTurn('    barge_in: { after_first_audio_ms: 600 }\n'), anywhere(/turns\[0\]/)),
  scenarioCase(
    'barge-in value not a number',
    `${ok}  - audio: ${WAV}\n    barge_in: { after_first_audio_ms: soon }\n`,
    at(5, /turns\[1\]\.barge_in\.after_first_audio_ms/),
  ),
  scenarioCase('negative gap', `${ok}  - audio: ${WAV}\n    gap_ms: -5\n`, at(5, /turns\[1\]\.gap_ms/)),
  scenarioCase('unknown metric', withTurn('    expect: { first_audo_ms: "< 5" }\n'), at(4, /first_audo_ms/)),
  scenarioCase('bad comparison', withTurn('    expect: { first_audio_ms: "<< 5" }\n'), at(4, /first_audio_ms/)),
  scenarioCase('unknown turn detection', `name: s\nsession:\n  turn_detection: { type: magic_vad }\nturns:\n  - audio: ${WAV}\n`, at(3, /turn_detection/)),
  scenarioCase(
    'threshold out of range',
    `name: s\nsession:\n  turn_detection: { type: server_vad, threshold: 1.5 }\nturns:\n  - audio: ${WAV}\n`,
    at(3, /threshold/),
  ),
  scenarioCase('unknown matrix setting', ok + 'matrix:\n  silense_duration_ms: [300]\n', at(5, /matrix: unknown setting "silense_duration_ms"/)),
  scenarioCase('empty matrix axis', ok + 'matrix:\n  model: []\n', anywhere(/matrix\.model/)),
  scenarioCase('repeat 0', ok + 'repeat: 0\n', at(4, /repeat/)),
  scenarioCase('repeat not whole', ok + 'repeat: 1.5\n', at(4, /repeat/)),
  scenarioCase('chunk_ms too small', ok + 'chunk_ms: 3\n', at(4, /chunk_ms/)),
  scenarioCase('tool not declared', withTurn('    tool: { name: get_weather, output: {} }\n'), anywhere(/get_weather/)),
  scenarioCase('barge-in metric on a normal turn', withTurn('    expect: { talk_over_ms: "< 5" }\n'), anywhere(/talk_over_ms/)),
  scenarioCase('name with a slash', `name: "a/b c"\nturns:\n  - audio: ${WAV}\n`, at(1, /name/)),
  scenarioCase('unknown dialect', ok + 'dialect: gamma\n', at(4, /dialect/)),
  scenarioCase('noise snr not a number', withTurn('    noise: { type: pink, snr_db: loud }\n'), at(4, /snr_db/)),
  scenarioCase('unknown input format', `name: s\nsession:\n  input_audio_format: mp3\nturns:\n  - audio: ${WAV}\n`, at(3, /input_audio_format/)),
  scenarioCase('undefined alias', `name: s\nturns:\n  - *nope\n`, anywhere(/.+/)),
  scenarioCase('validate: the same problems, same format', ok + 'turnz: 1\n', at(4, 'unknown key "turnz"'), 'validate'),
];

/** A WAV given with `--audio`. */
function wavCase(name: string, bytes: Buffer | string, reason: RegExp): Case {
  return {
    name: `fixture: ${name}`,
    args: (dir) => {
      const file = join(dir, 'x.wav');
      writeFileSync(file, bytes);
      return ['run', '--audio', file, '--clock', 'virtual', '--out', join(dir, 'out')];
    },
    message: (dir) => new RegExp(`^${esc(join(dir, 'x.wav'))}: ${reason.source}`),
  };
}

/** A sidecar that is valid except for `override`. */
function sidecar(override: Record<string, unknown>): string {
  return JSON.stringify({ file: 'x.wav', sample_rate: 24000, duration_ms: 1000, speech: [{ start_ms: 100, end_ms: 800 }], source: 'manual', ...override });
}

/** A WAV without audio or without speech, given to `how`; `json` is an optional sidecar. */
function emptyCase(how: 'run' | 'scenario' | 'validate' | 'annotate', name: string, bytes: Buffer, reason: RegExp, json?: string): Case {
  const isScenario = how === 'scenario' || how === 'validate';
  return {
    name: `fixture: ${name} (${how})`,
    args: (dir) => {
      const wav = join(dir, 'x.wav');
      writeFileSync(wav, bytes);
      if (json) writeFileSync(join(dir, 'x.speech.json'), json);
      const yaml = join(dir, 's.yaml');
      writeFileSync(yaml, `name: s\nturns:\n  - audio: x.wav\n`);
      if (how === 'run') return ['run', '--audio', wav, '--clock', 'virtual', '--out', join(dir, 'out')];
      if (how === 'annotate') return ['fixtures', 'annotate', wav];
      return how === 'validate' ? ['validate', yaml] : ['run', yaml, '--clock', 'virtual', '--out', join(dir, 'out')];
    },
    message: (dir) =>
      isScenario
        ? new RegExp(`^${esc(join(dir, 's.yaml'))}:3:\\d+ .*x\\.wav.*: ${reason.source}`)
        : new RegExp(`^${esc(join(dir, 'x.wav'))}: ${reason.source}`),
  };
}

/** A valid WAV next to a broken `.speech.json` sidecar. */
function sidecarCase(name: string, json: string, where: RegExp): Case {
  return {
    name: `fixture: annotation ${name}`,
    args: (dir) => {
      writeFileSync(join(dir, 'x.wav'), wavBytes({ dataBytes: 48000 }));
      writeFileSync(join(dir, 'x.speech.json'), json);
      return ['run', '--audio', join(dir, 'x.wav'), '--clock', 'virtual', '--out', join(dir, 'out')];
    },
    message: (dir) => new RegExp(`^${esc(join(dir, 'x.speech.json'))}${where.source}`),
  };
}

const FIXTURE_CASES: Case[] = [
  wavCase('not a WAV at all', 'hello, I am not audio\n', /not a WAV file/),
  wavCase('empty file', Buffer.alloc(0), /.+/),
  wavCase('truncated RIFF header', Buffer.from('RIFF\x10\x00'), /.+/),
  wavCase('RIFF but not WAVE', wavBytes({ wave: 'AVI ' }), /not a WAV file/),
  wavCase('header only, fmt chunk cut', wavBytes().subarray(0, 30), /.+/),
  wavCase('ADPCM (unsupported encoding)', wavBytes({ format: 2, bits: 4 }), /unsupported WAV encoding/),
  wavCase('zero channels', wavBytes({ channels: 0 }), /fmt chunk declares 0 channels/),
  wavCase('sample rate 0', wavBytes({ rate: 0 }), /fmt chunk declares sample rate 0/),
  wavCase('12-bit PCM', wavBytes({ bits: 12 }), /.+/),
  wavCase('RIFX (big-endian)', wavBytes({ riff: 'RIFX' }), /.+/),
  // Sidecar problems name the JSON file and the field's path inside it.
  sidecarCase('not JSON', '{ "speech": [ ', /: invalid JSON \(.+\)$/),
  sidecarCase('speech not a list', sidecar({ speech: 'all of it' }), /: invalid annotation: speech: /),
  sidecarCase(
    'segment ends before it starts',
    sidecar({ speech: [{ start_ms: 500, end_ms: 100 }] }),
    /: invalid annotation: speech\[0\]: end_ms must be greater than start_ms$/,
  ),
  sidecarCase(
    'overlapping segments',
    sidecar({
      speech: [
        { start_ms: 100, end_ms: 500 },
        { start_ms: 400, end_ms: 900 },
      ],
    }),
    /: invalid annotation: speech: segments must be in time order and must not overlap$/,
  ),
  sidecarCase('unknown source', sidecar({ source: 'guess' }), /: invalid annotation: source: /),
  // Refused up front, naming the file, by run (quick mode and scenarios), validate and annotate alike.
  ...(['run', 'scenario', 'validate', 'annotate'] as const).flatMap((how) => [
    emptyCase(how, '0 frames', wavBytes({ dataBytes: 0 }), /the WAV holds 0 frames of audio$/),
    emptyCase(how, 'no speech (silence)', wavBytes({ dataBytes: 48000 }), /no speech detected in the audio/),
  ]),
  emptyCase('validate', 'annotation with speech: []', wavBytes({ dataBytes: 48000 }), /no speech in its annotation/, sidecar({ speech: [] })),
  emptyCase('run', 'annotation with speech: []', wavBytes({ dataBytes: 48000 }), /no speech in its annotation/, sidecar({ speech: [] })),
  emptyCase('annotate', 'annotation with speech: []', wavBytes({ dataBytes: 48000 }), /no speech in its annotation/, sidecar({ speech: [] })),
  {
    name: 'fixture: a folder given as --audio',
    args: (dir) => ['run', '--audio', dir, '--clock', 'virtual'],
    message: (dir) => new RegExp(`^${esc(dir)}: `),
  },
  {
    name: 'fixture: missing file',
    args: (dir) => ['run', '--audio', join(dir, 'missing.wav'), '--clock', 'virtual'],
    message: (dir) => new RegExp(`^${esc(join(dir, 'missing.wav'))}: `),
  },
];

/** A run folder for `report`/`--resume`/`--baseline`. */
const RUN_FOLDER_CASES: Case[] = [
  {
    name: 'run folder: --resume with a run.json that is not JSON',
    args: (dir) => {
      writeFileSync(join(dir, 'run.json'), '{ "schema": ');
      return ['run', '--resume', dir];
    },
    message: (dir) => new RegExp(`^${esc(join(dir, 'run.json'))}:1:1 not valid JSON`),
  },
  {
    name: 'run folder: --resume with a run.json of another schema',
    args: (dir) => {
      writeFileSync(join(dir, 'run.json'), '{ "schema": "other/v9" }');
      return ['run', '--resume', dir];
    },
    message: (dir) => new RegExp(`^${esc(join(dir, 'run.json'))}:1:1 not an rtbench run manifest`),
  },
  {
    name: 'run folder: --resume of a folder without run.json',
    args: (dir) => ['run', '--resume', dir],
    message: (dir) => new RegExp(`^${esc(join(dir, 'run.json'))}: missing`),
  },
  {
    name: 'run folder: --resume of a folder that does not exist',
    args: (dir) => ['run', '--resume', join(dir, 'nope')],
    message: (dir) => new RegExp(`^${esc(join(dir, 'nope'))}: no such run folder`),
  },
  {
    name: 'run folder: report on a corrupt results.json',
    args: (dir) => {
      writeFileSync(join(dir, 'results.json'), '{ "schema": "rtbench.results/v1", ');
      return ['report', dir];
    },
    message: (dir) => new RegExp(`^${esc(join(dir, 'results.json'))}: not valid JSON`),
  },
  {
    name: 'run folder: report on a folder that is not a run',
    args: (dir) => ['report', dir],
    message: (dir) => new RegExp(`^${esc(dir)}: neither results\\.json nor samples\\.jsonl found`),
  },
  {
    name: 'run folder: --baseline that does not exist',
    args: (dir) => ['run', '--audio', WAV, '--clock', 'virtual', '--baseline', join(dir, 'gone'), '--out', join(dir, 'out')],
    message: (dir) => new RegExp(`^${esc(join(dir, 'gone'))}: no such run folder`),
  },
];

function flagCase(name: string, argv: string[], message: RegExp, env?: Record<string, string | undefined>): Case {
  return { name: `flag: ${name}`, args: (dir) => argv.map((a) => a.replace('$DIR', dir)), message: () => message, env };
}

const FLAG_CASES: Case[] = [
  flagCase('unknown flag', ['run', '--bogus-flag'], /^rtbench: Unknown argument: bogus-flag/),
  flagCase('unknown command', ['frobnicate'], /^rtbench: Unknown argument: frobnicate/),
  flagCase('--concurrency 0', ['run', '--concurrency', '0'], /--concurrency must be a whole number ≥ 1/),
  flagCase('--repeat -1', ['run', '--repeat', '-1'], /--repeat must be a whole number ≥ 1/),
  flagCase('--chunk-ms 5', ['run', '--chunk-ms', '5'], /--chunk-ms must be a whole number from 10 to 1000/),
  flagCase('--reporter bogus', ['run', '--reporter', 'table,bogus'], /unknown reporter: bogus/),
  flagCase('--clock sundial', ['run', '--clock', 'sundial'], /Invalid values:.*clock/),
  flagCase('--dialect gamma', ['run', '--dialect', 'gamma'], /Invalid values:.*dialect/),
  flagCase('--retries -1', ['run', '--retries', '-1'], /--retries must be a whole number from 0 to 10/),
  flagCase('--retries 11', ['run', '--retries', '11'], /--retries must be a whole number from 0 to 10/),
  flagCase('--max-cost -5', ['run', '--max-cost', '-5'], /--max-cost must be a positive amount in USD/),
  flagCase('--max-cost abc', ['run', '--max-cost', 'abc'], /--max-cost must be a positive amount in USD/),
  flagCase('--turn-timeout xyz', ['run', '--turn-timeout', 'xyz'], /--turn-timeout: expected a duration like 500ms, 2s or 1m, got "xyz"/),
  flagCase('--session-timeout 0', ['run', '--session-timeout', '0'], /--session-timeout must be longer than 0/),
  flagCase('--connect-timeout 5x', ['run', '--connect-timeout', '5x'], /--connect-timeout: expected a duration/),
  flagCase('--ramp soon', ['run', '--ramp', 'soon'], /--ramp: expected a duration/),
  flagCase('--threshold nonsense', ['run', '--audio', WAV, '--clock', 'virtual', '--threshold', 'nonsense', '--out', '$DIR/o'], /threshold/),
  flagCase(
    '--clock virtual with a live target',
    ['run', '--audio', WAV, '--clock', 'virtual', '--target', 'openai'],
    /--clock virtual works only with the bundled mock/,
    { OPENAI_API_KEY: 'sk-test-x-00000000000' },
  ),
  flagCase('--target ftp://', ['run', '--audio', WAV, '--target', 'ftp://example.com/x'], /^flag:--target: unknown target "ftp:\/\/example\.com\/x"/),
  flagCase('--target with a broken URL', ['run', '--audio', WAV, '--target', 'ws://[::1'], /^target: not a valid URL: ws:\/\/\[::1/),
  flagCase('--target openai without a key', ['run', '--audio', WAV, '--target', 'openai'], /^target "openai" needs OPENAI_API_KEY in the environment/, {
    OPENAI_API_KEY: undefined,
  }),
  flagCase('--target azure without an endpoint', ['run', '--audio', WAV, '--target', 'azure'], /^target "azure" needs AZURE_OPENAI_ENDPOINT/, {
    AZURE_OPENAI_API_KEY: 'k-0000000000',
    AZURE_OPENAI_ENDPOINT: undefined,
  }),
  flagCase(
    '--resume with plan flags',
    ['run', '--resume', '$DIR', '--model', 'x', '--seed', '3'],
    /--resume takes the plan from the run folder's run\.json: drop --model, --seed/,
  ),
  flagCase('compare without a second run or --axis', ['compare', '$DIR'], /name two runs, or one run and --axis/),
  flagCase('report without a run', ['report'], /Not enough non-option arguments/),
];

const CASES: Case[] = [...SCENARIOS, ...FIXTURE_CASES, ...RUN_FOLDER_CASES, ...FLAG_CASES];

/**
 * Config files (src/config): the CLI does not load them yet, so these go through the same two
 * steps it will use — `resolveConfig` throws, `describeError` makes the exit code and the lines.
 */
const CONFIG_CASES: Array<{ name: string; text: string; message: RegExp }> = [
  { name: 'YAML syntax error', text: 'repeat: [1, 2\n', message: /YAML syntax error/ },
  { name: 'unknown key', text: 'target: mock\nrepaet: 3\n', message: /^\S*rtbench\.config\.yaml:2:1 unknown key "repaet"/ },
  { name: 'duplicate key', text: 'repeat: 1\nrepeat: 2\n', message: /^\S*rtbench\.config\.yaml:2:\d+ / },
  { name: 'word for a number', text: 'concurrency: lots\n', message: /^\S*rtbench\.config\.yaml:1:14 concurrency: expected a whole number/ },
  { name: 'reporter typo', text: 'reporters: [table, htlm]\n', message: /^\S*rtbench\.config\.yaml:1:\d+ reporters\[1\]: .*did you mean html/ },
  { name: 'bad duration', text: 'ramp: soon\n', message: /^\S*rtbench\.config\.yaml:1:7 ramp: expected a duration/ },
  {
    name: 'an API key written in the file',
    text: 'api_key: sk-abc\n',
    message: /^\S*rtbench\.config\.yaml:1:1 unknown key "api_key" \(API keys come from the environment/,
  },
  {
    name: 'named target without a ws URL',
    text: 'targets:\n  relay:\n    url: http://r.example\n',
    message: /^\S*rtbench\.config\.yaml:3:\d+ targets\.relay\.url: /,
  },
];

describe(`bad-input corpus (${CASES.length} inputs): exit 2, one line naming the file and position, no stack, no hang`, () => {
  it('has at least 50 inputs', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = tmp('rtbench-bad-');
    const r = await cli(c.args(dir), c.env ?? {});
    const lines = r.stderr.trim().split('\n');
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 2 });
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(c.message(dir));
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.ms).toBeLessThan(10_000);
    // Nothing was run: no samples were written anywhere under the folder.
    expect(existsSync(join(dir, 'out', 'samples.jsonl'))).toBe(false);
  });
});

describe(`bad config files (${CONFIG_CASES.length}): exit 2, one line at file:line:col`, () => {
  it.each(CONFIG_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = tmp('rtbench-badcfg-');
    writeFileSync(join(dir, 'rtbench.config.yaml'), c.text);
    const err = await resolveConfig({ cwd: dir, env: {} }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    const { code, lines } = describeError(err);
    expect(code).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(c.message);
    expect(lines.join('\n')).not.toMatch(STACK_LINE);
  });
});

describe('bad input through the built binary', () => {
  beforeAll(() => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it)`);
  });
  const picks = [SCENARIOS[0], SCENARIOS[9], FIXTURE_CASES[5], RUN_FOLDER_CASES[0], FLAG_CASES[0], FLAG_CASES[10]];
  it.each(picks.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const dir = tmp('rtbench-bad-bin-');
    mkdirSync(dir, { recursive: true });
    const env = { ...process.env, NO_COLOR: '1', ...(c.env ?? {}) } as Record<string, string>;
    const r = spawnSync(process.execPath, [BIN, ...c.args(dir)], { env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(c.message(dir));
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });
});
