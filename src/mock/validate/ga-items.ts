/**
 * zod schemas of the GA conversation items a client may send (`ConversationItem` in the `openai`
 * package): system/user/assistant messages, function calls and outputs, and the MCP items.
 */
import { z } from 'zod';

const itemStatus = z.enum(['completed', 'incomplete', 'in_progress']);
const itemCommon = {
  id: z.string().optional(),
  object: z.literal('realtime.item').optional(),
  status: itemStatus.optional(),
};

export const systemContent = z.strictObject({ text: z.string().optional(), type: z.literal('input_text').optional() });
export const userContent = z.strictObject({
  audio: z.string().optional(),
  detail: z.enum(['auto', 'low', 'high']).optional(),
  image_url: z.string().optional(),
  text: z.string().optional(),
  transcript: z.string().optional(),
  type: z.enum(['input_text', 'input_audio', 'input_image']).optional(),
});
export const assistantContent = z.strictObject({
  audio: z.string().optional(),
  text: z.string().optional(),
  transcript: z.string().optional(),
  type: z.enum(['output_text', 'output_audio']).optional(),
});

export const systemMessage = z.strictObject({ ...itemCommon, content: z.array(systemContent), role: z.literal('system'), type: z.literal('message') });
export const userMessage = z.strictObject({ ...itemCommon, content: z.array(userContent), role: z.literal('user'), type: z.literal('message') });
export const assistantMessage = z.strictObject({ ...itemCommon, content: z.array(assistantContent), role: z.literal('assistant'), type: z.literal('message') });
export const message = z.discriminatedUnion('role', [systemMessage, userMessage, assistantMessage]);

export const functionCall = z.strictObject({
  ...itemCommon,
  arguments: z.string(),
  name: z.string(),
  type: z.literal('function_call'),
  call_id: z.string().optional(),
});

export const functionCallOutput = z.strictObject({ ...itemCommon, call_id: z.string(), output: z.string(), type: z.literal('function_call_output') });

export const mcpApprovalResponse = z.strictObject({
  id: z.string(),
  approval_request_id: z.string(),
  approve: z.boolean(),
  type: z.literal('mcp_approval_response'),
  reason: z.string().nullable().optional(),
});

export const mcpListToolsTool = z.strictObject({
  input_schema: z.unknown(),
  name: z.string(),
  annotations: z.unknown().nullable().optional(),
  description: z.string().nullable().optional(),
});
export const mcpListTools = z.strictObject({
  server_label: z.string(),
  tools: z.array(mcpListToolsTool),
  type: z.literal('mcp_list_tools'),
  id: z.string().optional(),
});

export const mcpProtocolError = z.strictObject({ code: z.number(), message: z.string(), type: z.literal('protocol_error') });
export const mcpExecutionError = z.strictObject({ message: z.string(), type: z.literal('tool_execution_error') });
export const mcpHttpError = z.strictObject({ code: z.number(), message: z.string(), type: z.literal('http_error') });

export const mcpToolCall = z.strictObject({
  id: z.string(),
  arguments: z.string(),
  name: z.string(),
  server_label: z.string(),
  type: z.literal('mcp_call'),
  approval_request_id: z.string().nullable().optional(),
  error: z.discriminatedUnion('type', [mcpProtocolError, mcpExecutionError, mcpHttpError]).nullable().optional(),
  output: z.string().nullable().optional(),
});

export const mcpApprovalRequest = z.strictObject({
  id: z.string(),
  arguments: z.string(),
  name: z.string(),
  server_label: z.string(),
  type: z.literal('mcp_approval_request'),
});

export const conversationItem = z.discriminatedUnion('type', [
  message,
  functionCall,
  functionCallOutput,
  mcpApprovalResponse,
  mcpListTools,
  mcpToolCall,
  mcpApprovalRequest,
]);

/**
 * `{type: "item_reference", id}` in `response.create`'s `input`: documented by the service for
 * out-of-band responses but not in the SDK's `input` type (it has `ConversationItemWithReference`).
 */
export const itemReference = z.strictObject({ type: z.literal('item_reference'), id: z.string() });
