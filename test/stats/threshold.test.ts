import { describe, expect, it } from 'vitest';
import { beyondThreshold, parseThreshold, parseThresholds, thresholdLimit, ThresholdError } from '../../src/stats/threshold.js';

describe('parseThreshold', () => {
  it('parses relative, absolute-ms and plain absolute thresholds', () => {
    expect(parseThreshold('first_audio_ms.p95=+10%')).toEqual({
      source: 'first_audio_ms.p95=+10%',
      metric: 'first_audio_ms',
      stat: 'p95',
      direction: 'higher_is_worse',
      amount: 10,
      kind: 'relative',
    });
    expect(parseThreshold(' first_audio_ms.p50 = +50ms ')).toMatchObject({ stat: 'p50', amount: 50, kind: 'absolute' });
    expect(parseThreshold('cost_usd.mean=+5%')).toMatchObject({ metric: 'cost_usd', stat: 'mean', amount: 5, kind: 'relative' });
    expect(parseThreshold('truncate_ok.mean=-0.1')).toMatchObject({ direction: 'lower_is_worse', amount: 0.1, kind: 'absolute' });
    expect(parseThreshold('talk_over_ms.max=200ms')).toMatchObject({ direction: 'higher_is_worse', amount: 200 });
  });

  it('rejects malformed input with a reason', () => {
    const bad: Array<[string, RegExp]> = [
      ['first_audio_ms', /missing "="/],
      ['first_audio_ms=+10%', /missing statistic/],
      ['first_audio_ms.p42=+10%', /unknown statistic "p42"/],
      ['first_audio_ms.p95=+ten%', /amount must be a number/],
      ['first_audio_ms.p95=+10s', /amount must be a number/],
      ['cost_usd.mean=+5ms', /"ms" applies only to \*_ms metrics/],
    ];
    for (const [input, reason] of bad) {
      expect(() => parseThreshold(input), input).toThrow(ThresholdError);
      expect(() => parseThreshold(input), input).toThrow(reason);
    }
    try {
      parseThreshold('x');
    } catch (e) {
      expect((e as ThresholdError).code).toBe('THRESHOLD_INVALID');
    }
  });

  // The registry is the one list of names: a misspelt metric is refused with the closest name, and a
  // sign that would flag improvements (first_audio_ms is better lower) is refused too.
  it('refuses unknown metrics and signs against the registry, and defaults the sign from it', () => {
    expect(() => parseThreshold('first_audo_ms.p95=+10%')).toThrow(
      'invalid threshold "first_audo_ms.p95=+10%": unknown metric "first_audo_ms" in the threshold (did you mean first_audio_ms?)',
    );
    expect(() => parseThreshold('first_audio_ms.p96=+10%')).toThrow(/unknown statistic "p96" \(did you mean p95\?\)/);
    expect(() => parseThreshold('first_audio_ms.p95=-10%')).toThrow(/better lower, so "-" would flag improvements; write \+10%/);
    expect(() => parseThreshold('vad_end_error_ms.p95=10ms')).toThrow(/no better direction/);
    expect(parseThreshold('truncate_ok.mean=10%').direction).toBe('lower_is_worse');
    expect(parseThreshold('first_audio_ms.p95=10%').direction).toBe('higher_is_worse');
    expect(parseThreshold('vad_end_error_ms.p95=-10ms').direction).toBe('lower_is_worse');
  });

  it('parses comma-separated lists', () => {
    expect(parseThresholds(['first_audio_ms.p95=+10%,cost_usd.mean=+5%', 'vad_stop_delay_ms.p50=+20ms']).map((t) => t.metric)).toEqual([
      'first_audio_ms',
      'cost_usd',
      'vad_stop_delay_ms',
    ]);
  });

  it('computes limits in the worse direction', () => {
    const rel = parseThreshold('first_audio_ms.p95=+10%');
    expect(thresholdLimit(rel, 1000)).toBe(1100);
    expect(beyondThreshold(rel, 1000, 1100)).toBe(false);
    expect(beyondThreshold(rel, 1000, 1100.1)).toBe(true);
    const low = parseThreshold('truncate_ok.mean=-10%');
    expect(thresholdLimit(low, 0.9)).toBeCloseTo(0.81, 12);
    expect(beyondThreshold(low, 0.9, 0.8)).toBe(true);
    expect(beyondThreshold(low, 0.9, 1)).toBe(false);
  });
});
