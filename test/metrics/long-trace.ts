/**
 * A long session built from a short real one: the trace of a few turns run against the mock on the
 * virtual clock, repeated end to end (times, input positions, turn numbers and ids shifted per copy).
 * Every copy of a turn must then get exactly the metrics of the original turn, which checks that
 * per-turn look-ups over a 10 000-turn trace find that turn's own events and no other copy's.
 */
import type { TraceRecord } from '../../src/metrics/trace.js';

const ID_KEYS = new Set(['id', 'item_id', 'response_id', 'call_id', 'previous_item_id', 'event_id']);
/** Records that describe the session rather than a turn: kept once, from the first copy. */
const ONCE = new Set(['meta', 'connect', 'note']);

/** `copies` back-to-back copies of `trace`, each shifted past the end of the previous one. */
export function repeatTrace(trace: TraceRecord[], copies: number): TraceRecord[] {
  const times = trace.map((r) => r.t);
  const periodMs = Math.ceil(Math.max(...times) - Math.min(...times)) + 1000;
  const inputMs = Math.max(0, ...trace.map((r) => (r.k === 'chunk' ? r.end_ms : 0)));
  const turns = trace.filter((r) => r.k === 'turn').length;
  const chunks = trace.filter((r) => r.k === 'chunk').length;
  const out: TraceRecord[] = [];
  for (let k = 0; k < copies; k++) {
    const dt = k * periodMs;
    const dpos = k * inputMs;
    const id = (v: unknown) => (k && typeof v === 'string' ? `${v}~${k}` : v);
    for (const r of trace) {
      if (k && ONCE.has(r.k)) continue;
      // The session closes once, after its last turn (the player stops hearing at the close).
      if (r.k === 'close' && k < copies - 1) continue;
      const t = r.t + dt;
      switch (r.k) {
        case 'chunk':
          out.push({
            ...r,
            t,
            due: r.due + dt,
            seq: r.seq + k * chunks,
            pos_ms: r.pos_ms + dpos,
            end_ms: r.end_ms + dpos,
            turn: r.turn < 0 ? r.turn : r.turn + k * turns,
          });
          break;
        case 'turn':
          out.push({
            ...r,
            t,
            turn: r.turn + k * turns,
            pos_ms: r.pos_ms + dpos,
            speech: r.speech.map((s) => ({ start_ms: s.start_ms + dpos, end_ms: s.end_ms + dpos })),
            ...(r.reference_t !== undefined ? { reference_t: r.reference_t + dt } : {}),
          });
          break;
        case 'play':
          out.push({ ...r, t, item_id: id(r.item_id) as string });
          break;
        case 'recv':
        case 'send': {
          const event = renameIds(r.event, id) as Record<string, unknown>;
          if (r.type.startsWith('input_audio_buffer.speech_')) {
            for (const key of ['audio_start_ms', 'audio_end_ms']) if (typeof event[key] === 'number') event[key] = (event[key] as number) + dpos;
          }
          out.push({ ...r, t, event });
          break;
        }
        default:
          out.push({ ...r, t });
      }
    }
  }
  return out;
}

function renameIds(v: unknown, id: (v: unknown) => unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => renameIds(x, id));
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const key in v) {
    const x = (v as Record<string, unknown>)[key];
    out[key] = ID_KEYS.has(key) ? id(x) : renameIds(x, id);
  }
  return out;
}
