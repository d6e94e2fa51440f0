// An example of testing your own realtime agent or relay with rtbench in vitest.
// Here the "agent" is the bundled mock; point `targets` at your relay's ws:// URL instead.
import { describe, expect, it } from 'vitest';
import { runBenchmark } from 'rtbench';
import { installMatchers, useMockServer } from 'rtbench/vitest';

installMatchers();
const mock = useMockServer({ firstAudioMs: 400, jitterMs: 0 });
const quiet = { write: () => true } as never;

describe('my voice agent', () => {
  it('starts answering a question within 1.5 s of the end of speech', async () => {
    const run = await runBenchmark({ audio: ['fixtures/what-time.wav'], targets: [mock.url], reporters: [], stdout: quiet, out: 'reports/example-vitest' });
    expect(run).toRespondWith('audio');
    expect(run).toHaveFirstAudioBelow(1500);
    expect(run).toHaveMetricBelow('vad_to_first_audio_ms', 450);
  });

  it('stops talking when interrupted', async () => {
    const run = await runBenchmark({
      paths: ['scenarios/barge-in.yaml'],
      targets: [mock.url],
      reporters: [],
      stdout: quiet,
      out: 'reports/example-vitest-barge',
    });
    expect(run).toBeInterrupted();
    expect(run).toMeetExpectations();
  });
});
