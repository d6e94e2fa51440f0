import { resolve } from 'node:path';
import type { SessionConfig } from '../protocol/session.js';
import { expandScenario, type PlanOptions } from './expand.js';
import type { ScenarioDoc } from './doc.js';
import type { ScenarioSpec } from './schema.js';
import type { SessionPlan } from './types.js';

/** Name of the scenario quick mode makes (`rtbench run --audio`). */
export const QUICK_SCENARIO = 'quick';

/**
 * `rtbench run --audio a.wav b.wav`: one session of one user turn per WAV, in order, with default
 * timing, per target × model × repeat — the same expansion as a scenario file, without expectations.
 * WAV paths resolve against the working folder. Fixtures without annotation are annotated on the fly
 * by the runner, so nothing is read here.
 */
export function quickPlan(wavs: readonly string[], opts: PlanOptions & { session?: SessionConfig } = {}): SessionPlan[] {
  if (wavs.length === 0) throw new RangeError('quickPlan: at least one WAV file is needed');
  const spec: ScenarioSpec = {
    name: QUICK_SCENARIO,
    session: opts.session as ScenarioSpec['session'],
    turns: wavs.map((w) => ({ audio: resolve(w), leading_silence_ms: 0 })),
    repeat: 1,
  };
  const doc: ScenarioDoc = {
    file: resolve(QUICK_SCENARIO),
    displayFile: '(--audio)',
    spec,
    expectations: [],
    namePos: { line: 1, col: 1 },
    fixtures: [],
    says: [],
    axisOrder: [],
  };
  return expandScenario(doc, opts).map(({ file: _file, ...plan }) => plan);
}
