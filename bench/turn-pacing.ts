/**
 * Reads a run folder of bench/scenarios/two-turn.yaml (or any two-turn scenario) and prints, per
 * session, what docs/accuracy.md ("Turn pacing" and "Across transports") quotes: when turn 2's
 * speech began relative to the end of answer 1's playback (recomputed from the deltas with the
 * player model), the truncates sent, audio received and heard per turn, the unplanned-overlap
 * flag, the first audible sample and the VAD position errors.
 *
 *   node dist/cli/rtbench.js run bench/scenarios/two-turn.yaml --transport ws --transport webrtc --out /tmp/pace
 *   node dist/bench/turn-pacing.js /tmp/pace
 *
 * With `--recompute`, the metrics are computed again from the traces by this version's code (for a
 * run folder written by an older rtbench that did not have heard_audio_ms and the overlap metrics).
 *
 * It reads the results and traces, never the exit code (see docs/webrtc.md on WebRTC exits).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { playTimeline } from '../src/metrics/play-timeline.js';
import { InputTimeline } from '../src/metrics/timeline.js';
import type { TraceChunk, TraceRecord, TraceRecv, TraceTurn } from '../src/metrics/trace.js';
import type { RunResults } from '../src/results/types.js';
import { computeTurnMetrics } from '../src/metrics/turns.js';

const recompute = process.argv.includes('--recompute');
const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!dir) {
  process.stderr.write('usage: node dist/bench/turn-pacing.js <run folder>\n');
  process.exit(2);
}
const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
const trace = readFileSync(join(dir, 'traces.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as TraceRecord);
const sessions = [...new Set(results.samples.map((s) => s.id.replace(/#t\d+$/, '')))];
const f = (v: unknown) => (typeof v === 'number' ? v.toFixed(1) : String(v));

for (const id of sessions) {
  const own = trace.filter((r) => r.s === id);
  const recv = own.filter((r): r is TraceRecv => r.k === 'recv');
  const input = new InputTimeline(own.filter((r): r is TraceChunk => r.k === 'chunk'));
  const turns = own.filter((r): r is TraceTurn => r.k === 'turn');
  const deltas = recv.filter((r) => r.type === 'response.output_audio.delta');
  const firstAnswer = deltas[0]?.event.response_id;
  const tl = playTimeline(deltas.filter((d) => d.event.response_id === firstAnswer).map((d) => ({ t: d.t, ms: Number(d.event.audio_bytes) / 48 })));
  const end1 = tl.playing.at(-1)?.[1] ?? NaN;
  const onset2 = turns[1] ? input.wallTimeOf(turns[1].speech[0].start_ms) : null;
  const truncates = own.filter((r) => r.k === 'send' && r.type === 'conversation.item.truncate').map((r) => (r.k === 'send' ? r.event.audio_end_ms : null));
  const recomputed = recompute ? computeTurnMetrics(own) : null;
  const samples = results.samples.filter((s) => s.id.startsWith(`${id}#`)).map((s) => (recomputed ? { ...s, metrics: recomputed[s.turn].metrics } : s));
  process.stdout.write(
    `${id}\n  turn-2 speech onset − answer-1 playback end: ${onset2 === null ? '—' : f(onset2 - end1)} ms; truncates sent: ${truncates.length ? truncates.join(', ') : 'none'}\n`,
  );
  for (const s of samples) {
    const m = s.metrics;
    process.stdout.write(
      `  turn ${s.turn}: received ${f(m.response_audio_ms)} ms, heard ${f(m.heard_audio_ms)} ms, user_overlap ${f(m.user_overlap_ms)} ms, unplanned ${f(m.unplanned_overlap)}; ` +
        `first_audible ${f(m.first_audible_ms)} ms (vad→ ${f(m.vad_to_first_audible_ms)}), first_audio ${f(m.first_audio_ms)} ms; vad_start_error ${f(m.vad_start_error_ms)}, vad_end_error ${f(m.vad_end_error_ms)}\n`,
    );
  }
}
