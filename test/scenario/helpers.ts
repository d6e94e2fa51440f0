import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A mono PCM16 WAV: `ms` of a 440 Hz tone at 16 kHz, header written by hand (RIFF/WAVE, fmt, data). */
export function toneWav(ms: number, rate = 16000, silenceMs = 0): Buffer {
  const samples = Math.round((rate * ms) / 1000);
  const pad = Math.round((rate * silenceMs) / 1000);
  const data = Buffer.alloc((samples + 2 * pad) * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), (pad + i) * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A speech annotation sidecar for {@link toneWav} output. */
export function sidecar(file: string, ms: number, transcript?: string): string {
  return JSON.stringify({
    file,
    sample_rate: 16000,
    duration_ms: ms,
    speech: [{ start_ms: 0, end_ms: ms }],
    source: 'manual',
    ...(transcript ? { transcript } : {}),
  });
}

/**
 * A fresh folder with the fixtures the scenario tests name:
 * - `a.wav` (annotated, transcript "what time is it"), `b.wav` (annotated, no transcript);
 * - `noise.wav` (no annotation; fine for noise), `unannotated.wav`;
 * - `broken.wav` (not a WAV), `bad-annotation.wav` (sidecar is not JSON).
 */
export async function fixtureDir(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rtbench-scenario-'));
  const wav = toneWav(300);
  await writeFile(join(dir, 'a.wav'), wav);
  await writeFile(join(dir, 'a.speech.json'), sidecar('a.wav', 300, 'what time is it'));
  await writeFile(join(dir, 'b.wav'), wav);
  await writeFile(join(dir, 'b.speech.json'), sidecar('b.wav', 300));
  await writeFile(join(dir, 'noise.wav'), wav);
  // Silence around the tone, so that speech detection (what a run does without a sidecar) finds it.
  await writeFile(join(dir, 'unannotated.wav'), toneWav(600, 16000, 400));
  await writeFile(join(dir, 'broken.wav'), 'this is not a wav file');
  await writeFile(join(dir, 'bad-annotation.wav'), wav);
  await writeFile(join(dir, 'bad-annotation.speech.json'), '{ not json');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}
