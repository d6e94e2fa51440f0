/**
 * Text → a user turn with exact speech boundaries.
 *
 * The boundaries come from the synthesizer, not from a detector: Flite reports when every phone
 * ends, and its clustergen voices render those phones frame for frame. The audio is cut to the
 * span from the end of the leading pause to the end of the last phone, rounded to whole
 * milliseconds, and padded with digital silence. The speech therefore starts at exactly
 * `LEAD_MS` and lasts exactly the engine's span: true by construction. Internal pauses of at least
 * the annotator's merge gap split the speech into segments, as they would in a recording.
 */
import { DEFAULT_ANNOTATE_PARAMS, concatPcm, silence, type Segment } from '../audio/index.js';
import { SpeechSynthesisError } from './errors.js';
import { runFlite, type EngineLocation, type Phone } from './flite.js';
import { DEFAULT_RATE, DEFAULT_VOICE, MAX_RATE, MIN_RATE, VOICE_NAMES, isVoiceName, type VoiceName } from './voices.js';

/** Digital silence before the speech: a microphone is open before the user speaks. */
export const LEAD_MS = 300;
/** Digital silence after the speech (the scenario adds what its turn detection needs). */
export const TRAIL_MS = 300;
/** Fade at each cut (inside the speech), so cutting mid-waveform does not click. */
export const FADE_MS = 2;
/** Pauses at least this long split the speech into segments (the annotator's merge gap). */
export const SPLIT_PAUSE_MS = DEFAULT_ANNOTATE_PARAMS.mergeGapMs;
const SILENCE_PHONE = 'pau';

/** What to say, and how. */
export interface SayRequest {
  text: string;
  /** default {@link DEFAULT_VOICE} */
  voice?: VoiceName;
  /** default 1; between {@link MIN_RATE} and {@link MAX_RATE} */
  rate?: number;
}

/** A synthesized turn: the audio and its true speech segments (ms from the audio's start). */
export interface Synthesized {
  pcm: Int16Array;
  sampleRate: number;
  durationMs: number;
  speech: Segment[];
  voice: VoiceName;
  rate: number;
}

/**
 * Checks a request and fills in its defaults.
 * @throws SpeechSynthesisError `TTS_INVALID`
 */
export function normalizeRequest(req: SayRequest): Required<SayRequest> {
  const voice = req.voice ?? DEFAULT_VOICE;
  const rate = req.rate ?? DEFAULT_RATE;
  if (!isVoiceName(voice)) throw new SpeechSynthesisError('TTS_INVALID', `unknown voice "${voice}": use one of ${VOICE_NAMES.join(', ')}`);
  if (!(rate >= MIN_RATE && rate <= MAX_RATE)) throw new SpeechSynthesisError('TTS_INVALID', `rate ${rate} is out of range: use ${MIN_RATE} to ${MAX_RATE}`);
  if (req.text.trim() === '') throw new SpeechSynthesisError('TTS_INVALID', 'nothing to say: the text is empty');
  return { text: req.text, voice, rate };
}

/** The engine's speech spans (ms in its output): phones between pauses of at least `splitMs`. */
export function speechSpans(phones: readonly Phone[], splitMs: number): Segment[] {
  const spans: Segment[] = [];
  phones.forEach((p, i) => {
    const begin = i === 0 ? 0 : phones[i - 1].endMs;
    if (p.phone === SILENCE_PHONE) return;
    const last = spans[spans.length - 1];
    if (last && begin - last.end_ms < splitMs) last.end_ms = p.endMs;
    else spans.push({ start_ms: begin, end_ms: p.endMs });
  });
  return spans;
}

/**
 * Synthesizes `req` with the engine at `location`.
 * @throws SpeechSynthesisError `TTS_INVALID` (bad request, or text with no speakable words),
 *   `TTS_UNAVAILABLE` or `TTS_FAILED`
 */
export async function synthesize(location: EngineLocation, req: SayRequest): Promise<Synthesized> {
  const { text, voice, rate } = normalizeRequest(req);
  const out = await runFlite(location, text, voice, rate);
  const perMs = out.sampleRate / 1000;
  const engineMs = Math.floor(out.pcm.length / perMs);
  const spans = speechSpans(out.phones, SPLIT_PAUSE_MS).map((s) => ({ start_ms: s.start_ms, end_ms: Math.min(s.end_ms, engineMs) }));
  const usable = spans.filter((s) => s.end_ms > s.start_ms);
  if (usable.length === 0) throw new SpeechSynthesisError('TTS_INVALID', `nothing to say: "${text}" has no words the synthesizer can speak`);
  const fromMs = usable[0].start_ms;
  const toMs = usable[usable.length - 1].end_ms;
  const speechPcm = fadeEnds(out.pcm.slice(Math.round(fromMs * perMs), Math.round(toMs * perMs)), Math.round(FADE_MS * perMs));
  const pcm = concatPcm(silence(LEAD_MS, out.sampleRate), speechPcm, silence(TRAIL_MS, out.sampleRate));
  return {
    pcm,
    sampleRate: out.sampleRate,
    durationMs: LEAD_MS + (toMs - fromMs) + TRAIL_MS,
    speech: usable.map((s) => ({ start_ms: LEAD_MS + s.start_ms - fromMs, end_ms: LEAD_MS + s.end_ms - fromMs })),
    voice,
    rate,
  };
}

/** Raised-cosine fade-in and fade-out over `n` samples at each end (in place). */
function fadeEnds(pcm: Int16Array, n: number): Int16Array {
  const len = Math.min(n, Math.floor(pcm.length / 2));
  for (let i = 0; i < len; i++) {
    const gain = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / len);
    pcm[i] = Math.round(pcm[i] * gain);
    pcm[pcm.length - 1 - i] = Math.round(pcm[pcm.length - 1 - i] * gain);
  }
  return pcm;
}
