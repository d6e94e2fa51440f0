/** The CLI maps an error's exit class to its exit code (docs/errors.md). */
import { describe, expect, it } from 'vitest';
import { describeError, EXIT } from '../../src/cli/errors.js';
import { ERROR_CODES, RtbenchError, UsageError } from '../../src/errors.js';
import { MockError } from '../../src/mock/mock-error.js';
import { TransportError } from '../../src/transport/transport.js';

describe('describeError', () => {
  it('maps each exit class to its code', () => {
    expect(describeError(new UsageError('bad flag'))).toEqual({ code: EXIT.BAD_INPUT, lines: ['bad flag'] });
    expect(describeError(new MockError('MOCK_UNKNOWN_PROFILE', 'unknown mock profile "x"')).code).toBe(EXIT.BAD_INPUT);
    expect(describeError(new TransportError('CONNECT_FAILED', 'refused')).code).toBe(EXIT.TARGET);
    expect(describeError(new MockError('MOCK_WORKER_FAILED', 'gone'))).toEqual({ code: EXIT.EXPECTATION, lines: ['rtbench: internal error: gone'] });
  });

  it('treats anything that is not an RtbenchError as internal, whatever code it carries', () => {
    const foreign = Object.assign(new Error('disk full'), { code: 'USAGE' });
    expect(describeError(foreign)).toEqual({ code: EXIT.EXPECTATION, lines: ['rtbench: internal error: disk full'] });
  });

  it('revives a code that crossed a thread with its exit class, and an unknown one as the fallback', () => {
    expect(RtbenchError.revive('MOCK_UNKNOWN_PROFILE', 'm', 'MOCK_WORKER_FAILED').exitClass).toBe(ERROR_CODES.MOCK_UNKNOWN_PROFILE);
    expect(RtbenchError.revive('ENOENT', 'm', 'MOCK_WORKER_FAILED').code).toBe('MOCK_WORKER_FAILED');
  });
});
