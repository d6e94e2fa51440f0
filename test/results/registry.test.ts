import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { METRICS, METRIC_NAMES, appliesTo, isMetricName } from '../../src/results/registry.js';
import { registryMarkdown, METRICS_DOC_BEGIN, METRICS_DOC_END } from '../../src/results/docs.js';
import { applicableMetrics, typedFacts } from '../../src/results/sample.js';
import { TURN_METRICS } from '../../src/metrics/turns.js';
import { scenarioJsonSchemaText } from '../../src/scenario/index.js';

const DOC = 'docs/metrics.md';

describe('the metric registry', () => {
  // Truth: the metric list of docs/metrics.md, including the six metrics issue 12 adds.
  it('registers every docs/metrics.md metric', () => {
    for (const n of [
      'first_audio_ms',
      'vad_stop_delay_ms',
      'vad_to_first_audio_ms',
      'vad_start_error_ms',
      'vad_end_error_ms',
      'false_turns',
      'missed_turns',
      'response_audio_ms',
      'response_done_ms',
      'barge_in_detect_ms',
      'talk_over_ms',
      'response_cancelled',
      'truncate_ok',
      'tool_call_ms',
      'tool_result_to_first_audio_ms',
      'premature_stops',
      'cancelled_responses',
      'assistant_cut_in_ms',
      'playback_stalls',
      'playback_stall_ms',
      'audio_after_barge_in_ms',
      'connect_ms',
      'session_ready_ms',
      'input_tokens',
      'output_tokens',
      'cost_usd',
    ])
      expect(isMetricName(n), n).toBe(true);
    expect(METRICS.premature_stops).toMatchObject({ unit: 'count', better: 'lower', scope: 'vad' });
    expect(METRICS.audio_after_barge_in_ms).toMatchObject({ unit: 'ms', better: 'lower', scope: 'barge_in' });
    // Whatever the metrics module computes is registered.
    for (const n of TURN_METRICS) expect(isMetricName(n), n).toBe(true);
  });

  it('feeds the scenario JSON Schema', () => {
    const schema = scenarioJsonSchemaText();
    for (const n of METRIC_NAMES) expect(schema, n).toContain(`"${n}"`);
  });

  // Truth: the applies-to column. Manual mode has no VAD metrics; barge-in metrics need a barge-in.
  it('nulls metrics that do not apply to the turn, and types facts', () => {
    const manual = { vad: false, bargeIn: false, tool: false };
    expect(appliesTo('vad', manual)).toBe(false);
    expect(applicableMetrics({ missed_turns: 0, false_turns: 1, talk_over_ms: 0, first_audio_ms: 500, response_cancelled: false }, manual)).toEqual({
      missed_turns: null,
      false_turns: null,
      talk_over_ms: null,
      first_audio_ms: 500,
      response_cancelled: null,
    });
    expect(typedFacts({ interrupted: 'true', barge_in: 'false', response: 'audio', tool_name: 'x', transcript: null })).toEqual({
      interrupted: true,
      barge_in: false,
      response: 'audio',
      tool_name: 'x',
      transcript: null,
    });
  });

  // After changing the registry: RTBENCH_UPDATE_DOCS=1 npx vitest run test/results/registry.test.ts
  it(`${DOC} carries the registry's table`, async () => {
    const text = await readFile(DOC, 'utf8');
    const table = registryMarkdown();
    const begin = text.indexOf(METRICS_DOC_BEGIN);
    const end = text.indexOf(METRICS_DOC_END);
    if (process.env.RTBENCH_UPDATE_DOCS) {
      const next = begin >= 0 && end > begin ? text.slice(0, begin) + table + text.slice(end + METRICS_DOC_END.length) : text.replace('PLACEHOLDER', table);
      await writeFile(DOC, next);
      return;
    }
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(text.slice(begin, end + METRICS_DOC_END.length)).toBe(table);
  });
});
