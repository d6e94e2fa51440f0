/**
 * Firing the faults that hit a response at a moment: drop, stall, error, malformed.
 */
import type { Clock } from '../../clock/clock.js';
import type { ErrorTemplate } from '../errors.js';
import type { FaultSpec, MockConnection } from '../types.js';
import type { Outbox } from '../session/outbox.js';
import type { ResponseRun } from '../responses/response.js';

export interface FaultContext {
  clock: Clock;
  connection: MockConnection;
  outbox: Outbox;
  sendError(error: ErrorTemplate): void;
  /** The response the fault hits, if still running. */
  activeRun(): ResponseRun | null;
  /** Forget the session (after a drop). */
  cleanup(): void;
}

export function fireFault(f: FaultSpec, run: ResponseRun, ctx: FaultContext): void {
  switch (f.kind) {
    case 'drop':
      // Without closeCode: cut the TCP connection (no close frame), which clients see as 1006.
      if (f.closeCode !== undefined || !ctx.connection.terminate) ctx.connection.close(f.closeCode ?? 1006, 'mock fault: drop');
      else ctx.connection.terminate();
      ctx.cleanup();
      break;
    case 'stall':
      ctx.outbox.stall(ctx.clock.now() + (f.durationMs ?? 2000));
      break;
    case 'error': {
      const err: ErrorTemplate = {
        type: f.errorType ?? 'server_error',
        code: f.code ?? null,
        message: f.message ?? 'The server had an error while processing your request. Sorry about that!',
        param: null,
      };
      ctx.sendError(err);
      if (ctx.activeRun() === run) run.fail(err);
      break;
    }
    case 'malformed':
      ctx.outbox.sendRaw('{"type":"response.output_audio.delta","event_id":"event_malformed","delta":"AAAA');
      break;
    default:
      break;
  }
}
