/**
 * What a response says, shared by the files that choose it (response-choice.ts, response-input.ts)
 * and the one that sends it (response.ts). A leaf: it imports types only.
 */
import type { AssistantClip } from './assistant-audio.js';
import type { McpServerScript } from './mcp.js';

/** An MCP tool call (run by the canned server), or a request for the client's approval of one. */
export type McpContent =
  | {
      kind: 'mcp_call';
      serverLabel: string;
      name: string;
      arguments: string;
      output: string | null;
      error: McpServerScript['error'] | null;
      approvalRequestId: string | null;
    }
  | { kind: 'mcp_approval_request'; serverLabel: string; name: string; arguments: string };

export type ResponseContent =
  { kind: 'audio'; clip: AssistantClip } | { kind: 'text'; text: string } | { kind: 'function_call'; name: string; arguments: string } | McpContent;
