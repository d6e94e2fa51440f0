/**
 * The `error` payloads the mock sends, worded like the service's where its wording is known
 * (seen in public traces: unknown event type, commit of < 100 ms, active response, cancel with none
 * active, truncate past the audio, non-JSON and binary frames, unknown session field). The rest
 * are approximations in the same style; each says so.
 */
export interface ErrorBody {
  type: 'invalid_request_error' | 'server_error' | string;
  code: string | null;
  message: string;
  param: string | null;
  /** The client event that caused it (null when it had no event_id, as the service does). */
  event_id: string | null;
}

function invalid(code: string | null, message: string, param: string | null = null): Omit<ErrorBody, 'event_id'> {
  return { type: 'invalid_request_error', code, message, param };
}

/** GA's list of accepted client event types, as the service spells it in `invalid_value` errors. */
export const SUPPORTED_CLIENT_EVENTS = [
  'session.update',
  'session.close',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.truncate',
  'conversation.item.delete',
  'conversation.item.retrieve',
  'response.create',
  'response.cancel',
] as const;

export const errors = {
  invalidJson: () => invalid('invalid_json', 'Invalid event: failed to parse JSON value. Expected a JSON object with a string "type".'),
  binaryFrame: () => invalid('invalid_event', 'Expected a text WebSocket message; binary frames are not supported.'),
  unknownEventType: (type: string) => {
    const list = SUPPORTED_CLIENT_EVENTS.map((t) => `'${t}'`);
    const text = `${list.slice(0, -1).join(', ')}, and ${list[list.length - 1]}`;
    return invalid('invalid_value', `Invalid value: '${type}'. Supported values are: ${text}.`, 'type');
  },
  missingParam: (param: string) => invalid('missing_required_parameter', `Missing required parameter: '${param}'.`, param),
  invalidType: (param: string, expected: string) => invalid('invalid_type', `Invalid type for '${param}': expected ${expected}.`, param),
  invalidValue: (param: string, message: string) => invalid('invalid_value', message, param),
  unknownParameter: (param: string) => invalid('unknown_parameter', `Unknown parameter: '${param}'.`, param),
  /** Wording approximate: the service's exact text for undecodable audio is not known. */
  invalidAudio: () => invalid('invalid_value', "Invalid 'audio'. Expected base64-encoded audio bytes.", 'audio'),
  /** Approximate: how the service words an odd PCM16 byte count is not known. */
  oddPcm16: (bytes: number) => invalid('invalid_value', `Invalid 'audio'. pcm16 audio must be a whole number of 16-bit samples, got ${bytes} bytes.`, 'audio'),
  commitEmpty: (bufferMs: number) =>
    invalid(
      'input_audio_buffer_commit_empty',
      `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${bufferMs.toFixed(2)}ms of audio.`,
    ),
  activeResponse: (responseId: string) =>
    invalid(
      'conversation_already_has_active_response',
      `Conversation already has an active response in progress: ${responseId}. Wait until the response is finished before creating a new one.`,
    ),
  cancelNotActive: () => invalid('response_cancel_not_active', 'Cancellation failed: no active response found'),
  /** Approximate code; the message follows other emulators of the service. */
  itemNotFound: (verb: 'truncating' | 'retrieving' | 'deleting', itemId: string) =>
    invalid(
      `item_${{ truncating: 'truncate', retrieving: 'retrieve', deleting: 'delete' }[verb]}_invalid_item_id`,
      `Error ${verb} item: the item with id '${itemId}' does not exist.`,
      'item_id',
    ),
  previousItemNotFound: (itemId: string) =>
    invalid('invalid_value', `Error adding item: the previous item with id '${itemId}' does not exist.`, 'previous_item_id'),
  duplicateItem: (itemId: string) => invalid('invalid_value', `Error adding item: an item with id '${itemId}' already exists.`, 'item.id'),
  callIdNotFound: (callId: string) => invalid('invalid_value', `Tool call ID '${callId}' not found in conversation.`, 'item.call_id'),
  /** Message as reported by users of the service; the code is a best guess. */
  notOutputAudio: () => invalid('unsupported_content_type', 'Only model output audio messages can be truncated', 'item_id'),
  badContentIndex: (index: number) => invalid('invalid_value', `Invalid 'content_index': the item has no audio content at index ${index}.`, 'content_index'),
  audioShorter: (haveMs: number, wantMs: number) =>
    invalid('invalid_value', `Audio content of ${haveMs}ms is already shorter than ${wantMs}ms`, 'audio_end_ms'),
  betaDisabled: () =>
    invalid(
      'beta_api_shape_disabled',
      'The Realtime Beta API is no longer supported. Please use the GA API shape (remove the OpenAI-Beta: realtime=v1 header).',
    ),
  invalidApiKey: () => invalid('invalid_api_key', 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.'),
  missingAuth: () => invalid(null, 'Missing bearer or basic authentication in header'),
  sessionExpired: (minutes: number) => invalid('session_expired', `Your session hit the maximum duration of ${minutes} minutes.`),
  outputAudioBufferWs: () => invalid('invalid_value', "Invalid value: 'output_audio_buffer.clear'. It is only supported on WebRTC connections.", 'type'),
  /**
   * Approximate wording. The service's transcription guide: a session's type is fixed when it is
   * opened (`intent=transcription` or a model), and an update of the other type is refused.
   */
  sessionTypeFixed: (current: 'realtime' | 'transcription', wanted: string) =>
    invalid(
      'invalid_value',
      current === 'realtime'
        ? `Invalid value: '${wanted}'. This session was opened with a model and cannot become a transcription session; connect with ?intent=transcription instead.`
        : `Invalid value: '${wanted}'. This session was opened with intent=transcription and cannot become a realtime session; connect with ?model= instead.`,
      'session.type',
    ),
  /** Approximate wording: a transcription session has no model to answer. */
  noResponsesInTranscription: () =>
    invalid('invalid_value', "Invalid value: 'response.create'. Responses are not supported in a transcription session.", 'type'),
  /** From the SDK's doc comment: "For `gpt-realtime-whisper` transcription sessions, turn detection must be set to `null`". */
  whisperNeedsNoVad: () =>
    invalid(
      'invalid_value',
      "Invalid value for 'session.audio.input.turn_detection': gpt-realtime-whisper transcription sessions do not support VAD; set it to null.",
      'session.audio.input.turn_detection',
    ),
  serverError: (message = 'The server had an error while processing your request. Sorry about that!') =>
    ({ type: 'server_error', code: null, message, param: null }) as Omit<ErrorBody, 'event_id'>,
};

export type ErrorTemplate = Omit<ErrorBody, 'event_id'>;
