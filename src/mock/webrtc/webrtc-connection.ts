/**
 * The mock's end of one WebRTC call, as the {@link MockConnection} a {@link MockSession} runs on —
 * so WebRTC sessions use the very same engine (VAD, conversation, responses, faults) as WebSocket
 * ones. The adapter does what OpenAI's media edge does around that engine:
 *
 * - the caller's audio (Opus, decoded by libwebrtc to 48 kHz) becomes 24 kHz PCM16 fed to the
 *   session as `input_audio_buffer.append`, exactly as a WebSocket client would send it. The input
 *   timeline starts at the first decoded sample (before any packet libwebrtc outputs exact zeros);
 * - the answer's audio deltas do not go on the data channel: they fill an output buffer played out
 *   in real time, 10 ms frames (24 kHz, as made) on the shared {@link FrameTicker}, silence included:
 *   the answer is the same audio with the same timing as over WebSocket (Opus DTX may send no
 *   packets for silence, but the receiver still spends its time: RTP timestamps advance), with
 *   `output_audio_buffer.started` / `.stopped` / `.cleared` on the channel;
 * - barge-in (`speech_started` while playing, unless `interrupt_response` is false), a cancelled
 *   response and the client's `output_audio_buffer.clear` empty the buffer.
 */
import type { RtcAudioData, RtcAudioSink, RtcAudioSource, RtcDataChannel, RtcPeer, RtcTrack } from '../../transport/webrtc-lib.js';
import { API_SAMPLE_RATE, downsample48to24, FrameQueue, isDigitalSilence, pcmFromBase64, pcmToBase64, RTC_FRAME_MS } from '../../transport/webrtc-pcm.js';
import type { TransportState } from '../../transport/transport.js';
import type { MockConnection } from '../types.js';
import type { FrameTicker } from './webrtc-ticker.js';
import { InputClock } from './input-clock.js';

type Output = { kind: 'idle' } | { kind: 'playing'; responseId: string | null; done: boolean };

export interface WebRtcCallParts {
  callId: string;
  pc: RtcPeer;
  channel: RtcDataChannel;
  source: RtcAudioSource;
  outTrack: RtcTrack;
  remoteTrack: RtcTrack;
  makeSink: (track: RtcTrack) => RtcAudioSink;
  ticker: FrameTicker;
  onEnded: () => void;
}

/** The answer is pushed as it was made, PCM16 24 kHz: libwebrtc resamples for Opus on its encoder thread. */
const SILENCE = new Int16Array((API_SAMPLE_RATE / 1000) * RTC_FRAME_MS);
/** Silence frames sent after an answer stops or is cleared (100 ms). */
const TAIL_FRAMES = 10;
const DELTA_TYPES = new Set(['response.output_audio.delta', 'response.audio.delta']);

export class WebRtcServerConnection implements MockConnection {
  private stateNow: TransportState = 'open';
  private messageHandler: ((data: string, binary: boolean) => void) | null = null;
  private closeHandler: ((code: number, reason: string) => void) | null = null;
  private readonly sink: RtcAudioSink;
  private readonly out = new FrameQueue(API_SAMPLE_RATE);
  private output: Output = { kind: 'idle' };
  /** Response whose audio is being buffered (set by its first delta). */
  private bufferingFor: string | null = null;
  private readonly doneResponses = new Set<string>();
  private inputStarted = false;
  private heldMic: Int16Array | null = null;
  private tailFrames = 0;
  private interruptResponse = true;
  private readonly inputClock: InputClock;
  private eventSeq = 0;

  constructor(private readonly parts: WebRtcCallParts) {
    this.inputClock = new InputClock(parts.pc);
    this.sink = parts.makeSink(parts.remoteTrack);
    this.sink.ondata = (d) => this.onMicAudio(d);
    parts.channel.onmessage = (e) => this.onClientEvent(typeof e.data === 'string' ? e.data : Buffer.from(e.data).toString());
    parts.channel.onclose = () => this.ended(1000, 'data channel closed by the client');
    parts.pc.onconnectionstatechange = () => {
      const s = parts.pc.connectionState;
      if (s === 'failed' || s === 'closed') this.ended(1006, `peer connection ${s}`);
    };
    parts.ticker.add(this);
  }

  get state(): TransportState {
    return this.stateNow;
  }

  /** 0: reading the channel's buffer blocks on libwebrtc's network thread (see the client side). */
  get bufferedAmount(): number {
    return 0;
  }

  /** Server events from the session. */
  send(frame: string): void {
    if (this.stateNow !== 'open') return;
    const type = /^\{"type":"([^"]+)"/.exec(frame)?.[1];
    if (type && DELTA_TYPES.has(type)) return this.bufferAudio(frame);
    this.channelSend(frame);
    switch (type) {
      case 'session.created':
      case 'session.updated':
        this.readSession(frame);
        break;
      case 'input_audio_buffer.speech_started':
        if (this.interruptResponse) this.clearOutput();
        break;
      case 'response.done':
        this.onResponseDone(frame);
        break;
    }
  }

  close(code = 1000, reason = ''): void {
    if (this.stateNow !== 'open') return;
    this.stateNow = 'closing';
    // Let the channel's last frames (an error, session end) leave before the peer goes away. Not
    // unref'd: the server's close waits for this call to end, so the process must too.
    this.parts.channel.close();
    setTimeout(() => this.ended(code, reason), 100);
  }

  /** The `drop` fault: the call vanishes without closing the channel. */
  terminate(): void {
    this.ended(1006, 'terminated');
  }

  onMessage(handler: (data: string, binary: boolean) => void): void {
    this.messageHandler = handler;
  }

  onClose(handler: (code: number, reason: string) => void): void {
    this.closeHandler = handler;
  }

  /** One 10 ms tick of the output stream: the next frame of the answer, if one is playing. */
  tick(): void {
    if (this.stateNow !== 'open') return;
    this.inputClock.tick();
    let frame: Int16Array | null = null;
    if (this.output.kind === 'playing') {
      frame = this.output.done ? this.out.shiftPadded() : this.out.shift();
      if (!frame && this.output.done) {
        this.emit({ type: 'output_audio_buffer.stopped', response_id: this.output.responseId });
        this.output = { kind: 'idle' };
        this.tailFrames = TAIL_FRAMES;
      }
    } else if (this.out.length > 0 && this.bufferingFor !== null) {
      this.output = { kind: 'playing', responseId: this.bufferingFor, done: this.doneResponses.has(this.bufferingFor) };
      this.emit({ type: 'output_audio_buffer.started', response_id: this.bufferingFor });
      frame = this.output.done ? this.out.shiftPadded() : this.out.shift();
    }
    // Nothing to say, nothing sent (as with Opus DTX): an idle call costs no encoding. After an
    // answer stops or is cleared, a short tail of silence lets the caller's jitter buffer end on
    // silence instead of concealing (fading out the last sound for ≈ 400 ms).
    if (!frame && this.tailFrames > 0) {
      this.tailFrames--;
      frame = SILENCE;
    }
    if (frame) this.parts.source.onData({ samples: frame, sampleRate: API_SAMPLE_RATE, channelCount: 1 });
  }

  // ── output audio ─────────────────────────────────────────────────────────────────────────────

  private bufferAudio(frame: string): void {
    let e: { response_id?: unknown; delta?: unknown };
    try {
      e = JSON.parse(frame) as typeof e;
    } catch {
      return;
    }
    if (typeof e.delta !== 'string') return;
    const responseId = typeof e.response_id === 'string' ? e.response_id : null;
    if (responseId !== this.bufferingFor) {
      // A new answer: whatever is left of an earlier one was already cleared or played.
      this.bufferingFor = responseId;
    }
    this.out.push(pcmFromBase64(e.delta));
  }

  private onResponseDone(frame: string): void {
    let e: { response?: { id?: unknown; status?: unknown } };
    try {
      e = JSON.parse(frame) as typeof e;
    } catch {
      return;
    }
    const id = typeof e.response?.id === 'string' ? e.response.id : null;
    if (!id) return;
    if (e.response?.status === 'cancelled') {
      if (this.output.kind === 'playing' && this.output.responseId === id) this.clearOutput();
      else if (this.bufferingFor === id) this.out.clear();
      return;
    }
    this.doneResponses.add(id);
    if (this.output.kind === 'playing' && this.output.responseId === id) this.output.done = true;
  }

  /** Empties the output buffer; `output_audio_buffer.cleared` when something was playing. */
  private clearOutput(): boolean {
    const playing = this.output.kind === 'playing' ? this.output : null;
    this.out.clear();
    this.output = { kind: 'idle' };
    if (playing) {
      this.bufferingFor = null;
      this.tailFrames = TAIL_FRAMES;
      this.emit({ type: 'output_audio_buffer.cleared', response_id: playing.responseId });
    }
    return playing !== null;
  }

  // ── input audio and client events ────────────────────────────────────────────────────────────

  private onMicAudio(d: RtcAudioData): void {
    if (this.stateNow !== 'open' || !this.messageHandler) return;
    if (!this.inputStarted) {
      if (isDigitalSilence(d.samples)) return;
      this.inputStarted = true;
      this.inputClock.start();
    }
    // Two 10 ms frames per append: the engine's work per second halves, and 20 ms is what
    // WebSocket clients send.
    // The jitter buffer's invented audio is taken back out: the timeline is the caller's samples.
    const pcm = this.inputClock.correct(downsample48to24(d.samples, d.channelCount ?? 1));
    if (pcm.length === 0) return;
    if (!this.heldMic) {
      this.heldMic = pcm;
      return;
    }
    const both = new Int16Array(this.heldMic.length + pcm.length);
    both.set(this.heldMic);
    both.set(pcm, this.heldMic.length);
    this.heldMic = null;
    this.messageHandler(`{"type":"input_audio_buffer.append","audio":"${pcmToBase64(both)}"}`, false);
  }

  private onClientEvent(text: string): void {
    if (this.stateNow !== 'open' || !this.messageHandler) return;
    if (/^\s*\{\s*"type"\s*:\s*"output_audio_buffer\.clear"/.test(text)) {
      // WebRTC-only event, handled here where the buffer lives.
      if (!this.clearOutput()) this.emit({ type: 'output_audio_buffer.cleared', response_id: null });
      return;
    }
    this.messageHandler(text, false);
  }

  private readSession(frame: string): void {
    try {
      const e = JSON.parse(frame) as { session?: { audio?: { input?: { turn_detection?: unknown } }; turn_detection?: unknown } };
      const td = (e.session?.audio?.input?.turn_detection ?? e.session?.turn_detection) as { interrupt_response?: unknown } | null | undefined;
      this.interruptResponse = Boolean(td) && td?.interrupt_response !== false;
    } catch {
      /* the session's own frames are well-formed */
    }
  }

  private emit(event: Record<string, unknown>): void {
    this.channelSend(JSON.stringify({ ...event, event_id: `event_rtc${this.parts.callId.slice(-6)}${++this.eventSeq}` }));
  }

  private channelSend(frame: string): void {
    if (this.parts.channel.readyState !== 'open') return;
    try {
      this.parts.channel.send(frame);
    } catch {
      // The channel closed under us (the client hung up): the close event follows.
    }
  }

  private ended(code: number, reason: string): void {
    if (this.stateNow === 'closed') return;
    this.stateNow = 'closed';
    this.parts.ticker.remove(this);
    this.parts.channel.onmessage = null;
    this.parts.channel.onclose = null;
    this.parts.pc.onconnectionstatechange = null;
    try {
      this.sink.stop();
      this.parts.outTrack.stop();
      this.parts.pc.close();
    } catch {
      /* already closed */
    }
    this.parts.onEnded();
    this.closeHandler?.(code, reason);
  }
}
