/**
 * Loads the WebRTC stack (`@roamhq/wrtc`: libwebrtc, the browsers' own stack, prebuilt for Linux,
 * macOS and Windows). It is an optional dependency: rtbench without it runs everything over
 * WebSocket, and asking for WebRTC says how to get it.
 */
import { createRequire } from 'node:module';
import { TransportError } from './transport.js';
import { exitWithoutNativeTeardown } from './webrtc-exit.js';

/** The subset of the libwebrtc bindings rtbench uses (W3C API + the nonstandard PCM source/sink). */
export interface WrtcModule {
  RTCPeerConnection: new (config?: Record<string, unknown>) => RtcPeer;
  nonstandard: {
    RTCAudioSource: new () => RtcAudioSource;
    RTCAudioSink: new (track: unknown) => RtcAudioSink;
  };
}

/** 10 ms of PCM16, as the nonstandard source/sink exchange it. */
export interface RtcAudioData {
  samples: Int16Array;
  sampleRate: number;
  bitsPerSample?: number;
  channelCount?: number;
  numberOfFrames?: number;
}

export interface RtcAudioSource {
  createTrack(): RtcTrack;
  onData(data: RtcAudioData): void;
}

export interface RtcAudioSink {
  ondata: ((data: RtcAudioData) => void) | null;
  stop(): void;
}

export interface RtcTrack {
  kind: string;
  stop(): void;
}

export interface RtcDataChannel {
  readonly label: string;
  readonly readyState: 'connecting' | 'open' | 'closing' | 'closed';
  readonly bufferedAmount: number;
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  onmessage: ((e: { data: string | ArrayBuffer }) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface RtcSessionDescription {
  type: 'offer' | 'answer';
  sdp: string;
}

export interface RtcPeer {
  readonly iceConnectionState: string;
  readonly iceGatheringState: string;
  readonly connectionState: string;
  readonly localDescription: RtcSessionDescription | null;
  onicecandidate: ((e: { candidate: { candidate: string } | null }) => void) | null;
  oniceconnectionstatechange: (() => void) | null;
  onconnectionstatechange: (() => void) | null;
  ondatachannel: ((e: { channel: RtcDataChannel }) => void) | null;
  ontrack: ((e: { track: RtcTrack }) => void) | null;
  addTrack(track: RtcTrack): unknown;
  createDataChannel(label: string, init?: Record<string, unknown>): RtcDataChannel;
  createOffer(): Promise<RtcSessionDescription>;
  createAnswer(): Promise<RtcSessionDescription>;
  setLocalDescription(d: RtcSessionDescription): Promise<void>;
  setRemoteDescription(d: RtcSessionDescription): Promise<void>;
  getStats(): Promise<{ forEach(fn: (r: Record<string, unknown>) => void): void }>;
  close(): void;
}

/** How to get WebRTC when the optional dependency is missing. */
export const WEBRTC_INSTALL_HINT =
  'WebRTC needs the optional dependency @roamhq/wrtc (libwebrtc, prebuilt for linux/macOS/windows x64 and arm64): run `npm install @roamhq/wrtc` next to rtbench, or use --transport ws';

let cached: WrtcModule | null | undefined;

/** True when the WebRTC stack can be loaded on this machine. */
export function webrtcAvailable(): boolean {
  return tryLoad() !== null;
}

/**
 * The libwebrtc bindings.
 * @throws {TransportError} code `WEBRTC_UNAVAILABLE` with the install hint when they are missing
 */
export function loadWrtc(): WrtcModule {
  const mod = tryLoad();
  if (!mod) throw new TransportError('WEBRTC_UNAVAILABLE', WEBRTC_INSTALL_HINT);
  return mod;
}

function tryLoad(): WrtcModule | null {
  if (cached !== undefined) return cached;
  try {
    const require = createRequire(import.meta.url);
    cached = require('@roamhq/wrtc') as WrtcModule;
    // Its wrappers must not be finalized by Node's teardown at exit (webrtc-exit.ts).
    exitWithoutNativeTeardown();
  } catch {
    cached = null;
  }
  return cached;
}
