import { dirname, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { checkScenario } from './check.js';
import { collectExpectations } from './expectations.js';
import { locateIssues, makeErrorMap, type IssueContext, type LocatedMessage } from './issues.js';
import type { FixtureRef, ParseResult } from './doc.js';
import { SourceMap, formatPath, type PathSegment } from './positions.js';
import type { Problem } from './errors.js';
import { collectSayRefs } from './say.js';
import { EXTENSION_KEY, ScenarioSchema, type ScenarioSpec } from './schema.js';

/**
 * Parses and validates scenario text. Never throws: every problem is returned, located.
 * @param text YAML source
 * @param displayFile the file as the user named it (used in messages)
 * @param absFile absolute path (fixtures resolve against its folder)
 */
export function parseScenarioText(text: string, displayFile: string, absFile: string): ParseResult {
  const lineCounter = new LineCounter();
  const yamlDoc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  const map = new SourceMap(yamlDoc, lineCounter);
  const located = (list: LocatedMessage[]): Problem[] => list.map((m) => ({ file: displayFile, ...m }));

  if (yamlDoc.errors.length > 0) {
    return {
      problems: located(yamlDoc.errors.map((e) => ({ ...map.at(e.pos[0]), message: `YAML syntax error: ${oneLine(e.message)}` }))),
      fixtures: [],
    };
  }
  let data: unknown;
  try {
    data = yamlDoc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    return { problems: located([{ line: 1, col: 1, message: `YAML: ${oneLine((err as Error).message)}` }]), fixtures: [] };
  }
  if (data === null || data === undefined) {
    return { problems: located([{ line: 1, col: 1, message: 'the file is empty: a scenario needs at least name and turns' }]), fixtures: [] };
  }

  const fixtures = collectFixtureRefs(data, map, absFile);
  const ctx: IssueContext = { knownKeys: new Map() };
  const input = withoutExtensions(data);
  const parsed = ScenarioSchema.safeParse(input, { error: makeErrorMap(ctx), reportInput: true });
  if (!parsed.success) {
    // One pass reports every stage: the cross-field checks also run on the invalid document, as
    // far as its shape allows, so an undeclared tool is not hidden behind a typo elsewhere.
    const schemaProblems = locateIssues(parsed.error.issues, input, map, ctx);
    return { problems: located([...schemaProblems, ...laterChecks(input, map, schemaProblems)]), fixtures };
  }

  const spec = parsed.data;
  const problems = located(checkScenario(spec, map));
  if (problems.length > 0) return { problems, fixtures };
  return {
    doc: {
      file: absFile,
      displayFile,
      spec,
      expectations: collectExpectations(spec, map, displayFile),
      namePos: map.value(['name']),
      fixtures,
      says: collectSayRefs(spec, map),
      axisOrder: Object.keys((input as { matrix?: object }).matrix ?? {}),
    },
    problems: [],
    fixtures,
  };
}

/**
 * The cross-field checks of a document that failed the schema, best effort: a part whose shape
 * is wrong is skipped (the schema already said why), and a place the schema already reported is
 * not reported twice.
 */
function laterChecks(input: unknown, map: SourceMap, already: readonly LocatedMessage[]): LocatedMessage[] {
  if (typeof input !== 'object' || input === null || !Array.isArray((input as { turns?: unknown }).turns)) return [];
  const taken = new Set(already.map((p) => `${p.line}:${p.col}`));
  const spec = input as ScenarioSpec;
  const turns = spec.turns.filter((t) => typeof t === 'object' && t !== null);
  const tools = Array.isArray(spec.session?.tools)
    ? spec.session.tools.filter((t) => typeof t === 'object' && t !== null && typeof t.name === 'string')
    : undefined;
  let found: LocatedMessage[];
  try {
    found = checkScenario(
      {
        ...spec,
        turns: turns.length === spec.turns.length ? turns : [],
        session: spec.session && typeof spec.session === 'object' ? { ...spec.session, tools } : spec.session,
      },
      map,
    );
  } catch {
    return [];
  }
  return found.filter((p) => !taken.has(`${p.line}:${p.col}`));
}

/** Drops top-level `x-…` keys (anchors, notes) before validation. */
function withoutExtensions(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([k]) => !EXTENSION_KEY.test(k)));
}

/** yaml's messages may span lines (context excerpts); keep the first, without the position suffix. */
function oneLine(message: string): string {
  return message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

/** Fixture paths from the raw data, leniently: whatever string sits at turns[i].audio or turns[i].noise.audio. */
function collectFixtureRefs(data: unknown, map: SourceMap, absFile: string): FixtureRef[] {
  const turns = (data as { turns?: unknown }).turns;
  if (!Array.isArray(turns)) return [];
  const base = dirname(absFile);
  const refs: FixtureRef[] = [];
  const add = (role: FixtureRef['role'], turn: number, path: PathSegment[], written: unknown) => {
    if (typeof written !== 'string' || written === '') return;
    refs.push({ role, turn, written, path: resolve(base, written), label: formatPath(path), ...map.value(path) });
  };
  turns.forEach((t, i) => {
    if (typeof t !== 'object' || t === null) return;
    const turn = t as { audio?: unknown; noise?: { audio?: unknown } };
    add('audio', i, ['turns', i, 'audio'], turn.audio);
    if (typeof turn.noise === 'object' && turn.noise !== null) add('noise', i, ['turns', i, 'noise', 'audio'], turn.noise.audio);
  });
  return refs;
}
