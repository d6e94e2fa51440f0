/**
 * One seeded PRNG (src/util/prng.ts) replaces the mock's, the audio's and the statistics' own. Truth:
 * the first values each of the three produced before they were merged (recorded from the previous
 * implementations), so every stream — and with it every virtual run — stays byte-identical.
 */
import { describe, expect, it } from 'vitest';
import { mixSeed, mulberry32, Prng, SeededRandom } from '../../src/util/prng.js';

describe('the one seeded PRNG', () => {
  it("reproduces the mock's, the audio's and the statistics' former streams exactly", () => {
    const p = new Prng(7);
    expect([p.next(), p.next(), p.lognormal(300, 0.3)]).toEqual([0.3483375741634518, 0.14683016599155962, 239.50486649060676]);
    const q = new SeededRandom(7);
    expect([q.next(), q.nextSigned()]).toEqual([0.9823943767696619, -0.3317484720610082]);
    const r = mulberry32(7);
    expect([r(), r()]).toEqual([0.011704753153026104, 0.06195825757458806]);
    expect(mixSeed(11, 'latency')).toBe(2272691807);
  });

  it('another seed, or another seed folding, gives another stream', () => {
    expect(new Prng(8).next()).not.toBe(new Prng(7).next());
    expect(new SeededRandom(7).next()).not.toBe(new Prng(7).next());
    expect(mulberry32(7)()).not.toBe(new Prng(7).next());
  });
});
