import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, rtbench, tmp } from './helpers.js';

beforeAll(requireBuild);

describe('config through the CLI (truth: samples counted in results.json)', () => {
  it('init writes a starter that runs; repeat comes from flag > env > config file', () => {
    const dir = tmp('rtbench-init-');
    const init = rtbench(['init'], { cwd: dir });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('wrote scenarios/starter.yaml');
    writeFileSync(join(dir, 'rtbench.config.yaml'), 'target: mock\nrepeat: 2\nclock: virtual\nreporters: [json]\n');
    const samples = (out: string) => JSON.parse(readFileSync(join(dir, out, 'results.json'), 'utf8')).samples.length;

    expect(rtbench(['run', 'scenarios/starter.yaml', '--out', 'a', '--quiet'], { cwd: dir }).code).toBe(0);
    expect(samples('a')).toBe(2); // config file
    expect(rtbench(['run', 'scenarios/starter.yaml', '--out', 'b', '--quiet'], { cwd: dir, env: { RTBENCH_REPEAT: '3' } }).code).toBe(0);
    expect(samples('b')).toBe(3); // env beats file
    expect(rtbench(['run', 'scenarios/starter.yaml', '--out', 'c', '--quiet', '--repeat', '1'], { cwd: dir, env: { RTBENCH_REPEAT: '3' } }).code).toBe(0);
    expect(samples('c')).toBe(1); // flag beats env

    // rtbench config shows each value's source, secrets redacted.
    const cfg = rtbench(['config'], { cwd: dir, env: { RTBENCH_REPEAT: '3', OPENAI_API_KEY: 'sk-test-SENTINEL-abcdef0123456789' } });
    expect(cfg.code).toBe(0);
    expect(cfg.stdout).toMatch(/repeat: 3 +# env RTBENCH_REPEAT/);
    expect(cfg.stdout).toMatch(/clock: virtual +# file/);
    expect(cfg.stdout + cfg.stderr).not.toContain('SENTINEL');
  });

  it('a bad config value → exit 2 with file:line:col', () => {
    const dir = tmp('rtbench-badcfg-');
    writeFileSync(join(dir, 'rtbench.config.yaml'), 'target: mock\nrepeat: lots\n');
    const r = rtbench(['run', '--quiet'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rtbench\.config\.yaml:2:9 /);
  });
});
