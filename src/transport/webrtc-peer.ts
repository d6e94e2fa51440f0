/**
 * Small waits on an RTCPeerConnection shared by the harness's client and the mock's server side:
 * ICE gathering, connection states, the data channel opening, and reading media stats.
 */
import type { RtcDataChannel, RtcPeer } from './webrtc-lib.js';

/**
 * Resolves when ICE gathering is complete, or as soon as a candidate matching `enough` appears
 * (e.g. a loopback host candidate: on loopback that is all a peer needs), or after `timeoutMs`.
 */
export function gatherCandidates(pc: RtcPeer, timeoutMs: number, enough?: (candidate: string) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const timer = setTimeout(done, timeoutMs);
    function done(): void {
      clearTimeout(timer);
      pc.onicecandidate = null;
      resolve();
    }
    pc.onicecandidate = (e) => {
      if (!e.candidate || (enough && enough(e.candidate.candidate))) done();
    };
  });
}

/** A host candidate on 127.0.0.1 (or ::1). */
export function isLoopbackCandidate(candidate: string): boolean {
  return / (127\.0\.0\.1|::1) \d+ typ host/.test(candidate);
}

/** Resolves with true when `check()` holds (re-checked on every state change), false on `timeoutMs` or `failed`. */
export function untilState(pc: RtcPeer, which: 'ice' | 'connection', check: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (check()) return resolve(true);
    const key = which === 'ice' ? 'oniceconnectionstatechange' : 'onconnectionstatechange';
    const previous = pc[key];
    const timer = setTimeout(() => finish(false), timeoutMs);
    function finish(ok: boolean): void {
      clearTimeout(timer);
      pc[key] = previous;
      resolve(ok);
    }
    pc[key] = () => {
      previous?.();
      if (check()) finish(true);
      else if ((which === 'ice' ? pc.iceConnectionState : pc.connectionState) === 'failed' || pc.connectionState === 'closed') finish(false);
    };
  });
}

/** Resolves with true when the channel opens, false when it closes first or after `timeoutMs`. */
export function untilOpen(dc: RtcDataChannel, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (dc.readyState === 'open') return resolve(true);
    const timer = setTimeout(() => resolve(false), timeoutMs);
    dc.onopen = () => {
      clearTimeout(timer);
      resolve(true);
    };
    dc.onclose = () => {
      clearTimeout(timer);
      resolve(false);
    };
  });
}

/** Media facts of one peer, from getStats (null where the stack does not report them). */
export interface MediaStats {
  packets_received: number | null;
  packets_lost: number | null;
  /** Interarrival jitter of received audio (RFC 3550), ms. */
  jitter_ms: number | null;
  /** Mean time a received sample spent in the jitter buffer, ms. */
  jitter_buffer_delay_ms: number | null;
  /** Audio the jitter buffer had to invent (loss or late packets), ms. */
  concealed_ms: number | null;
  packets_sent: number | null;
  /** ICE round trip of the selected candidate pair, ms. */
  round_trip_ms: number | null;
}

/** Reads {@link MediaStats}; resolves null when getStats fails or takes longer than `timeoutMs`. */
export async function readMediaStats(pc: RtcPeer, timeoutMs = 1000): Promise<MediaStats | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const report = await Promise.race([pc.getStats(), new Promise<null>((r) => (timer = setTimeout(() => r(null), timeoutMs)))]);
    if (!report) return null;
    const out: MediaStats = {
      packets_received: null,
      packets_lost: null,
      jitter_ms: null,
      jitter_buffer_delay_ms: null,
      concealed_ms: null,
      packets_sent: null,
      round_trip_ms: null,
    };
    report.forEach((r) => {
      const num = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : null);
      if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        out.packets_received = num('packetsReceived');
        out.packets_lost = num('packetsLost');
        const jitter = num('jitter');
        out.jitter_ms = jitter === null ? null : round2(jitter * 1000);
        const delay = num('jitterBufferDelay');
        const emitted = num('jitterBufferEmittedCount');
        out.jitter_buffer_delay_ms = delay !== null && emitted ? round2((delay / emitted) * 1000) : null;
        const concealed = num('concealedSamples');
        out.concealed_ms = concealed === null ? null : round2(concealed / 48);
      } else if (r.type === 'outbound-rtp' && r.kind === 'audio') {
        out.packets_sent = num('packetsSent');
      } else if (r.type === 'candidate-pair' && r.nominated === true) {
        const rtt = num('currentRoundTripTime');
        if (rtt !== null) out.round_trip_ms = round2(rtt * 1000);
      }
    });
    return out;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
