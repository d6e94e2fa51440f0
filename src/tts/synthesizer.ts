/**
 * The `say` front door: synthesize text into a WAV with its exact `*.speech.json`, either where the
 * user asks (`rtbench fixtures say`) or into the content-addressed cache (scenario `say:` turns).
 *
 * Cache entries are keyed by the SHA-256 of (format version, engine build, text, voice, rate), and
 * live in `<cache folder>/say/`, next to the decoded-fixture cache of audio/load.ts. An entry is the
 * WAV and its sidecar; it counts only when the sidecar is there and valid (the sidecar is written
 * last, both atomically), so an interrupted write is simply redone.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { defaultCacheDir, encodeWavPcm16, readAnnotation, writeAnnotation, type Annotation } from '../audio/index.js';
import { SpeechSynthesisError } from './errors.js';
import { locateEngine, type EngineLocation } from './flite.js';
import { normalizeRequest, synthesize, type SayRequest, type Synthesized } from './synthesize.js';

/** Bump when synthesize.ts changes its output (cut, padding, fades), so stale entries are not used. */
export const SAY_FORMAT_VERSION = 1;

/** Options of {@link SpeechSynthesizer}. */
export interface SpeechSynthesizerOptions {
  /** Cache folder; default `$RTBENCH_CACHE_DIR` or `<tmpdir>/rtbench-cache` (say/ inside it). */
  cacheDir?: string;
  /** Environment to read `RTBENCH_FLITE_WASM` from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** A WAV with its annotation, and whether the engine ran to make it. */
export interface SaidFile {
  wavPath: string;
  annotation: Annotation;
  /** false when it came from the cache */
  synthesized: boolean;
}

/**
 * Synthesizes speech through one engine, counting how often the engine actually runs (a cache hit
 * does not), so callers and tests can tell a hit from a miss without timing anything.
 */
export class SpeechSynthesizer {
  private location?: Promise<EngineLocation>;
  private runs = 0;
  /** Requests in flight by cache key: the same text twice in one plan synthesizes once. */
  private readonly pending = new Map<string, Promise<SaidFile>>();

  constructor(private readonly opts: SpeechSynthesizerOptions = {}) {}

  /** How many syntheses this instance has completed (cache hits are not syntheses). */
  get synthesisCount(): number {
    return this.runs;
  }

  /**
   * The engine this instance uses (found once).
   * @throws SpeechSynthesisError `TTS_UNAVAILABLE`
   */
  engine(): Promise<EngineLocation> {
    if (!this.location) {
      this.location = locateEngine(this.opts.env);
      this.location.catch(() => (this.location = undefined));
    }
    return this.location;
  }

  /**
   * Synthesizes without touching any file.
   * @throws SpeechSynthesisError
   */
  async synthesize(req: SayRequest): Promise<Synthesized> {
    const location = await this.engine();
    const said = await synthesize(location, req);
    this.runs++;
    return said;
  }

  /**
   * Synthesizes `req` into `wavPath` and writes its sidecar, with `text` as `transcript`.
   * @throws SpeechSynthesisError (`TTS_FAILED` when `wavPath` cannot be written)
   */
  async sayToFile(req: SayRequest, wavPath: string): Promise<SaidFile> {
    const location = await this.engine();
    const said = await this.synthesize(req);
    try {
      await mkdir(dirname(wavPath), { recursive: true });
      const annotation = await writeSaid(wavPath, said, req.text, location.id);
      return { wavPath, annotation, synthesized: true };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new SpeechSynthesisError('TTS_FAILED', `cannot write ${wavPath} (${code})`, { cause: err });
    }
  }

  /**
   * The cached WAV for `req`, synthesized on a miss. The path is stable for the same request and
   * engine build, so plans, resume fingerprints and the decoded-audio cache see an ordinary fixture.
   * @throws SpeechSynthesisError
   */
  async sayCached(req: SayRequest): Promise<SaidFile> {
    const full = normalizeRequest(req);
    const location = await this.engine();
    const key = createHash('sha256')
      .update(JSON.stringify({ v: SAY_FORMAT_VERSION, engine: location.id, text: full.text, voice: full.voice, rate: full.rate }))
      .digest('hex');
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fillCache(full, key, location.id);
      this.pending.set(key, pending);
      pending.catch(() => this.pending.delete(key));
    }
    const said = await pending;
    return said;
  }

  private async fillCache(req: Required<SayRequest>, key: string, engineId: string): Promise<SaidFile> {
    const dir = join(this.opts.cacheDir ?? defaultCacheDir(), 'say');
    const wavPath = join(dir, `${key.slice(0, 32)}.wav`);
    const cached = await readAnnotation(wavPath).catch(() => undefined);
    if (cached) return { wavPath, annotation: cached, synthesized: false };
    await mkdir(dir, { recursive: true });
    const said = await this.synthesize(req);
    const annotation = await writeSaid(wavPath, said, req.text, engineId);
    return { wavPath, annotation, synthesized: true };
  }
}

/** Writes the WAV (atomically) and then its exact annotation. */
async function writeSaid(wavPath: string, said: Synthesized, text: string, engineId: string): Promise<Annotation> {
  const bytes = encodeWavPcm16(said.pcm, said.sampleRate);
  const temp = `${wavPath}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, wavPath);
  const annotation: Annotation = {
    file: basename(wavPath),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sample_rate: said.sampleRate,
    duration_ms: said.durationMs,
    speech: said.speech,
    transcript: text,
    source: 'auto',
    detector: { name: 'synthesizer', engine: engineId, voice: said.voice, rate: said.rate },
  };
  await writeAnnotation(wavPath, annotation);
  return annotation;
}
