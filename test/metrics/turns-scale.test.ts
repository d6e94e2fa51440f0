/**
 * computeTurnMetrics on a 10 000-turn session (issue 13: no quadratic loops). The session is a real
 * 4-turn conversation with the mock on the virtual clock — a question, a barge-in, a tool call and a
 * plain question — repeated 2 500 times; every copy of a turn must get the original turn's metrics
 * and facts (timings are for bench/, not asserted here).
 */
import { describe, expect, it } from 'vitest';
import { computeTurnMetrics, type TurnResult } from '../../src/metrics/turns.js';
import { runVirtual, scenarioDir } from '../turn-taking/helpers.js';
import { repeatTrace } from './long-trace.js';

const fixture = (name: string) => `${process.cwd()}/fixtures/${name}`;
const scenario = `name: long
chunk_ms: 100
session:
  turn_detection: { type: server_vad, silence_duration_ms: 500 }
  tools:
    - { name: get_weather, description: Weather for a city, parameters: { type: object, properties: { city: { type: string } } } }
turns:
  - audio: ${fixture('what-time.wav')}
  - audio: ${fixture('stop.wav')}
    barge_in: { after_first_audio_ms: 600 }
  - audio: ${fixture('weather.wav')}
    tool: { name: get_weather, arguments: { city: Paris }, output: { temp_c: 18 } }
  - audio: ${fixture('what-time.wav')}
mock: { profile: slow, first_audio_ms: 300, jitter_ms: 0, response_audio_ms: 4000 }
`;

/** A turn's results as a later copy must show them: the session-level metrics belong to turn 0 only. */
const asCopy = (r: TurnResult, turn: number): TurnResult => ({ turn, metrics: { ...r.metrics, connect_ms: null, session_ready_ms: null }, facts: r.facts });

describe('computeTurnMetrics over 10 000 turns', () => {
  it("gives every copy of a turn the original turn's metrics", async () => {
    const { trace, turns: base } = await runVirtual(scenarioDir(scenario));
    // The short run itself is what it should be: an interrupted answer, a tool call, audio answers.
    expect(base).toHaveLength(4);
    expect(base[1].facts).toMatchObject({ barge_in: true, interrupted: true, barge_in_offset_ms: 600 });
    expect(base[1].metrics.truncate_ok).toBe(true);
    expect(base[2].facts).toMatchObject({ response: 'function_call', tool_name: 'get_weather' });
    expect(base[2].metrics.tool_result_to_first_audio_ms).toBeGreaterThan(0);
    for (const i of [0, 3]) expect(base[i].facts.response).toBe('audio');
    for (const r of base) expect(r.metrics.first_audio_ms ?? r.metrics.tool_call_ms).toBeGreaterThan(0);

    const long = computeTurnMetrics(repeatTrace(trace, 2500));
    expect(long).toHaveLength(10_000);
    expect(long.slice(0, 4)).toEqual(base);
    for (const copy of [1, 1234, 2499]) {
      for (let j = 0; j < 4; j++) expect(long[copy * 4 + j], `copy ${copy}, turn ${j}`).toEqual(asCopy(base[j], copy * 4 + j));
    }
  }, 120_000);
});
