import { stat } from 'node:fs/promises';
import { basename, relative } from 'node:path';
import { AudioFormatError, annotationPath, loadAudio, readAnnotation, resolveAnnotation } from '../audio/index.js';
import type { Problem } from './errors.js';
import type { FixtureRef } from './doc.js';

/** A fixture reference together with the scenario file that makes it. */
export type FileFixtureRef = FixtureRef & { file: string };

export interface FixtureCheckResult {
  problems: Problem[];
  /**
   * Speech fixtures without an annotation sidecar: not an error — `validate` and `run` both
   * annotate them on the fly with the same detector as `rtbench fixtures annotate` — but worth a
   * line, since a committed annotation can be reviewed and hand-corrected.
   */
  warnings: Problem[];
  /** Input transcripts found in annotation sidecars, by absolute fixture path. */
  transcripts: Record<string, string>;
}

type Status =
  | { kind: 'missing' }
  | { kind: 'unusable'; reason: string }
  | { kind: 'ok'; annotation: { kind: 'none' } | { kind: 'invalid'; reason: string } | { kind: 'present'; transcript?: string } };

/**
 * Checks every fixture the scenarios name — it exists, it decodes, and (speech only) its annotation
 * is present and valid — and reports each problem at the scenario line that names the file. Each
 * file is checked once however often it is named.
 */
export async function checkFixtures(refs: readonly FileFixtureRef[]): Promise<FixtureCheckResult> {
  const statuses = new Map<string, Promise<Status>>();
  const statusOf = (ref: FileFixtureRef) => {
    const key = `${ref.role}:${ref.path}`;
    let s = statuses.get(key);
    if (!s) statuses.set(key, (s = inspect(ref.path, ref.role === 'audio')));
    return s;
  };
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const transcripts: Record<string, string> = {};
  const results = await Promise.all(refs.map(async (ref) => [ref, await statusOf(ref)] as const));
  for (const [ref, status] of results) {
    const at = { file: ref.file, line: ref.line, col: ref.col };
    const say = (message: string) => problems.push({ ...at, message: `${ref.label}: ${message}` });
    if (status.kind === 'missing') say(`no such file: ${ref.written}`);
    else if (status.kind === 'unusable') say(`cannot use ${ref.written}: ${status.reason}`);
    else if (ref.role === 'audio') {
      const a = status.annotation;
      if (a.kind === 'invalid') say(`${ref.written} has an invalid annotation: ${a.reason}`);
      else if (a.kind === 'none') {
        warnings.push({
          ...at,
          message: `${ref.label}: ${ref.written} has no speech annotation (${basename(annotationPath(ref.path))}): annotated on the fly; commit one with: rtbench fixtures annotate ${relative(process.cwd(), ref.path)}`,
        });
      } else if (a.kind === 'present' && a.transcript !== undefined) transcripts[ref.path] = a.transcript;
    }
  }
  return { problems, warnings, transcripts };
}

async function inspect(path: string, annotated: boolean): Promise<Status> {
  try {
    if (!(await stat(path)).isFile()) return { kind: 'unusable', reason: 'not a file' };
  } catch {
    return { kind: 'missing' };
  }
  try {
    await loadAudio(path);
  } catch (err) {
    return { kind: 'unusable', reason: reasonOf(err) };
  }
  if (!annotated) return { kind: 'ok', annotation: { kind: 'none' } };
  try {
    const annotation = await readAnnotation(path);
    // A speech fixture without speech could never end its turn: refused before anything runs.
    const truth = (await resolveAnnotation(path)).annotation;
    if (truth.speech.length === 0) {
      return { kind: 'unusable', reason: annotation ? 'no speech in its annotation (speech: [])' : 'no speech detected in the audio' };
    }
    if (!annotation) return { kind: 'ok', annotation: { kind: 'none' } };
    return { kind: 'ok', annotation: { kind: 'present', transcript: annotation.transcript } };
  } catch (err) {
    return { kind: 'ok', annotation: { kind: 'invalid', reason: reasonOf(err) } };
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof AudioFormatError) return err.reason;
  return err instanceof Error ? err.message : String(err);
}
