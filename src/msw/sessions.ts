import { HttpResponse } from 'msw';
import { isObject, type HandlerContext } from './context.js';
import { invalidRequest, missingParameter } from './errors.js';
import { checkBody, checkEnum, checkEnumList, checkExpiresAfter, checkString, firstFailure, ttlSeconds } from './validate.js';

/**
 * Answers of the session-minting endpoints, shaped after the `openai` package's types
 * (`resources/realtime/client-secrets.d.ts` for GA, `resources/beta/realtime/sessions.d.ts` and
 * `transcription-sessions.d.ts` for beta): requested fields are echoed over plausible defaults.
 * The default values are placeholders, not the service's.
 */

const BETA_AUDIO_FORMATS = ['pcm16', 'g711_ulaw', 'g711_alaw'] as const;
const MODALITIES = ['text', 'audio'] as const;

/** GA `POST …/realtime/client_secrets` → `{ value, expires_at, session }`. */
export function gaClientSecret(ctx: HandlerContext, body: unknown): Response {
  const bad = checkBody(body, true);
  if (bad) return bad;
  const req = (body ?? {}) as Record<string, unknown>;
  const session = req.session;
  const fail = firstFailure(
    () => checkExpiresAfter(req.expires_after, 'expires_after', false),
    () => (session !== undefined && !isObject(session) ? invalidRequest("Invalid type for 'session': expected an object.", 'session', 'invalid_type') : null),
    () => (isObject(session) && session.type === undefined ? missingParameter('session.type') : null),
    () => (isObject(session) ? checkEnum(session, 'type', 'session.type', ['realtime', 'transcription']) : null),
    () => (isObject(session) ? checkString(session, 'model', 'session.model') : null),
    () => (isObject(session) ? checkEnumList(session, 'output_modalities', 'session.output_modalities', MODALITIES) : null),
    () =>
      (session === undefined || (isObject(session) && session.type === 'realtime' && session.model === undefined)) && ctx.requireModel
        ? missingParameter('session.model')
        : null,
  );
  if (fail) return fail;
  const s = (session ?? { type: 'realtime' }) as Record<string, unknown>;
  const value = ctx.id('ek');
  ctx.issued.add(value);
  const out = s.type === 'transcription' ? gaTranscriptionSession(ctx, s) : gaRealtimeSession(ctx, s);
  return HttpResponse.json({ value, expires_at: ctx.now() + ttlSeconds(req.expires_after), session: out });
}

function gaRealtimeSession(ctx: HandlerContext, s: Record<string, unknown>): Record<string, unknown> {
  const audio = isObject(s.audio) ? s.audio : {};
  const input = isObject(audio.input) ? audio.input : {};
  const output = isObject(audio.output) ? audio.output : {};
  return {
    id: ctx.id('sess'),
    object: 'realtime.session',
    type: 'realtime',
    model: 'gpt-realtime-2.1',
    output_modalities: ['audio'],
    instructions: '',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: null,
    truncation: 'auto',
    prompt: null,
    include: null,
    expires_at: 0,
    ...s,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: null,
        noise_reduction: null,
        turn_detection: {
          type: 'server_vad',
          threshold: 0.5,
          prefix_padding_ms: 300,
          silence_duration_ms: 200,
          idle_timeout_ms: null,
          create_response: true,
          interrupt_response: true,
        },
        ...input,
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'alloy', speed: 1, ...output },
    },
  };
}

function gaTranscriptionSession(ctx: HandlerContext, s: Record<string, unknown>): Record<string, unknown> {
  const audio = isObject(s.audio) ? s.audio : {};
  const input = isObject(audio.input) ? audio.input : {};
  return {
    id: ctx.id('sess'),
    object: 'realtime.transcription_session',
    type: 'transcription',
    expires_at: 0,
    include: null,
    ...s,
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: { model: 'gpt-4o-transcribe', language: null, prompt: '' },
        noise_reduction: null,
        turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200 },
        ...input,
      },
    },
  };
}

/** Beta `POST /v1/realtime/sessions` (and Azure's preview sessions) → session + `client_secret`. */
export function betaSession(ctx: HandlerContext, body: unknown): Response {
  const bad = checkBody(body, !ctx.requireModel);
  if (bad) return bad;
  const req = (body ?? {}) as Record<string, unknown>;
  const fail = firstFailure(
    () => (ctx.requireModel && req.model === undefined ? missingParameter('model') : null),
    () => checkString(req, 'model', 'model'),
    () => checkString(req, 'voice', 'voice'),
    () => checkEnumList(req, 'modalities', 'modalities', MODALITIES),
    () => checkEnum(req, 'input_audio_format', 'input_audio_format', BETA_AUDIO_FORMATS),
    () => checkEnum(req, 'output_audio_format', 'output_audio_format', BETA_AUDIO_FORMATS),
    () => checkExpiresAfter(isObject(req.client_secret) ? req.client_secret.expires_after : undefined, 'client_secret.expires_after', true),
  );
  if (fail) return fail;
  const { client_secret: secretOpts, ...fields } = req;
  return HttpResponse.json({
    id: ctx.id('sess'),
    object: 'realtime.session',
    model: 'gpt-4o-realtime-preview',
    modalities: ['audio', 'text'],
    instructions: '',
    voice: 'alloy',
    input_audio_format: 'pcm16',
    output_audio_format: 'pcm16',
    input_audio_transcription: null,
    turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500, create_response: true, interrupt_response: true },
    tools: [],
    tool_choice: 'auto',
    temperature: 0.8,
    max_response_output_tokens: 'inf',
    speed: 1,
    tracing: null,
    ...fields,
    client_secret: issue(ctx, secretOpts),
  });
}

/** Beta `POST /v1/realtime/transcription_sessions` → transcription session + `client_secret`. */
export function betaTranscriptionSession(ctx: HandlerContext, body: unknown): Response {
  const bad = checkBody(body, true);
  if (bad) return bad;
  const req = (body ?? {}) as Record<string, unknown>;
  const transcription = req.input_audio_transcription;
  const fail = firstFailure(
    () => checkEnum(req, 'input_audio_format', 'input_audio_format', BETA_AUDIO_FORMATS),
    () => checkEnumList(req, 'modalities', 'modalities', MODALITIES),
    () => (isObject(transcription) ? checkString(transcription, 'model', 'input_audio_transcription.model') : null),
    () => checkExpiresAfter(isObject(req.client_secret) ? req.client_secret.expires_at : undefined, 'client_secret.expires_at', false),
  );
  if (fail) return fail;
  const { client_secret: secretOpts, ...fields } = req;
  return HttpResponse.json({
    id: ctx.id('sess'),
    object: 'realtime.transcription_session',
    modalities: ['audio', 'text'],
    input_audio_format: 'pcm16',
    input_audio_transcription: { model: 'gpt-4o-transcribe', language: null, prompt: '' },
    input_audio_noise_reduction: null,
    turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 },
    include: null,
    ...fields,
    // The transcription endpoint names its expiry option `expires_at` (see its .d.ts).
    client_secret: issue(ctx, isObject(secretOpts) ? { expires_after: secretOpts.expires_at } : undefined),
  });
}

/** Mints an ephemeral key honouring `{ expires_after: { seconds } }`. */
function issue(ctx: HandlerContext, secretOpts: unknown): { value: string; expires_at: number } {
  const value = ctx.id('ek');
  ctx.issued.add(value);
  const expiresAfter = isObject(secretOpts) ? secretOpts.expires_after : undefined;
  return { value, expires_at: ctx.now() + ttlSeconds(expiresAfter) };
}
