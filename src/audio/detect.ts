/**
 * Offline speech detection: finds the true speech segments of a recording (the ground truth that
 * metrics compare the service's VAD against).
 *
 * Energy based, adaptive to the recording's noise floor, with hysteresis. Thresholds are in dBFS
 * over 10 ms frames of the high-passed signal:
 * 1. high-pass at `highPassHz` (200 Hz): rumble and the slow swings of pink/room noise carry energy
 *    but no speech; removing them cuts the frame-to-frame spread of room noise from ≈ 9 to ≈ 4 dB;
 * 2. `floor` = the `floorPercentile`-th percentile of frame levels (at most `maxFloorDbfs`), and
 *    `spread` = the 10–90 % range of the frames within ±6 dB of the floor (how much noise flickers);
 * 3. strong seeds: runs of frames above `high = max(absoluteFloorDbfs, floor + marginDb)`;
 *    weak seeds: runs above `weak = floor + max(weakDb, 2·spread)`;
 * 4. every seed run is extended outward over frames above
 *    `low = max(silenceFloorDbfs, floor + max(extendDb, extendSpreadFactor·spread))`, stepping
 *    over dips of up to `bridgeMs` (weak onsets and decays belong to the word);
 * 5. runs less than `mergeGapMs` apart are merged (pauses inside a sentence); a group is speech
 *    only if it contains a strong seed, so weak seeds can only lengthen speech (a word-final
 *    "ft" a few dB above the noise), never create it; groups shorter than `minSegmentMs` are
 *    dropped (clicks, breaths);
 * 6. over (near) digital silence (floor below `refineBelowDbfs`), each boundary is refined to
 *    `refineMs` sub-frames: the first/last sub-frame above `low` from one frame outside to three
 *    frames inside the frame boundary. This step reads the unfiltered signal: the high-pass filter
 *    rings for a few ms after a sound stops, which would otherwise push ends late. In noise the
 *    boundaries stay on frame edges.
 * Results are whole milliseconds.
 *
 * Accuracy (measured, see test/audio/detect-real.test.ts): on clean synthetic speech and tone
 * bursts, boundaries are within 1 ms of the true ones; in noise, within one 10 ms frame for tone
 * bursts. On the alsa-utils human recordings padded with silence and mixed with noise, against the
 * boundaries found on the clean recording: at 20 dB SNR onsets come 40 ms late on average
 * (−2…+104) and ends 82 ms early (−40…−263); at 10 dB SNR onsets 56 ms late (+8…+114) and ends
 * 231 ms early (−60…−370). Errors only ever shorten speech: weak initial fricatives and
 * word-final unvoiced consonants ("left", "right") sink under the noise, where no energy detector
 * can see them; speech is never found in the noise itself.
 */
import { frameLevels, meanSquare, type Samples } from './energy.js';
import { highPass } from './filter.js';

/** A span of speech in the audio, in ms from its start. */
export interface Segment {
  start_ms: number;
  end_ms: number;
}

/**
 * Tunable parameters of {@link detectSpeech} (see the module comment for how each is used);
 * written into annotation files as `detector`.
 */
export interface AnnotateParams {
  /** high-pass cutoff before measuring levels; 0 disables */
  highPassHz: number;
  frameMs: number;
  /** percentile of frame levels taken as the noise floor */
  floorPercentile: number;
  /** cap of the floor estimate, for recordings with hardly any pause */
  maxFloorDbfs: number;
  /** strong seeds must be louder than this whatever the floor */
  absoluteFloorDbfs: number;
  /** strong seeds: dB above the floor */
  marginDb: number;
  /** extension never goes below this level (matters for digital silence, floor −120) */
  silenceFloorDbfs: number;
  /** extension: minimum dB above the floor */
  extendDb: number;
  /** extension: at least this many times the noise spread above the floor */
  extendSpreadFactor: number;
  /** extension steps over dips this long */
  bridgeMs: number;
  /** weak seeds: minimum dB above the floor (and at least twice the spread) */
  weakDb: number;
  mergeGapMs: number;
  minSegmentMs: number;
  /** boundary resolution over (near) digital silence */
  refineMs: number;
  /** refine boundaries only when the floor is below this (otherwise: frame edges) */
  refineBelowDbfs: number;
}

/** Defaults, tuned on espeak-ng fixtures and the alsa-utils recordings with added noise. */
export const DEFAULT_ANNOTATE_PARAMS: Readonly<AnnotateParams> = Object.freeze({
  highPassHz: 200,
  frameMs: 10,
  floorPercentile: 10,
  maxFloorDbfs: -20,
  absoluteFloorDbfs: -50,
  marginDb: 10,
  silenceFloorDbfs: -70,
  extendDb: 1.5,
  extendSpreadFactor: 1.5,
  bridgeMs: 20,
  weakDb: 4,
  mergeGapMs: 300,
  minSegmentMs: 80,
  refineMs: 1,
  refineBelowDbfs: -80,
});

/** Levels (dBFS) that drive detection: see steps 2–4 of the module comment. */
export interface SpeechThresholds {
  floorDbfs: number;
  highDbfs: number;
  lowDbfs: number;
  weakDbfs: number;
  /** 10–90 % spread of the frame levels near the floor */
  spreadDb: number;
}

function frameSamples(sampleRate: number, p: AnnotateParams): number {
  return Math.max(1, Math.round((sampleRate * p.frameMs) / 1000));
}

function thresholds(levels: Float64Array, p: AnnotateParams): SpeechThresholds {
  const sorted = Float64Array.from(levels).sort();
  const floorDbfs = Math.min(p.maxFloorDbfs, percentile(sorted, p.floorPercentile));
  // How much noise frames fluctuate: the 10–90 % spread of the frames within 6 dB of the floor
  // (mostly noise; not the digital silence that edited recordings have between words).
  // High-passed white noise spreads < 1 dB, room noise 2–3 dB.
  let from = 0;
  while (from < sorted.length && sorted[from] < floorDbfs - 6) from++;
  let to = from;
  while (to < sorted.length && sorted[to] <= floorDbfs + 6) to++;
  const near = to - from;
  const spreadDb = near > 0 ? sorted[from + Math.floor(near * 0.9)] - sorted[from + Math.floor(near * 0.1)] : 0;
  const highDbfs = Math.max(p.absoluteFloorDbfs, floorDbfs + p.marginDb);
  const extendDb = Math.max(p.extendDb, p.extendSpreadFactor * spreadDb);
  const lowDbfs = Math.min(highDbfs, Math.max(p.silenceFloorDbfs, floorDbfs + extendDb));
  const weakDbfs = Math.min(highDbfs, Math.max(lowDbfs, floorDbfs + Math.max(p.weakDb, 2 * spreadDb)));
  return { floorDbfs, highDbfs, lowDbfs, weakDbfs, spreadDb };
}

function percentile(sorted: Float64Array, pct: number): number {
  if (sorted.length === 0) return -Infinity;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.floor((pct / 100) * sorted.length)));
  return sorted[index];
}

/**
 * How far inside a segment boundary refinement may look: the high-pass filter's ringing can hold
 * a frame above `low` for a frame or two after the sound stops.
 */
const REFINE_INWARD_FRAMES = 3;

interface FrameSpan {
  first: number;
  last: number;
  strong: boolean;
}

function seedRuns(levels: Float64Array, high: number, strong: boolean): FrameSpan[] {
  const runs: FrameSpan[] = [];
  for (let f = 0; f < levels.length; f++) {
    if (levels[f] <= high) continue;
    const first = f;
    while (f + 1 < levels.length && levels[f + 1] > high) f++;
    runs.push({ first, last: f, strong });
  }
  return runs;
}

/**
 * Grows each run over neighbouring frames above `low`, stepping over dips of up to `bridge` frames
 * (a weak fricative's level flickers around the threshold in noise).
 */
function extendRuns(runs: FrameSpan[], levels: Float64Array, low: number, bridge: number): FrameSpan[] {
  return runs.map(({ first, last, strong }) => {
    for (let f = first - 1; f >= 0 && first - f <= bridge + 1; f--) {
      if (levels[f] > low) first = f;
    }
    for (let f = last + 1; f < levels.length && f - last <= bridge + 1; f++) {
      if (levels[f] > low) last = f;
    }
    return { first, last, strong };
  });
}

/**
 * Finds the first (or last) `refineMs` sub-frame above `low` in the sample range, so boundaries are
 * not quantised to whole frames. Returns undefined when no sub-frame qualifies.
 */
function refineEdge(pcm: Samples, from: number, to: number, step: number, lowPower: number, fromStart: boolean): number | undefined {
  const count = Math.ceil((to - from) / step);
  for (let k = 0; k < count; k++) {
    const index = fromStart ? k : count - 1 - k;
    const start = from + index * step;
    const length = Math.min(step, to - start);
    if (meanSquare(pcm, start, length) > lowPower) return fromStart ? start : start + length;
  }
  return undefined;
}

/**
 * Detects speech segments in mono 16-bit PCM (see the module comment for the algorithm).
 *
 * @param params overrides of {@link DEFAULT_ANNOTATE_PARAMS}
 * @returns segments in time order, non-overlapping, in whole ms
 */
export function detectSpeech(pcm: Int16Array, sampleRate: number, params: Partial<AnnotateParams> = {}): Segment[] {
  const p = { ...DEFAULT_ANNOTATE_PARAMS, ...params };
  const frame = frameSamples(sampleRate, p);
  const samples = highPass(pcm, sampleRate, p.highPassHz);
  const levels = frameLevels(samples, frame);
  const { floorDbfs: floor, highDbfs: high, lowDbfs: low, weakDbfs: weak } = thresholds(levels, p);

  const bridge = Math.round(p.bridgeMs / p.frameMs);
  // Weak runs (clear of the noise but not loud) are seeds too, but only count when they end up in
  // the same group as a strong run: a word-final "ft" or an initial "f" a few dB above the noise.
  const runs = [...extendRuns(seedRuns(levels, high, true), levels, low, bridge), ...extendRuns(seedRuns(levels, weak, false), levels, low, bridge)].sort(
    (a, b) => a.first - b.first,
  );
  // Merge over short pauses.
  const maxGapFrames = p.mergeGapMs / p.frameMs;
  const groups: FrameSpan[] = [];
  for (const run of runs) {
    const previous = groups[groups.length - 1];
    if (previous && run.first - previous.last - 1 < maxGapFrames) {
      previous.last = Math.max(previous.last, run.last);
      previous.strong ||= run.strong;
    } else groups.push({ ...run });
  }
  const merged = groups.filter((g) => g.strong);

  // Sub-frame refinement only pays off over (near) digital silence: in noise, 1 ms sub-frames of
  // noise flicker above `low` and the frame edges are already finer than the true uncertainty.
  const refine = floor < p.refineBelowDbfs;
  const step = Math.max(1, Math.round((sampleRate * p.refineMs) / 1000));
  const lowPower = 10 ** (low / 10);
  const segments: Segment[] = [];
  let previousEnd = 0;
  for (const { first, last } of merged) {
    const frameStart = first * frame;
    const frameEnd = Math.min(pcm.length, (last + 1) * frame);
    let start = frameStart;
    let end = frameEnd;
    if (refine) {
      const startFrom = Math.max(previousEnd, frameStart - frame);
      start = refineEdge(pcm, startFrom, Math.min(frameEnd, frameStart + REFINE_INWARD_FRAMES * frame), step, lowPower, true) ?? start;
      const endFrom = Math.max(start, frameEnd - REFINE_INWARD_FRAMES * frame);
      end = refineEdge(pcm, endFrom, Math.min(pcm.length, frameEnd + frame), step, lowPower, false) ?? end;
    }
    previousEnd = end;
    const segment = { start_ms: Math.round((start * 1000) / sampleRate), end_ms: Math.round((end * 1000) / sampleRate) };
    if (segment.end_ms - segment.start_ms >= p.minSegmentMs) segments.push(segment);
  }
  return segments;
}

/** The noise floor and thresholds detectSpeech uses on this audio, for diagnostics and reports. */
export function speechThresholds(pcm: Int16Array, sampleRate: number, params: Partial<AnnotateParams> = {}): SpeechThresholds {
  const p = { ...DEFAULT_ANNOTATE_PARAMS, ...params };
  return thresholds(frameLevels(highPass(pcm, sampleRate, p.highPassHz), frameSamples(sampleRate, p)), p);
}
