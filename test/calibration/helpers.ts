import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchmark } from '../../src/app/benchmark.js';
import type { ProfileFile } from '../../src/calibration/profile-format.js';

export const quiet = { write: () => true } as never;

/** Writes a profile file into a fresh temp folder; returns its path. */
export function writeProfile(file: ProfileFile, name = 'profile.json'): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rtbench-cal-')), name);
  writeFileSync(path, JSON.stringify(file, null, 2));
  return path;
}

/** `repeat` sessions of one question each on the virtual clock against a mock with this profile file. */
export async function runAgainst(profileFile: string, repeat: number, seed: number, audio = ['fixtures/what-time.wav']) {
  const out = mkdtempSync(join(tmpdir(), 'rtbench-cal-run-'));
  const r = await runBenchmark({ audio, clock: 'virtual', repeat, seed, out, reporters: [], stdout: quiet, mock: { profileFile } });
  return { ...r, out };
}

/** A service with known timing: shifted lognormals for detection and first audio. */
export function knownProfile(firstAudioMedianMs: number, stopMedianMs = 180): ProfileFile {
  return {
    schema: 'rtbench.mock-profile/v1',
    profiles: [
      {
        model: 'gpt-realtime',
        first_audio: { shiftMs: 250, medianMs: firstAudioMedianMs, sigma: 0.4, minMs: 250, maxMs: 6000 },
        speech_stopped: [{ turn_detection: 'server_vad', delay: { shiftMs: 420, medianMs: stopMedianMs, sigma: 0.5, minMs: 420, maxMs: 4000 } }],
        speech_started: { shiftMs: 150, medianMs: 120, sigma: 0.3, minMs: 150, maxMs: 2000 },
        stream_rate: { shiftMs: 1, medianMs: 3, sigma: 0.3, minMs: 1, maxMs: 30 },
      },
    ],
  };
}
