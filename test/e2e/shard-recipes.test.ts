import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { BIN, requireBuild, tmp } from './helpers.js';

beforeAll(requireBuild);

const RTBENCH = `"${process.execPath}" "${BIN}"`;

/** A working directory like a checkout: scenarios/ and fixtures/ of this repo. */
function checkout(): string {
  const dir = tmp('rtbench-shards-');
  for (const d of ['scenarios', 'fixtures']) symlinkSync(resolve(d), join(dir, d));
  return dir;
}

/** The shell line a recipe runs, with `npx rtbench` = the built CLI. */
const local = (line: string) => line.replaceAll('npx rtbench', RTBENCH);

function sh(shell: 'bash' | 'sh', line: string, cwd: string, env: Record<string, string> = {}) {
  const args = shell === 'bash' ? ['--noprofile', '--norc', '-eo', 'pipefail', '-c', line] : ['-c', line];
  return spawnSync(shell, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true', ...env }, timeout: 180_000 });
}

function shAsync(line: string, cwd: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const p = spawn('sh', ['-c', line], { cwd, env: { ...process.env, NO_COLOR: '1', CI: 'true', ...env } });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => done({ code, stderr }));
  });
}

const samplesOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { samples: unknown[] }).samples;

/** Truth: the same command without --shard (virtual clock: deterministic). */
function unsharded(cwd: string, shardLine: string): unknown[] {
  const line = local(shardLine)
    .replace(/--shard \S+/, '')
    .replace(/--out \S+/, '--out whole');
  const r = sh('bash', line, cwd);
  expect(r.status, r.stderr).toBe(0);
  return samplesOf(join(cwd, 'whole'));
}

interface Step {
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}

describe('shard + merge recipes (docs/recipes)', () => {
  it('GitHub Actions: matrix of shards uploading artifacts, then a merge job', () => {
    const wf = parse(readFileSync('docs/recipes/github-actions-shards.yml', 'utf8')) as {
      jobs: Record<string, { steps: Step[]; strategy?: { matrix: { shard: number[] } } }>;
    };
    const cwd = checkout();
    const artifacts = join(cwd, '.artifacts');
    mkdirSync(artifacts);
    const matrix = wf.jobs.shard.strategy!.matrix.shard;
    expect(matrix.length).toBeGreaterThan(1);
    let shardLine = '';
    for (const shard of matrix) {
      const sub = (s: string) => s.replaceAll('${{ matrix.shard }}', String(shard));
      for (const step of wf.jobs.shard.steps) {
        if (step.run && step.run !== 'npm ci') {
          shardLine = step.run;
          const r = sh('bash', local(sub(step.run)), cwd);
          expect(r.status, r.stderr).toBe(0);
        } else if (step.uses?.startsWith('actions/upload-artifact')) {
          cpSync(join(cwd, sub(step.with!.path)), join(artifacts, sub(step.with!.name)), { recursive: true });
        }
      }
    }
    for (const step of wf.jobs.merge.steps) {
      if (step.uses?.startsWith('actions/download-artifact')) {
        const prefix = step.with!.pattern.replace(/\*$/, '');
        for (const name of readdirSync(artifacts).filter((n) => n.startsWith(prefix)))
          cpSync(join(artifacts, name), join(cwd, step.with!.path, name), { recursive: true });
      } else if (step.run && step.run !== 'npm ci') {
        const r = sh('bash', local(step.run), cwd);
        expect([0, 1], r.stderr).toContain(r.status);
      }
    }
    const merged = samplesOf(join(cwd, 'merged'));
    expect(merged.length).toBeGreaterThan(0);
    expect(merged).toEqual(unsharded(cwd, shardLine.replaceAll('${{ matrix.shard }}', '1')));
  }, 240_000);

  it('Kubernetes Indexed Job: n pods (JOB_COMPLETION_INDEX) into a shared volume, then a merge Job', async () => {
    const docs = parseAllDocuments(readFileSync('docs/recipes/k8s-indexed-job.yaml', 'utf8')).map((d) => d.toJS()) as Array<{
      kind: string;
      spec: { completionMode?: string; completions?: number; template: { spec: { containers: Array<{ command: string[]; args: string[] }> } } };
    }>;
    const indexed = docs.find((d) => d.kind === 'Job' && d.spec.completionMode === 'Indexed')!;
    const merge = docs.find((d) => d.kind === 'Job' && d !== indexed)!;
    const n = indexed.spec.completions!;
    expect(n).toBeGreaterThan(1);
    const cwd = checkout();
    const volume = join(cwd, 'volume');
    mkdirSync(volume);
    const podLine = (job: typeof indexed) => {
      const c = job.spec.template.spec.containers[0];
      expect(c.command).toEqual(['sh', '-c']);
      return local(c.args[0]).replaceAll('/results', volume);
    };
    // The pods run at once, as the Job's parallelism allows.
    const pods = await Promise.all(Array.from({ length: n }, (_, i) => shAsync(podLine(indexed), cwd, { JOB_COMPLETION_INDEX: String(i) })));
    for (const p of pods) expect(p.code, p.stderr).toBe(0);
    expect(readdirSync(volume).sort()).toEqual(Array.from({ length: n }, (_, i) => `shard-${i + 1}`));
    const m = sh('sh', podLine(merge), cwd);
    expect([0, 1], m.stderr).toContain(m.status);
    const merged = samplesOf(join(volume, 'merged'));
    expect(merged).toEqual(unsharded(cwd, indexed.spec.template.spec.containers[0].args[0].replace(/\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)/g, '1')));

    // Without one pod's folder, merge refuses and names the missing shard (exit 2).
    const partial = sh('sh', `${RTBENCH} merge ${volume}/shard-1 ${volume}/shard-3 --out ${join(cwd, 'partial')}`, cwd);
    expect(partial.status).toBe(2);
    expect(partial.stderr).toMatch(/missing shard 2\/3/);
  }, 240_000);
});
