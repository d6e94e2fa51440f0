import { describe, expect, it } from 'vitest';
import { DEFAULT_MIN_N } from '../../src/calibration/index.js';
import { CLI_DEFAULT_MIN_N } from '../../src/cli/commands/calibrate.js';

describe('rtbench calibrate --min-n default', () => {
  it('is the library default (the CLI keeps its own copy so --help loads no library code)', () => {
    expect(CLI_DEFAULT_MIN_N).toBe(DEFAULT_MIN_N);
  });
});
