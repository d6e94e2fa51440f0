/**
 * The reference a realtime client is usually written as: `setInterval(20)` pacing and a
 * `JSON.stringify` of `{ type, audio: buf.toString('base64') }` per chunk, parsing every server frame.
 * It exists only to be measured next to rtbench's harness, on the same mock, the same audio and the
 * same ramp. Its send lag is measured exactly like rtbench's: actual send time (after `ws.send`)
 * minus the microphone deadline `t0 + (k+1)·20 ms`.
 */
import WebSocket from 'ws';
import type { Clock } from '../src/clock/clock.js';

export interface NaiveLoadOptions {
  clock: Clock;
  url: string;
  sessions: number;
  /** Audio each session streams (ms). */
  durationMs: number;
  rampMs: number;
  /** PCM16 24 kHz mono bytes, looped; its length is a multiple of one chunk. */
  audio: Buffer;
  chunkMs?: number;
}

export interface NaiveSession {
  lagsMs: Float64Array;
  framesSent: number;
  maxBufferedBytes: number;
  sendsBuffered: number;
  startT: number;
  endT: number;
  error: string | null;
}

/** Runs `sessions` naive clients, the i-th starting `rampMs·i/sessions` after the first. */
export async function runNaiveLoad(opts: NaiveLoadOptions): Promise<NaiveSession[]> {
  const tasks: Array<Promise<NaiveSession>> = [];
  for (let i = 0; i < opts.sessions; i++) {
    const delay = opts.sessions > 1 ? (opts.rampMs * i) / opts.sessions : 0;
    tasks.push(new Promise((r) => setTimeout(r, delay)).then(() => naiveSession(opts)));
  }
  return Promise.all(tasks);
}

function naiveSession(opts: NaiveLoadOptions): Promise<NaiveSession> {
  const { clock, audio } = opts;
  const chunkMs = opts.chunkMs ?? 20;
  const chunkBytes = 48 * chunkMs;
  const total = Math.round(opts.durationMs / chunkMs);
  const lags = new Float64Array(total);
  const result: NaiveSession = { lagsMs: lags, framesSent: 0, maxBufferedBytes: 0, sendsBuffered: 0, startT: clock.now(), endT: 0, error: null };
  return new Promise((resolve) => {
    const ws = new WebSocket(`${opts.url}?model=gpt-realtime`);
    let interval: NodeJS.Timeout | null = null;
    let k = 0;
    let received = 0;
    ws.on('message', (data) => {
      // What a typical client does with every server event, audio deltas included.
      JSON.parse(data.toString());
      received++;
    });
    ws.on('open', () => {
      const t0 = clock.now();
      interval = setInterval(() => {
        const off = (k * chunkBytes) % audio.length;
        ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: audio.subarray(off, off + chunkBytes).toString('base64') }));
        lags[k] = clock.now() - (t0 + (k + 1) * chunkMs);
        const buffered = ws.bufferedAmount;
        if (buffered > 0) result.sendsBuffered++;
        if (buffered > result.maxBufferedBytes) result.maxBufferedBytes = buffered;
        result.framesSent++;
        k++;
        if (k >= total) {
          clearInterval(interval!);
          ws.close(1000, 'done');
        }
      }, chunkMs);
    });
    ws.on('error', (err) => {
      result.error ??= err.message;
    });
    ws.on('close', () => {
      if (interval) clearInterval(interval);
      result.endT = clock.now();
      if (k < total) result.error ??= `closed after ${k}/${total} chunks (${received} frames received)`;
      result.lagsMs = lags.subarray(0, k);
      resolve(result);
    });
  });
}
