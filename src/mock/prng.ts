/**
 * Seeded randomness for the mock: mulberry32 (32-bit state, good enough for latency jitter, tiny,
 * identical on every machine) plus the two distributions the profiles use. Not for cryptography.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = hashSeed(seed) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Standard normal (Box–Muller; one value per call, the twin is discarded for simplicity). */
  normal(): number {
    let u = this.next();
    if (u < 1e-12) u = 1e-12;
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /**
   * Lognormal with the given median and shape σ (of the underlying normal): median·e^(σ·z).
   * σ 0.25 puts p90 ≈ 1.38 × median, σ 0.4 ≈ 1.67 ×.
   */
  lognormal(medianMs: number, sigma: number): number {
    return sigma > 0 ? medianMs * Math.exp(sigma * this.normal()) : medianMs;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p >= 1 ? true : p <= 0 ? false : this.next() < p;
  }
}

/** Mixes any number of integers (seed, session index, stream name…) into one 32-bit seed. */
export function mixSeed(...parts: Array<number | string>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = typeof part === 'number' ? String(Math.floor(part)) : part;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hashSeed(seed: number): number {
  // murmur3 finalizer: nearby seeds (0, 1, 2…) give unrelated streams.
  let h = Math.floor(seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}
