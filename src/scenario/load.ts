import { resolve } from 'node:path';
import { ScenarioError, sortProblems, type Problem } from './errors.js';
import { expandScenario, type PlanOptions } from './expand.js';
import { findScenarioFiles, readScenarioText, type ScenarioFile } from './files.js';
import { checkFixtures, type FileFixtureRef } from './fixtures.js';
import type { ParseResult, ScenarioDoc } from './doc.js';
import { parseScenarioText } from './parse.js';
import { synthesizeSayTurns } from './say.js';
import type { Plan } from './types.js';
import type { SpeechSynthesizer } from '../tts/index.js';

/**
 * Reads, parses and validates one scenario file. Touches no fixture (see {@link validateFiles} for
 * that).
 * @param _opts accepted for symmetry with {@link loadPlan}; validation does not depend on them.
 * @throws ScenarioError `SCENARIO_UNREADABLE` when the file cannot be read, `SCENARIO_INVALID` with
 *   every problem in it otherwise
 */
export async function loadScenarioFile(file: string, _opts?: PlanOptions): Promise<ScenarioDoc> {
  const { results, unreadable } = await parseFiles([{ display: file, abs: resolve(file) }]);
  if (unreadable.length) throw new ScenarioError('SCENARIO_UNREADABLE', unreadable);
  const { result } = results[0];
  if (!result.doc) throw new ScenarioError('SCENARIO_INVALID', sortProblems(result.problems));
  return result.doc;
}

/**
 * Scenario files and folders → the runner's {@link Plan}. Folders contribute `*.yaml`/`*.yml`
 * recursively, sorted. Checks the fixtures each scenario names (present, decodable; annotation
 * valid when present) and takes input transcripts from their annotations for the mock. `say:` turns
 * are synthesized (or found in the cache) here, so the plan names only WAV files.
 * @throws ScenarioError with every problem of every file at once; SpeechSynthesisError
 *   `TTS_UNAVAILABLE` when a scenario has `say:` turns and the engine is missing or unusable
 */
export async function loadPlan(paths: readonly string[], opts: PlanOptions = {}): Promise<Plan> {
  const { docs, problems, unreadable, warnings } = await loadAll(paths, opts.synthesizer);
  if (unreadable.length || problems.length) {
    throw new ScenarioError(unreadable.length ? 'SCENARIO_UNREADABLE' : 'SCENARIO_INVALID', sortProblems([...unreadable, ...problems]));
  }
  return { sessions: docs.flatMap((doc) => expandScenario(doc, opts)), ...(warnings.length ? { warnings: sortProblems(warnings) } : {}) };
}

/**
 * Every problem in the scenarios and in the fixtures they name — exists, decodes, has a valid
 * speech annotation — and every `say:` text the synthesizer cannot speak, without throwing. Empty
 * when all is well. This is `rtbench validate`.
 * @throws SpeechSynthesisError `TTS_UNAVAILABLE` when `say:` turns need a missing engine
 */
export async function validateFiles(paths: readonly string[], opts: PlanOptions = {}): Promise<Problem[]> {
  return (await validateScenarios(paths, opts)).problems;
}

/**
 * The same checks as {@link loadPlan}, in the same single pass (every stage of every file): the
 * problems (exit 2 in both `validate` and `run`) and the warnings (printed by both, exit 0).
 * @throws SpeechSynthesisError `TTS_UNAVAILABLE` when `say:` turns need a missing engine
 */
export async function validateScenarios(paths: readonly string[], opts: PlanOptions = {}): Promise<{ problems: Problem[]; warnings: Problem[] }> {
  const { problems, unreadable, warnings } = await loadAll(paths, opts.synthesizer);
  return { problems: sortProblems([...unreadable, ...problems]), warnings: sortProblems(warnings) };
}

interface Loaded {
  docs: ScenarioDoc[];
  problems: Problem[];
  unreadable: Problem[];
  warnings: Problem[];
}

async function loadAll(paths: readonly string[], synthesizer?: SpeechSynthesizer): Promise<Loaded> {
  const found = await findScenarioFiles(paths);
  const { results, unreadable } = await parseFiles(found.files);
  const problems = results.flatMap((r) => r.result.problems);
  const docs = results.flatMap((r) => (r.result.doc ? [r.result.doc] : []));
  problems.push(...duplicateNames(docs));
  const refs: FileFixtureRef[] = results.flatMap((r) => r.result.fixtures.map((f) => ({ ...f, file: r.file.display })));
  const fixtures = await checkFixtures(refs);
  problems.push(...fixtures.problems);
  for (const doc of docs) doc.fixtureTranscripts = { ...fixtures.transcripts };
  problems.push(...(await synthesizeSayTurns(docs, synthesizer)));
  return { docs, problems, unreadable: [...found.problems, ...unreadable], warnings: fixtures.warnings };
}

async function parseFiles(files: readonly ScenarioFile[]): Promise<{ results: Array<{ file: ScenarioFile; result: ParseResult }>; unreadable: Problem[] }> {
  const results: Array<{ file: ScenarioFile; result: ParseResult }> = [];
  const unreadable: Problem[] = [];
  for (const file of files) {
    const read = await readScenarioText(file);
    if ('problem' in read) unreadable.push(read.problem);
    else results.push({ file, result: parseScenarioText(read.text, file.display, file.abs) });
  }
  return { results, unreadable };
}

/** Scenario names are ids in reports and session ids: the second use of a name is an error. */
function duplicateNames(docs: readonly ScenarioDoc[]): Problem[] {
  const first = new Map<string, ScenarioDoc>();
  const problems: Problem[] = [];
  for (const doc of docs) {
    const prior = first.get(doc.spec.name);
    if (!prior) {
      first.set(doc.spec.name, doc);
      continue;
    }
    problems.push({
      file: doc.displayFile,
      ...doc.namePos,
      message: `name: "${doc.spec.name}" is already used by ${prior.displayFile}:${prior.namePos.line}:${prior.namePos.col}`,
    });
  }
  return problems;
}
