import { describe, expect, it } from 'vitest';
import { Progress, firstAudioText } from '../../src/cli/progress.js';
import type { Sample } from '../../src/results/types.js';

const sample = (turn: number, first_audio_ms: number | null): Sample => ({
  id: `s#t${turn}`,
  scenario: 's',
  turn,
  target: 'mock',
  model: 'm',
  dialect: 'ga',
  settings: {},
  repeat: 0,
  ok: true,
  metrics: { first_audio_ms },
  facts: {},
});

// Truth: the values given. A progress line stays one short line whatever the session's size.
describe('progress lines', () => {
  it('lists a few first-audio values, summarises many', () => {
    expect(firstAudioText([401.2, 512.7])).toBe('401,513');
    const many = Array.from({ length: 600 }, (_, i) => 400 + i);
    expect(firstAudioText(many)).toBe('p50 700 (min 400, max 999, 600 turns)');
  });

  it('prints one short plain line per 10 000-turn session', () => {
    let out = '';
    const p = new Progress({ write: (s: string) => ((out += s), true) } as never, false);
    p.update({ done: 1, total: 1, failed: 0, sessionId: 'long#mock/m#r0', samples: Array.from({ length: 10_000 }, (_, i) => sample(i, 400 + (i % 100))) });
    expect(out).toBe('[1/1] long#mock/m#r0 ok first_audio_ms p50 450 (min 400, max 499, 10000 turns)\n');
  });
});
