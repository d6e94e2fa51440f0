/**
 * Compile-time proof that the mock's client-event schemas match the official `openai` package's
 * realtime types, for two SDK versions at once: the newest 7.x (dev dependency alias `openai7`) and
 * the pinned 6.49 (`openai`, the newest that declares Node 20). Nothing here runs: if an SDK adds,
 * removes or retypes a field, `npm run typecheck` fails on the line of the type that drifted, and
 * the schema is updated with it.
 *
 * The GA checks are written once, generic over an SDK binding (`GaSdk`) and a relation:
 * - `newest` (7.x): `Same<A, B>` — A and B are assignable both ways and (for objects) have the same
 *   keys; the second part catches a new optional field, which plain assignability would not.
 * - `older` (6.49): every value the older SDK can send is accepted (`Accepts`), and every key it
 *   knows is known. The mock may know newer fields.
 * Where the mock accepts more than the SDK types say (null to turn a feature off, `item_reference`),
 * the check names the extension explicitly. openai 7.x no longer ships the beta realtime types, so
 * the beta checks are against 6.49 only.
 */
/* eslint-disable @typescript-eslint/no-unused-vars -- the types below are compile-time checks: evaluated by tsc, never used */
import type { z } from 'zod';
import type * as Beta from 'openai/resources/beta/realtime/realtime';
import type * as GA6 from 'openai/resources/realtime/realtime';
import type * as R6 from 'openai/resources/responses/responses';
import type * as GA7 from 'openai7/resources/realtime/realtime';
import type * as R7 from 'openai7/resources/responses/responses';
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
/** Every key the SDK knows, the schema knows. */
type KnowsKeys<Zod, Sdk> = [KeysOf<NonNullable<Sdk>>] extends [KeysOf<NonNullable<Zod>>] ? true : false;
type Infer<T extends z.ZodType> = z.infer<T>;

/** How strictly a binding is compared: the newest SDK exactly, an older one as a subset. */
type Relation = 'newest' | 'older';
type Eq<M extends Relation, Zod, Sdk> = M extends 'newest' ? Same<Zod, Sdk> : Accepts<Zod, Sdk> extends true ? KnowsKeys<Zod, Sdk> : false;
type KeysEq<M extends Relation, KZod, KSdk> = M extends 'newest' ? Mutual<KZod, KSdk> : [KSdk] extends [KZod] ? true : false;

/** Each entry must be `true`; a `false` is a compile error naming the drifted type. */
export type Check<T extends { [k: string]: true }> = T;

/** The SDK types the GA checks compare with, named once per SDK version. */
interface GaSdk {
  AudioPCM: unknown;
  AudioPCMU: unknown;
  AudioPCMA: unknown;
  AudioFormats: unknown;
  NoiseReduction: unknown;
  AudioTranscription: unknown;
  ServerVad: unknown;
  SemanticVad: unknown;
  TurnDetection: unknown;
  AudioConfigInput: { noise_reduction?: unknown; transcription?: unknown };
  TranscriptionSessionAudioInput: unknown;
  VoiceId: unknown;
  AudioConfigOutput: unknown;
  FunctionTool: unknown;
  McpTool: unknown;
  McpToolFilter: unknown;
  McpApprovalFilter: unknown;
  ResponseMcpTool: unknown;
  ToolsConfigUnion: unknown;
  ToolChoiceFunction: unknown;
  ToolChoiceMcp: unknown;
  ToolChoiceConfig: unknown;
  ResponsePrompt: object;
  Reasoning: unknown;
  TracingConfiguration: unknown;
  TracingConfig: unknown;
  TruncationRetentionRatio: unknown;
  Truncation: unknown;
  SessionCreateRequest: object;
  TranscriptionSessionCreateRequest: object;
  SystemMessage: { content: Array<unknown> };
  UserMessage: { content: Array<unknown> };
  AssistantMessage: { content: Array<unknown> };
  FunctionCall: unknown;
  FunctionCallOutput: unknown;
  McpApprovalResponse: unknown;
  McpListTools: { tools: Array<unknown> };
  McpToolCall: unknown;
  McpApprovalRequest: unknown;
  ConversationItem: unknown;
  ClientEvent: { type: string };
  ResponseCreateParams: object;
  ResponseCreateAudioOutput: unknown;
}

interface Ga7 extends GaSdk {
  AudioPCM: GA7.RealtimeAudioFormats.AudioPCM;
  AudioPCMU: GA7.RealtimeAudioFormats.AudioPCMU;
  AudioPCMA: GA7.RealtimeAudioFormats.AudioPCMA;
  AudioFormats: GA7.RealtimeAudioFormats;
  NoiseReduction: GA7.RealtimeAudioConfigInput.NoiseReduction;
  AudioTranscription: GA7.AudioTranscription;
  ServerVad: GA7.RealtimeAudioInputTurnDetection.ServerVad;
  SemanticVad: GA7.RealtimeAudioInputTurnDetection.SemanticVad;
  TurnDetection: GA7.RealtimeAudioInputTurnDetection;
  AudioConfigInput: GA7.RealtimeAudioConfigInput;
  TranscriptionSessionAudioInput: GA7.RealtimeTranscriptionSessionAudioInput;
  VoiceId: GA7.RealtimeAudioConfigOutput.ID;
  AudioConfigOutput: GA7.RealtimeAudioConfigOutput;
  FunctionTool: GA7.RealtimeFunctionTool;
  McpTool: GA7.RealtimeToolsConfigUnion.Mcp;
  McpToolFilter: GA7.RealtimeToolsConfigUnion.Mcp.McpToolFilter;
  McpApprovalFilter: GA7.RealtimeToolsConfigUnion.Mcp.McpToolApprovalFilter;
  ResponseMcpTool: GA7.RealtimeResponseCreateMcpTool;
  ToolsConfigUnion: GA7.RealtimeToolsConfigUnion;
  ToolChoiceFunction: R7.ToolChoiceFunction;
  ToolChoiceMcp: R7.ToolChoiceMcp;
  ToolChoiceConfig: GA7.RealtimeToolChoiceConfig;
  ResponsePrompt: R7.ResponsePrompt;
  Reasoning: GA7.RealtimeReasoning;
  TracingConfiguration: GA7.RealtimeTracingConfig.TracingConfiguration;
  TracingConfig: GA7.RealtimeTracingConfig;
  TruncationRetentionRatio: GA7.RealtimeTruncationRetentionRatio;
  Truncation: GA7.RealtimeTruncation;
  SessionCreateRequest: GA7.RealtimeSessionCreateRequest;
  TranscriptionSessionCreateRequest: GA7.RealtimeTranscriptionSessionCreateRequest;
  SystemMessage: GA7.RealtimeConversationItemSystemMessage;
  UserMessage: GA7.RealtimeConversationItemUserMessage;
  AssistantMessage: GA7.RealtimeConversationItemAssistantMessage;
  FunctionCall: GA7.RealtimeConversationItemFunctionCall;
  FunctionCallOutput: GA7.RealtimeConversationItemFunctionCallOutput;
  McpApprovalResponse: GA7.RealtimeMcpApprovalResponse;
  McpListTools: GA7.RealtimeMcpListTools;
  McpToolCall: GA7.RealtimeMcpToolCall;
  McpApprovalRequest: GA7.RealtimeMcpApprovalRequest;
  ConversationItem: GA7.ConversationItem;
  ClientEvent: GA7.RealtimeClientEvent;
  ResponseCreateParams: GA7.RealtimeResponseCreateParams;
  ResponseCreateAudioOutput: GA7.RealtimeResponseCreateAudioOutput;
}

interface Ga6 extends GaSdk {
  AudioPCM: GA6.RealtimeAudioFormats.AudioPCM;
  AudioPCMU: GA6.RealtimeAudioFormats.AudioPCMU;
  AudioPCMA: GA6.RealtimeAudioFormats.AudioPCMA;
  AudioFormats: GA6.RealtimeAudioFormats;
  NoiseReduction: GA6.RealtimeAudioConfigInput.NoiseReduction;
  AudioTranscription: GA6.AudioTranscription;
  ServerVad: GA6.RealtimeAudioInputTurnDetection.ServerVad;
  SemanticVad: GA6.RealtimeAudioInputTurnDetection.SemanticVad;
  TurnDetection: GA6.RealtimeAudioInputTurnDetection;
  AudioConfigInput: GA6.RealtimeAudioConfigInput;
  TranscriptionSessionAudioInput: GA6.RealtimeTranscriptionSessionAudioInput;
  VoiceId: GA6.RealtimeAudioConfigOutput.ID;
  AudioConfigOutput: GA6.RealtimeAudioConfigOutput;
  FunctionTool: GA6.RealtimeFunctionTool;
  McpTool: GA6.RealtimeToolsConfigUnion.Mcp;
  McpToolFilter: GA6.RealtimeToolsConfigUnion.Mcp.McpToolFilter;
  McpApprovalFilter: GA6.RealtimeToolsConfigUnion.Mcp.McpToolApprovalFilter;
  ResponseMcpTool: GA6.RealtimeResponseCreateMcpTool;
  ToolsConfigUnion: GA6.RealtimeToolsConfigUnion;
  ToolChoiceFunction: R6.ToolChoiceFunction;
  ToolChoiceMcp: R6.ToolChoiceMcp;
  ToolChoiceConfig: GA6.RealtimeToolChoiceConfig;
  ResponsePrompt: R6.ResponsePrompt;
  Reasoning: GA6.RealtimeReasoning;
  TracingConfiguration: GA6.RealtimeTracingConfig.TracingConfiguration;
  TracingConfig: GA6.RealtimeTracingConfig;
  TruncationRetentionRatio: GA6.RealtimeTruncationRetentionRatio;
  Truncation: GA6.RealtimeTruncation;
  SessionCreateRequest: GA6.RealtimeSessionCreateRequest;
  TranscriptionSessionCreateRequest: GA6.RealtimeTranscriptionSessionCreateRequest;
  SystemMessage: GA6.RealtimeConversationItemSystemMessage;
  UserMessage: GA6.RealtimeConversationItemUserMessage;
  AssistantMessage: GA6.RealtimeConversationItemAssistantMessage;
  FunctionCall: GA6.RealtimeConversationItemFunctionCall;
  FunctionCallOutput: GA6.RealtimeConversationItemFunctionCallOutput;
  McpApprovalResponse: GA6.RealtimeMcpApprovalResponse;
  McpListTools: GA6.RealtimeMcpListTools;
  McpToolCall: GA6.RealtimeMcpToolCall;
  McpApprovalRequest: GA6.RealtimeMcpApprovalRequest;
  ConversationItem: GA6.ConversationItem;
  ClientEvent: GA6.RealtimeClientEvent;
  ResponseCreateParams: GA6.RealtimeResponseCreateParams;
  ResponseCreateAudioOutput: GA6.RealtimeResponseCreateAudioOutput;
}

type GaSessionChecks<S extends GaSdk, M extends Relation> = {
  audioPcm: Eq<M, Infer<typeof s.audioPcm>, S['AudioPCM']>;
  audioPcmu: Eq<M, Infer<typeof s.audioPcmu>, S['AudioPCMU']>;
  audioPcma: Eq<M, Infer<typeof s.audioPcma>, S['AudioPCMA']>;
  audioFormats: Eq<M, Infer<typeof s.audioFormats>, S['AudioFormats']>;
  noiseReduction: Eq<M, Infer<typeof s.noiseReduction>, S['NoiseReduction']>;
  audioTranscription: Eq<M, Infer<typeof s.audioTranscription>, S['AudioTranscription']>;
  serverVad: Eq<M, Infer<typeof s.serverVad>, S['ServerVad']>;
  semanticVad: Eq<M, Infer<typeof s.semanticVad>, S['SemanticVad']>;
  turnDetection: Eq<M, Infer<typeof s.turnDetection>, S['TurnDetection']>;
  // Extension: null noise_reduction / transcription (the service turns the feature off).
  audioInput: Eq<
    M,
    Infer<typeof s.audioInput>,
    Omit<S['AudioConfigInput'], 'noise_reduction' | 'transcription'> & {
      noise_reduction?: S['NoiseReduction'] | null;
      transcription?: S['AudioTranscription'] | null;
    }
  >;
  transcriptionInput: Accepts<Infer<typeof s.transcriptionAudioInput>, S['TranscriptionSessionAudioInput']>;
  voiceId: Eq<M, Infer<typeof s.voiceId>, S['VoiceId']>;
  audioOutput: Eq<M, Infer<typeof s.audioOutput>, S['AudioConfigOutput']>;
  functionTool: Eq<M, Infer<typeof s.functionTool>, S['FunctionTool']>;
  mcpTool: Eq<M, Infer<typeof s.mcpTool>, S['McpTool']>;
  mcpToolFilter: Eq<M, Infer<typeof s.mcpToolFilter>, S['McpToolFilter']>;
  mcpApprovalFilter: Eq<M, Infer<typeof s.mcpApprovalFilter>, S['McpApprovalFilter']>;
  responseMcpTool: Eq<M, Infer<typeof s.mcpTool>, S['ResponseMcpTool']>;
  tool: Eq<M, Infer<typeof s.tool>, S['ToolsConfigUnion']>;
  toolChoiceFunction: Eq<M, Infer<typeof s.toolChoiceFunction>, S['ToolChoiceFunction']>;
  toolChoiceMcp: Eq<M, Infer<typeof s.toolChoiceMcp>, S['ToolChoiceMcp']>;
  toolChoice: Eq<M, Infer<typeof s.toolChoice>, S['ToolChoiceConfig']>;
  prompt: Accepts<Infer<typeof s.prompt>, S['ResponsePrompt']>;
  promptKeys: KeysEq<M, keyof Infer<typeof s.prompt>, keyof S['ResponsePrompt']>;
  reasoning: Eq<M, Infer<typeof s.reasoning>, S['Reasoning']>;
  tracingConfiguration: Eq<M, Infer<typeof s.tracingConfiguration>, S['TracingConfiguration']>;
  tracing: Eq<M, Infer<typeof s.tracing>, S['TracingConfig']>;
  truncationRetentionRatio: Eq<M, Infer<typeof s.truncationRetentionRatio>, S['TruncationRetentionRatio']>;
  truncation: Eq<M, Infer<typeof s.truncation>, S['Truncation']>;
  realtimeSessionKeys: KeysEq<M, keyof Infer<typeof s.realtimeSession>, keyof S['SessionCreateRequest']>;
  realtimeSession: Accepts<Infer<typeof s.realtimeSession>, S['SessionCreateRequest']>;
  transcriptionSessionKeys: KeysEq<M, keyof Infer<typeof s.transcriptionSession>, keyof S['TranscriptionSessionCreateRequest']>;
  transcriptionSession: Accepts<Infer<typeof s.transcriptionSession>, S['TranscriptionSessionCreateRequest']>;
};

type GaItemChecks<S extends GaSdk, M extends Relation> = {
  systemContent: Eq<M, Infer<typeof items.systemContent>, S['SystemMessage']['content'][number]>;
  userContent: Eq<M, Infer<typeof items.userContent>, S['UserMessage']['content'][number]>;
  assistantContent: Eq<M, Infer<typeof items.assistantContent>, S['AssistantMessage']['content'][number]>;
  systemMessage: Eq<M, Infer<typeof items.systemMessage>, S['SystemMessage']>;
  userMessage: Eq<M, Infer<typeof items.userMessage>, S['UserMessage']>;
  assistantMessage: Eq<M, Infer<typeof items.assistantMessage>, S['AssistantMessage']>;
  functionCall: Eq<M, Infer<typeof items.functionCall>, S['FunctionCall']>;
  functionCallOutput: Eq<M, Infer<typeof items.functionCallOutput>, S['FunctionCallOutput']>;
  mcpApprovalResponse: Eq<M, Infer<typeof items.mcpApprovalResponse>, S['McpApprovalResponse']>;
  mcpListTools: Eq<M, Infer<typeof items.mcpListTools>, S['McpListTools']>;
  mcpListToolsTool: Eq<M, Infer<typeof items.mcpListToolsTool>, S['McpListTools']['tools'][number]>;
  mcpToolCall: Eq<M, Infer<typeof items.mcpToolCall>, S['McpToolCall']>;
  mcpApprovalRequest: Eq<M, Infer<typeof items.mcpApprovalRequest>, S['McpApprovalRequest']>;
  conversationItem: Eq<M, Infer<typeof items.conversationItem>, S['ConversationItem']>;
};

type Ev<T extends events.GaClientEventType> = Infer<(typeof events.gaClientEvents)[T]>;
type SdkEvent<S extends GaSdk, T extends string> = Extract<S['ClientEvent'], { type: T }>;

type GaEventChecks<S extends GaSdk, M extends Relation> = {
  /** Every SDK client event type has a schema (session.close is the mock's own addition). */
  eventTypes: Mutual<Exclude<events.GaClientEventType, 'session.close'>, S['ClientEvent']['type']>;
  sessionUpdateKeys: Mutual<keyof Ev<'session.update'>, keyof SdkEvent<S, 'session.update'>>;
  append: Eq<M, Ev<'input_audio_buffer.append'>, SdkEvent<S, 'input_audio_buffer.append'>>;
  commit: Eq<M, Ev<'input_audio_buffer.commit'>, SdkEvent<S, 'input_audio_buffer.commit'>>;
  clear: Eq<M, Ev<'input_audio_buffer.clear'>, SdkEvent<S, 'input_audio_buffer.clear'>>;
  outputClear: Eq<M, Ev<'output_audio_buffer.clear'>, SdkEvent<S, 'output_audio_buffer.clear'>>;
  itemCreate: Eq<M, Ev<'conversation.item.create'>, SdkEvent<S, 'conversation.item.create'>>;
  itemRetrieve: Eq<M, Ev<'conversation.item.retrieve'>, SdkEvent<S, 'conversation.item.retrieve'>>;
  itemDelete: Eq<M, Ev<'conversation.item.delete'>, SdkEvent<S, 'conversation.item.delete'>>;
  itemTruncate: Eq<M, Ev<'conversation.item.truncate'>, SdkEvent<S, 'conversation.item.truncate'>>;
  responseCancel: Eq<M, Ev<'response.cancel'>, SdkEvent<S, 'response.cancel'>>;
  responseCreateKeys: Mutual<keyof Ev<'response.create'>, keyof SdkEvent<S, 'response.create'>>;
  responseParamsKeys: KeysEq<M, keyof Infer<typeof events.responseCreateParams>, keyof S['ResponseCreateParams']>;
  // Extension: `input` also takes `{type: 'item_reference', id}` (documented for out-of-band responses).
  responseParams: Accepts<Infer<typeof events.responseCreateParams>, S['ResponseCreateParams']>;
  responseInput: Eq<M, NonNullable<Infer<typeof events.responseCreateParams>['input']>, Array<S['ConversationItem'] | Infer<typeof items.itemReference>>>;
  responseAudio: Eq<M, NonNullable<Infer<typeof events.responseCreateParams>['audio']>, S['ResponseCreateAudioOutput']>;
};

/** The newest SDK (7.x), exactly. */
type Newest = Check<GaSessionChecks<Ga7, 'newest'> & GaItemChecks<Ga7, 'newest'> & GaEventChecks<Ga7, 'newest'>>;
/** The pinned 6.49: everything it sends is accepted. */
type Older = Check<GaSessionChecks<Ga6, 'older'> & GaItemChecks<Ga6, 'older'> & GaEventChecks<Ga6, 'older'>>;

type Newest7Only = Check<{
  /** 7.x names the `item_reference` the mock already accepted as an extension. */
  itemReference: Same<Infer<typeof items.itemReference>, GA7.ResponseItemReference>;
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
