/**
 * The harness's end of a WebRTC call as a {@link Transport}: the runner keeps speaking the realtime
 * event protocol, and this adapter maps it onto WebRTC the way a browser app does.
 *
 * - `input_audio_buffer.append` frames become microphone audio: PCM16 24 kHz 10 ms frames into
 *   libwebrtc (resampling, Opus, RTP, SRTP on its threads). Every other client event goes on the
 *   `oai-events` channel.
 * - Received audio (decoded by libwebrtc, after its jitter buffer) comes back as synthetic
 *   `response.output_audio.delta` frames (`audio_bytes`, `rtp: true`, no payload) — the first at
 *   once, then one per 40 ms — so the runner's player, trace and metrics work unchanged. A frame
 *   counts as the start of an answer when it rises above Opus's idle noise.
 * - Facts about the call arrive as synthetic `rtbench.webrtc.setup` and `rtbench.webrtc.stats`
 *   events, so they land in the trace like everything else.
 */
import type { Clock, TimerHandle } from '../clock/clock.js';
import { PLAYED_OUT_EVENT, type Transport, type TransportState } from './transport.js';
import type { RtcAudioData, RtcAudioSink, RtcAudioSource, RtcDataChannel, RtcPeer, RtcTrack } from './webrtc-lib.js';
import { MicFramer } from './webrtc-mic.js';
import { readMediaStats, type MediaStats } from './webrtc-peer.js';
import { peakOf } from './webrtc-pcm.js';
import { inSeparateTurns } from './webrtc-turns.js';

/** Peak above which received audio is the assistant speaking (Opus idle noise peaks at ≈ 10). */
export const AUDIO_ONSET_PEAK = 64;
/** Quiet this long while playing ends playback even without `output_audio_buffer.stopped`. */
const QUIET_END_MS = 2000;
/**
 * Received audio is reported in batches of this length (one synthetic delta per 40 ms instead of
 * per 10 ms frame: a quarter of the trace records and runner work).
 */
const BATCH_MS = 40;
/** Output PCM16 bytes per ms at 24 kHz. */
const OUT_BYTES_PER_MS = 48;

/** Setup timings of one call (ms). */
export interface WebRtcSetup {
  call_id: string | null;
  /** `POST /client_secrets` round trip, when an ephemeral key was minted. */
  secret_ms: number | null;
  /** `POST /calls` round trip (offer → answer). */
  signaling_ms: number;
  /** Answer applied → ICE connected. */
  ice_ms: number;
  /** ICE connected → DTLS done (peer connection `connected`). */
  dtls_ms: number;
  /** Start → `oai-events` open: the whole setup. */
  setup_ms: number;
}

export interface WebRtcParts {
  pc: RtcPeer;
  channel: RtcDataChannel;
  source: RtcAudioSource;
  micTrack: RtcTrack;
  remoteTrack: Promise<RtcTrack>;
  makeSink: (track: RtcTrack) => RtcAudioSink;
}

type PlayState = { kind: 'idle' } | { kind: 'playing'; quietMs: number; drain: boolean; pendingMs: number; leadMs: number };

export class WebRtcClientTransport implements Transport {
  private stateNow: TransportState = 'open';
  private messageHandler: ((data: string, binary: boolean) => void) | null = null;
  private closeHandler: ((code: number, reason: string) => void) | null = null;
  private early: string[] = [];
  private earlyClose: [number, string] | null = null;
  private readonly mic: MicFramer;
  private sink: RtcAudioSink | null = null;
  private play: PlayState = { kind: 'idle' };
  private responseId: string | null = null;
  /** The last announced response has stopped or been cleared and no new one is known yet. */
  private staleResponse = false;
  private itemId: string | null = null;
  private statsTimer: TimerHandle | null = null;
  private lastStats: MediaStats | null = null;

  constructor(
    private readonly parts: WebRtcParts,
    private readonly clock: Clock,
    setup: WebRtcSetup,
    private readonly statsIntervalMs = 0,
  ) {
    this.mic = new MicFramer((frame) => parts.source.onData(frame));
    this.deliver(JSON.stringify({ type: 'rtbench.webrtc.setup', ...setup }));
    parts.channel.onmessage = (e) => this.onChannelMessage(typeof e.data === 'string' ? e.data : Buffer.from(e.data).toString());
    parts.channel.onclose = () => this.remoteClosed(1000, 'data channel closed by the server');
    parts.pc.onconnectionstatechange = () => {
      const s = parts.pc.connectionState;
      if (s === 'failed' || s === 'disconnected') this.remoteClosed(1006, `peer connection ${s}`);
    };
    void parts.remoteTrack.then((track) => {
      // A sink made while closing would outlive the teardown that stops it.
      if (this.stateNow !== 'open') return;
      this.sink = parts.makeSink(track);
      this.sink.ondata = (d) => this.onAudio(d);
    });
    if (statsIntervalMs > 0) this.armStats();
  }

  get state(): TransportState {
    return this.stateNow;
  }

  /**
   * Always 0: the audio does not queue here (libwebrtc paces RTP itself), and reading the data
   * channel's buffer is a blocking call into libwebrtc's network thread that the runner would make
   * for every chunk (profiled: the largest cost of a WebRTC session on the event loop).
   */
  get bufferedAmount(): number {
    return 0;
  }

  send(frame: string): void {
    if (this.stateNow !== 'open') return;
    if (frame.startsWith('{"type":"input_audio_buffer.append"')) {
      const audio = audioOf(frame);
      if (audio !== undefined) this.speak(audio);
      return;
    }
    if (this.parts.channel.readyState !== 'open') return;
    try {
      this.parts.channel.send(frame);
    } catch {
      // Closed under us: the channel's close event follows.
    }
  }

  close(code = 1000, reason = ''): void {
    if (this.stateNow === 'closing' || this.stateNow === 'closed') return;
    this.stateNow = 'closing';
    // The last stats hold the call's totals: read them before the peer goes away.
    // Closed means closed: the peer, its tracks and the sink are released before the close is reported.
    void readMediaStats(this.parts.pc, 500).then(async (stats) => {
      if (stats) this.deliver(JSON.stringify({ type: 'rtbench.webrtc.stats', final: true, ...stats }));
      await this.teardown();
      this.finish(code, reason);
    });
  }

  onMessage(handler: (data: string, binary: boolean) => void): void {
    this.messageHandler = handler;
    const early = this.early;
    this.early = [];
    for (const f of early) handler(f, false);
  }

  onClose(handler: (code: number, reason: string) => void): void {
    this.closeHandler = handler;
    if (this.earlyClose) handler(...this.earlyClose);
  }

  /** The latest media stats read (every `statsIntervalMs`; with 0, the default, none before close). */
  get stats(): MediaStats | null {
    return this.lastStats;
  }

  // ── microphone ───────────────────────────────────────────────────────────────────────────────

  private speak(base64: string): void {
    this.mic.write(base64);
  }

  // ── events and received audio ────────────────────────────────────────────────────────────────

  private onChannelMessage(text: string): void {
    const type = /^\s*\{\s*"type"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? typeTolerant(text);
    // Over WebRTC the answer's audio is the RTP stream; a delta on the channel would count twice.
    if (type === 'response.output_audio.delta' || type === 'response.audio.delta') return;
    if (type === 'response.content_part.added' || type === 'response.output_item.added' || type === 'output_audio_buffer.started') this.track(text);
    const stopped = type === 'output_audio_buffer.stopped' || type === 'output_audio_buffer.cleared';
    if (stopped) {
      if (this.play.kind === 'playing') this.play.drain = true;
      // That answer is over: audio that starts before the next one is announced on the channel
      // (RTP can overtake it under load) must not be counted as the old answer's.
      this.staleResponse = true;
    }
    this.deliver(text);
    // Nothing of it is still playing here: it has been heard (or there was nothing to hear).
    if (stopped && this.play.kind === 'idle') this.playedOut();
  }

  /** The answer's audio has played out of the track (after the server's buffer stopped). */
  private playedOut(): void {
    this.deliver(`{"type":"${PLAYED_OUT_EVENT}","response_id":${JSON.stringify(this.responseId)}}`);
  }

  /** Remembers which response and item the audio now arriving belongs to. */
  private track(text: string): void {
    try {
      const e = JSON.parse(text) as { response_id?: unknown; item_id?: unknown; item?: { id?: unknown; type?: unknown } };
      if (typeof e.response_id === 'string') {
        if (e.response_id !== this.responseId) this.staleResponse = false;
        this.responseId = e.response_id;
      }
      if (typeof e.item_id === 'string') this.itemId = e.item_id;
      else if (e.item && e.item.type === 'message' && typeof e.item.id === 'string') this.itemId = e.item.id;
    } catch {
      /* the runner records the malformed frame */
    }
  }

  private onAudio(d: RtcAudioData): void {
    if (this.stateNow !== 'open') return;
    const loud = peakOf(d.samples) >= AUDIO_ONSET_PEAK;
    const frameMs = ((d.numberOfFrames ?? d.samples.length / (d.channelCount ?? 1)) * 1000) / d.sampleRate;
    if (this.play.kind === 'idle') {
      if (!loud) return;
      // The first sound is reported at once (it is the first-audio time), with a lead so the
      // runner's player never runs dry between batches; the lead is paid back at the end.
      this.play = { kind: 'playing', quietMs: 0, drain: false, pendingMs: 0, leadMs: BATCH_MS };
      this.audioDelta(frameMs + BATCH_MS);
      return;
    }
    const play = this.play;
    if (loud) play.quietMs = 0;
    else {
      play.quietMs += frameMs;
      if (play.drain || play.quietMs >= QUIET_END_MS) {
        if (play.pendingMs - play.leadMs > 0) this.audioDelta(play.pendingMs - play.leadMs);
        this.play = { kind: 'idle' };
        if (play.drain) this.playedOut();
        return;
      }
    }
    play.pendingMs += frameMs;
    if (play.pendingMs >= BATCH_MS) {
      this.audioDelta(play.pendingMs);
      play.pendingMs = 0;
    }
  }

  /** A synthetic delta for `ms` of received answer audio (PCM16 24 kHz bytes, no payload). */
  private audioDelta(ms: number): void {
    const bytes = Math.round(ms * OUT_BYTES_PER_MS);
    this.deliver(
      `{"type":"response.output_audio.delta","response_id":${JSON.stringify(this.staleResponse ? 'unknown' : (this.responseId ?? 'unknown'))},"item_id":${JSON.stringify(this.itemId ?? 'unknown')},"output_index":0,"content_index":0,"delta":"","audio_bytes":${bytes},"rtp":true}`,
    );
  }

  // ── stats and lifecycle ──────────────────────────────────────────────────────────────────────

  private armStats(): void {
    this.statsTimer = this.clock.setTimer(this.clock.now() + this.statsIntervalMs, () => {
      if (this.stateNow !== 'open') return;
      void readMediaStats(this.parts.pc, this.statsIntervalMs).then((s) => {
        if (s) this.lastStats = s;
        if (this.stateNow === 'open') this.armStats();
      });
    });
  }

  private deliver(frame: string): void {
    if (this.messageHandler) this.messageHandler(frame, false);
    else this.early.push(frame);
  }

  private remoteClosed(code: number, reason: string): void {
    if (this.stateNow === 'closing' || this.stateNow === 'closed') return;
    this.stateNow = 'closing';
    void this.teardown();
    this.finish(code, reason);
  }

  private teardown(): Promise<void> {
    if (this.statsTimer) this.clock.clearTimer(this.statsTimer);
    this.statsTimer = null;
    const { pc, channel, micTrack } = this.parts;
    channel.onmessage = null;
    channel.onclose = null;
    pc.onconnectionstatechange = null;
    // Each call blocks the event loop (pc.close() alone 4–6 ms): one per turn, so other sessions'
    // due chunks go out between them.
    const sink = this.sink;
    return inSeparateTurns([() => sink?.stop(), () => micTrack.stop(), () => channel.close(), () => pc.close()]);
  }

  private finish(code: number, reason: string): void {
    if (this.stateNow === 'closed') return;
    this.stateNow = 'closed';
    if (this.closeHandler) this.closeHandler(code, reason);
    else this.earlyClose = [code, reason];
  }
}

/** The base64 `audio` of an append frame, found without a regex over the whole frame. */
function audioOf(frame: string): string | undefined {
  const key = frame.indexOf('"audio":"');
  if (key < 0) return undefined;
  const start = key + 9;
  const end = frame.indexOf('"', start);
  return end < 0 ? undefined : frame.slice(start, end);
}

function typeTolerant(text: string): string | undefined {
  const m = /"type"\s*:\s*"([^"]+)"/.exec(text.slice(0, 200));
  return m?.[1];
}
