/**
 * Per-session WebRTC facts from a trace (pure): call setup timings and media stats that the WebRTC
 * transport recorded as `rtbench.webrtc.setup` / `rtbench.webrtc.stats` events, and the playout
 * delay: arrival of the first answer audio (after the jitter buffer) − arrival of the server's
 * `output_audio_buffer.started` for the same response (an answer's leading silence included: it is
 * played, and the first audio reported is the first sound).
 */
import type { TraceRecord } from './trace.js';

/** Setup fields copied as `webrtc_<name>` facts. */
const SETUP_FIELDS = ['setup_ms', 'secret_ms', 'signaling_ms', 'ice_ms', 'dtls_ms'] as const;
/** Stats fields copied as `webrtc_<name>` facts (the last reading: totals at the end of the call). */
const STATS_FIELDS = ['packets_received', 'packets_lost', 'jitter_ms', 'jitter_buffer_delay_ms', 'concealed_ms', 'packets_sent', 'round_trip_ms'] as const;

export type WebRtcFacts = Record<string, number | string | null>;

/** The facts of a WebRTC session's trace, or an empty object for other transports. */
export function webrtcFacts(trace: readonly TraceRecord[]): WebRtcFacts {
  let setup: Record<string, unknown> | null = null;
  let stats: Record<string, unknown> | null = null;
  const startedAt = new Map<string, number>();
  const firstAudioAt = new Map<string, number>();
  for (const r of trace) {
    if (r.k !== 'recv') continue;
    if (r.type === 'rtbench.webrtc.setup') setup = r.event;
    else if (r.type === 'rtbench.webrtc.stats') stats = r.event;
    else if (r.type === 'output_audio_buffer.started' && typeof r.event.response_id === 'string' && !startedAt.has(r.event.response_id))
      startedAt.set(r.event.response_id, r.t);
    else if (
      r.type === 'response.output_audio.delta' &&
      r.event.rtp === true &&
      typeof r.event.response_id === 'string' &&
      !firstAudioAt.has(r.event.response_id)
    ) {
      firstAudioAt.set(r.event.response_id, r.t);
    }
  }
  if (!setup) return {};
  const facts: WebRtcFacts = { transport: 'webrtc' };
  if (typeof setup.call_id === 'string') facts.webrtc_call_id = setup.call_id;
  for (const k of SETUP_FIELDS) facts[`webrtc_${k}`] = num(setup[k]);
  for (const k of STATS_FIELDS) facts[`webrtc_${k}`] = stats ? num(stats[k]) : null;
  const delays = [...firstAudioAt].flatMap(([id, t]) => (startedAt.has(id) ? [t - startedAt.get(id)!] : []));
  facts.webrtc_playout_delay_ms = delays.length ? Math.round((delays.reduce((a, b) => a + b, 0) / delays.length) * 100) / 100 : null;
  return facts;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
