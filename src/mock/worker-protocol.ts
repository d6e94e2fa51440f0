/** Messages between a harness and the mock running in a worker thread. */
import type { MockStats } from './options.js';

export type ToMockWorker = { type: 'stats'; id: number } | { type: 'close' };

export type FromMockWorker =
  | { type: 'ready'; url: string; port: number; caPem?: string }
  | { type: 'failed'; message: string; code?: string }
  | { type: 'log'; line: string }
  | { type: 'stats'; id: number; stats: MockStats }
  | { type: 'closed' };
