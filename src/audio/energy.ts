/**
 * Signal level measurements shared by the VAD, the annotator and noise mixing.
 *
 * Convention: dBFS relative to the int16 full scale as an RMS value, so a full-scale square wave
 * reads 0 dBFS and a full-scale sine −3.01 dBFS. Digital silence has no finite level; it reads
 * {@link SILENCE_DBFS}, which also floors every other reading so levels stay comparable numbers.
 */

/** The level reported for digital silence, and the floor of every reading. */
export const SILENCE_DBFS = -120;

/** Samples in int16 units: PCM itself, or a filtered copy of it as floats. */
export type Samples = Int16Array | Float32Array;

/** Mean square of samples in int16 units, normalised to full scale (1 = 0 dBFS). */
export function meanSquare(pcm: Samples, start = 0, length = pcm.length - start): number {
  const from = Math.max(0, start);
  const to = Math.min(pcm.length, start + length);
  if (to <= from) return 0;
  let sum = 0;
  for (let i = from; i < to; i++) sum += pcm[i] * pcm[i];
  return sum / (to - from) / (32768 * 32768);
}

/** Converts a normalised mean square to dBFS, floored at {@link SILENCE_DBFS}. */
export function powerToDbfs(power: number): number {
  if (!(power > 0)) return SILENCE_DBFS;
  return Math.max(SILENCE_DBFS, 10 * Math.log10(power));
}

/** Converts dBFS to a normalised mean square (inverse of {@link powerToDbfs}). */
export function dbfsToPower(dbfs: number): number {
  return 10 ** (dbfs / 10);
}

/**
 * RMS level of `pcm[start, start + length)` in dBFS (range clipped to the array), −120 for digital
 * silence or an empty range.
 */
export function frameDbfs(pcm: Samples, start: number, length: number): number {
  return powerToDbfs(meanSquare(pcm, start, length));
}

/**
 * Levels of consecutive frames of `frameSamples` samples, in dBFS. A final partial frame is measured
 * over the samples it has.
 */
export function frameLevels(pcm: Samples, frameSamples: number): Float64Array {
  const count = Math.ceil(pcm.length / frameSamples);
  const levels = new Float64Array(count);
  for (let f = 0; f < count; f++) levels[f] = frameDbfs(pcm, f * frameSamples, frameSamples);
  return levels;
}
