/**
 * The WebRTC side of the run's connector: which plans may use it (checked before anything runs)
 * and opening one session's call. Kept out of benchmark.ts so the runner's session driver sees only
 * a {@link Connection}, whatever the wire.
 */
import type { Clock } from '../clock/clock.js';
import type { Connection } from '../runner/session.js';
import type { Endpoint } from '../runner/targets.js';
import type { Plan } from '../scenario/types.js';
import { connectWebRtcEndpoint } from '../transport/webrtc-connect.js';
import { webrtcAvailable, WEBRTC_INSTALL_HINT } from '../transport/webrtc-lib.js';
import { UsageError } from '../errors.js';

/** A plan that cannot run over WebRTC (exit 2, nothing was run). */
export class WebRtcPlanError extends UsageError {}

/**
 * Fails closed before the run: WebRTC sessions need the optional stack, a real clock, the GA
 * dialect, and PCM16 formats (over WebRTC the audio is Opus; the API's G.711 formats do not apply).
 * @throws {WebRtcPlanError}
 */
export function checkWebRtcPlan(plan: Plan, virtualClock: boolean): void {
  const rtc = plan.sessions.filter((s) => s.transport === 'webrtc');
  if (rtc.length === 0) return;
  if (virtualClock)
    throw new WebRtcPlanError('--clock virtual works only over WebSocket: WebRTC media runs in real time (drop --clock virtual or use --transport ws)');
  if (!webrtcAvailable()) throw new WebRtcPlanError(WEBRTC_INSTALL_HINT);
  for (const s of rtc) {
    if (s.dialect === 'beta') throw new WebRtcPlanError(`${s.id}: WebRTC is served with the GA dialect only (drop dialect beta, or use transport ws)`);
    if (s.target === 'azure') throw new WebRtcPlanError(`${s.id}: WebRTC to Azure is not supported yet (use transport ws)`);
    for (const k of ['input_audio_format', 'output_audio_format'] as const) {
      const f = s.session[k];
      if (f !== undefined && f !== 'pcm16')
        throw new WebRtcPlanError(`${s.id}: ${k} ${f} does not apply over WebRTC (audio is Opus); use pcm16 or transport ws`);
    }
  }
}

/** Opens one session's WebRTC call to the endpoint the runner resolved for its target. */
export async function connectWebRtcSession(ep: Endpoint, opts: { clock: Clock; signal?: AbortSignal; timeoutMs?: number }): Promise<Connection> {
  const { transport, connectMs } = await connectWebRtcEndpoint(ep, opts);
  return { transport, connectMs, url: ep.displayUrl.replace(/^ws/, 'http').replace(/\/realtime(\?|$)/, '/realtime/calls$1'), dialect: 'ga' };
}
