/**
 * Compile-time proof that the mock's client-event schemas match the official `openai` package's
 * realtime types (GA: `resources/realtime/realtime.d.ts`; beta: `resources/beta/realtime/`).
 * Nothing here runs: if the SDK adds, removes or retypes a field, `npm run typecheck` fails on the
 * line of the type that drifted, and the schema is updated with it.
 *
 * `Same<A, B>`: A and B are assignable both ways and (for objects) have the same keys — the second
 * part catches a new optional field, which plain assignability would not. Where the mock accepts
 * more than the SDK types say (null to turn a feature off, `item_reference`), the check names the
 * extension explicitly (`Same<Zod, SDK | extension>`).
 */
/* eslint-disable @typescript-eslint/no-unused-vars -- the types below are compile-time checks: evaluated by tsc, never used */
import type { z } from 'zod';
import type * as Beta from 'openai/resources/beta/realtime/realtime';
import type * as GA from 'openai/resources/realtime/realtime';
import type * as R from 'openai/resources/responses/responses';
import type * as betaSchemas from './beta-events.js';
import type * as events from './ga-events.js';
import type * as items from './ga-items.js';
import type * as s from './ga-session.js';

export type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type KeysOf<T> = T extends object ? keyof T : never;
/** Assignable both ways, and the same key set (unions: the union of their members' keys). */
export type Same<A, B> = Mutual<A, B> extends true ? Mutual<KeysOf<NonNullable<A>>, KeysOf<NonNullable<B>>> : false;
/** The SDK's values are all accepted (one-way, for deliberately looser parts). */
export type Accepts<Zod, Sdk> = [Sdk] extends [Zod] ? true : false;
type Infer<T extends z.ZodType> = z.infer<T>;

/** Each entry must be `true`; a `false` is a compile error naming the drifted type. */
export type Check<T extends { [k: string]: true }> = T;

type GaSessionChecks = Check<{
  audioPcm: Same<Infer<typeof s.audioPcm>, GA.RealtimeAudioFormats.AudioPCM>;
  audioPcmu: Same<Infer<typeof s.audioPcmu>, GA.RealtimeAudioFormats.AudioPCMU>;
  audioPcma: Same<Infer<typeof s.audioPcma>, GA.RealtimeAudioFormats.AudioPCMA>;
  audioFormats: Same<Infer<typeof s.audioFormats>, GA.RealtimeAudioFormats>;
  noiseReduction: Same<Infer<typeof s.noiseReduction>, GA.RealtimeAudioConfigInput.NoiseReduction>;
  audioTranscription: Same<Infer<typeof s.audioTranscription>, GA.AudioTranscription>;
  serverVad: Same<Infer<typeof s.serverVad>, GA.RealtimeAudioInputTurnDetection.ServerVad>;
  semanticVad: Same<Infer<typeof s.semanticVad>, GA.RealtimeAudioInputTurnDetection.SemanticVad>;
  turnDetection: Same<Infer<typeof s.turnDetection>, GA.RealtimeAudioInputTurnDetection>;
  // Extension: null noise_reduction / transcription (the service turns the feature off).
  audioInput: Same<
    Infer<typeof s.audioInput>,
    Omit<GA.RealtimeAudioConfigInput, 'noise_reduction' | 'transcription'> & {
      noise_reduction?: GA.RealtimeAudioConfigInput.NoiseReduction | null;
      transcription?: GA.AudioTranscription | null;
    }
  >;
  transcriptionInput: Accepts<Infer<typeof s.transcriptionAudioInput>, GA.RealtimeTranscriptionSessionAudioInput>;
  voiceId: Same<Infer<typeof s.voiceId>, GA.RealtimeAudioConfigOutput.ID>;
  audioOutput: Same<Infer<typeof s.audioOutput>, GA.RealtimeAudioConfigOutput>;
  functionTool: Same<Infer<typeof s.functionTool>, GA.RealtimeFunctionTool>;
  mcpTool: Same<Infer<typeof s.mcpTool>, GA.RealtimeToolsConfigUnion.Mcp>;
  mcpToolFilter: Same<Infer<typeof s.mcpToolFilter>, GA.RealtimeToolsConfigUnion.Mcp.McpToolFilter>;
  mcpApprovalFilter: Same<Infer<typeof s.mcpApprovalFilter>, GA.RealtimeToolsConfigUnion.Mcp.McpToolApprovalFilter>;
  responseMcpTool: Same<Infer<typeof s.mcpTool>, GA.RealtimeResponseCreateMcpTool>;
  tool: Same<Infer<typeof s.tool>, GA.RealtimeToolsConfigUnion>;
  toolChoiceFunction: Same<Infer<typeof s.toolChoiceFunction>, R.ToolChoiceFunction>;
  toolChoiceMcp: Same<Infer<typeof s.toolChoiceMcp>, R.ToolChoiceMcp>;
  toolChoice: Same<Infer<typeof s.toolChoice>, GA.RealtimeToolChoiceConfig>;
  prompt: Accepts<Infer<typeof s.prompt>, R.ResponsePrompt>;
  promptKeys: Mutual<keyof Infer<typeof s.prompt>, keyof R.ResponsePrompt>;
  reasoning: Same<Infer<typeof s.reasoning>, GA.RealtimeReasoning>;
  tracingConfiguration: Same<Infer<typeof s.tracingConfiguration>, GA.RealtimeTracingConfig.TracingConfiguration>;
  tracing: Same<Infer<typeof s.tracing>, GA.RealtimeTracingConfig>;
  truncationRetentionRatio: Same<Infer<typeof s.truncationRetentionRatio>, GA.RealtimeTruncationRetentionRatio>;
  truncation: Same<Infer<typeof s.truncation>, GA.RealtimeTruncation>;
  realtimeSessionKeys: Mutual<keyof Infer<typeof s.realtimeSession>, keyof GA.RealtimeSessionCreateRequest>;
  realtimeSession: Accepts<Infer<typeof s.realtimeSession>, GA.RealtimeSessionCreateRequest>;
  transcriptionSessionKeys: Mutual<keyof Infer<typeof s.transcriptionSession>, keyof GA.RealtimeTranscriptionSessionCreateRequest>;
  transcriptionSession: Accepts<Infer<typeof s.transcriptionSession>, GA.RealtimeTranscriptionSessionCreateRequest>;
}>;

type GaItemChecks = Check<{
  systemContent: Same<Infer<typeof items.systemContent>, GA.RealtimeConversationItemSystemMessage.Content>;
  userContent: Same<Infer<typeof items.userContent>, GA.RealtimeConversationItemUserMessage.Content>;
  assistantContent: Same<Infer<typeof items.assistantContent>, GA.RealtimeConversationItemAssistantMessage.Content>;
  systemMessage: Same<Infer<typeof items.systemMessage>, GA.RealtimeConversationItemSystemMessage>;
  userMessage: Same<Infer<typeof items.userMessage>, GA.RealtimeConversationItemUserMessage>;
  assistantMessage: Same<Infer<typeof items.assistantMessage>, GA.RealtimeConversationItemAssistantMessage>;
  functionCall: Same<Infer<typeof items.functionCall>, GA.RealtimeConversationItemFunctionCall>;
  functionCallOutput: Same<Infer<typeof items.functionCallOutput>, GA.RealtimeConversationItemFunctionCallOutput>;
  mcpApprovalResponse: Same<Infer<typeof items.mcpApprovalResponse>, GA.RealtimeMcpApprovalResponse>;
  mcpListTools: Same<Infer<typeof items.mcpListTools>, GA.RealtimeMcpListTools>;
  mcpListToolsTool: Same<Infer<typeof items.mcpListToolsTool>, GA.RealtimeMcpListTools.Tool>;
  mcpToolCall: Same<Infer<typeof items.mcpToolCall>, GA.RealtimeMcpToolCall>;
  mcpApprovalRequest: Same<Infer<typeof items.mcpApprovalRequest>, GA.RealtimeMcpApprovalRequest>;
  conversationItem: Same<Infer<typeof items.conversationItem>, GA.ConversationItem>;
}>;

type GaEvent<T extends GA.RealtimeClientEvent['type']> = Extract<GA.RealtimeClientEvent, { type: T }>;
type Ev<T extends events.GaClientEventType> = Infer<(typeof events.gaClientEvents)[T]>;

type GaEventChecks = Check<{
  /** Every SDK client event type has a schema (session.close is the mock's own addition). */
  eventTypes: Mutual<Exclude<events.GaClientEventType, 'session.close'>, GA.RealtimeClientEvent['type']>;
  sessionUpdateKeys: Mutual<keyof Ev<'session.update'>, keyof GaEvent<'session.update'>>;
  append: Same<Ev<'input_audio_buffer.append'>, GaEvent<'input_audio_buffer.append'>>;
  commit: Same<Ev<'input_audio_buffer.commit'>, GaEvent<'input_audio_buffer.commit'>>;
  clear: Same<Ev<'input_audio_buffer.clear'>, GaEvent<'input_audio_buffer.clear'>>;
  outputClear: Same<Ev<'output_audio_buffer.clear'>, GaEvent<'output_audio_buffer.clear'>>;
  itemCreate: Same<Ev<'conversation.item.create'>, GaEvent<'conversation.item.create'>>;
  itemRetrieve: Same<Ev<'conversation.item.retrieve'>, GaEvent<'conversation.item.retrieve'>>;
  itemDelete: Same<Ev<'conversation.item.delete'>, GaEvent<'conversation.item.delete'>>;
  itemTruncate: Same<Ev<'conversation.item.truncate'>, GaEvent<'conversation.item.truncate'>>;
  responseCancel: Same<Ev<'response.cancel'>, GaEvent<'response.cancel'>>;
  responseCreateKeys: Mutual<keyof Ev<'response.create'>, keyof GaEvent<'response.create'>>;
  responseParamsKeys: Mutual<keyof Infer<typeof events.responseCreateParams>, keyof GA.RealtimeResponseCreateParams>;
  // Extension: `input` also takes `{type: 'item_reference', id}` (documented for out-of-band responses).
  responseParams: Accepts<Infer<typeof events.responseCreateParams>, GA.RealtimeResponseCreateParams>;
  responseInput: Same<
    NonNullable<Infer<typeof events.responseCreateParams>['input']>,
    Array<GA.ConversationItem | Infer<typeof items.itemReference>>
  >;
  responseAudio: Same<NonNullable<Infer<typeof events.responseCreateParams>['audio']>, GA.RealtimeResponseCreateAudioOutput>;
}>;

type BetaSession = Beta.SessionUpdateEvent.Session;
type BetaEv<T extends keyof typeof betaSchemas.betaClientEvents> = Infer<(typeof betaSchemas.betaClientEvents)[T]>;

type BetaChecks = Check<{
  // Extension: null turn_detection / input_audio_transcription / noise reduction, and tool_choice as
  // an object: the beta service accepted them and older clients (rtbench's runner too) send them.
  sessionKeys: Mutual<keyof Infer<typeof betaSchemas.betaSession>, keyof BetaSession>;
  session: Accepts<Infer<typeof betaSchemas.betaSession>, BetaSession>;
  turnDetection: Same<Infer<typeof betaSchemas.betaTurnDetection>, Beta.SessionUpdateEvent.Session.TurnDetection>;
  transcription: Same<Infer<typeof betaSchemas.betaTranscription>, Beta.SessionUpdateEvent.Session.InputAudioTranscription>;
  tool: Same<Infer<typeof betaSchemas.betaTool>, Beta.SessionUpdateEvent.Session.Tool>;
  append: Same<BetaEv<'input_audio_buffer.append'>, Beta.InputAudioBufferAppendEvent>;
  truncate: Same<BetaEv<'conversation.item.truncate'>, Beta.ConversationItemTruncateEvent>;
  cancel: Same<BetaEv<'response.cancel'>, Beta.ResponseCancelEvent>;
}>;

