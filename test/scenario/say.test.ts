import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadPlan, validateFiles, ScenarioError } from '../../src/scenario/index.js';
import { SpeechSynthesisError, SpeechSynthesizer } from '../../src/tts/index.js';

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rtbench-say-scenario-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const SCENARIO = `name: said
session:
  tools:
    - { name: get_weather, parameters: { type: object, properties: { city: { type: string } } } }
turns:
  - say: What is the weather like in Paris?
    voice: rms
    tool: { name: get_weather, arguments: { city: Paris }, output: { temp_c: 18 } }
  - say: Stop.
    rate: 1.5
    barge_in: { after_first_audio_ms: 500 }
  - say: What is the weather like in Paris?
    voice: rms
    transcript: what is the whether like in paris
`;

describe('scenario say: turns', () => {
  it('become ordinary audio turns: a cached WAV with exact annotation, the text as the mock transcript', async () => {
    const dir = await folder({ 's.yaml': SCENARIO });
    const synthesizer = new SpeechSynthesizer({ cacheDir: join(dir, 'cache') });
    const [session] = (await loadPlan([join(dir, 's.yaml')], { synthesizer })).sessions;
    const [t0, t1, t2] = session.turns;
    expect(t0.audio.startsWith(join(dir, 'cache', 'say'))).toBe(true);
    // The same text and voice is one cache entry; a turn's own transcript: wins for the mock.
    expect(t2.audio).toBe(t0.audio);
    expect(t1.audio).not.toBe(t0.audio);
    expect(session.mock?.transcripts).toEqual(['What is the weather like in Paris?', 'Stop.', 'what is the whether like in paris']);
    expect(session.mock?.tool_calls).toEqual([{ turn: 0, name: 'get_weather', arguments: { city: 'Paris' } }]);
    expect(t1.start).toEqual({ after: 'first_audio', offset_ms: 500 });
    const sidecar = JSON.parse(await readFile(t1.audio.replace(/\.wav$/, '.speech.json'), 'utf8'));
    expect(sidecar).toMatchObject({ transcript: 'Stop.', detector: { name: 'synthesizer', voice: 'slt', rate: 1.5 } });
    expect(synthesizer.synthesisCount).toBe(2);
  });

  it('synthesizes once: a second load (new process, same cache folder) runs no synthesis', async () => {
    const dir = await folder({ 's.yaml': SCENARIO });
    const cacheDir = join(dir, 'cache');
    const first = new SpeechSynthesizer({ cacheDir });
    const plan1 = await loadPlan([join(dir, 's.yaml')], { synthesizer: first });
    expect(first.synthesisCount).toBe(2);
    const second = new SpeechSynthesizer({ cacheDir });
    const plan2 = await loadPlan([join(dir, 's.yaml')], { synthesizer: second });
    expect(second.synthesisCount).toBe(0);
    expect(plan2.sessions[0].turns.map((t) => t.audio)).toEqual(plan1.sessions[0].turns.map((t) => t.audio));
    // Another voice is another entry: exactly one new synthesis.
    await writeFile(join(dir, 's.yaml'), SCENARIO.replace('voice: rms\n    tool', 'voice: awb\n    tool'));
    const third = new SpeechSynthesizer({ cacheDir });
    await loadPlan([join(dir, 's.yaml')], { synthesizer: third });
    expect(third.synthesisCount).toBe(1);
  });

  it('reports authoring mistakes at file:line:col', async () => {
    const dir = await folder({
      'both.yaml': 'name: both\nturns:\n  - audio: a.wav\n    say: hello\n',
      'voice.yaml': 'name: voice\nturns:\n  - audio: a.wav\n    voice: rms\n',
      'unknown.yaml': 'name: unknown\nturns:\n  - say: hello\n    voice: alloy\n',
      'rate.yaml': 'name: rate\nturns:\n  - say: hello\n    rate: 5\n',
      'empty.yaml': 'name: empty\nturns:\n  - say: "  "\n',
      'mute.yaml': 'name: mute\nturns:\n  - say: hello\n  - say: "..."\n',
    });
    const problems = (await validateFiles([dir], { synthesizer: new SpeechSynthesizer({ cacheDir: join(dir, 'cache') }) })).map((p) =>
      formatProblem({ ...p, file: p.file.slice(dir.length + 1) }),
    );
    expect(problems).toEqual([
      'both.yaml:3:12 turns[0].audio: no such file: a.wav',
      'both.yaml:4:10 turns[0].say: give either audio (a WAV) or say (text to synthesize), not both',
      'empty.yaml:3:10 turns[0].say: expected text to say, got "  "',
      'mute.yaml:4:10 turns[1].say: nothing to say: "..." has no words the synthesizer can speak',
      'rate.yaml:4:11 turns[0].rate: expected a number ≤ 2, got 5',
      'unknown.yaml:4:12 turns[0].voice: expected one of slt, rms, awb, got "alloy"',
      'voice.yaml:3:12 turns[0].audio: no such file: a.wav',
      'voice.yaml:4:12 turns[0].voice: applies to say: turns only',
    ]);
  });

  it('a missing engine is one error for the whole load, not one per turn', async () => {
    const dir = await folder({ 's.yaml': SCENARIO });
    const synthesizer = new SpeechSynthesizer({ cacheDir: join(dir, 'cache'), env: { RTBENCH_FLITE_WASM: join(dir, 'missing.wasm') } });
    const err = await loadPlan([join(dir, 's.yaml')], { synthesizer }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SpeechSynthesisError);
    expect(err).not.toBeInstanceOf(ScenarioError);
    expect((err as SpeechSynthesisError).code).toBe('TTS_UNAVAILABLE');
  });
});
