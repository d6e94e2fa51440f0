/** Messages between a run and its userspace link emulator process. */
import type { PipeCounters } from './emulator.js';
import type { NetworkSpec } from './spec.js';

/** UDP ports on the router's loopback: the emulator's and each TUN bridge's. */
export interface LinkPorts {
  clientEmu: number;
  clientTun: number;
  serverEmu: number;
  serverTun: number;
}

export type ToLinkProcess = { type: 'start'; spec: NetworkSpec; seed: number; ports: LinkPorts } | { type: 'counters' };

export type FromLinkProcess = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'counters'; up: PipeCounters; down: PipeCounters };
