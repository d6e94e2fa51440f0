/**
 * Loading a fixture as the session will send it (mono PCM16 at the session rate), with two caches:
 * - in memory, keyed by absolute path + mtime + size + rate, so a run with many repetitions
 *   decodes each fixture once (the pending promise is shared, so concurrent loads decode once too);
 * - on disk, keyed by the SHA-256 of the file's bytes + target format + converter version, so a new
 *   process skips decoding and resampling. The file is still read to hash it: content, not name
 *   or date, decides validity.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { toMonoPcm16 } from './convert.js';
import { AudioFormatError } from './errors.js';
import { decodeWav, readWavInfo, type WavInfo } from './wav.js';

/** A fixture ready to chunk and send. Treat `pcm` as read-only: cached loads share it. */
export interface PreparedAudio {
  /** the path as the caller gave it */
  file: string;
  sampleRate: number;
  pcm: Int16Array;
  durationMs: number;
  /** SHA-256 of the file's bytes, hex */
  sha256: string;
  /** the file's own format (rate, channels, encoding) before conversion */
  source: WavInfo;
}

/** Options of {@link loadAudio}. */
export interface LoadAudioOptions {
  /** target rate, default 24000 */
  sampleRate?: number;
  /** disk cache folder; default `$RTBENCH_CACHE_DIR` or `<tmpdir>/rtbench-cache`; false disables */
  cacheDir?: string | false;
}

/** Bump when decoding or resampling changes output, so stale disk-cache entries are not used. */
const CONVERTER_VERSION = 1;

/** The disk cache folder used when none is given. */
export function defaultCacheDir(): string {
  return process.env.RTBENCH_CACHE_DIR || join(tmpdir(), 'rtbench-cache');
}

/** Turns a Node fs error into a one-line reason without the path or a stack ("ENOENT: no such file or directory"). */
function osReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string') {
    const text = typeof e.message === 'string' ? e.message.replace(/^[A-Z]+: /, '').split(',')[0] : '';
    return `cannot read file (${e.code}${text ? `: ${text}` : ''})`;
  }
  return `cannot read file (${err instanceof Error ? err.message : String(err)})`;
}

async function readCached(path: string): Promise<Int16Array | undefined> {
  try {
    const bytes = await readFile(path);
    if (bytes.length % 2 !== 0) return undefined;
    // Copy into a fresh, aligned buffer (Buffers may be slices of a shared pool).
    const pcm = new Int16Array(bytes.length / 2);
    new Uint8Array(pcm.buffer).set(bytes);
    return pcm;
  } catch {
    return undefined;
  }
}

async function writeCached(dir: string, path: string, pcm: Int16Array): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    // Write then rename, so a concurrent reader never sees half a file.
    const temp = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
    await writeFile(temp, new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    await rename(temp, path);
  } catch {
    // The cache is an optimisation: a read-only or full disk must not fail the run.
  }
}

/**
 * Loads, decodes and converts WAV files, caching the results. Each instance has its own memory
 * cache; {@link loadAudio} uses one shared instance.
 */
export class AudioLoader {
  private readonly memory = new Map<string, Promise<PreparedAudio>>();

  /** Number of entries in the memory cache. */
  get size(): number {
    return this.memory.size;
  }

  /** Empties the memory cache (the disk cache is left alone). */
  clear(): void {
    this.memory.clear();
  }

  /**
   * Loads `file` as mono PCM16 at `opts.sampleRate` (default 24000).
   * @throws AudioFormatError `AUDIO_UNREADABLE` with the OS reason, or any decodeWav error
   */
  async load(file: string, opts: LoadAudioOptions = {}): Promise<PreparedAudio> {
    const sampleRate = opts.sampleRate ?? 24000;
    const absolute = resolve(file);
    let info;
    try {
      info = await stat(absolute);
    } catch (err) {
      throw new AudioFormatError('AUDIO_UNREADABLE', file, osReason(err), { cause: err });
    }
    if (info.isDirectory()) throw new AudioFormatError('AUDIO_UNREADABLE', file, 'cannot read file (it is a directory)');
    const key = `${absolute}|${info.mtimeMs}|${info.size}|${sampleRate}`;
    let pending = this.memory.get(key);
    if (!pending) {
      pending = this.prepare(file, absolute, sampleRate, opts.cacheDir);
      this.memory.set(key, pending);
      // A failed load must not stay cached: the user may fix the file and retry in the same process.
      pending.catch(() => this.memory.delete(key));
    }
    const prepared = await pending;
    return prepared.file === file ? prepared : { ...prepared, file };
  }

  private async prepare(file: string, absolute: string, sampleRate: number, cacheDirOption: string | false | undefined): Promise<PreparedAudio> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(absolute);
    } catch (err) {
      throw new AudioFormatError('AUDIO_UNREADABLE', file, osReason(err), { cause: err });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const cacheDir = cacheDirOption === undefined ? defaultCacheDir() : cacheDirOption;
    const cachePath = cacheDir ? join(cacheDir, `${sha256}.mono-s16le-${sampleRate}.v${CONVERTER_VERSION}.pcm`) : undefined;

    // The header check is cheap and runs even on a cache hit, so `source` is always filled and a
    // file that became invalid is never served from cache.
    const source = readWavInfo(bytes, file);
    let pcm = cachePath ? await readCached(cachePath) : undefined;
    if (!pcm) {
      pcm = toMonoPcm16(decodeWav(bytes, file), sampleRate);
      if (cacheDir && cachePath) await writeCached(cacheDir, cachePath, pcm);
    }
    return { file, sampleRate, pcm, durationMs: (pcm.length * 1000) / sampleRate, sha256, source };
  }
}

const sharedLoader = new AudioLoader();

/**
 * Loads a WAV fixture as mono PCM16 at `opts.sampleRate` (default 24000), through the process-wide
 * {@link AudioLoader} (memory cache) and the disk cache.
 *
 * @throws AudioFormatError `AUDIO_UNREADABLE` (with the OS reason, never a raw ENOENT),
 *   `AUDIO_NOT_WAV`, `AUDIO_UNSUPPORTED` or `AUDIO_CORRUPT`
 */
export function loadAudio(file: string, opts?: LoadAudioOptions): Promise<PreparedAudio> {
  return sharedLoader.load(file, opts);
}
