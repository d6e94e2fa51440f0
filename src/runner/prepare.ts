import {
  AudioFormatError,
  chunkAudio,
  chunkBytes,
  concatPcm,
  encodeAlaw,
  encodeMulaw,
  loadAudio,
  mixNoise,
  resolveAnnotation,
  silence,
  toMonoPcm16,
  type AudioChunk,
} from '../audio/index.js';
import { sampleRateOf, type AudioFormat } from '../protocol/session.js';
import type { TurnPlan } from '../scenario/types.js';

/** A user turn ready to stream: wire-format chunks and its true speech, relative to the turn's start. */
export interface PreparedTurn {
  chunks: AudioChunk[];
  durationMs: number;
  /** True speech segments (ms from the turn's first chunk, leading silence included). */
  speech: Array<{ start_ms: number; end_ms: number }>;
  /** Where the truth came from: the fixture's annotation file, or detected now. */
  truth: 'annotation' | 'detected';
  transcript?: string;
}

const SESSION_RATE = 24000;

/**
 * Loads, pads, mixes and encodes a turn's audio for the session's input format, once, before the
 * session starts: the send path only concatenates precomputed base64.
 */
export async function prepareTurn(turn: TurnPlan, format: AudioFormat, chunkMs: number, seed: number): Promise<PreparedTurn> {
  const fixture = await loadAudio(turn.audio, { sampleRate: SESSION_RATE });
  // The sidecar when it still describes this audio; detected now otherwise (quick mode, stale sidecar).
  const { annotation, origin } = await resolveAnnotation(turn.audio);
  const speechInFixture = annotation.speech;
  if (speechInFixture.length === 0) throw noSpeech(turn.audio, origin === 'sidecar');
  let pcm = concatPcm(silence(turn.leading_silence_ms, SESSION_RATE), fixture.pcm, silence(turn.trailing_silence_ms, SESSION_RATE));
  if (turn.noise) {
    const noise = turn.noise.source === 'white' || turn.noise.source === 'pink' ? turn.noise.source : (await loadAudio(turn.noise.source, { sampleRate: SESSION_RATE })).pcm;
    pcm = mixNoise(pcm, noise, turn.noise.snr_db, seed);
  }
  const speech = speechInFixture.map((s) => ({ start_ms: s.start_ms + turn.leading_silence_ms, end_ms: s.end_ms + turn.leading_silence_ms }));
  const durationMs = (pcm.length / SESSION_RATE) * 1000;
  return {
    chunks: encodeChunks(pcm, format, chunkMs),
    durationMs,
    speech,
    truth: origin === 'sidecar' ? 'annotation' : 'detected',
    transcript: turn.transcript ?? annotation.transcript,
  };
}

/** PCM16 at 24 kHz → chunks in the wire format (G.711 resampled to 8 kHz first). */
export function encodeChunks(pcm: Int16Array, format: AudioFormat, chunkMs: number): AudioChunk[] {
  // Every chunk must hold exactly chunkMs of audio: the pacer sends one per period, and the wall
  // time of an audio position is derived from that.
  pcm = padTo(pcm, (SESSION_RATE / 1000) * chunkMs);
  if (format === 'pcm16') return chunkAudio(pcm, SESSION_RATE, chunkMs);
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
  const bytes = format === 'g711_ulaw' ? encodeMulaw(narrow) : encodeAlaw(narrow);
  return chunkBytes(bytes, rate / 1000, chunkMs);
}

function padTo(pcm: Int16Array, multiple: number): Int16Array {
  const rem = pcm.length % multiple;
  if (rem === 0) return pcm;
  const out = new Int16Array(pcm.length + multiple - rem);
  out.set(pcm);
  return out;
}

/** A speech fixture without speech: no turn could end, so the run is refused before it starts. */
export function noSpeech(file: string, fromSidecar: boolean): AudioFormatError {
  return new AudioFormatError('AUDIO_NO_SPEECH', file, fromSidecar ? 'no speech in its annotation (speech: [])' : 'no speech detected in the audio');
}
