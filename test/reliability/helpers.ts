/**
 * Shared rigs for the reliability tests: temp folders, short generated fixtures, scenario files,
 * and the CLI called in-process (`main(argv)`) with stdout/stderr captured.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { vi } from 'vitest';
import { concatPcm, encodeWavPcm16, silence } from '../../src/audio/index.js';
import { main } from '../../src/cli/app.js';

export const FIXTURES = resolve('fixtures');
export const BIN = resolve('dist/cli/rtbench.js');

export function tmp(prefix = 'rtbench-rel-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A short speech-like WAV (a 220 Hz tone the mock's energy VAD hears as speech): `leadMs` of
 * silence, `speechMs` of tone, `tailMs` of silence. Keeps real-time tests short.
 */
export function toneWav(dir: string, name = 'tone.wav', opts: { leadMs?: number; speechMs?: number; tailMs?: number } = {}): string {
  const rate = 24000;
  const n = Math.round((rate * (opts.speechMs ?? 500)) / 1000);
  const tone = new Int16Array(n);
  for (let i = 0; i < n; i++) tone[i] = Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / rate));
  const pcm = concatPcm(silence(opts.leadMs ?? 150, rate), tone, silence(opts.tailMs ?? 50, rate));
  const file = join(dir, name);
  writeFileSync(file, encodeWavPcm16(pcm, rate));
  return file;
}

/** Writes a scenario file; `audio` paths inside should be absolute. */
export function scenario(dir: string, name: string, yaml: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

/** A one-turn server-VAD scenario on `audio`, with an optional `mock:` block (YAML flow text). */
export function oneTurn(dir: string, name: string, audio: string, mockBlock?: string, extra = ''): string {
  return scenario(
    dir,
    name,
    `name: ${name}\nsession:\n  turn_detection: { type: server_vad, silence_duration_ms: 300 }\n${mockBlock ? `mock: ${mockBlock}\n` : ''}turns:\n  - audio: ${audio}\n${extra}`,
  );
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs `rtbench <argv>` in this process (fast: no spawn, no build needed), capturing what it
 * writes. `env` entries are set for the call and restored after.
 */
export async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries({ NO_COLOR: '1', ...env })) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  const t0 = performance.now();
  try {
    const code = await main(argv);
    return { code, stdout, stderr, ms: performance.now() - t0 };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper: callers name the shape
export function readJson<T = any>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test helper: callers name the shape
export function readJsonl<T = any>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** A stack trace line, which a user-facing error must never show. */
export const STACK_LINE = /\n\s+at .+[(:]\d+:\d+\)?/;
