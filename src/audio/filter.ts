/**
 * A high-pass filter for level measurement: removes rumble (traffic, HVAC, handling noise, the
 * slow swings of pink noise) that carries energy but no speech, so frame levels of noise fluctuate
 * less and speech stands out from the floor. Cascaded 2nd-order Butterworth sections (bilinear
 * transform; coefficients from the textbook analog prototype), run forward only: a phase delay of
 * a fraction of a millisecond at speech frequencies is irrelevant at 10 ms frames.
 */

/**
 * High-passes int16 PCM at `cutoffHz` with `sections` 2nd-order sections (12 dB/octave each).
 * Returns floats in int16 units (not clipped). `cutoffHz <= 0` returns the input as floats.
 */
export function highPass(pcm: Int16Array, sampleRate: number, cutoffHz: number, sections = 2): Float32Array {
  const out = Float32Array.from(pcm);
  if (!(cutoffHz > 0) || cutoffHz >= sampleRate / 2) return out;
  const w0 = (2 * Math.PI * cutoffHz) / sampleRate;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / Math.SQRT2; // Q = 1/√2: maximally flat pass band
  const a0 = 1 + alpha;
  const b0 = (1 + cos) / 2 / a0;
  const b1 = -(1 + cos) / a0;
  const b2 = b0;
  const a1 = (-2 * cos) / a0;
  const a2 = (1 - alpha) / a0;
  for (let s = 0; s < sections; s++) {
    let x1 = 0;
    let x2 = 0;
    let y1 = 0;
    let y2 = 0;
    for (let i = 0; i < out.length; i++) {
      const x = out[i];
      const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x;
      y2 = y1;
      y1 = y;
      out[i] = y;
    }
  }
  return out;
}
