/**
 * The defaults of a benchmark run, named once and merged once ({@link withRunDefaults}), instead of
 * `?? 1` scattered through the composition.
 */
import type { ReporterName } from '../report/index.js';

export const RUN_DEFAULTS = {
  /** Base seed of the plan (each session's seed derives from it and the session id). */
  seed: 1,
  /** Sessions in flight at once. */
  concurrency: 1,
  /** No ramp: the first `concurrency` sessions start together (their seeded phases spread the sends). */
  rampMs: 0,
  clock: 'real' as 'real' | 'virtual',
  /** Scenario paths when neither paths nor `--audio` are given. */
  paths: ['scenarios'],
  /** Reporters for the library API (the CLI's default list comes from the config layer). */
  reporters: ['table'] as ReporterName[],
  /** The bundled mock's own thread in real-clock runs. */
  mockPlacement: 'worker' as 'worker' | 'process' | 'main',
};

type Defaulted = typeof RUN_DEFAULTS;

/** The options with every named default filled in (given values win; `undefined` counts as not given). */
export function withRunDefaults<T extends { [K in keyof Defaulted]?: Defaulted[K] }>(opts: T): T & Defaulted {
  const out = { ...RUN_DEFAULTS, ...opts } as T & Defaulted;
  for (const k of Object.keys(RUN_DEFAULTS) as Array<keyof Defaulted>) if (opts[k] === undefined) (out as Record<string, unknown>)[k] = RUN_DEFAULTS[k];
  return out;
}

/**
 * Spacing of trace writes (ms) in real-clock runs of more than one session: 200 sessions ending
 * together are serialized over ≈ 1 s instead of in one burst (a trace costs 0.5–1 ms).
 */
export const TRACE_GAP_MS = 4;

/**
 * Nice value of the bundled mock's worker thread in real-clock runs of more than one session (Linux;
 * raising a nice value needs no privilege): when the cores are busy, the scheduler runs the harness's
 * pacing before the mock's work. The mock's own timing slips first — and its sends are what the
 * harness measures as the server's latency, so a saturated machine shows up as slower answers, not as
 * late microphone audio.
 */
export const MOCK_THREAD_NICE = 5;

/** The CLI's run folder when none is configured: `reports/<ISO timestamp>` under the working folder. */
export function defaultRunFolder(now: Date): string {
  return `reports/${now.toISOString().replace(/[:.]/g, '-')}`;
}
