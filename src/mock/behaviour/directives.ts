/**
 * Per-connection directives for tests and scenarios: the `x-rtbench-mock` header (or the
 * `rtbench_mock` query parameter) carries base64url(JSON of {@link MockDirectives}). In-process runs
 * pass the same header to `attach()`.
 */
import { z } from 'zod';
import type { MockDirectives } from '../../scenario/types.js';
import type { FaultSpec } from '../types.js';
import { MockError } from '../mock-error.js';

export const DIRECTIVES_HEADER = 'x-rtbench-mock';
/** Longest answer the mock generates (the clip is looped up to it); longer is refused, never capped. */
export const MAX_RESPONSE_AUDIO_MS = 600_000;
/** The same value as a query parameter, for clients that cannot set headers. */
export const DIRECTIVES_QUERY = 'rtbench_mock';

const faultSchema = z.object({
  kind: z.enum(['drop', 'stall', 'error', 'malformed', 'reject', 'rate_limits', 'slow_reader']),
  probability: z.number().min(0).max(1).optional(),
  sessions: z.array(z.number().int().min(0)).optional(),
  response: z.number().int().min(0).optional(),
  afterMs: z.number().min(0).optional(),
  after_ms: z.number().min(0).optional(),
  durationMs: z.number().min(0).optional(),
  duration_ms: z.number().min(0).optional(),
  closeCode: z.number().int().optional(),
  close_code: z.number().int().optional(),
  status: z.number().int().min(100).max(599).optional(),
  retryAfterS: z.number().min(0).optional(),
  retry_after_s: z.number().min(0).optional(),
  errorType: z.string().optional(),
  error_type: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  remaining: z.number().min(0).optional(),
});

const directivesSchema = z.looseObject({
  profile: z.string().optional(),
  /** A profile file the mock process can read (absolute path; the runner resolves it). */
  profile_file: z.string().min(1).optional(),
  first_audio_ms: z.number().min(0).optional(),
  jitter_ms: z.number().min(0).optional(),
  transcripts: z.array(z.string()).optional(),
  tool_calls: z.array(z.object({ turn: z.number().int().min(0), name: z.string().min(1), arguments: z.record(z.string(), z.unknown()).optional() })).optional(),
  response_audio_ms: z
    .number()
    .min(0)
    .max(MAX_RESPONSE_AUDIO_MS, { error: `at most ${MAX_RESPONSE_AUDIO_MS} ms of answer audio` })
    .optional(),
  stream_rate: z.number().min(0.05).max(1000).optional(),
  speech_started_delay_ms: z.number().min(0).max(10_000).optional(),
  faults: z.array(faultSchema).optional(),
  /** Extension: seed of this session's random draws (overrides the server seed + session index). */
  seed: z.number().optional(),
});

/** Directives as the mock uses them: faults already in {@link FaultSpec} form. */
export interface ParsedDirectives extends Omit<MockDirectives, 'faults'> {
  faults?: FaultSpec[];
  seed?: number;
}

export type DirectivesResult = { ok: true; directives: ParsedDirectives } | { ok: false; reason: string };

/** base64url(JSON) for the header; what a client (the runner, a test) sends. */
export function encodeDirectives(d: MockDirectives & { seed?: number }): string {
  return Buffer.from(JSON.stringify(d), 'utf8').toString('base64url');
}

/** Parses the header value (absent → empty directives). Never throws. */
export function parseDirectives(header: string | undefined): DirectivesResult {
  if (header === undefined || header === '') return { ok: true, directives: {} };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: `${DIRECTIVES_HEADER} is not base64url-encoded JSON` };
  }
  const parsed = directivesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${DIRECTIVES_HEADER}: ${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const { faults, ...rest } = parsed.data;
  return { ok: true, directives: { ...rest, ...(faults ? { faults: faults.map(normalizeFault) } : {}) } as ParsedDirectives };
}

/** Accepts both camelCase and snake_case fault fields (YAML scenarios use snake_case). */
function normalizeFault(f: z.infer<typeof faultSchema>): FaultSpec {
  const out: FaultSpec = { kind: f.kind };
  const pick = <K extends keyof FaultSpec>(key: K, value: FaultSpec[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  pick('probability', f.probability);
  pick('sessions', f.sessions);
  pick('response', f.response);
  pick('afterMs', f.afterMs ?? f.after_ms);
  pick('durationMs', f.durationMs ?? f.duration_ms);
  pick('closeCode', f.closeCode ?? f.close_code);
  pick('status', f.status);
  pick('retryAfterS', f.retryAfterS ?? f.retry_after_s);
  pick('errorType', f.errorType ?? f.error_type);
  pick('code', f.code);
  pick('message', f.message);
  pick('remaining', f.remaining);
  return out;
}

/** Validates server-level fault specs (MockOptions.faults) the same way. */
export function parseFaults(faults: unknown[]): FaultSpec[] {
  return faults.map((f, i) => {
    const r = faultSchema.safeParse(f);
    if (!r.success) {
      throw new MockError('MOCK_BAD_FAULT', `faults[${i}]: ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`);
    }
    return normalizeFault(r.data);
  });
}
