import { describe, expect, it } from 'vitest';
import { computeTurnMetrics } from '../../src/metrics/turns.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderHtml } from '../../src/report/html.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderTable } from '../../src/report/table.js';
import { toJsonl } from '../../src/report/jsonl.js';
import { summarize } from '../../src/stats/summarize.js';
import { firstAudioMs, longSessionTrace, manySamples, runOf } from './scale.js';

const MB = 1024 * 1024;
const ms = (from: number) => Math.round(performance.now() - from);

// Truth: the generator's own numbers (100 000 samples; a 10 000-turn session whose turn i has
// first audio firstAudioMs(i)). The limits are the issue's: no crash, report.html < 5 MB.
describe('reporters at scale', () => {
  it('render 100 000 samples and a 10 000-turn session, report.html under 5 MB', { timeout: 300_000 }, () => {
    const samples = manySamples(100_000);
    let t = performance.now();
    const summary = summarize(samples);
    const summarizeMs = ms(t);
    const results = runOf(samples, summary);
    expect(summary.find((r) => r.metric === 'first_audio_ms')!.n).toBe(25_000);

    const trace = longSessionTrace(10_000);
    // The generator's truth, checked on a short prefix (the full-trace metrics are the runner's job).
    const head = computeTurnMetrics(longSessionTrace(20));
    expect(head.map((m) => m.metrics.first_audio_ms)).toEqual(head.map((m) => firstAudioMs(m.turn)));

    t = performance.now();
    const html = renderHtml({ results, traces: trace });
    const htmlMs = ms(t);
    const htmlBytes = Buffer.byteLength(html);
    expect(htmlBytes).toBeLessThan(5 * MB);
    expect(html).toContain('The first 40 of 10000 turns are drawn');
    expect(html).toContain('turn 0 (q0)');
    expect(html).toContain(`turn 39 (q39): first_audio_ms ${firstAudioMs(39)} ms`);
    expect(html).not.toContain('turn 40 (q40)');
    expect(html).toContain('What the metrics mean');

    t = performance.now();
    const md = renderMarkdown(results);
    const csv = renderCsv(samples);
    const junit = renderJunit(results);
    const table = renderTable(results, false);
    const jsonl = toJsonl(samples.slice(0, 10));
    const othersMs = ms(t);
    expect(md).toContain('Measurement:');
    expect(csv.split('\n')).toHaveLength(100_002);
    expect(junit).toContain('<testsuites');
    expect(table.length).toBeGreaterThan(0);
    expect(jsonl.length).toBeGreaterThan(0);
    console.log(`scale: summarize ${summarizeMs} ms; report.html ${(htmlBytes / MB).toFixed(2)} MB in ${htmlMs} ms; md+csv+junit+table ${othersMs} ms`);
  });
});
