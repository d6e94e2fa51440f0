/**
 * The one table of realtime model lifecycles: which models the services still serve, which have an
 * announced shutdown, which are gone — each date with where it comes from. rtbench reads it before a
 * run against OpenAI or Azure (a shut-down model is refused before anything is spent, an announced
 * one is warned about), and docs/live-targets.md shows it. The mock serves every name here (old
 * scenarios keep running offline). Dates as of December 2026; update the table when OpenAI's
 * deprecations page changes.
 */

export type ModelStatus = 'current' | 'shutdown_announced' | 'shut_down';

export interface ModelLifecycle {
  /** Model name as in `?model=` (a dated snapshot `name-YYYY-MM-DD` not listed separately follows its name). */
  name: string;
  /** What kind of model: speech-to-speech, or input transcription. */
  kind: 'realtime' | 'transcription';
  status: ModelStatus;
  /** Shutdown date (YYYY-MM-DD), past or announced; null when none is announced. */
  shutdown: string | null;
  /** The model to move to; null when the source names none. */
  replacement: string | null;
  /** Where the status and date come from, in words. */
  source: string;
}

const DEPRECATIONS = 'OpenAI deprecations page';
const BETA_SHUTDOWN = `${DEPRECATIONS}: Realtime beta and gpt-4o realtime previews shut down 2026-05-07`;
const GA_2027 = `${DEPRECATIONS} and the openai 7.x SDK types ("Announced shutdown date: 2027-01-20")`;
const TRANSCRIBE_2027 = `${DEPRECATIONS} and the openai 7.x SDK types ("Announced shutdown date: 2027-02-26")`;
const CURRENT = 'OpenAI models list, December 2026 (no shutdown announced)';

/** Today's defaults: the flagship and the mini model a comparison starts from. */
export const CURRENT_FLAGSHIP = 'gpt-realtime-2.1';
export const CURRENT_MINI = 'gpt-realtime-2.1-mini';

export const MODEL_LIFECYCLE: readonly ModelLifecycle[] = [
  { name: 'gpt-realtime-2.1', kind: 'realtime', status: 'current', shutdown: null, replacement: null, source: CURRENT },
  { name: 'gpt-realtime-2.1-mini', kind: 'realtime', status: 'current', shutdown: null, replacement: null, source: CURRENT },
  {
    name: 'gpt-realtime-2',
    kind: 'realtime',
    status: 'current',
    shutdown: null,
    replacement: null,
    source: 'OpenAI release of 2026-05-07 (no shutdown announced)',
  },
  { name: 'gpt-realtime-1.5', kind: 'realtime', status: 'current', shutdown: null, replacement: null, source: CURRENT },
  { name: 'gpt-realtime', kind: 'realtime', status: 'shutdown_announced', shutdown: '2027-01-20', replacement: 'gpt-realtime-2.1', source: GA_2027 },
  { name: 'gpt-realtime-2025-08-28', kind: 'realtime', status: 'shutdown_announced', shutdown: '2027-01-20', replacement: 'gpt-realtime-2.1', source: GA_2027 },
  { name: 'gpt-realtime-mini', kind: 'realtime', status: 'shutdown_announced', shutdown: '2027-01-20', replacement: 'gpt-realtime-2.1-mini', source: GA_2027 },
  {
    name: 'gpt-realtime-mini-2025-12-15',
    kind: 'realtime',
    status: 'shutdown_announced',
    shutdown: '2027-01-20',
    replacement: 'gpt-realtime-2.1-mini',
    source: GA_2027,
  },
  {
    name: 'gpt-realtime-mini-2025-10-06',
    kind: 'realtime',
    status: 'shut_down',
    shutdown: '2026-07-23',
    replacement: 'gpt-realtime-mini',
    source: `${DEPRECATIONS}: shut down 2026-07-23`,
  },
  { name: 'gpt-4o-realtime-preview', kind: 'realtime', status: 'shut_down', shutdown: '2026-05-07', replacement: 'gpt-realtime-1.5', source: BETA_SHUTDOWN },
  {
    name: 'gpt-4o-mini-realtime-preview',
    kind: 'realtime',
    status: 'shut_down',
    shutdown: '2026-05-07',
    replacement: 'gpt-realtime-mini',
    source: BETA_SHUTDOWN,
  },
  { name: 'gpt-transcribe', kind: 'transcription', status: 'current', shutdown: null, replacement: null, source: CURRENT },
  { name: 'gpt-live-transcribe', kind: 'transcription', status: 'current', shutdown: null, replacement: null, source: CURRENT },
  { name: 'gpt-realtime-whisper', kind: 'transcription', status: 'current', shutdown: null, replacement: null, source: CURRENT },
  { name: 'whisper-1', kind: 'transcription', status: 'shutdown_announced', shutdown: '2027-02-26', replacement: null, source: TRANSCRIBE_2027 },
  { name: 'gpt-4o-transcribe', kind: 'transcription', status: 'shutdown_announced', shutdown: '2027-02-26', replacement: null, source: TRANSCRIBE_2027 },
  { name: 'gpt-4o-mini-transcribe', kind: 'transcription', status: 'shutdown_announced', shutdown: '2027-02-26', replacement: null, source: TRANSCRIBE_2027 },
  {
    name: 'gpt-4o-transcribe-diarize',
    kind: 'transcription',
    status: 'shutdown_announced',
    shutdown: '2027-02-26',
    replacement: null,
    source: TRANSCRIBE_2027,
  },
];

/** When OpenAI stopped accepting the Realtime beta shape (`OpenAI-Beta: realtime=v1`). */
export const OPENAI_BETA_SHUTDOWN = { date: '2026-05-07', source: BETA_SHUTDOWN } as const;
/** Azure OpenAI's preview (beta) realtime protocol is deprecated from this date. */
export const AZURE_BETA_DEPRECATED = { date: '2026-04-30', source: 'Azure OpenAI realtime API documentation' } as const;

const BY_NAME = new Map(MODEL_LIFECYCLE.map((m) => [m.name, m]));
const DATED = /-\d{4}-\d{2}-\d{2}$/;

/** The lifecycle of a model name: exact, else the undated name of a dated snapshot; null when unknown. */
export function lifecycleOf(model: string): ModelLifecycle | null {
  const exact = BY_NAME.get(model);
  if (exact) return exact;
  return DATED.test(model) ? (BY_NAME.get(model.replace(DATED, '')) ?? null) : null;
}

/**
 * Where to go from a model: its replacement, followed while that one is itself going away
 * (gpt-4o-mini-realtime-preview → gpt-realtime-mini, announced for shutdown → gpt-realtime-2.1-mini).
 */
export function replacementChain(model: string): string[] {
  const chain: string[] = [];
  let next = lifecycleOf(model)?.replacement ?? null;
  while (next && !chain.includes(next)) {
    chain.push(next);
    const l = lifecycleOf(next);
    next = l && l.status !== 'current' ? l.replacement : null;
  }
  return chain;
}

/** One sentence about a model that is shut down or going away; null for a current or unknown model. */
export function describeLifecycle(model: string): string | null {
  const l = lifecycleOf(model);
  if (!l || l.status === 'current') return null;
  const chain = replacementChain(model);
  const move = chain.length
    ? `; use ${chain.at(-1)}${chain.length > 1 ? ` (its replacement ${chain[0]} is itself going away)` : ''}`
    : "; see OpenAI's deprecations page for the replacement";
  const when = l.status === 'shut_down' ? `was shut down on ${l.shutdown}` : `has an announced shutdown on ${l.shutdown}`;
  return `model ${model} ${when} (source: ${l.source})${move}`;
}
