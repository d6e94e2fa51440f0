import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { readTraces } from '../../src/run-folder/read.js';

const SCENARIO = 'test/tts/scenarios/say-conversation.yaml';
const SAID = ['What is the weather like in Paris today?', 'Tell me a story about a fox.', 'Stop, please.'];

async function run(clock: 'virtual' | 'real') {
  const out = mkdtempSync(join(tmpdir(), `rtbench-say-${clock}-`));
  const r = await runBenchmark({ paths: [SCENARIO], clock, out, reporters: [], stdout: { write: () => true } as never, env: {}, summaryEnv: {} });
  return { ...r, traces: await readTraces(out) };
}

/**
 * Truth: the scenario's own expectations (a tool call with the scripted arguments, an audio answer,
 * an interrupted answer), the texts the turns say (which the mock must transcribe verbatim), and the
 * synthesizer's exact speech boundaries (each turn record carries them, shifted by its position).
 */
describe.each(['virtual', 'real'] as const)('a say: conversation against the mock (%s clock)', (clock) => {
  it('tool call, answer and barge-in all pass; the mock transcribes the said text', async () => {
    const { exitCode, results, traces } = await run(clock);
    for (const x of results.expectations) expect(x.ok, `${x.where} ${x.expected}: ${x.actual}`).toBe(true);
    expect(exitCode).toBe(0);
    const [weather, story, stop] = [0, 1, 2].map((t) => results.samples.find((s) => s.turn === t)!);
    expect(JSON.parse(String(weather.facts!.tool_arguments))).toEqual({ city: 'Paris' });
    expect(story.facts?.response).toBe('audio');
    expect(stop.facts?.interrupted).toBe(true);

    expect(results.samples.map((s) => s.facts?.input_transcript)).toEqual(SAID);
    expect(results.expectations.filter((x) => x.metric === 'input_transcript_contains').map((x) => x.ok)).toEqual([true, true, true]);
    const transcribed = traces.filter((r) => r.k === 'recv' && r.type === 'conversation.item.input_audio_transcription.completed');
    expect(transcribed.map((r) => (r.k === 'recv' ? r.event.transcript : null))).toEqual(SAID);

    // Ground truth = the sidecar's exact segment + where the turn was placed (+ its leading silence).
    const turns = traces.filter((r) => r.k === 'turn');
    expect(turns).toHaveLength(3);
    turns.forEach((t, i) => {
      if (t.k !== 'turn') return;
      const sidecar = JSON.parse(readFileSync(String(t.fixture).replace(/\.wav$/, '.speech.json'), 'utf8'));
      expect(sidecar.transcript).toBe(SAID[i]);
      const lead = i === 2 ? 200 : 0;
      expect(t.speech).toEqual(
        sidecar.speech.map((s: { start_ms: number; end_ms: number }) => ({ start_ms: t.pos_ms + lead + s.start_ms, end_ms: t.pos_ms + lead + s.end_ms })),
      );
    });
  }, 60_000);
});

describe('input_transcript_contains on a say: turn (virtual clock)', () => {
  async function runSaid(expected: string) {
    const dir = mkdtempSync(join(tmpdir(), 'rtbench-say-input-'));
    const path = join(dir, 'said.yaml');
    writeFileSync(
      path,
      [
        'name: said',
        'session:',
        '  turn_detection: { type: server_vad, silence_duration_ms: 500 }',
        '  input_audio_transcription: { model: gpt-4o-mini-transcribe }',
        'turns:',
        '  - say: Stop, please.',
        `    expect: { input_transcript_contains: ${JSON.stringify(expected)} }`,
        'mock: { first_audio_ms: 300, jitter_ms: 0, response_audio_ms: 1000 }',
        '',
      ].join('\n'),
    );
    return runBenchmark({
      paths: [path],
      clock: 'virtual',
      out: join(dir, 'out'),
      reporters: [],
      stdout: { write: () => true } as never,
      env: {},
      summaryEnv: {},
    });
  }

  it('passes with the said text (any case)', async () => {
    const { exitCode, results } = await runSaid('STOP, please');
    expect(results.expectations.map((x) => [x.metric, x.ok])).toEqual([['input_transcript_contains', true]]);
    expect(exitCode).toBe(0);
  }, 60_000);

  it('fails (exit 1) with a text that was not said, showing what was heard', async () => {
    const { exitCode, results } = await runSaid('go on');
    expect(results.expectations).toHaveLength(1);
    expect(results.expectations[0].ok).toBe(false);
    expect(results.expectations[0].actual).toContain('Stop, please.');
    expect(exitCode).toBe(1);
  }, 60_000);
});
