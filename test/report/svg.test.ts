import { describe, expect, it } from 'vitest';
import { linearScale, niceTicks } from '../../src/report/html/svg.js';

describe('svg helpers', () => {
  it('niceTicks uses 1/2/5 steps and covers the data', () => {
    expect(niceTicks(0, 1000, 5)).toMatchObject({ ticks: [0, 200, 400, 600, 800, 1000], step: 200 });
    expect(niceTicks(712, 1187, 6)).toMatchObject({ lo: 700, hi: 1200, step: 100 });
    const flat = niceTicks(5, 5);
    expect(flat.lo).toBeLessThan(5);
    expect(flat.hi).toBeGreaterThan(5);
  });

  it('linearScale maps the domain onto the range (inverted y too)', () => {
    const y = linearScale([0, 1], [250, 10]);
    expect(y(0)).toBe(250);
    expect(y(1)).toBe(10);
    expect(y(0.5)).toBe(130);
  });
});
