/**
 * `say:` turns: text in the scenario, an ordinary fixture for everything after loading. Each one is
 * synthesized (or found in the cache) while the scenario loads, and the turn then points at the
 * cached WAV, whose sidecar holds the exact speech boundaries and the text as transcript. The
 * runner, the mock directives and the metrics never learn the turn was text.
 */
import { SpeechSynthesisError, SpeechSynthesizer } from '../tts/index.js';
import type { Problem } from './errors.js';
import type { SayRef, ScenarioDoc } from './doc.js';
import { formatPath, type SourceMap } from './positions.js';
import type { ScenarioSpec } from './schema.js';

/** The `say:` turns of a validated scenario. */
export function collectSayRefs(spec: ScenarioSpec, map: SourceMap): SayRef[] {
  const refs: SayRef[] = [];
  spec.turns.forEach((t, turn) => {
    if (t.say === undefined) return;
    const path = ['turns', turn, 'say'];
    const ref: SayRef = { turn, text: t.say, label: formatPath(path), ...map.value(path) };
    if (t.voice !== undefined) ref.voice = t.voice;
    if (t.rate !== undefined) ref.rate = t.rate;
    refs.push(ref);
  });
  return refs;
}

/**
 * Synthesizes (or takes from the cache) every `say:` turn of `docs`, and records the WAV of each in
 * `doc.synthesized` and its text in `doc.fixtureTranscripts`. A turn whose text cannot be spoken is
 * a problem at its line; an engine that is missing or unusable is one error for the whole load.
 * @throws SpeechSynthesisError `TTS_UNAVAILABLE`
 */
export async function synthesizeSayTurns(docs: readonly ScenarioDoc[], synthesizer: SpeechSynthesizer = new SpeechSynthesizer()): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const doc of docs) {
    for (const ref of doc.says) {
      try {
        const said = await synthesizer.sayCached({ text: ref.text, voice: ref.voice, rate: ref.rate });
        (doc.synthesized ??= {})[ref.turn] = said.wavPath;
        (doc.fixtureTranscripts ??= {})[said.wavPath] = ref.text;
      } catch (err) {
        if (!(err instanceof SpeechSynthesisError) || err.code === 'TTS_UNAVAILABLE') throw err;
        problems.push({ file: doc.displayFile, line: ref.line, col: ref.col, message: `${ref.label}: ${err.message}` });
      }
    }
  }
  return problems;
}

/**
 * The WAV a turn plays: its `audio:` (resolved by the caller) or the synthesized file of its `say:`.
 * @throws Error when a `say:` turn was not synthesized (the doc did not come through loadPlan)
 */
export function sayAudioOf(doc: ScenarioDoc, turn: number): string {
  const wav = doc.synthesized?.[turn];
  if (wav === undefined) throw new Error(`${doc.displayFile}: turns[${turn}].say was not synthesized: load scenarios with loadPlan`);
  return wav;
}
