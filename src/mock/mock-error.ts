import { RtbenchError } from '../errors.js';

type MockErrorCode =
  | 'MOCK_UNKNOWN_PROFILE'
  | 'MOCK_BAD_FAULT'
  | 'MOCK_ASSISTANT_AUDIO'
  | 'MOCK_TLS_NO_OPENSSL'
  | 'MOCK_TLS_FAILED'
  | 'MOCK_WORKER_FAILED'
  | 'MOCK_REQUEST_TOO_LARGE';

/** The bundled mock could not start or could not serve a request (its options, files, worker or TLS). */
export class MockError extends RtbenchError<MockErrorCode> {
  static readonly codes = [
    'MOCK_UNKNOWN_PROFILE',
    'MOCK_BAD_FAULT',
    'MOCK_ASSISTANT_AUDIO',
    'MOCK_TLS_NO_OPENSSL',
    'MOCK_TLS_FAILED',
    'MOCK_WORKER_FAILED',
    'MOCK_REQUEST_TOO_LARGE',
  ] as const satisfies readonly MockErrorCode[];
  /** The HTTP status to answer with, for an error of one request. */
  readonly status?: number;

  constructor(code: MockErrorCode, message: string, opts: { status?: number; cause?: unknown } = {}) {
    super(code, message, { cause: opts.cause });
    this.name = 'MockError';
    this.status = opts.status;
  }
}
