import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from './helpers.js';

beforeAll(requireBuild);

describe('docs', () => {
  it('docs/commands.md matches the CLI help (regenerate: node scripts/gen-command-docs.mjs)', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-command-docs.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
