/**
 * Scripting the mock per test, in the spirit of msw's `server.use(...)`: steps queued on the server
 * and consumed once by whatever session needs them next ("the next response calls get_weather",
 * "fail the next response", "drop the connection after 2 s"). Settings (`bargeInDelayMs`, MCP
 * servers) last until `reset()`. Sessions read the script through `ScriptHooks` (the mock's view
 * of it, passed as `MockOptions.script`); nothing here knows about sockets.
 */
import type { McpServerScript } from '../mock/responses/mcp.js';
import type { DropStep, Droppable, ResponseStep, ScriptHooks, TranscriptionStep } from '../mock/scripting-hooks.js';

export type { DropStep, ResponseStep, TranscriptionStep } from '../mock/scripting-hooks.js';

/** A per-test script: the test queues steps, the mock's sessions take them (see {@link ScriptHooks}). */
export class MockScript implements ScriptHooks {
  private readonly responses: ResponseStep[] = [];
  private readonly transcriptions: TranscriptionStep[] = [];
  private readonly drops: DropStep[] = [];
  private readonly mcp = new Map<string, McpServerScript>();
  /** speech_started is sent this long after the speech onset the VAD found (audio time). */
  bargeInDelayMs: number | undefined;
  private openSessions: () => Droppable[] = () => [];

  /** The engine tells the script how to reach its open sessions (oldest first). */
  bindSessions(open: () => Droppable[]): void {
    this.openSessions = open;
  }

  /** Queues what the next response (of any session) does. */
  nextResponse(step: ResponseStep): void {
    this.responses.push(step);
  }

  takeResponse(): ResponseStep | undefined {
    return this.responses.shift();
  }

  nextTranscription(step: TranscriptionStep): void {
    this.transcriptions.push(step);
  }

  takeTranscription(): TranscriptionStep | undefined {
    return this.transcriptions.shift();
  }

  /**
   * Drops the newest open session that `accept`s (by session index) `afterMs` from now, or else the
   * next session to open, `afterMs` after it opens.
   */
  drop(step: DropStep, accept: (sessionIndex: number) => boolean = () => true): void {
    const open = this.openSessions()
      .filter((s) => accept(s.index))
      .at(-1);
    if (open) open.scheduleDrop(step);
    else this.drops.push(step);
  }

  takeDrop(): DropStep | undefined {
    return this.drops.shift();
  }

  mcpServer(label: string, script: McpServerScript): void {
    this.mcp.set(label, script);
  }

  mcpScript(label: string): McpServerScript | undefined {
    return this.mcp.get(label);
  }

  /** Forgets every queued step and setting (between tests). */
  reset(): void {
    this.responses.length = 0;
    this.transcriptions.length = 0;
    this.drops.length = 0;
    this.mcp.clear();
    this.bargeInDelayMs = undefined;
  }

  /** Steps queued but not consumed (a test may assert it used what it scripted). */
  pending(): { responses: number; transcriptions: number; drops: number } {
    return { responses: this.responses.length, transcriptions: this.transcriptions.length, drops: this.drops.length };
  }
}
