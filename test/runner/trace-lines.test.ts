import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../src/metrics/trace.js';
import { traceLines } from '../../src/runner/trace-lines.js';
import { Redactor } from '../../src/util/redact.js';

const SECRET = 'sk-test-1234567890abcdef';

function trace(id: string): TraceRecord[] {
  return [
    { k: 'note', s: id, t: 0.5, level: 'info', msg: 'connecting' },
    { k: 'chunk', s: id, t: 20.25, seq: 0, pos_ms: 0, end_ms: 20, due: 20.000001, bytes: 960, turn: -1, buffered: 0 },
    { k: 'chunk', s: id, t: 40.1, seq: 1, pos_ms: 20, end_ms: 40, due: 40, bytes: 960, turn: 0 },
    { k: 'recv', s: id, t: 41, type: 'error', event: { message: `bad key ${SECRET}`, auth: 'Bearer abcdefghijklmnop' } },
    { k: 'chunk', s: id, t: 1e21, seq: 2, pos_ms: 40, end_ms: 60, due: -0, bytes: 960, turn: 0, buffered: NaN },
  ] as TraceRecord[];
}

describe('traceLines', () => {
  it('writes exactly the JSON of each record, one per line, redacted like the generic path', () => {
    const r = new Redactor([SECRET]);
    const records = trace('quick#mock/gpt-realtime#r1');
    const expected = r.text(records.map((x) => JSON.stringify(x)).join('\n') + '\n');
    expect(traceLines(records, r)).toBe(expected);
  });

  it('redacts a secret carried in the session id of chunk records', () => {
    const r = new Redactor([SECRET]);
    const out = traceLines(trace(`s#wss://relay.example/v1?api_key=${SECRET}#r1`), r);
    expect(out).not.toContain(SECRET);
    expect(
      out
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).k),
    ).toEqual(['note', 'chunk', 'chunk', 'recv', 'chunk']);
  });

  it('takes the generic path for a chunk record with extra fields', () => {
    const r = new Redactor([]);
    const odd = { k: 'chunk', s: 'a', t: 1, seq: 0, pos_ms: 0, end_ms: 20, due: 1, bytes: 960, turn: 0, buffered: 0, extra: 'x' } as unknown as TraceRecord;
    expect(traceLines([odd], r)).toBe(JSON.stringify(odd) + '\n');
  });
});

describe('Redactor prefilter', () => {
  it('still masks every pattern', () => {
    const r = new Redactor([]);
    const text = 'sk-abcdefghijkl Bearer abcdefghijkl "api-key": "abcdefghij" openai-insecure-api-key.xyz ?token=abc123';
    const out = r.text(text);
    expect(out).toBe('sk-*** Bearer *** "api-key": "***" openai-insecure-api-key.*** ?token=***');
    expect(r.text('AUTHORIZATION=abcdefghijk')).toBe('AUTHORIZATION=***');
  });
});
