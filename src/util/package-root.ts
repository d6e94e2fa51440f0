import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/** The rtbench package root (where `fixtures/` and `scenarios/` ship), from src/ or dist/src/. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rtbench') return (cached = dir);
      } catch {
        // not ours; keep walking up
      }
    }
    dir = dirname(dir);
  }
  return process.cwd();
}

/**
 * Path of a fixture that ships with rtbench (`fixtures/`: what-time.wav, weather.wav, tell-story.wav,
 * stop.wav, assistant-reply.wav, noise-room.wav), wherever rtbench is installed — for tests in a
 * project that has no fixtures of its own.
 */
export function fixturePath(name: string): string {
  return join(packageRoot(), 'fixtures', name);
}
