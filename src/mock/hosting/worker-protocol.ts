/** Messages between a harness and the mock running in a worker thread or child process. */
import type { MockOptions, MockStats } from '../types.js';

/** The options a child-process mock starts with (a worker thread gets them as `workerData`). */
export type MockHostStart = { type: 'start'; options: Omit<MockOptions, 'clock' | 'log'> & { forwardLog?: boolean } };

export type ToMockWorker = MockHostStart | { type: 'stats'; id: number } | { type: 'close' };

export type FromMockWorker =
  | { type: 'ready'; url: string; port: number; caPem?: string }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'log'; line: string }
  | { type: 'stats'; id: number; stats: MockStats }
  | { type: 'closed' };
