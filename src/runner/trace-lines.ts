import type { TraceChunk, TraceRecord } from '../metrics/trace.js';
import type { Redactor } from '../util/redact.js';

/** A JSON number as `JSON.stringify` writes it (non-finite numbers become `null`). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/**
 * One session's trace as JSONL, redacted. Chunk records (four in five records of a trace) hold only
 * numbers and the session id: they are written from a template with the id redacted once, instead of
 * through `JSON.stringify` and the redactor's pattern passes — the same JSON, a fraction of the work
 * when hundreds of sessions end together. Every other record goes through the redactor.
 */
export function traceLines(trace: readonly TraceRecord[], redactor: Redactor): string {
  const ids = new Map<string, string>();
  const idOf = (s: string): string => {
    let out = ids.get(s);
    if (out === undefined) {
      out = redactor.text(JSON.stringify(s));
      ids.set(s, out);
    }
    return out;
  };
  let out = '';
  let other = '';
  const flushOther = () => {
    if (other) out += redactor.text(other);
    other = '';
  };
  for (const r of trace) {
    if (r.k === 'chunk' && isPlainChunk(r)) {
      flushOther();
      out += chunkLine(r, idOf(r.s));
    } else {
      other += JSON.stringify(r) + '\n';
    }
  }
  flushOther();
  return out;
}

/** A chunk record with exactly the fields the template writes (anything else takes the generic path). */
function isPlainChunk(r: TraceChunk): boolean {
  let keys = 0;
  for (const _ in r) keys++;
  return keys === (r.buffered === undefined ? 9 : 10) && typeof r.s === 'string';
}

function chunkLine(r: TraceChunk, id: string): string {
  const buffered = r.buffered === undefined ? '' : `,"buffered":${num(r.buffered)}`;
  return `{"k":"chunk","s":${id},"t":${num(r.t)},"seq":${num(r.seq)},"pos_ms":${num(r.pos_ms)},"end_ms":${num(r.end_ms)},"due":${num(r.due)},"bytes":${num(r.bytes)},"turn":${num(r.turn)}${buffered}}\n`;
}
