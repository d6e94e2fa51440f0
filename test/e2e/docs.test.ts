import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GATE_RULE } from '../../src/results/gate.js';
import { requireBuild } from './helpers.js';

beforeAll(requireBuild);

const pages = [
  'README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];
const squash = (s: string) => s.replace(/^> ?/gm, '').replace(/\s+/g, ' ').trim();
/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
const anchorsOf = (md: string) =>
  new Set(
    md
      .replace(/```[\s\S]*?```/g, '')
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) =>
        l
          .replace(/^#+ /, '')
          .toLowerCase()
          .replace(/[^\p{L}\p{N} _-]/gu, '')
          .replace(/ /g, '-'),
      ),
  );

describe('docs', () => {
  it('docs/commands.md matches the CLI help (regenerate: node scripts/gen-command-docs.mjs)', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-command-docs.mjs', '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('README.md is the front door: under 15 KB, the two commands, an index into docs/', () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(Buffer.byteLength(readme)).toBeLessThan(15 * 1024);
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
    for (const page of readdirSync('docs').filter((f) => f.endsWith('.md') && f !== 'README.md')) expect(readme, page).toContain(`(docs/${page}`);
    expect(readme).toContain('## More');
  });

  it('README states the gate rule exactly as the code applies it (src/results/gate.ts)', () => {
    expect(squash(readFileSync('README.md', 'utf8'))).toContain(squash(GATE_RULE));
  });

  // Every relative link of README.md and docs/*.md points at a file that exists (and a heading there).
  it('has no broken relative links', () => {
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(page, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = m[1];
        if (/^[a-z]+:/i.test(link) || link.startsWith('#')) continue;
        const [path, anchor] = link.split('#');
        const target = resolve(dirname(page), path);
        if (!existsSync(target)) broken.push(`${page}: ${link}`);
        else if (anchor && statSync(target).isFile() && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor))
          broken.push(`${page}: ${link} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
