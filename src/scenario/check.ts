import type { LocatedMessage } from './issues.js';
import { METRICS, scopeOf, type MetricScope } from './metrics.js';
import { formatPath, type PathSegment, type SourceMap } from './positions.js';
import type { ScenarioSpec } from './schema.js';
import { SETTING_AXES, VAD_FIELDS, type VadType } from './session-schema.js';
import { didYouMean } from './suggest.js';

/**
 * Rules that span fields, checked once the document has the right shape: things a schema cannot
 * say, each of which would otherwise surface as a confusing failure after a run.
 */
export function checkScenario(spec: ScenarioSpec, map: SourceMap): LocatedMessage[] {
  const out: LocatedMessage[] = [];
  const report = (path: PathSegment[], message: string, at: 'value' | 'key' = 'value') =>
    out.push({ ...(at === 'key' ? map.key(path) : map.value(path)), message: `${formatPath(path)}: ${message}` });

  const vadTypes = possibleVadTypes(spec);
  const manualOnly = vadTypes.every((t) => t === null);
  const declared = (spec.session?.tools ?? []).map((t) => t.name);

  checkTools(spec, report);
  checkTurns(spec, declared, manualOnly, report);
  checkScenarioExpect(spec, manualOnly, report);
  checkMatrix(spec, vadTypes, report);
  return out;
}

type Report = (path: PathSegment[], message: string, at?: 'value' | 'key') => void;

function checkTools(spec: ScenarioSpec, report: Report): void {
  const seen = new Set<string>();
  (spec.session?.tools ?? []).forEach((tool, i) => {
    if (seen.has(tool.name)) report(['session', 'tools', i, 'name'], `tool "${tool.name}" is declared twice`);
    seen.add(tool.name);
  });
}

function checkTurns(spec: ScenarioSpec, declared: string[], manualOnly: boolean, report: Report): void {
  const names = new Map<string, number>();
  spec.turns.forEach((turn, i) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ['turns', i, ...rest];
    if (turn.name !== undefined) {
      const first = names.get(turn.name);
      if (first !== undefined) report(at('name'), `"${turn.name}" is already the name of turns[${first}]`);
      else names.set(turn.name, i);
    }
    if (turn.barge_in && i === 0) report(at('barge_in'), 'the first turn has no response to interrupt', 'key');
    if (turn.barge_in && turn.gap_ms !== undefined)
      report(at('gap_ms'), 'a barge-in turn starts during the previous response, so gap_ms does not apply', 'key');
    if (turn.barge_in && turn.start !== undefined) report(at('start'), 'a barge-in turn starts during the previous response, so start does not apply', 'key');
    if (i === 0 && turn.start !== undefined)
      report(at('start'), 'the first turn starts when the session is ready (plus gap_ms), so start does not apply', 'key');
    if (turn.tool) {
      if (!declared.includes(turn.tool.name)) {
        const why = declared.length === 0 ? ': session.tools declares no tools' : didYouMean(turn.tool.name, declared);
        report(at('tool', 'name'), `"${turn.tool.name}" is not declared in session.tools${why}`);
      }
    }
    const expect = turn.expect ?? {};
    for (const name of Object.keys(expect)) {
      const why = scopeProblem(scopeOf(name), { bargeIn: !!turn.barge_in, tool: !!turn.tool, manualOnly });
      if (why) report(at('expect', name), why, 'key');
    }
    if (expect.response === 'function_call' && !turn.tool) report(at('expect', 'response'), 'function_call needs tool: { name, output } in this turn');
    if (expect.response !== undefined && expect.response !== 'function_call' && turn.tool) {
      report(at('expect', 'response'), `this turn has tool:, so its response is function_call, not ${expect.response}`);
    }
  });
}

function scopeProblem(scope: MetricScope | undefined, turn: { bargeIn: boolean; tool: boolean; manualOnly: boolean }): string | undefined {
  if (scope === 'barge_in' && !turn.bargeIn) return 'only measured in a barge-in turn (add barge_in:)';
  if (scope === 'tool' && !turn.tool) return 'only measured in a turn with tool:';
  if (scope === 'vad' && turn.manualOnly) return 'not measured in manual mode (session.turn_detection is null)';
  return undefined;
}

function checkScenarioExpect(spec: ScenarioSpec, manualOnly: boolean, report: Report): void {
  const anyBargeIn = spec.turns.some((t) => t.barge_in);
  const anyTool = spec.turns.some((t) => t.tool);
  for (const name of Object.keys(spec.expect ?? {})) {
    const scope = METRICS[name as keyof typeof METRICS]?.scope;
    if (scope === 'barge_in' && !anyBargeIn) report(['expect', name], 'only measured in barge-in turns, and no turn has barge_in:', 'key');
    if (scope === 'tool' && !anyTool) report(['expect', name], 'only measured in turns with tool:, and no turn has one', 'key');
    if (scope === 'vad' && manualOnly) report(['expect', name], 'not measured in manual mode (session.turn_detection is null)', 'key');
  }
}

/** The turn-detection types the cells of this scenario can have (null = manual). */
function possibleVadTypes(spec: ScenarioSpec): Array<VadType | null> {
  const axis = (spec.matrix as Record<string, unknown[] | undefined> | undefined)?.turn_detection as Array<VadType | null> | undefined;
  if (axis) return axis;
  const td = spec.session?.turn_detection;
  return [td === undefined ? 'server_vad' : td === null ? null : td.type];
}

function checkMatrix(spec: ScenarioSpec, vadTypes: Array<VadType | null>, report: Report): void {
  const matrix = (spec.matrix ?? {}) as Record<string, unknown[] | undefined>;
  const fieldAxis = new Map<string, string>();
  for (const [name, values] of Object.entries(matrix)) {
    if (!values) continue;
    const seen: unknown[] = [];
    values.forEach((v, j) => {
      if (seen.includes(v)) report(['matrix', name, j], `duplicate value ${JSON.stringify(v)}`);
      seen.push(v);
    });
    const def = SETTING_AXES[name];
    if (!def) continue;
    const target = def.target;
    if (target.kind === 'vad') {
      const other = fieldAxis.get(target.field);
      if (other !== undefined) report(['matrix', name], `the same setting as matrix.${other}`, 'key');
      fieldAxis.set(target.field, name);
      const applies: readonly string[] = VAD_FIELDS[target.field].types;
      for (const t of new Set(vadTypes)) {
        if (t === null) report(['matrix', name], 'cannot vary in manual mode (turn_detection is null)', 'key');
        else if (!applies.includes(t)) report(['matrix', name], `applies to ${applies.join(' and ')} only, but turn_detection is ${t}`, 'key');
      }
    }
    if (target.kind === 'nested' && target.field === 'input_audio_transcription' && target.sub !== 'model') {
      const hasModel = matrix['input_audio_transcription.model'] !== undefined || !!spec.session?.input_audio_transcription?.model;
      if (!hasModel) report(['matrix', name], 'needs session.input_audio_transcription.model (or a matrix axis for it)', 'key');
    }
  }
}
