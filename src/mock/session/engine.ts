/**
 * The mock engine, independent of any socket: `attach()` a server-side transport and it runs a
 * session on it. `startMockServer` wraps it in a real WebSocket server; the runner's virtual-clock
 * runs attach it to an in-process pair.
 */
import { RealClock } from '../../clock/real.js';
import type { Clock } from '../../clock/clock.js';
import { codecFor } from '../../protocol/index.js';
import { loadAssistantAudio, type AssistantAudio } from '../responses/assistant-audio.js';
import { parseDirectives, parseFaults, type ParsedDirectives } from '../behaviour/directives.js';
import { errors, type ErrorTemplate } from '../errors.js';
import { describeFault, refusal, rejectionFrom, selectFaults, type HandshakeRefusal } from '../behaviour/faults.js';
import { inspectRequest, type ConnectRequest, type HandshakeInfo } from '../hosting/handshake.js';
import { IdGenerator } from '../ids.js';
import type { FaultSpec, MockConnection, MockOptions, MockSessionStats, MockStats } from '../types.js';
import type { ScriptHooks } from '../scripting-hooks.js';
import { mixSeed, Prng } from '../../util/prng.js';
import { ProfileFileCache, profileFromFile } from '../behaviour/profile-file.js';
import { loadReplay, ReplayPlayer } from '../behaviour/replay.js';
import { resolveProfile, type MockProfile } from '../behaviour/profiles.js';
import { MockSession } from './session.js';

/** A handshake the engine accepted: what the session will be. */
export interface Ticket {
  index: number;
  info: HandshakeInfo;
  directives: ParsedDirectives;
  profile: MockProfile;
  model: string;
  faults: FaultSpec[];
  authError?: ErrorTemplate;
  /**
   * A GA `session` object applied before `session.created` (a WebRTC call created with a
   * `session` part), already validated by the caller.
   */
  initialSession?: Record<string, unknown>;
}

export type Admission = { ok: true; ticket: Ticket } | { ok: false; refusal: HandshakeRefusal };

export class MockRealtime {
  private readonly clock: Clock;
  private readonly seed: number;
  private readonly assistant: AssistantAudio;
  private readonly serverFaults: FaultSpec[];
  private readonly sessions = new Set<MockSession>();
  private readonly statsList: MockSessionStats[] = [];
  private nextIndex = 0;
  private rejected = 0;
  private logMuted = false;
  private readonly log: (line: string) => void;
  private readonly profileFiles: ProfileFileCache;
  /** Set with `replay`: recorded sessions served instead of simulated ones. */
  readonly replay: ReplayPlayer | null;
  /** Per-test scripting shared by every session of this engine (`MockOptions.script`), if any. */
  readonly script: ScriptHooks | undefined;

  /**
   * @throws {Error} code `MOCK_UNKNOWN_PROFILE`, `MOCK_BAD_FAULT`, `MOCK_ASSISTANT_AUDIO` or `MOCK_BAD_PROFILE_FILE` for bad options
   */
  constructor(private readonly opts: MockOptions = {}) {
    this.clock = opts.clock ?? new RealClock();
    this.seed = opts.seed ?? 0;
    const log = opts.log ?? (() => undefined);
    this.log = (line) => {
      if (!this.logMuted) log(line);
    };
    if (opts.profile !== undefined) resolveProfile(opts.profile, undefined);
    this.profileFiles = new ProfileFileCache();
    if (opts.profileFile !== undefined) this.profileFiles.get(opts.profileFile);
    this.replay =
      opts.replay !== undefined
        ? new ReplayPlayer(loadReplay(opts.replay), this.clock, (m) => {
            this.log(`[replay c${m.connection}${m.session ? ` ${m.session}` : ''}] ${m.kind}: ${m.message}`);
            opts.onReplayMismatch?.(m);
          })
        : null;
    this.serverFaults = opts.faults ? parseFaults(opts.faults) : [];
    this.assistant = loadAssistantAudio(opts.assistantAudioFile, opts.assistantTranscript, this.log);
    this.script = opts.script;
    this.script?.bindSessions(() => [...this.sessions].filter((s) => !s.isClosed));
  }

  /**
   * Decides a handshake: directives, `reject` faults and the API key. A WebSocket server calls it
   * before upgrading, so refusals are real HTTP responses.
   */
  admit(req: ConnectRequest): Admission {
    const info = inspectRequest(req);
    const parsed = parseDirectives(info.directivesHeader);
    if (!parsed.ok) return this.refuse(refusal(400, { message: parsed.reason, code: 'invalid_mock_directives' }));
    const directives = parsed.directives;
    let profile: MockProfile;
    try {
      profile = this.profileFor(directives, info.model);
    } catch (err) {
      return this.refuse(refusal(400, { message: (err as Error).message, code: 'invalid_mock_directives' }));
    }
    const index = this.nextIndex++;
    const faults = selectFaults([...this.serverFaults, ...(directives.faults ?? [])], index, new Prng(mixSeed(this.seed, index, 'faults')));
    const rejection = rejectionFrom(faults);
    if (rejection) {
      this.log(`[s${index}] refused by fault ${describeFault(faults.find((f) => f.kind === 'reject')!)}`);
      return this.refuse(rejection);
    }
    let authError: ErrorTemplate | undefined;
    if (this.opts.apiKey !== undefined && info.credential !== this.opts.apiKey) {
      // api.openai.com upgrades first and refuses in-band; a lenient mock answers 401 like a proxy.
      if (this.opts.strict || profile.strictness === 'openai') authError = info.credential ? errors.invalidApiKey() : errors.missingAuth();
      else return this.refuse(refusal(401, { message: info.credential ? 'Incorrect API key provided.' : 'Missing API key.' }));
    }
    return { ok: true, ticket: { index, info, directives, profile, model: info.model ?? profile.model, faults, authError } };
  }

  /**
   * Runs a session on a server-side transport. Without a ticket the handshake is decided here; a
   * refusal then closes the transport with 1008 and reason `HTTP <status>` (there is no HTTP in-process).
   */
  attach(conn: MockConnection, req: ConnectRequest, ticket?: Ticket): void {
    if (!ticket) {
      const admission = this.admit(req);
      if (!admission.ok) {
        conn.close(1008, `HTTP ${admission.refusal.status}`);
        return;
      }
      ticket = admission.ticket;
    }
    const { index, info, directives, profile, model, faults } = ticket;
    if (this.opts.recorder) conn = this.opts.recorder({ index, dialect: info.dialect, clock: this.clock }).wrap(conn);
    if (this.replay) return this.replay.attach(conn, codecFor(info.dialect), info.model);
    const seed = directives.seed ?? mixSeed(this.seed, index);
    const stats: MockSessionStats = {
      id: `s${index}`,
      index,
      dialect: info.dialect,
      model,
      profile: profile.name,
      state: 'open',
      framesReceived: 0,
      bytesReceived: 0,
      framesSent: 0,
      bytesSent: 0,
      audioReceivedMs: 0,
      responses: 0,
      errorsSent: 0,
      faults: faults.map(describeFault),
    };
    this.statsList.push(stats);
    const session: MockSession = new MockSession({
      index,
      clock: this.clock,
      connection: conn,
      codec: codecFor(info.dialect),
      profile,
      model,
      kind: info.intent === 'transcription' && info.dialect === 'ga' ? 'transcription' : 'realtime',
      initialSession: ticket.initialSession,
      directives,
      faults,
      rng: { latency: new Prng(mixSeed(seed, 'latency')), transcription: new Prng(mixSeed(seed, 'transcription')), vad: new Prng(mixSeed(seed, 'vad')) },
      ids: new IdGenerator(new Prng(mixSeed(seed, 'ids'))),
      assistant: this.assistant,
      settings: {
        firstAudioMs: this.opts.firstAudioMs,
        jitterMs: this.opts.jitterMs,
        strict: this.opts.strict ?? false,
        idleTimeoutMs: this.opts.idleTimeoutMs,
        maxSessionMs: this.opts.maxSessionMs,
      },
      stats,
      authError: ticket.authError,
      script: this.script,
      log: this.log,
      onClosed: () => this.sessions.delete(session),
    });
    this.sessions.add(session);
    session.start();
  }

  /** Counters over all sessions so far. */
  stats(): MockStats {
    const per = this.statsList.map((s) => ({ ...s, faults: [...s.faults] }));
    const sum = (f: (s: MockSessionStats) => number) => per.reduce((n, s) => n + f(s), 0);
    return {
      sessions: per.length,
      openSessions: per.filter((s) => s.state === 'open').length,
      rejected: this.rejected,
      framesReceived: sum((s) => s.framesReceived),
      bytesReceived: sum((s) => s.bytesReceived),
      audioReceivedMs: sum((s) => s.audioReceivedMs),
      errorsSent: sum((s) => s.errorsSent),
      perSession: per,
    };
  }

  /**
   * Forgets every session so far — counters, per-session stats, connection indexes — as if none had
   * come: a warm-up session run before the mock serves anyone then counts for nothing, and the first
   * real session is still session 0 (its seed and index-selected faults unchanged). Returns false,
   * forgetting nothing, while a session is still open.
   */
  forgetSessions(): boolean {
    if (this.sessions.size > 0) return false;
    this.statsList.length = 0;
    this.nextIndex = 0;
    this.rejected = 0;
    return true;
  }

  /** Holds back (true) or lets through the engine's log lines: a warm-up session is not to be seen. */
  muteLog(muted: boolean): void {
    this.logMuted = muted;
  }

  /** Counts a refusal decided outside `admit` (e.g. a wrong path). */
  countRejected(): void {
    this.rejected++;
  }

  /** Closes every open session (1001, going away). */
  close(): void {
    for (const s of [...this.sessions]) s.close(1001, 'server shutting down');
    this.sessions.clear();
  }

  /** A scenario's choice (profile file or name) beats the server's (profile file, then name). */
  private profileFor(directives: ParsedDirectives, model: string | undefined): MockProfile {
    if (directives.profile_file !== undefined) return profileFromFile(this.profileFiles.get(directives.profile_file), model);
    if (directives.profile !== undefined) return resolveProfile(directives.profile, model);
    if (this.opts.profileFile !== undefined) return profileFromFile(this.profileFiles.get(this.opts.profileFile), model);
    return resolveProfile(this.opts.profile, model);
  }

  private refuse(r: HandshakeRefusal): Admission {
    this.rejected++;
    return { ok: false, refusal: r };
  }
}
