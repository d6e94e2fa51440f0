/**
 * Relay comparison: the same scenarios and seed, run directly against the mock and through a relay
 * pointed at it, as a target axis; `rtbench compare --axis target` shows them side by side. Truth:
 * a relay adding d ms each way delays everything the client sees by d after the mock hears it d
 * late, so latencies measured from the user's own audio (first_audio_ms, vad_stop_delay_ms) grow by
 * 2d; an interval between two server events (vad_to_first_audio_ms under server VAD) does not; in
 * manual mode vad_to_first_audio_ms starts at the client's own commit, so it grows by 2d.
 */
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBenchmark } from '../../src/app/benchmark.js';
import { startMockServer, type MockServer } from '../../src/mock/index.js';
import type { Sample } from '../../src/report/types.js';
import { compareAxis } from '../../src/stats/index.js';
import { cli, scenario, tmp, toneWav } from './helpers.js';
import { startRelay, type Relay } from './relay.js';

const DELAY_MS = 60;
let mock: MockServer;
let relay: Relay;

beforeAll(async () => {
  mock = await startMockServer({ firstAudioMs: 300, jitterMs: 0, pingIntervalMs: 0 });
  relay = await startRelay(mock.url, DELAY_MS);
});
afterAll(async () => {
  await relay.close();
  await mock.close();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('relay comparison', () => {
  it('through a relay adding 60 ms each way: +120 ms on first_audio_ms, +0 on server-timed intervals, +120 ms on a manual commit', async () => {
    const dir = tmp();
    const wav = toneWav(dir);
    const sc = join(dir, 'scenarios');
    scenario(sc, 'vad', `name: vad\nsession:\n  turn_detection: { type: server_vad, silence_duration_ms: 300 }\nturns:\n  - audio: ${wav}\n`);
    scenario(sc, 'manual', `name: manual\nsession:\n  turn_detection: null\nturns:\n  - audio: ${wav}\n`);
    const out = join(dir, 'out');
    const r = await runBenchmark({
      paths: [sc],
      targets: [mock.url, relay.url],
      repeat: 2,
      concurrency: 4,
      seed: 7,
      out,
      reporters: ['json', 'md'],
      stdout: new Writable({ write: (_c, _e, cb) => cb() }),
      env: {},
    });
    expect(r.results.samples.every((s) => s.ok)).toBe(true);
    expect(relay.connections()).toBe(4);

    const added = (scenarioName: string, metric: string) => {
      const of = (target: string) =>
        median(r.results.samples.filter((s: Sample) => s.scenario === scenarioName && s.target === target).map((s) => Number(s.metrics[metric])));
      return of(relay.url) - of(mock.url);
    };
    const twice = 2 * DELAY_MS;
    console.log(
      `relay +${DELAY_MS} ms each way: first_audio_ms +${added('vad', 'first_audio_ms').toFixed(1)}, vad_stop_delay_ms +${added('vad', 'vad_stop_delay_ms').toFixed(1)}, ` +
        `vad_to_first_audio_ms +${added('vad', 'vad_to_first_audio_ms').toFixed(1)} (server VAD) / +${added('manual', 'vad_to_first_audio_ms').toFixed(1)} (manual)`,
    );
    expect(added('vad', 'first_audio_ms')).toBeGreaterThan(twice - 25);
    expect(added('vad', 'first_audio_ms')).toBeLessThan(twice + 25);
    expect(added('vad', 'vad_stop_delay_ms')).toBeGreaterThan(twice - 25);
    expect(added('vad', 'vad_stop_delay_ms')).toBeLessThan(twice + 25);
    expect(Math.abs(added('vad', 'vad_to_first_audio_ms'))).toBeLessThan(20);
    expect(added('manual', 'vad_to_first_audio_ms')).toBeGreaterThan(twice - 25);
    expect(added('manual', 'vad_to_first_audio_ms')).toBeLessThan(twice + 25);

    // The same numbers as a target axis: one row per scenario and metric, direct first.
    const axis = compareAxis(r.results, 'target');
    expect(axis.values).toEqual([mock.url, relay.url]);
    const row = axis.rows.find((x) => x.scenario === 'vad' && x.metric === 'first_audio_ms')!;
    expect(Number(row.cells[1]!.median) - Number(row.cells[0]!.median)).toBeGreaterThan(twice - 25);

    const shown = await cli(['compare', out, '--axis', 'target']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(relay.url);
    expect(shown.stdout).toContain('first_audio_ms');
  });
});
