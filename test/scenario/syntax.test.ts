import { describe, expect, it } from 'vitest';
import { parseComparison } from '../../src/scenario/index.js';
import { closest, editDistance } from '../../src/scenario/suggest.js';
import { formatPath } from '../../src/scenario/positions.js';

describe('comparison syntax', () => {
  it.each([
    ['< 1200', { op: '<', value: 1200 }],
    ['<=5', { op: '<=', value: 5 }],
    ['>= 0', { op: '>=', value: 0 }],
    ['== 0', { op: '==', value: 0 }],
    ['!= 1', { op: '!=', value: 1 }],
    ['> -3.5', { op: '>', value: -3.5 }],
    ['  <  0.9 ', { op: '<', value: 0.9 }],
  ])('%s', (text, expected) => expect(parseComparison(text)).toEqual(expected));

  it.each(['1200', '< fast', '=< 3', '< 1200ms', '<', ''])('refuses %j', (text) => expect(parseComparison(text)).toBeUndefined());
});

describe('suggestions', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('frist', 'first')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests only plausible typos', () => {
    expect(closest('repet', ['repeat', 'name'])).toBe('repeat');
    expect(closest('server', ['server_vad', 'semantic_vad'])).toBe('server_vad');
    expect(closest('p96', ['p90', 'p95'])).toBe('p95');
    expect(closest('banana', ['repeat', 'name'])).toBeUndefined();
  });
});

describe('paths in messages', () => {
  it('reads like the author would point at it', () => {
    expect(formatPath(['turns', 1, 'barge_in', 'after_first_audio_ms'])).toBe('turns[1].barge_in.after_first_audio_ms');
    expect(formatPath([])).toBe('');
  });
});
