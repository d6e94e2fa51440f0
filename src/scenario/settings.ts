import type { FunctionTool, SessionConfig, TurnDetection } from '../protocol/session.js';
import type { SessionSpec } from './schema.js';
import { SETTING_AXES } from './session-schema.js';

/** A matrix value: what `SessionPlan.settings` holds. */
export type SettingValue = string | number | boolean | null;

/** The scenario's `session:` block → the neutral {@link SessionConfig} (tools get `type: function`). */
export function toSessionConfig(spec: SessionSpec | undefined): SessionConfig {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec ?? {})) if (v !== undefined) out[k] = v;
  if (spec?.tools) out.tools = spec.tools.map((t): FunctionTool => ({ ...t, type: 'function' }));
  return out as SessionConfig;
}

/**
 * Applies one cell's settings to a session. `turn_detection` (the type) goes first, so a field axis
 * such as `silence_duration_ms` lands on the cell's VAD. Combinations that cannot apply were refused
 * when the scenario was checked.
 */
export function applySettings(base: SessionConfig, settings: Record<string, SettingValue>): SessionConfig {
  const entries = Object.entries(settings).filter(([name]) => SETTING_AXES[name]);
  entries.sort(([a], [b]) => rank(a) - rank(b));
  let session: SessionConfig = { ...base };
  for (const [name, value] of entries) session = applySetting(session, name, value);
  return session;
}

function rank(name: string): number {
  return SETTING_AXES[name].target.kind === 'turn_detection_type' ? 0 : 1;
}

function applySetting(session: SessionConfig, name: string, value: SettingValue): SessionConfig {
  const target = SETTING_AXES[name].target;
  switch (target.kind) {
    case 'session':
      return { ...session, [target.field]: value };
    case 'turn_detection_type':
      return { ...session, turn_detection: withType(session.turn_detection, value as 'server_vad' | 'semantic_vad' | null) };
    case 'vad': {
      const td = session.turn_detection ?? { type: 'server_vad' };
      if (td === null) throw new Error(`matrix.${name} cannot apply in manual mode`);
      return { ...session, turn_detection: { ...td, [target.field]: value } as TurnDetection };
    }
    case 'nested': {
      const current = (session[target.field] ?? {}) as Record<string, unknown>;
      return { ...session, [target.field]: { ...current, [target.sub]: value } };
    }
  }
}

/** Switches the VAD type, keeping the fields both types share. */
function withType(td: TurnDetection | undefined, type: 'server_vad' | 'semantic_vad' | null): TurnDetection {
  if (type === null) return null;
  if (td && td.type === type) return td;
  const shared: { create_response?: boolean; interrupt_response?: boolean } = {};
  if (td?.create_response !== undefined) shared.create_response = td.create_response;
  if (td?.interrupt_response !== undefined) shared.interrupt_response = td.interrupt_response;
  return { type, ...shared };
}
