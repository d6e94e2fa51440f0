import { AudioFormatError, concatPcm, encodeAlaw, encodeMulaw, loadAudio, mixNoise, resolveAnnotation, silence, toMonoPcm16 } from '../audio/index.js';
import { bytesPerMsOf, sampleRateOf, type AudioFormat } from '../protocol/session.js';
import type { TurnPlan } from '../scenario/types.js';

/**
 * A user turn ready to stream, in the session's wire format: its audio (leading silence + fixture)
 * and, separately, the trailing silence the microphone keeps capturing after it (with the turn's
 * background noise, if any). They are separate so that the microphone can leave the tail at any
 * instant: a barge-in never waits for the previous turn's trailing silence.
 */
export interface PreparedTurn {
  /** Wire bytes of leading silence + fixture. */
  audio: Uint8Array;
  /** Wire bytes of the trailing silence (noise-mixed when the turn has noise). */
  tail: Uint8Array;
  /** Wire bytes per ms of audio (48 for PCM16 24 kHz, 8 for G.711). */
  bytesPerMs: number;
  /** Length of `audio` + `tail` (ms). */
  durationMs: number;
  /** True speech segments (ms from the turn's first byte, leading silence included). */
  speech: Array<{ start_ms: number; end_ms: number }>;
  /** Where the truth came from: the fixture's annotation file, or detected now. */
  truth: 'annotation' | 'detected';
  transcript?: string;
}

const SESSION_RATE = 24000;

/**
 * Loads, pads, mixes and encodes a turn's audio for the session's input format, once, before the
 * session starts: the send path only slices precomputed bytes.
 */
export async function prepareTurn(turn: TurnPlan, format: AudioFormat, _chunkMs: number, seed: number): Promise<PreparedTurn> {
  const fixture = await loadAudio(turn.audio, { sampleRate: SESSION_RATE });
  // The sidecar when it still describes this audio; detected now otherwise (quick mode, stale sidecar).
  const { annotation, origin } = await resolveAnnotation(turn.audio);
  const speechInFixture = annotation.speech;
  if (speechInFixture.length === 0) throw noSpeech(turn.audio, origin === 'sidecar');
  const head = concatPcm(silence(turn.leading_silence_ms, SESSION_RATE), fixture.pcm);
  let pcm = concatPcm(head, silence(turn.trailing_silence_ms, SESSION_RATE));
  if (turn.noise) {
    const noise =
      turn.noise.source === 'white' || turn.noise.source === 'pink'
        ? turn.noise.source
        : (await loadAudio(turn.noise.source, { sampleRate: SESSION_RATE })).pcm;
    pcm = mixNoise(pcm, noise, turn.noise.snr_db, seed);
  }
  const speech = speechInFixture.map((s) => ({ start_ms: s.start_ms + turn.leading_silence_ms, end_ms: s.end_ms + turn.leading_silence_ms }));
  const wire = encodeWire(pcm, format);
  const bytesPerMs = bytesPerMsOf(format);
  const split = Math.round(((head.length / SESSION_RATE) * 1000 * bytesPerMs) / sampleBytes(format)) * sampleBytes(format);
  return {
    audio: wire.subarray(0, split),
    tail: wire.subarray(split),
    bytesPerMs,
    durationMs: (pcm.length / SESSION_RATE) * 1000,
    speech,
    truth: origin === 'sidecar' ? 'annotation' : 'detected',
    transcript: turn.transcript ?? annotation.transcript,
  };
}

/** Bytes of one sample in the wire format. */
export function sampleBytes(format: AudioFormat): number {
  return format === 'pcm16' ? 2 : 1;
}

/** The byte value of digital silence in the wire format. */
export function silenceByte(format: AudioFormat): number {
  return format === 'g711_ulaw' ? 0xff : format === 'g711_alaw' ? 0xd5 : 0;
}

/** PCM16 at 24 kHz → wire bytes (G.711 resampled to 8 kHz first). */
export function encodeWire(pcm: Int16Array, format: AudioFormat): Uint8Array {
  if (format === 'pcm16') return new Uint8Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
  const rate = sampleRateOf(format);
  const floats = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) floats[i] = pcm[i] / 32768;
  let narrow = toMonoPcm16({ sampleRate: SESSION_RATE, channels: [floats] }, rate);
  const want = Math.round((pcm.length * rate) / SESSION_RATE);
  if (narrow.length !== want) {
    const fixed = new Int16Array(want);
    fixed.set(narrow.subarray(0, want));
    narrow = fixed;
  }
  return format === 'g711_ulaw' ? encodeMulaw(narrow) : encodeAlaw(narrow);
}

/** A speech fixture without speech: no turn could end, so the run is refused before it starts. */
export function noSpeech(file: string, fromSidecar: boolean): AudioFormatError {
  return new AudioFormatError('AUDIO_NO_SPEECH', file, fromSidecar ? 'no speech in its annotation (speech: [])' : 'no speech detected in the audio');
}
