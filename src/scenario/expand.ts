import { CURRENT_FLAGSHIP } from '../models/lifecycle.js';
import { dirname, resolve } from 'node:path';
import { NO_NETWORK, parseNetwork } from '../network/spec.js';
import type { TurnDetection } from '../protocol/session.js';
import type { ScenarioDoc } from './doc.js';
import type { TurnStartRule } from './schema.js';
import { sayAudioOf } from './say.js';
import type { SpeechSynthesizer } from '../tts/index.js';
import { DEFAULT_VOICE } from '../tts/voices.js';
import { applySettings, toSessionConfig, type SettingValue } from './settings.js';
import type { MockDirectives, SessionPlan, TransportKind, TurnPlan, TurnStart } from './types.js';

/** Options that shape a plan; the CLI fills them from its flags. */
export interface PlanOptions {
  /** `--target`, repeatable: replaces `matrix.target`. */
  targets?: string[];
  /** `--model`, repeatable: replaces `matrix.model` (a comparison axis). */
  models?: string[];
  /** `--repeat`: replaces the scenario's `repeat`. */
  repeat?: number;
  /** Base seed; each session's seed derives from it and the session id. Default 0. */
  seed?: number;
  /** Target when neither the scenario nor the flags name one. Default `mock`. */
  defaultTarget?: string;
  /** Model when neither the scenario nor the flags name one. Default: today's flagship (`gpt-realtime-2.1`). */
  defaultModel?: string;
  /** Input chunk size in ms; replaces the scenario's `chunk_ms`. Default 20. */
  chunkMs?: number;
  /** `--transport`, repeatable: replaces `matrix.transport` and the scenario's `transport`; two or more make an axis. */
  transports?: TransportKind[];
  /** `--network`, repeatable: replaces `matrix.network` and the scenario's `network`; two or more make an axis. */
  networks?: string[];
  /** Synthesizes `say:` turns when loading (loadPlan, validateFiles); default: a new one. */
  synthesizer?: SpeechSynthesizer;
}

export const DEFAULT_TARGET = 'mock';
export const DEFAULT_MODEL = CURRENT_FLAGSHIP;
export const DEFAULT_CHUNK_MS = 20;
/** Gap between a response's end and the next user turn when a turn gives no `gap_ms`. */
export const DEFAULT_GAP_MS = 500;
/** Trailing silence past what the VAD needs to close the turn, so the end is always seen. */
export const TRAILING_MARGIN_MS = 500;
/** Manual mode: the harness commits right after the speech; a little room tail like a real mic. */
export const MANUAL_TRAILING_MS = 200;
/** Semantic VAD's published worst-case waits by eagerness (docs/protocol-notes.md, "Session shape and defaults"). */
const SEMANTIC_WAIT_MS = { low: 8000, medium: 4000, auto: 4000, high: 2000 } as const;

/**
 * Expands one scenario into sessions: every matrix cell (target × model × dialect × settings) times
 * `repeat`. Sessions are ordered repeat-major (r1 of every cell, then r2…) so a comparison's cells
 * share the same stretch of time and slow drift in a service affects them alike.
 *
 * Ids are `<scenario>#<cell>#r<repeat>` with `repeat` counted from 1 and the cell label of
 * {@link cellLabel}. Mock directives are attached only for the `mock` target.
 */
export function expandScenario(doc: ScenarioDoc, opts: PlanOptions = {}): SessionPlan[] {
  checkOptions(opts);
  const spec = doc.spec;
  const matrix = { ...(spec.matrix ?? {}) } as Record<string, SettingValue[] | undefined>;
  // --transport replaces the scenario's choice: one value is a plain setting, several an axis.
  const transports = nonEmpty(opts.transports);
  if (transports) matrix.transport = transports.length > 1 ? unique(transports) : undefined;
  // --network likewise; values are normalised (a spec's keys in one order) so equal links are one cell.
  const networks = nonEmpty(opts.networks)?.map(networkName);
  if (networks) matrix.network = unique(networks).length > 1 ? unique(networks) : undefined;
  else if (matrix.network) matrix.network = unique((matrix.network as string[]).map(networkName));
  const targets = unique(nonEmpty(opts.targets) ?? (matrix.target as string[] | undefined) ?? [opts.defaultTarget ?? DEFAULT_TARGET]);
  const models = unique(nonEmpty(opts.models) ?? (matrix.model as string[] | undefined) ?? [spec.session?.model ?? opts.defaultModel ?? DEFAULT_MODEL]);
  // zod returns keys in schema order; cells and labels follow the order the author wrote.
  const order = (name: string) => {
    const i = doc.axisOrder.indexOf(name);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const settingAxes = Object.entries(matrix)
    .filter(([name, values]) => values && name !== 'model' && name !== 'target')
    .sort(([a], [b]) => order(a) - order(b)) as Array<[string, SettingValue[]]>;
  const cells = product(settingAxes);
  const repeat = opts.repeat ?? spec.repeat;
  const chunkMs = opts.chunkMs ?? spec.chunk_ms ?? DEFAULT_CHUNK_MS;
  const base = toSessionConfig(spec.session);

  const sessions: SessionPlan[] = [];
  for (let r = 1; r <= repeat; r++) {
    for (const target of targets) {
      for (const model of models) {
        for (const settings of cells) {
          const { dialect, transport, network, ...sessionSettings } = settings;
          const session = { ...applySettings(base, sessionSettings), model };
          const turns = buildTurns(doc, session.turn_detection);
          const id = `${spec.name}#${cellLabel(target, model, settings)}#r${r}`;
          const plan: SessionPlan = {
            id,
            scenario: spec.name,
            file: doc.file,
            target,
            model,
            settings,
            repeat: r,
            session,
            turns,
            expectations: doc.expectations.map((e) => ({ ...e })),
            seed: seedFor(opts.seed ?? 0, id),
            chunk_ms: chunkMs,
          };
          const d = (dialect as 'ga' | 'beta' | undefined) ?? spec.dialect;
          if (d) plan.dialect = d;
          const tk =
            (transport as TransportKind | undefined) ??
            (transports?.length === 1 ? transports[0] : undefined) ??
            (spec as { transport?: TransportKind }).transport;
          if (tk) plan.transport = tk;
          const net = (network as string | undefined) ?? networks?.[0] ?? (spec.network !== undefined ? networkName(spec.network) : undefined);
          if (net !== undefined) plan.network = net;
          if (target === 'mock') plan.mock = mockDirectives(doc, turns);
          sessions.push(plan);
        }
      }
    }
  }
  return sessions;
}

/**
 * The label of a matrix cell, used in ids and as the report's group label:
 * `mock/gpt-realtime`, or `mock/gpt-realtime/silence_duration_ms=300,threshold=0.6`.
 */
export function cellLabel(target: string, model: string, settings: Record<string, SettingValue>): string {
  const parts = Object.entries(settings).map(([k, v]) => `${k}=${v === null ? 'null' : String(v)}`);
  return [target, model, ...(parts.length ? [parts.join(',')] : [])].join('/');
}

/** A session's seed: FNV-1a (32-bit) of `<base seed>:<session id>`, so it is stable and distinct per session. */
export function seedFor(baseSeed: number, id: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${baseSeed}:${id}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Trailing silence that lets the cell's turn detection close the turn (see the constants above). */
export function defaultTrailingMs(td: TurnDetection | undefined): number {
  if (td === null) return MANUAL_TRAILING_MS;
  if (td === undefined || td.type === 'server_vad') return (td?.silence_duration_ms ?? 500) + TRAILING_MARGIN_MS;
  return SEMANTIC_WAIT_MS[td.eagerness ?? 'auto'] + TRAILING_MARGIN_MS;
}

function buildTurns(doc: ScenarioDoc, td: TurnDetection | undefined): TurnPlan[] {
  const base = dirname(doc.file);
  return doc.spec.turns.map((t, index) => {
    const audio = t.say !== undefined ? sayAudioOf(doc, index) : resolve(base, t.audio!);
    const turn: TurnPlan = {
      index,
      audio,
      leading_silence_ms: t.leading_silence_ms,
      trailing_silence_ms: t.trailing_silence_ms ?? defaultTrailingMs(td),
      start: startOf(t, index, doc.spec.start),
    };
    if (t.name !== undefined) turn.name = t.name;
    if (t.say !== undefined) turn.say = { text: t.say, voice: t.voice ?? DEFAULT_VOICE, ...(t.rate !== undefined ? { rate: t.rate } : {}) };
    if (t.noise) turn.noise = { source: t.noise.audio !== undefined ? resolve(base, t.noise.audio) : t.noise.type!, snr_db: t.noise.snr_db };
    if (t.tool) {
      turn.tool = { name: t.tool.name, output: t.tool.output };
      if (t.tool.arguments) turn.tool.arguments = t.tool.arguments;
    }
    const transcript = t.transcript ?? doc.fixtureTranscripts?.[audio];
    if (transcript !== undefined) turn.transcript = transcript;
    return turn;
  });
}

function startOf(t: ScenarioDoc['spec']['turns'][number], index: number, defaultStart: TurnStartRule | undefined): TurnStart {
  if (index === 0) return { after: 'start', gap_ms: t.gap_ms ?? 0 };
  if (t.barge_in?.after_first_audio_ms !== undefined) return { after: 'first_audio', offset_ms: t.barge_in.after_first_audio_ms };
  if (t.barge_in?.after_played_ms !== undefined) return { after: 'played', played_ms: t.barge_in.after_played_ms };
  const gap = t.gap_ms ?? DEFAULT_GAP_MS;
  return (t.start ?? defaultStart) === 'after_response_done' ? { after: 'response_done', gap_ms: gap } : { after: 'played_out', gap_ms: gap };
}

function mockDirectives(doc: ScenarioDoc, turns: TurnPlan[]): MockDirectives {
  const m = doc.spec.mock ?? {};
  const out: MockDirectives = {};
  if (m.profile !== undefined) out.profile = m.profile;
  if (m.profile_file !== undefined) out.profile_file = resolve(dirname(doc.file), m.profile_file);
  if (m.first_audio_ms !== undefined) out.first_audio_ms = m.first_audio_ms;
  if (m.jitter_ms !== undefined) out.jitter_ms = m.jitter_ms;
  if (m.response_audio_ms !== undefined) out.response_audio_ms = m.response_audio_ms;
  if (m.stream_rate !== undefined) out.stream_rate = m.stream_rate;
  if (m.speech_started_delay_ms !== undefined) out.speech_started_delay_ms = m.speech_started_delay_ms;
  if (m.faults !== undefined) out.faults = m.faults;
  // Turns without a transcript get '' so the list stays indexed by turn.
  if (turns.some((t) => t.transcript !== undefined)) out.transcripts = turns.map((t) => t.transcript ?? '');
  const calls = turns.filter((t) => t.tool).map((t) => ({ turn: t.index, name: t.tool!.name, arguments: t.tool!.arguments ?? {} }));
  if (calls.length) out.tool_calls = calls;
  return out;
}

function product(axes: Array<[string, SettingValue[]]>): Array<Record<string, SettingValue>> {
  let cells: Array<Record<string, SettingValue>> = [{}];
  for (const [name, values] of axes) cells = cells.flatMap((cell) => values.map((v) => ({ ...cell, [name]: v })));
  return cells;
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

function nonEmpty<T>(list: readonly T[] | undefined): readonly T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function checkOptions(opts: PlanOptions): void {
  if (opts.repeat !== undefined && !(Number.isInteger(opts.repeat) && opts.repeat >= 1))
    throw new RangeError(`repeat: expected an integer ≥ 1, got ${opts.repeat}`);
  if (opts.chunkMs !== undefined && !(opts.chunkMs > 0)) throw new RangeError(`chunkMs: expected a number > 0, got ${opts.chunkMs}`);
  if (opts.seed !== undefined && !Number.isFinite(opts.seed)) throw new RangeError(`seed: expected a number, got ${opts.seed}`);
}

/** A `--network` value as plans and reports name it: `none`, the profile, or the spec with its keys in one order. */
export function networkName(value: string): string {
  return parseNetwork(value)?.name ?? NO_NETWORK;
}
