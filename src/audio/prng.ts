/**
 * A small seeded pseudo-random generator (32-bit state, "splitmix"-style mixing) so generated noise
 * and noise offsets are identical for the same seed on every machine. Not for cryptography.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    // Fold any number (including negatives and fractions) into a 32-bit state.
    this.state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [-1, 1). */
  nextSigned(): number {
    return this.next() * 2 - 1;
  }
}
