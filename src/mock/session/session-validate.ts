/**
 * Checks on `session.update` beyond what the codecs parse: values the service refuses, and (in
 * `openai` strictness) unknown fields, which the service answers with `unknown_parameter` and
 * discards the whole update.
 */
import type { Dialect } from '../../protocol/codec.js';
import { isRecord } from '../../protocol/codec.js';
import type { SessionConfig } from '../../protocol/session.js';
import { errors, type ErrorTemplate } from '../errors.js';

/** GA session fields (openai 6.x `RealtimeSessionCreateRequest`), nested objects spelled out. */
const GA_KEYS: Record<string, true | Record<string, true | Record<string, true>>> = {
  type: true,
  model: true,
  instructions: true,
  output_modalities: true,
  audio: {
    input: { format: true, noise_reduction: true, transcription: true, turn_detection: true },
    output: { format: true, voice: true, speed: true },
  },
  include: true,
  max_output_tokens: true,
  parallel_tool_calls: true,
  prompt: true,
  reasoning: true,
  tool_choice: true,
  tools: true,
  tracing: true,
  truncation: true,
};

/** The first field of a raw GA `session` object the service does not know, as `session.a.b`. */
export function unknownGaParam(session: unknown): string | null {
  const walk = (value: unknown, known: Record<string, unknown>, path: string): string | null => {
    if (!isRecord(value)) return null;
    for (const [k, v] of Object.entries(value)) {
      const spec = known[k];
      if (spec === undefined) return `${path}.${k}`;
      if (spec !== true) {
        const inner = walk(v, spec as Record<string, unknown>, `${path}.${k}`);
        if (inner) return inner;
      }
    }
    return null;
  };
  return walk(session, GA_KEYS, 'session');
}

function tdParam(dialect: Dialect, field: string): string {
  return dialect === 'ga' ? `session.audio.input.turn_detection.${field}` : `session.turn_detection.${field}`;
}

/** Value checks shared by both dialects; null when the update is acceptable. */
export function validateSessionValues(s: SessionConfig, dialect: Dialect): ErrorTemplate | null {
  const td = s.turn_detection as unknown;
  if (td !== undefined && td !== null) {
    if (!isRecord(td)) return errors.invalidType(dialect === 'ga' ? 'session.audio.input.turn_detection' : 'session.turn_detection', 'an object');
    if (td.type !== 'server_vad' && td.type !== 'semantic_vad') {
      return errors.invalidValue(tdParam(dialect, 'type'), `Invalid value: '${String(td.type)}'. Supported values are: 'server_vad' and 'semantic_vad'.`);
    }
    if (td.threshold !== undefined && (typeof td.threshold !== 'number' || td.threshold < 0 || td.threshold > 1)) {
      return errors.invalidValue(tdParam(dialect, 'threshold'), `Invalid 'threshold': expected a number between 0 and 1.`);
    }
    for (const f of ['prefix_padding_ms', 'silence_duration_ms'] as const) {
      const v = td[f];
      if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0)) {
        return errors.invalidValue(tdParam(dialect, f), `Invalid '${f}': expected a non-negative integer.`);
      }
    }
    if (td.eagerness !== undefined && !['low', 'medium', 'high', 'auto'].includes(String(td.eagerness))) {
      return errors.invalidValue(
        tdParam(dialect, 'eagerness'),
        `Invalid value: '${String(td.eagerness)}'. Supported values are: 'low', 'medium', 'high', and 'auto'.`,
      );
    }
  }
  if (s.tools !== undefined && !Array.isArray(s.tools)) return errors.invalidType('session.tools', 'an array');
  for (const [i, t] of (s.tools ?? []).entries()) {
    if (!isRecord(t)) return errors.invalidType(`session.tools[${i}]`, 'an object');
    // Function tools need a name (the SDK types leave it optional); MCP tools have a server_label instead.
    if ((t as { type?: string }).type !== 'mcp' && typeof t.name !== 'string') return errors.missingParam(`session.tools[${i}].name`);
  }
  return null;
}
