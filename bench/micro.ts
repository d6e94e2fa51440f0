/**
 * The audio-append hot path, per 20 ms chunk: rtbench concatenates a constant head and tail around
 * base64 computed once before the session; the naive client base64-encodes the chunk and
 * JSON.stringify-s an object every time. Measured as built (string) and as `ws.send` needs it (bytes).
 */
import { Bench } from 'tinybench';
import { appendFrame } from '../src/protocol/codec.js';

export interface MicroRow {
  name: string;
  ns_per_op: number;
  ops_per_s: number;
}

export interface MicroResult {
  rows: MicroRow[];
  /**
   * JSON.stringify ÷ concatenation, frame only. Flattering to concatenation: V8 builds a lazy rope
   * whose flattening is paid later, when the frame is written; `ratio_frame_bytes` includes it.
   */
  ratio_frame: number;
  /** JSON.stringify ÷ concatenation, both up to the bytes `ws.send` writes (same precomputed base64). */
  ratio_frame_bytes: number;
  /** Naive per-chunk work ÷ rtbench per-chunk work, both up to the bytes handed to the socket. */
  ratio_to_bytes: number;
}

export async function benchMicro(opts: { timeMs: number }): Promise<MicroResult> {
  const pcm = Buffer.alloc(960);
  for (let i = 0; i < pcm.length; i += 2) pcm.writeInt16LE(Math.round(8000 * Math.sin(i / 7)), i);
  const base64 = pcm.toString('base64');
  let sink = 0;
  const bench = new Bench({ time: opts.timeMs, warmupTime: Math.min(200, opts.timeMs / 2) });
  bench
    .add('concat (rtbench)', () => {
      sink += appendFrame(base64).length;
    })
    .add('JSON.stringify', () => {
      sink += JSON.stringify({ type: 'input_audio_buffer.append', audio: base64 }).length;
    })
    .add('concat → bytes (rtbench per chunk)', () => {
      sink += Buffer.from(appendFrame(base64)).length;
    })
    .add('JSON.stringify → bytes', () => {
      sink += Buffer.from(JSON.stringify({ type: 'input_audio_buffer.append', audio: base64 })).length;
    })
    .add('base64 + JSON.stringify → bytes (naive per chunk)', () => {
      sink += Buffer.from(JSON.stringify({ type: 'input_audio_buffer.append', audio: pcm.toString('base64') })).length;
    });
  await bench.run();
  if (sink === 0) throw new Error('nothing built');
  const rows = bench.tasks.map((t) => {
    const r = t.result;
    if (!('latency' in r)) throw new Error(`${t.name}: ${r.state}`);
    return { name: t.name, ns_per_op: Math.round(r.latency.mean * 1e6), ops_per_s: Math.round(1000 / r.latency.mean) };
  });
  const ns = (name: string) => rows.find((r) => r.name === name)!.ns_per_op;
  return {
    rows,
    ratio_frame: Math.round((ns('JSON.stringify') / ns('concat (rtbench)')) * 10) / 10,
    ratio_frame_bytes: Math.round((ns('JSON.stringify → bytes') / ns('concat → bytes (rtbench per chunk)')) * 10) / 10,
    ratio_to_bytes: Math.round((ns('base64 + JSON.stringify → bytes (naive per chunk)') / ns('concat → bytes (rtbench per chunk)')) * 10) / 10,
  };
}
