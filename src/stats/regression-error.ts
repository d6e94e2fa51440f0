import { RtbenchError } from '../errors.js';

type GateErrorCode = 'NO_COMMON_CELL' | 'NOTHING_TO_COMPARE' | 'CONTENT_DIFFERS';

/** Why a gate or comparison could not judge: stable codes, all bad input (exit 2). */
export class GateError extends RtbenchError<GateErrorCode> {
  static readonly codes = ['NO_COMMON_CELL', 'NOTHING_TO_COMPARE', 'CONTENT_DIFFERS'] as const;
  constructor(code: GateErrorCode, message: string) {
    super(code, message);
    this.name = 'GateError';
  }
}
