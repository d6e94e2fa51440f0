import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { fetchMockFramesReceived } from '../src/runner/mock-stats.js';

/** `rtbench mock` in its own process, so the mock's work lands on the other core. */
export interface MockProcess {
  url: string;
  pid: number | undefined;
  /** Client frames the mock has counted so far (its `GET /stats`). */
  framesReceived(): Promise<number | null>;
  stop(): Promise<void>;
}

const BIN = fileURLToPath(new URL('../cli/rtbench.js', import.meta.url));

/** Starts the built CLI's mock with a fixed first-audio delay and no jitter; resolves with its URL. */
export function startMockProcess(firstAudioMs: number): Promise<MockProcess> {
  const proc: ChildProcess = spawn(process.execPath, [BIN, 'mock', '--first-audio-ms', String(firstAudioMs), '--jitter-ms', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => {
    if (stderr.length < 4000) stderr += d.toString();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`mock did not print its URL within 10 s${stderr ? `: ${stderr.trim()}` : ''}`));
    }, 10_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      proc.stdout!.removeAllListeners('data');
      proc.stdout!.resume();
      const url = out.slice(0, nl).trim();
      resolve({ url, pid: proc.pid, framesReceived: () => fetchMockFramesReceived(url), stop });
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mock exited with ${code}${stderr ? `: ${stderr.trim()}` : ''}`));
    });
  });
}
