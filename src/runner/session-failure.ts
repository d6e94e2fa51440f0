/**
 * Stable codes of a session that failed as a whole, set where the failure happens (the human reason
 * stays in `error`):
 * - `CONNECT_FAILED`: the handshake failed (after retries).
 * - `NOT_READY`: connected, but no session.created/updated in time.
 * - `SESSION_TIMEOUT`: the whole session ran past `sessionTimeoutMs`.
 * - `CLOSED_BY_SERVER`: the server or network closed the connection mid-session.
 * - `ABORTED`: the run was interrupted (SIGINT/SIGTERM).
 * - `INTERNAL`: a bug in rtbench.
 */
export type SessionFailureCode = 'CONNECT_FAILED' | 'NOT_READY' | 'SESSION_TIMEOUT' | 'CLOSED_BY_SERVER' | 'ABORTED' | 'INTERNAL';

/** The reason recorded when the run is interrupted (SIGINT/SIGTERM) while a session is running. */
export const ABORTED_REASON = 'aborted (run interrupted)';
