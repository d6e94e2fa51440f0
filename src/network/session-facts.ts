/**
 * A networked session's link facts, added to each of its samples: the probes' round trip and loss
 * and the client namespace's TCP retransmissions during the session, and whether the uplink could
 * carry the session's audio in real time. When it could not, the audio reached the server later
 * and later behind the microphone, so a latency measured from the user's end of speech would be
 * the backlog, not the service: those samples carry no `_ms` latency and fail with the reason.
 */
import type { SessionResult } from '../runner/run.js';
import type { LinkFacts } from './probe.js';

/** The span of a session on the run's clock: its first and last trace record. */
export function sessionSpan(result: SessionResult): { startT: number; endT: number } {
  let startT = Infinity;
  let endT = -Infinity;
  for (const r of result.trace) {
    startT = Math.min(startT, r.t);
    endT = Math.max(endT, r.t);
  }
  return Number.isFinite(startT) ? { startT, endT } : { startT: 0, endT: 0 };
}

/** Wire bytes of one `input_audio_buffer.append` frame around its base64 payload (JSON, WebSocket header). */
const WS_APPEND_OVERHEAD_BYTES = 56;
/** TCP/IP headers per full-size segment and that segment's payload (1500-byte MTU, timestamps on). */
const TCP_IP_HEADER_BYTES = 52;
const TCP_SEGMENT_PAYLOAD_BYTES = 1448;
/**
 * Upper bound of an Opus voice stream with its RTP/SRTP/UDP/IP headers (50 packets/s): a WebRTC
 * uplink needs this much. libwebrtc's default for voice is 32 kbit/s of payload.
 */
export const WEBRTC_AUDIO_WIRE_KBIT = 64;

/** Uplink kbit/s a WebSocket session needs to send `pcmBytes` of audio every `chunkMs`. */
export function wsAudioWireKbit(pcmBytes: number, chunkMs: number): number {
  const frame = Math.ceil(pcmBytes / 3) * 4 + WS_APPEND_OVERHEAD_BYTES;
  const wire = frame + Math.ceil(frame / TCP_SEGMENT_PAYLOAD_BYTES) * TCP_IP_HEADER_BYTES;
  return (wire * 8) / chunkMs;
}

/** The session's results with the link facts in every sample (see the module comment). */
export function linkFactsOf(result: SessionResult, link: LinkFacts, upKbit: number | null): SessionResult {
  const transport = result.plan.transport ?? 'ws';
  const chunk = result.trace.find((r) => r.k === 'chunk');
  const neededKbit =
    transport === 'webrtc'
      ? WEBRTC_AUDIO_WIRE_KBIT
      : chunk && chunk.k === 'chunk' && chunk.bytes > 0
        ? Math.round(wsAudioWireKbit(chunk.bytes, chunk.end_ms - chunk.pos_ms))
        : null;
  const realtime = upKbit === null || neededKbit === null ? true : neededKbit <= upKbit;
  const facts = {
    link_rtt_ms: link.link_rtt_ms,
    link_rtt_p95_ms: link.link_rtt_p95_ms,
    link_probe_loss_pct: link.link_probe_loss_pct,
    // Retransmissions exist only where TCP carries the session.
    ...(transport === 'ws' ? { tcp_retransmits: link.tcp_retransmits } : {}),
    link_uplink_needed_kbit: neededKbit,
    link_realtime: realtime,
  };
  const reason = realtime
    ? null
    : `the ${upKbit} kbit/s uplink cannot carry real-time audio over ${transport} (needs ≈ ${neededKbit} kbit/s): latency not reported`;
  return {
    ...result,
    samples: result.samples.map((s) => {
      const out = { ...s, facts: { ...(s.facts ?? {}), ...facts } };
      if (reason) {
        out.metrics = Object.fromEntries(Object.entries(s.metrics).map(([k, v]) => [k, k.endsWith('_ms') ? null : v]));
        out.ok = false;
        out.error = s.error ? `${s.error}; ${reason}` : reason;
      }
      return out;
    }),
  };
}
