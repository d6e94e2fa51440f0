/** Why a gate or comparison could not judge: stable codes for the CLI's exit-code mapping (all exit 2). */
export class GateError extends Error {
  constructor(
    readonly code: 'E_NO_COMMON_CELL' | 'E_NOTHING_TO_COMPARE' | 'E_CONTENT_DIFFERS',
    message: string,
  ) {
    super(message);
    this.name = 'GateError';
  }
}
