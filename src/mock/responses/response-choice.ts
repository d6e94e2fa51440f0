/**
 * What a response says and when it starts: pure decisions from the session state, the directives
 * and the profile.
 */
import { isRecord } from '../../protocol/codec.js';
import type { AudioFormat, SessionConfig } from '../../protocol/session.js';
import type { AssistantAudio } from './assistant-audio.js';
import type { Conversation } from '../session/conversation.js';
import type { ParsedDirectives } from '../behaviour/directives.js';
import { fittedFirstAudioMs, type ResponseKind } from '../behaviour/fitted-draws.js';
import type { Prng } from '../../util/prng.js';
import type { MockProfile } from '../behaviour/profiles.js';
import type { ResponseContent } from './types.js';
import type { StoredItem } from '../session/conversation.js';
import { isMcpTool, needsApproval, type McpServers } from './mcp.js';
import type { ResponseStep } from '../scripting-hooks.js';
import { argumentsFor } from './tool-arguments.js';
import { clipOfLength } from './long-clip.js';

/**
 * The first-audio delay D: the median is directives' `first_audio_ms`, else the server's
 * `firstAudioMs`, else the profile's; jitter 0 → exactly the median, N > 0 → uniform ±N, unset →
 * the profile's lognormal spread (clamped to its bounds, widened to include the median).
 */
export function firstAudioDelayMs(
  profile: MockProfile,
  directives: ParsedDirectives,
  settings: { firstAudioMs?: number; jitterMs?: number },
  rng: Prng,
  kind: ResponseKind = 'answer',
): number {
  const p = profile.firstAudio;
  const median = directives.first_audio_ms ?? settings.firstAudioMs ?? p.medianMs;
  const jitter = directives.jitter_ms ?? settings.jitterMs;
  const fitted = fittedFirstAudioMs(profile, directives.first_audio_ms !== undefined || settings.firstAudioMs !== undefined || jitter !== undefined, rng, kind);
  if (fitted !== undefined) return fitted;
  if (jitter === 0) return median;
  if (jitter !== undefined) return Math.max(0, median + rng.uniform(-jitter, jitter));
  const v = rng.lognormal(median, p.sigma);
  return Math.min(Math.max(v, Math.min(p.minMs, median)), Math.max(p.maxMs, median));
}

export interface ChoiceInput {
  /** `response.create`'s `response` object (neutral form), or {} for a VAD-triggered response. */
  conf: Record<string, unknown>;
  session: SessionConfig;
  conversation: Conversation;
  directives: ParsedDirectives;
  assistant: AssistantAudio;
  modalities: Array<'audio' | 'text'>;
  format: AudioFormat;
  /** User turns that already got their directive tool call (updated here). */
  toolTurnsCalled: Set<number>;
  /** A scripted step for this response (function call, MCP call, audio length, text). */
  step?: ResponseStep;
  /** MCP servers of the session (tools listed, approvals). */
  mcp?: McpServers;
  /** The response's context when `response.create` gave `input` (else the conversation). */
  context?: readonly StoredItem[];
}

type ToolDecl = { type?: string; name?: string; parameters?: unknown; server_label?: string };

/** An MCP call, or the approval request for it when the tool needs one and none was given. */
function mcpContent(c: ChoiceInput, tool: ToolDecl, name: string | undefined, args: Record<string, unknown> | undefined): ResponseContent {
  const label = tool.server_label ?? '';
  const listed = c.mcp?.tools(label) ?? [];
  const info = listed.find((x) => x.name === name) ?? listed[0];
  const toolName = name ?? info?.name ?? 'search';
  const argsJson = args ? JSON.stringify(args) : argumentsFor(info?.input_schema);
  if (isMcpTool(tool) && needsApproval(tool, toolName)) return { kind: 'mcp_approval_request', serverLabel: label, name: toolName, arguments: argsJson };
  return {
    kind: 'mcp_call',
    serverLabel: label,
    name: toolName,
    arguments: argsJson,
    output: JSON.stringify({ ok: true, tool: toolName }),
    error: null,
    approvalRequestId: null,
  };
}

/**
 * A tool call when the directives name one for the current user turn (once per turn), or when
 * tool_choice forces a function (`{type:'function', name}`, or 'required' with tools declared) —
 * never right after a function_call_output, which is answered; otherwise audio (or text).
 */
export function chooseContent(c: ChoiceInput): ResponseContent {
  const toolChoice = (c.conf.tool_choice ?? c.session.tool_choice ?? 'auto') as SessionConfig['tool_choice'];
  const tools = (Array.isArray(c.conf.tools) ? c.conf.tools : (c.session.tools ?? [])) as ToolDecl[];
  const functions = tools.filter((t) => !isMcpTool(t));
  const context = c.context ?? c.conversation.all();
  const afterToolOutput = context.at(-1)?.item.type === 'function_call_output';
  const turn = [...context].reverse().find((s) => s.userTurn !== undefined)?.userTurn;
  // Declared arguments (a directive's or the script's) when given, else generated from the tool's JSON Schema.
  const argsFor = (name: string, given?: Record<string, unknown>) => {
    const declared = given ?? c.directives.tool_calls?.find((t) => t.name === name && t.arguments !== undefined)?.arguments;
    return declared ? JSON.stringify(declared) : argumentsFor(functions.find((t) => t.name === name)?.parameters);
  };
  const step = c.step;
  if (step?.kind === 'function_call') return { kind: 'function_call', name: step.name, arguments: argsFor(step.name, step.arguments) };
  if (step?.kind === 'mcp_call') {
    const tool = tools.find((t) => isMcpTool(t) && (step.serverLabel === undefined || t.server_label === step.serverLabel)) ?? {
      type: 'mcp',
      server_label: step.serverLabel ?? 'mcp',
    };
    return mcpContent(c, tool, step.name, step.arguments);
  }
  if (step?.kind === 'text') return { kind: 'text', text: step.text };
  // An approval answered since the request: run the call (approved) or answer without it (denied).
  const pending = c.mcp?.pendingApproval();
  if (pending && pending.approve !== undefined) {
    if (pending.approve) {
      return {
        kind: 'mcp_call',
        serverLabel: pending.server_label,
        name: pending.name,
        arguments: pending.arguments,
        output: JSON.stringify({ ok: true, tool: pending.name }),
        error: null,
        approvalRequestId: pending.id,
      };
    }
  } else if (toolChoice !== 'none' && !afterToolOutput) {
    const directive = turn === undefined ? undefined : c.directives.tool_calls?.find((t) => t.turn === turn);
    if (directive && turn !== undefined && !c.toolTurnsCalled.has(turn)) {
      c.toolTurnsCalled.add(turn);
      return { kind: 'function_call', name: directive.name, arguments: argsFor(directive.name, directive.arguments) };
    }
    if (isRecord(toolChoice) && (toolChoice as { type?: string }).type === 'mcp') {
      const choice = toolChoice as unknown as { server_label: string; name?: string | null };
      const tool = tools.find((t) => isMcpTool(t) && t.server_label === choice.server_label) ?? { type: 'mcp', server_label: choice.server_label };
      return mcpContent(c, tool, choice.name ?? undefined, undefined);
    }
    if (isRecord(toolChoice) && toolChoice.type === 'function' && typeof toolChoice.name === 'string') {
      return { kind: 'function_call', name: toolChoice.name, arguments: argsFor(toolChoice.name) };
    }
    if (toolChoice === 'required' && typeof functions[0]?.name === 'string') {
      return { kind: 'function_call', name: functions[0].name, arguments: argsFor(functions[0].name) };
    }
    const mcpTool = tools.find(isMcpTool);
    if (toolChoice === 'required' && mcpTool) return mcpContent(c, mcpTool, undefined, undefined);
  }
  if (step?.kind === 'audio' && c.modalities.includes('audio')) return { kind: 'audio', clip: clipOfLength(c.assistant, c.format, step.ms) };
  if (c.modalities.includes('audio')) return { kind: 'audio', clip: c.assistant.clip(c.format, c.directives.response_audio_ms) };
  return { kind: 'text', text: c.assistant.transcript };
}
