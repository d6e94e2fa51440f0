/**
 * The audio-append hot path, per 20 ms chunk: rtbench concatenates a constant head and tail around
 * base64 computed once before the session; the naive client base64-encodes the chunk and
 * JSON.stringify-s an object every time. Measured as built (string) and as `ws.send` needs it (bytes).
 * And the answer's path, per 100 ms audio delta (6.4 kB of base64): the mock's Outbox encoding it
 * whole vs splicing the payload into the frame's bytes; the harness decoding the frame to a string
 * and cutting the payload out vs cutting it out of the bytes.
 */
import { Bench } from 'tinybench';
import { VirtualClock } from '../src/clock/virtual.js';
import { IdGenerator } from '../src/mock/ids.js';
import type { MockSessionStats } from '../src/mock/types.js';
import { Outbox } from '../src/mock/session/outbox.js';
import { Prng } from '../src/util/prng.js';
import { TimerGroup } from '../src/mock/timer-group.js';
import { appendFrame, elideAudioDelta, elideAudioDeltaBytes } from '../src/protocol/codec.js';
import { gaCodec } from '../src/protocol/index.js';
import type { Transport } from '../src/transport/transport.js';

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
  /** Mock, per audio delta: Outbox.send ÷ Outbox.sendAudioDelta, up to the bytes handed to ws. */
  ratio_delta_send: number;
  /** Harness, per audio delta: decode + cut ÷ cut from the bytes. */
  ratio_delta_receive: number;
}

/** An Outbox writing into nothing, on a transport that takes bytes (as the mock's ws side does). */
function sinkOutbox(onFrame: (n: number) => void): Outbox {
  const transport: Transport = {
    state: 'open',
    bufferedAmount: 0,
    send: (f) => onFrame(Buffer.from(f).length),
    sendBytes: (f) => onFrame(f.length),
    close: () => undefined,
    onMessage: () => undefined,
    onClose: () => undefined,
  };
  const clock = new VirtualClock(0);
  const stats = { framesSent: 0, bytesSent: 0, errorsSent: 0 } as unknown as MockSessionStats;
  return new Outbox(transport, gaCodec, new IdGenerator(new Prng(1)), clock, new TimerGroup(clock), stats);
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
  const delta = Buffer.alloc(4800, 9).toString('base64');
  const deltaEvent = {
    type: 'response.output_audio.delta',
    response_id: 'resp_ABCDEFGHIJKL0000000002',
    item_id: 'item_ABCDEFGHIJKL0000000003',
    output_index: 0,
    content_index: 0,
    delta,
  } as const;
  const outbox = sinkOutbox((n) => (sink += n));
  const deltaFrame = Buffer.from(gaCodec.encodeServer({ ...deltaEvent, event_id: 'event_ABCDEFGHIJKL0000000001' }) as string);
  bench
    .add('mock delta: Outbox.send (encode whole) → bytes', () => {
      outbox.send({ ...deltaEvent });
    })
    .add('mock delta: Outbox.sendAudioDelta (splice) → bytes (rtbench)', () => {
      outbox.sendAudioDelta({ ...deltaEvent });
    })
    .add('harness delta: toString + cut payload', () => {
      sink += (elideAudioDelta(deltaFrame.toString()) as string).length;
    })
    .add('harness delta: cut payload from bytes (rtbench)', () => {
      sink += (elideAudioDeltaBytes(deltaFrame) as string).length;
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
    ratio_delta_send:
      Math.round((ns('mock delta: Outbox.send (encode whole) → bytes') / ns('mock delta: Outbox.sendAudioDelta (splice) → bytes (rtbench)')) * 10) / 10,
    ratio_delta_receive: Math.round((ns('harness delta: toString + cut payload') / ns('harness delta: cut payload from bytes (rtbench)')) * 10) / 10,
  };
}
