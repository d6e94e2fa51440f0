/**
 * A realtime test double for your own voice client, in the spirit of msw: start the mock, script
 * what the server does next, run your client against `url` (or `baseURL` for the `openai` SDK), then
 * read back what the client sent and judge it with the matchers.
 */
import { startMockServer, type MockOptions, type MockServer } from '../mock/index.js';
import type { SessionRecorder } from '../mock/types.js';
import type { McpServerScript } from '../mock/responses/mcp.js';
import type { ErrorTemplate } from '../mock/errors.js';
import { SessionRecording } from './recording.js';
import { MockScript } from './script.js';

export type TestServerOptions = Omit<MockOptions, 'recorder' | 'script'>;

/** A running test server. Every method that scripts applies once, to whatever needs it next. */
export interface RealtimeTestServer {
  /** WebSocket URL (`ws://…/v1/realtime`, or `wss://` with `tls`). */
  readonly url: string;
  /** `http(s)://127.0.0.1:PORT/v1`: the `baseURL` of an `openai` client (`OpenAIRealtimeWS` needs `tls: true`). */
  readonly baseURL: string;
  /** The self-signed certificate with `tls: true` (pass as `ca`, or set NODE_EXTRA_CA_CERTS). */
  readonly caPem: string | undefined;
  /** Recorded sessions, in connection order. */
  readonly sessions: readonly SessionRecording[];
  /** The raw script (for steps the helpers below do not cover). */
  readonly script: MockScript;
  readonly mock: MockServer;
  /** Resolves with the `index`-th session (0-based) once its client has connected. */
  waitForSession(index?: number, timeoutMs?: number): Promise<SessionRecording>;
  /** The next response answers with a call to `name` (arguments: given, else generated from the tool's schema). */
  nextResponseCallsFunction(name: string, args?: Record<string, unknown>): void;
  /** The next response calls a tool of a (canned) MCP server. */
  nextResponseCallsMcp(opts?: { serverLabel?: string; name?: string; arguments?: Record<string, unknown> }): void;
  /** The next response fails: `error` (server_error by default), then `response.done` status failed. */
  failNextResponse(error?: Partial<ErrorTemplate>): void;
  /** The next response answers with this much audio. */
  answerWithAudio(opts: { ms: number }): void;
  /** The next response answers with text only. */
  answerWithText(text: string): void;
  /** Drops this test's newest open connection `afterMs` from now (or the next one, after it opens); 1006 unless `closeCode`. */
  dropConnection(opts: { afterMs: number; closeCode?: number }): void;
  /** From now on, `speech_started` comes `afterOnsetMs` after the user's speech onset (barge-in detection latency). */
  detectBargeIn(opts: { afterOnsetMs: number }): void;
  /** The next committed user turn's transcription fails (or is this text). */
  failNextTranscription(error?: Partial<ErrorTemplate>): void;
  transcribeNextAs(text: string): void;
  /** What an MCP server lists and answers. */
  mcpServer(label: string, script: McpServerScript): void;
  /** Forgets the script and the recordings (call between tests). */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Starts the mock with a script and a recording of every session. Listens on 127.0.0.1, port 0
 * unless told otherwise.
 * @throws {Error} on bad options or listen errors (as `startMockServer`)
 */
export async function startRealtimeTestServer(opts: TestServerOptions = {}): Promise<RealtimeTestServer> {
  const script = new MockScript();
  const recordings: SessionRecording[] = [];
  const recorded: Array<() => void> = [];
  const recorder: SessionRecorder = ({ index, dialect, clock }) => {
    const recording = new SessionRecording(index, dialect, clock);
    recordings.push(recording);
    for (const l of recorded) l();
    return recording;
  };
  const mock = await startMockServer({ host: '127.0.0.1', port: 0, pingIntervalMs: 0, ...opts, script, recorder });
  let offset = 0;
  const sessions = () => recordings.slice(offset);
  const scheme = mock.url.startsWith('wss:') ? 'https' : 'http';
  return {
    url: mock.url,
    baseURL: `${scheme}://${new URL(mock.url).host}/v1`,
    caPem: mock.caPem,
    get sessions() {
      return sessions();
    },
    script,
    mock,
    waitForSession(index = 0, timeoutMs = 10_000) {
      const have = sessions()[index];
      if (have) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`waitForSession(${index}): only ${sessions().length} session(s) connected within ${timeoutMs} ms`)),
          timeoutMs,
        );
        recorded.push(() => {
          const s = sessions()[index];
          if (s) {
            clearTimeout(timer);
            resolve(s);
          }
        });
      });
    },
    nextResponseCallsFunction: (name, args) => script.nextResponse({ kind: 'function_call', name, arguments: args }),
    nextResponseCallsMcp: (o = {}) => script.nextResponse({ kind: 'mcp_call', ...o }),
    failNextResponse: (error) => script.nextResponse({ kind: 'fail', error }),
    answerWithAudio: ({ ms }) => script.nextResponse({ kind: 'audio', ms }),
    answerWithText: (text) => script.nextResponse({ kind: 'text', text }),
    // Only this test's sessions: one from an earlier test may still be closing.
    dropConnection: (o) => script.drop(o, (index) => sessions().some((s) => s.index === index)),
    detectBargeIn: ({ afterOnsetMs }) => {
      script.bargeInDelayMs = afterOnsetMs;
    },
    failNextTranscription: (error) => script.nextTranscription({ kind: 'failed', error }),
    transcribeNextAs: (text) => script.nextTranscription({ kind: 'text', text }),
    mcpServer: (label, s) => script.mcpServer(label, s),
    reset() {
      script.reset();
      offset = recordings.length;
    },
    close: () => mock.close(),
  };
}
