/**
 * Remote MCP tools, canned: the mock never contacts an MCP server. When `session.update` declares an
 * MCP tool with a new `server_label`, it lists that server's tools (an `mcp_list_tools` item and
 * `mcp_list_tools.in_progress` → `.completed`, or `.failed` when scripted); a response that calls an
 * MCP tool streams an `mcp_call` item (`response.mcp_call_arguments.delta/.done`,
 * `response.mcp_call.in_progress` → `.completed|.failed`) or, when the tool needs approval, ends with
 * an `mcp_approval_request` item; the client's `mcp_approval_response` item decides the next response.
 */
import type { ConversationItem, RealtimeEvent } from '../../protocol/events.js';
import type { Conversation } from '../session/conversation.js';
import type { IdGenerator } from '../ids.js';
import type { SessionIO } from '../session/items.js';
import type { TimerGroup } from '../timer-group.js';

/** A canned tool an MCP server lists. */
export interface McpToolInfo {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
}

/** What a scripted MCP server does: its tools, a failing listing, and the output of calls. */
export interface McpServerScript {
  tools?: McpToolInfo[];
  /** `mcp_list_tools.failed` instead of `.completed`. */
  listFails?: boolean;
  /** The call's output text [`{"ok":true}`-like JSON of the arguments]. */
  output?: string;
  /** The call fails with this error (`response.mcp_call.failed`). */
  error?: { type: 'protocol_error' | 'tool_execution_error' | 'http_error'; message: string; code?: number };
}

/** Listed when nothing is scripted for a server. */
export const DEFAULT_MCP_TOOLS: McpToolInfo[] = [
  {
    name: 'search',
    description: 'Searches the documents of this (canned) MCP server.',
    input_schema: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
];

/** How long the mock's canned MCP server takes to list tools and to answer a call. */
export const MCP_LIST_MS = 40;
export const MCP_CALL_MS = 60;

export interface McpToolDecl {
  type: 'mcp';
  server_label: string;
  require_approval?: 'always' | 'never' | { always?: { tool_names?: string[] }; never?: { tool_names?: string[] } } | null;
  allowed_tools?: string[] | { tool_names?: string[] } | null;
}

export function isMcpTool(t: unknown): t is McpToolDecl {
  return typeof t === 'object' && t !== null && (t as { type?: unknown }).type === 'mcp';
}

/** The service's default is to ask for approval; `never` (or a `never` filter naming the tool) skips it. */
export function needsApproval(tool: McpToolDecl, name: string): boolean {
  const r = tool.require_approval;
  if (r === 'never') return false;
  if (r && typeof r === 'object') {
    if (r.never?.tool_names?.includes(name)) return false;
    if (r.always?.tool_names?.includes(name)) return true;
    if (r.never && !r.always) return !(r.never.tool_names === undefined);
  }
  return true;
}

/** Per-session MCP state: which servers were listed, their tools, pending approvals. */
export class McpServers {
  private readonly listed = new Map<string, McpToolInfo[]>();

  constructor(
    private readonly io: SessionIO,
    private readonly conversation: Conversation,
    private readonly ids: IdGenerator,
    private readonly timers: TimerGroup,
    private readonly now: () => number,
    private readonly scriptFor: (label: string) => McpServerScript | undefined,
  ) {}

  tools(label: string): McpToolInfo[] {
    return this.listed.get(label) ?? this.scriptFor(label)?.tools ?? DEFAULT_MCP_TOOLS;
  }

  /** Lists the tools of every MCP server not listed yet in this session. */
  onToolsDeclared(tools: readonly unknown[]): void {
    for (const t of tools) {
      if (!isMcpTool(t) || this.listed.has(t.server_label)) continue;
      const script = this.scriptFor(t.server_label);
      const all = script?.tools ?? DEFAULT_MCP_TOOLS;
      const allowed = Array.isArray(t.allowed_tools) ? t.allowed_tools : t.allowed_tools?.tool_names;
      const tools = allowed ? all.filter((x) => allowed.includes(x.name)) : all;
      this.listed.set(t.server_label, tools);
      const item: ConversationItem & Record<string, unknown> = { id: this.ids.next('item'), type: 'mcp_list_tools', server_label: t.server_label, tools: [] };
      const previous = this.conversation.insert({ item, audio: null, audioMs: 0 });
      this.io.send({ type: 'conversation.item.added', previous_item_id: previous, item: { ...item } });
      this.io.send({ type: 'mcp_list_tools.in_progress', item_id: item.id });
      this.timers.at(this.now() + MCP_LIST_MS, () => {
        if (script?.listFails) {
          this.io.send({ type: 'mcp_list_tools.failed', item_id: item.id });
          return;
        }
        item.tools = tools.map((x) => ({ name: x.name, description: x.description ?? null, input_schema: x.input_schema, annotations: null }));
        this.io.send({ type: 'mcp_list_tools.completed', item_id: item.id });
        this.io.send({ type: 'conversation.item.done', previous_item_id: previous, item: { ...item } });
      });
    }
  }

  /** The latest approval answer for a request, if the client sent one. */
  approvalFor(requestId: string): boolean | undefined {
    const answer = [...this.conversation.all()]
      .reverse()
      .find((s) => s.item.type === 'mcp_approval_response' && (s.item as unknown as Record<string, unknown>).approval_request_id === requestId);
    return answer ? (answer.item as unknown as Record<string, unknown>).approve === true : undefined;
  }

  /** An approval request still waiting for the client's answer, or answered but not yet run. */
  pendingApproval(): { id: string; server_label: string; name: string; arguments: string; approve: boolean | undefined } | undefined {
    const requests = this.conversation.all().filter((s) => s.item.type === 'mcp_approval_request');
    for (const r of [...requests].reverse()) {
      const item = r.item as unknown as Record<string, unknown>;
      const id = String(item.id);
      const ran = this.conversation.all().some((s) => s.item.type === 'mcp_call' && (s.item as unknown as Record<string, unknown>).approval_request_id === id);
      if (!ran)
        return { id, server_label: String(item.server_label), name: String(item.name), arguments: String(item.arguments), approve: this.approvalFor(id) };
    }
    return undefined;
  }
}

/** Server events of one MCP call once its arguments are streamed. */
export function mcpCallEvents(ids: { response_id: string; item_id: string; output_index: number }, args: string): RealtimeEvent[] {
  return [
    { type: 'response.mcp_call_arguments.delta', ...ids, delta: args },
    { type: 'response.mcp_call_arguments.done', ...ids, arguments: args },
    { type: 'response.mcp_call.in_progress', item_id: ids.item_id, output_index: ids.output_index },
  ];
}
