/**
 * A small seeded PRNG so every statistic that resamples (bootstrap CIs) is reproducible from the
 * run's seed. mulberry32: 32-bit state, period 2^32, good enough for resampling indices; not for
 * cryptography.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Creates a mulberry32 generator from a 32-bit seed (any number; it is truncated to uint32). */
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
