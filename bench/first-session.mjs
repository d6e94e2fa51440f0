// First session of a process vs the rest: is the first measurement as accurate as a warm one?
// For each of N fresh processes: start `rtbench mock --first-audio-ms 300 --jitter-ms 0` (a new,
// cold mock process), run two real-speech WAVs in one session against it (a new, cold harness), and
// take vad_to_first_audio_ms of turn 0 (cold) and turn 1 (warm). The truth is 300 ms on both turns
// (plus the loopback and timer lateness both share); the cold − warm difference is what this measures.
//
//   npm run build && node bench/first-session.mjs [processes=5] [--bundled]
//
// --bundled: the run's own bundled mock (a worker thread of the harness process) instead.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve('dist/cli/rtbench.js');
const WAVS = [resolve('fixtures/what-time.wav'), resolve('fixtures/weather.wav')];
const n = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const bundled = process.argv.includes('--bundled');

function startMock() {
  const proc = spawn(process.execPath, [BIN, 'mock', '--first-audio-ms', '300', '--jitter-ms', '0']);
  return new Promise((res, rej) => {
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) res({ url: buf.slice(0, nl).trim(), proc });
    });
    proc.once('exit', (c) => rej(new Error(`mock exited ${c}`)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (let i = 0; i < n; i++) {
  const out = mkdtempSync(join(tmpdir(), 'rtbench-first-'));
  const mock = bundled ? null : await startMock();
  const target = mock ? ['--target', mock.url] : ['--first-audio-ms', '300', '--jitter-ms', '0'];
  const r = spawnSync(process.execPath, [BIN, 'run', '--audio', ...WAVS, ...target, '--out', out, '--reporter', 'json', '--quiet'], { encoding: 'utf8' });
  mock?.proc.kill('SIGTERM');
  if (r.status !== 0) throw new Error(r.stderr);
  const samples = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).samples;
  const [cold, warm] = samples.map((s) => s.metrics.vad_to_first_audio_ms);
  rows.push({ cold, warm, diff: cold - warm });
  console.log(`process ${i + 1}: turn 0 (cold) ${cold.toFixed(1)} ms, turn 1 (warm) ${warm.toFixed(1)} ms, cold − warm ${(cold - warm).toFixed(1)} ms`);
}
console.log(
  `median of ${n} (${bundled ? 'bundled mock' : 'rtbench mock process'}): cold ${median(rows.map((r) => r.cold)).toFixed(1)} ms, warm ${median(rows.map((r) => r.warm)).toFixed(1)} ms, cold − warm ${median(rows.map((r) => r.diff)).toFixed(1)} ms`,
);
