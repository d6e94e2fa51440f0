import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { csvField } from '../../src/report/escape.js';
import { makeSample } from './fixtures.js';

/** An RFC 4180 reader, to prove the output reads back to the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

describe('csvField', () => {
  it('quotes only when needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
  });
});

describe('renderCsv', () => {
  const samples = [
    makeSample({
      scenario: 'a, "b"',
      model: 'm',
      settings: { vad: 'semantic', eagerness: 'high' },
      metrics: { first_audio_ms: 812.5, truncate_ok: true, talk_over_ms: null },
    }),
    makeSample({
      scenario: 'c',
      model: 'm',
      ok: false,
      error: 'boom,\n"quoted" line',
      settings: { vad: 'server' },
      metrics: { first_audio_ms: null, cost_usd: 0.0061 },
    }),
  ];
  samples[0].facts = { transcript: 'Hello, world' };
  const rows = parseCsv(renderCsv(samples));

  it('has one header row and one row per sample, every row as wide as the header', () => {
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual([
      'id',
      'scenario',
      'turn',
      'turn_name',
      'target',
      'model',
      'dialect',
      'repeat',
      'ok',
      'error',
      'settings.vad',
      'settings.eagerness',
      'first_audio_ms',
      'truncate_ok',
      'talk_over_ms',
      'cost_usd',
      'fact.transcript',
    ]);
    expect(rows.every((r) => r.length === rows[0].length)).toBe(true);
  });

  it('reads back the exact values', () => {
    const [head, a, b] = rows;
    const get = (r: string[], k: string) => r[head.indexOf(k)];
    expect(get(a, 'scenario')).toBe('a, "b"');
    expect(get(a, 'first_audio_ms')).toBe('812.5');
    expect(get(a, 'truncate_ok')).toBe('true');
    expect(get(a, 'talk_over_ms')).toBe('');
    expect(get(a, 'fact.transcript')).toBe('Hello, world');
    expect(get(b, 'error')).toBe('boom,\n"quoted" line');
    expect(get(b, 'ok')).toBe('false');
    expect(get(b, 'settings.eagerness')).toBe('');
    expect(get(b, 'cost_usd')).toBe('0.0061');
  });
});
