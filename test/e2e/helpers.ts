import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built CLI (npm test builds first). */
export const BIN = resolve('dist/cli/rtbench.js');

export function requireBuild(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it)`);
}

export function tmp(prefix = 'rtbench-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs the CLI to completion. */
export function rtbench(args: string[], opts: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, NO_COLOR: '1', CI: 'true', ...opts.env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `rtbench mock` and resolves with its URL (the first stdout line). */
export function startMockProcess(
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<{ url: string; proc: ChildProcessWithoutNullStreams; stop: () => Promise<void> }> {
  const proc = spawn(process.execPath, [BIN, 'mock', ...args], { env: { ...process.env, ...env } });
  return new Promise((resolvePromise, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('mock did not print its URL within 10 s')), 10_000);
    proc.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        const stop = () =>
          new Promise<void>((r) => {
            if (proc.exitCode !== null) return r();
            proc.once('exit', () => r());
            proc.kill('SIGTERM');
          });
        resolvePromise({ url: buf.slice(0, nl).trim(), proc, stop });
      }
    });
    proc.once('exit', (code) => reject(new Error(`mock exited early with ${code}`)));
  });
}
