/**
 * A parsed scenario file's shape (what parse.ts produces and say.ts, load.ts, expand.ts read). A leaf:
 * it imports types only, so the files that build and read a doc never import each other for it.
 */
import type { VoiceName } from '../tts/index.js';
import type { Problem } from './errors.js';
import type { Position } from './positions.js';
import type { ScenarioSpec } from './schema.js';
import type { Expectation } from './types.js';

/** An audio file a scenario names, and where it names it. */
export interface FixtureRef {
  /** `audio` (user speech: must be annotated) or `noise`. */
  role: 'audio' | 'noise';
  turn: number;
  /** As written in the scenario. */
  written: string;
  /** Absolute, resolved against the scenario file's folder. */
  path: string;
  /** `turns[0].audio`, for messages. */
  label: string;
  line: number;
  col: number;
}

/** A parsed, validated scenario file: what {@link expandScenario} turns into sessions. */
export interface ScenarioDoc {
  /** Absolute path of the scenario file. */
  file: string;
  /** The path as the user named it, for messages and `where`. */
  displayFile: string;
  spec: ScenarioSpec;
  /** Every expectation, with `where` = `file:line:col` of its key. */
  expectations: Expectation[];
  /** Where `name:` is written (for the duplicate-name check across files). */
  namePos: Position;
  fixtures: FixtureRef[];
  /** The `say:` turns (text to synthesize), and where each is written. */
  says: SayRef[];
  /** The synthesized WAV of each `say:` turn, by turn index. Filled by {@link loadPlan}. */
  synthesized?: Record<number, string>;
  /** Matrix axis names in the order written (the order cells and labels use). */
  axisOrder: string[];
  /**
   * Input transcripts from the fixtures' annotation sidecars, by absolute fixture path. Filled by
   * {@link loadPlan}; a turn's own `transcript:` wins over it.
   */
  fixtureTranscripts?: Record<string, string>;
}

/** The result of parsing one file: a doc when valid, problems otherwise; fixture refs either way. */
export interface ParseResult {
  doc?: ScenarioDoc;
  problems: Problem[];
  /** Every fixture path found, even in an invalid document, so fixture problems show up together. */
  fixtures: FixtureRef[];
}

/** A `say:` turn and where its text is written. */
export interface SayRef {
  turn: number;
  text: string;
  voice?: VoiceName;
  rate?: number;
  /** `turns[0].say`, for messages. */
  label: string;
  line: number;
  col: number;
}
