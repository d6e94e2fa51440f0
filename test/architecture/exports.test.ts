/**
 * The public entry points export exactly what docs/library.md describes. The sorted name lists are
 * pinned inline, so adding or removing an export is a visible diff in review (update with
 * `npx vitest run test/architecture/exports.test.ts -u` after `npm run build`, and update the docs).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../e2e/helpers.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, string | { import: string }> };

async function exportsOf(subpath: string): Promise<string[]> {
  const target = pkg.exports[subpath];
  if (typeof target !== 'object') throw new Error(`package.json has no import entry for ${subpath}`);
  return Object.keys(await import(pathToFileURL(resolve(target.import)).href)).sort();
}

describe('public exports (built)', () => {
  beforeAll(requireBuild);

  it('package.json declares these entry points', () => {
    expect(Object.keys(pkg.exports).sort()).toMatchInlineSnapshot(`
      [
        ".",
        "./msw",
        "./package.json",
        "./testing",
        "./vitest",
      ]
    `);
  });

  it('rtbench', async () => {
    expect(await exportsOf('.')).toMatchInlineSnapshot(`
      [
        "AudioFormatError",
        "ConfigError",
        "DEFAULT_THRESHOLDS",
        "ERROR_CODES",
        "FACTS",
        "METRICS",
        "METRIC_NAMES",
        "MockRealtime",
        "REPORTER_NAMES",
        "RealClock",
        "RtbenchError",
        "ScenarioError",
        "VERSION",
        "VirtualClock",
        "annotateFile",
        "bootstrapCi",
        "calibrateRunFolders",
        "checkRegressions",
        "compareRuns",
        "computeTurnMetrics",
        "detectSpeech",
        "evaluateExpectations",
        "executePlan",
        "fixturePath",
        "formatEffectiveConfig",
        "isMetricName",
        "loadAudio",
        "loadPlan",
        "loadRun",
        "mergeRuns",
        "metricInfo",
        "parseThresholds",
        "percentile",
        "profileNames",
        "quickPlan",
        "readManifest",
        "readResults",
        "readSamples",
        "readTraces",
        "renderCsv",
        "renderHtml",
        "renderJunit",
        "renderMarkdown",
        "renderReports",
        "renderTable",
        "resolveConfig",
        "runBenchmark",
        "scenarioJsonSchema",
        "startMockServer",
        "startMockServerInWorker",
        "summarize",
        "toBenchmarkOptions",
        "validateFiles",
      ]
    `);
  });

  it('rtbench/testing', async () => {
    expect(await exportsOf('./testing')).toMatchInlineSnapshot(`
      [
        "DEFAULT_WAIT_FOR_TIMEOUT_MS",
        "MockScript",
        "SessionRecording",
        "WaitForTimeoutError",
        "answeredToolCall",
        "bargeIns",
        "inputAudio",
        "interruptResponseAt",
        "outputAudio",
        "playbackAt",
        "reconnectedAfterDrop",
        "respectsInterruptResponse",
        "startRealtimeTestServer",
        "stoppedOnBargeIn",
        "streamedAudioInRealTime",
        "toolCalls",
        "truncatedAtPlayedAudio",
        "truncatesWithinAudio",
        "truncations",
      ]
    `);
  });

  it('rtbench/vitest', async () => {
    expect(await exportsOf('./vitest')).toMatchInlineSnapshot(`
      [
        "clientMatchers",
        "installMatchers",
        "rtbenchMatchers",
        "startRealtimeTestServer",
        "useMockServer",
        "useMockWorker",
        "useRealtimeTestServer",
      ]
    `);
  });

  it('rtbench/msw', async () => {
    expect(await exportsOf('./msw')).toMatchInlineSnapshot(`
      [
        "fakeAnswer",
        "realtimeRestHandlers",
      ]
    `);
  });

  it('every runtime export of rtbench is named in docs/library.md', async () => {
    const doc = readFileSync('docs/library.md', 'utf8');
    const missing = (await exportsOf('.')).filter((name) => !new RegExp(`\\b${name}\\b`).test(doc));
    expect(missing).toEqual([]);
  });
});
