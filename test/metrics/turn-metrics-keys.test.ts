/**
 * Per-turn metrics are keyed by the registry: every registered metric is in a turn's record (and in
 * the same order samples have always listed them), and naming an unregistered metric does not
 * compile (the @ts-expect-error lines fail `npm run typecheck` if that ever stops being an error).
 */
import { describe, expect, it } from 'vitest';
import { emptyTurnMetrics, TURN_METRICS, type TurnMetrics } from '../../src/metrics/turns.js';
import { chartGroupOf, METRIC_NAMES, METRICS } from '../../src/results/registry.js';
import type { ClientEventOf } from '../../src/protocol/client-events.js';

describe('turn metrics keyed by the registry', () => {
  it('a turn record has exactly the registered metrics, all null before computing', () => {
    const m = emptyTurnMetrics();
    expect(Object.keys(m).sort()).toEqual([...METRIC_NAMES].sort());
    expect(Object.values(m).every((v) => v === null)).toBe(true);
    expect(TURN_METRICS).toEqual(Object.keys(m));
  });

  it('an unregistered or missing metric is a type error', () => {
    const m = emptyTurnMetrics();
    // @ts-expect-error not a registered metric
    m.not_a_metric_ms = 1;
    // @ts-expect-error a record without every registered metric is not a TurnMetrics
    const partial: TurnMetrics = { first_audio_ms: null };
    expect(partial).toBeDefined();
    m.first_audio_ms = 12;
    expect(m.first_audio_ms).toBe(12);
  });

  it('chart grouping is a registry field: latencies are charted, response length is not', () => {
    expect(chartGroupOf('first_audio_ms')).toBe('latency');
    expect(chartGroupOf('assistant_cut_in_ms')).toBe('latency');
    expect(chartGroupOf('response_audio_ms')).toBeNull();
    expect(chartGroupOf('false_turns')).toBeNull();
    for (const name of METRIC_NAMES) if (chartGroupOf(name) === 'latency') expect(METRICS[name].unit).toBe('ms');
  });

  it('client events are typed per type: a field another event has is a type error', () => {
    const append: ClientEventOf<'input_audio_buffer.append'> = { type: 'input_audio_buffer.append', audio: 'AAAA' };
    // @ts-expect-error an append has no item_id
    expect(append.item_id).toBeUndefined();
    // @ts-expect-error the type fixes the event's shape
    const wrong: ClientEventOf<'response.cancel'> = { type: 'response.create' };
    expect(wrong).toBeDefined();
  });
});
