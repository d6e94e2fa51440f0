/**
 * rtbench's one seeded pseudo-random generator: mulberry32 (32-bit state, period 2^32, tiny,
 * identical on every machine), good enough for latency jitter, noise, retry jitter and resampling
 * indices; not for cryptography. Callers differ only in how a seed becomes the state (kept per caller
 * so every existing stream, and so every virtual run, stays byte-identical):
 * the mock scrambles it ({@link Prng}), noise and retry jitter xor the golden ratio
 * ({@link SeededRandom}), statistics take it as is ({@link mulberry32}).
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** A mulberry32 generator from a 32-bit state (any number; it is truncated to uint32). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seed folding of noise and retry jitter: any number (negatives, fractions) xor the golden ratio. */
export function goldenSeed(seed: number): number {
  return (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
}

/** Seed folding of statistics: the seed's low 32 bits. */
export function rawSeed(seed: number): number {
  return seed >>> 0;
}

/** Seeded randomness: uniform, signed, normal, lognormal, chance. */
export class Prng {
  private readonly rng: Rng;

  /**
   * @param seed any number
   * @param fold how the seed becomes the 32-bit state: {@link scrambleSeed} (default: nearby seeds
   *   give unrelated streams), {@link goldenSeed} or {@link rawSeed}
   */
  constructor(seed: number, fold: (seed: number) => number = scrambleSeed) {
    this.rng = mulberry32(fold(seed));
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.rng();
  }

  /** Uniform in [-1, 1). */
  nextSigned(): number {
    return this.next() * 2 - 1;
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

/** Seed folding of the mock's streams: the murmur3 finalizer, so nearby seeds (0, 1, 2…) give unrelated streams. */
export function scrambleSeed(seed: number): number {
  let h = Math.floor(seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The generator of generated noise and retry jitter ({@link Prng} seeded with {@link goldenSeed}). */
export class SeededRandom extends Prng {
  constructor(seed: number) {
    super(seed, goldenSeed);
  }
}

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** A standard normal deviate (Box–Muller); for synthetic data in tests and benchmarks. */
export function randomNormal(rng: Rng, mean = 0, sd = 1): number {
  let u = 0;
  while (u === 0) u = rng();
  const v = rng();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Mixes a seed with a string (FNV-1a) so each group/metric gets its own stream: a summary row's CI
 * then depends only on the seed and its own data, not on how many rows came before it.
 */
export function deriveSeed(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
