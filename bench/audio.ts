/**
 * Audio preparation throughput (× real time): rtbench's decoder + downmix + band-limited resampler
 * to 24 kHz PCM16, against wavefile's plain path (`toBitDepth('16')`, `toSampleRate(24000, cubic)`,
 * then a manual downmix), and rtbench's disk cache (a new process's first load of a converted fixture).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import wavefile from 'wavefile';
import { AudioLoader } from '../src/audio/load.js';
import { decodeWav } from '../src/audio/wav.js';
import { toMonoPcm16 } from '../src/audio/convert.js';
import { writeWavFixtures } from './wav-fixtures.js';

export interface AudioRow {
  format: string;
  duration_s: number;
  rtbench_ms: number;
  rtbench_x_realtime: number;
  wavefile_ms: number;
  wavefile_x_realtime: number;
  /** rtbench ÷ wavefile throughput. */
  speedup: number;
  /** A fresh loader whose disk cache already holds the converted audio (hash + read). */
  disk_cache_hit_ms: number;
  disk_cache_x_realtime: number;
}

/** wavefile's own conversion, as a user of that library would write it. */
function wavefilePath(bytes: Uint8Array): Int16Array {
  const wav = new wavefile.WaveFile(bytes);
  wav.toBitDepth('16');
  wav.toSampleRate(24000, { method: 'cubic' });
  const samples = wav.getSamples(false, Int16Array) as unknown as Int16Array | Int16Array[];
  if (!Array.isArray(samples)) return samples;
  const out = new Int16Array(samples[0].length);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (const ch of samples) sum += ch[i];
    out[i] = Math.round(sum / samples.length);
  }
  return out;
}

export async function benchAudio(opts: { durationMs: number; timeMs: number }): Promise<AudioRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rtbench-bench-audio-'));
  try {
    const fixtures = await writeWavFixtures(dir, opts.durationMs);
    const cacheDir = join(dir, 'cache');
    const rows: AudioRow[] = [];
    for (const f of fixtures) {
      const bytes = new Uint8Array(await readFile(f.file));
      // Prime the disk cache once; each timed load below uses a fresh loader (empty memory cache).
      await new AudioLoader().load(f.file, { cacheDir });
      let sink = 0;
      const bench = new Bench({ time: opts.timeMs, warmupTime: Math.min(200, opts.timeMs / 2), iterations: 3, warmupIterations: 1 });
      bench
        .add('rtbench', () => {
          sink += toMonoPcm16(decodeWav(bytes, f.file), 24000).length;
        })
        .add('wavefile', () => {
          sink += wavefilePath(bytes).length;
        })
        .add('disk-cache', async () => {
          sink += (await new AudioLoader().load(f.file, { cacheDir })).pcm.length;
        });
      await bench.run();
      if (sink === 0) throw new Error('conversion produced nothing');
      const mean = (name: string) => {
        const r = bench.tasks.find((t) => t.name === name)!.result;
        if (!('latency' in r)) throw new Error(`${name}: ${r.state}`);
        return r.latency.mean;
      };
      const x = (ms: number) => round(f.durationMs / ms, 1);
      const [rt, wf, dc] = [mean('rtbench'), mean('wavefile'), mean('disk-cache')];
      rows.push({
        format: f.name,
        duration_s: f.durationMs / 1000,
        rtbench_ms: round(rt, 2),
        rtbench_x_realtime: x(rt),
        wavefile_ms: round(wf, 2),
        wavefile_x_realtime: x(wf),
        speedup: round(wf / rt, 1),
        disk_cache_hit_ms: round(dc, 2),
        disk_cache_x_realtime: x(dc),
      });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
