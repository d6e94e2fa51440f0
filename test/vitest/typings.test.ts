/**
 * rtbench's published typings (dist/src/vitest/*.d.ts: the matchers' `declare module 'vitest'`
 * augmentation) compile in a user's project with `skipLibCheck: false`, against vitest 4 (the
 * dev dependency) and vitest 5 (test/typings/vitest5, its own folder because the two majors'
 * optional peers clash). Truth: `tsc`'s own verdict on a small consumer that uses the matchers and
 * expects errors where a matcher's name or argument is wrong (so missing matchers fail it too).
 * Must-fail case: the augmentation form vitest 5 rejects (`Assertion<T = any>`, TS2428, the error
 * users reported). Each check is a whole `tsc` over vitest's and Node's typings: ≈ 10 s of CPU.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const TYPINGS = resolve('dist/src/vitest/index.d.ts');
const TSC = resolve('node_modules/typescript/bin/tsc');
const VITEST = {
  4: resolve('node_modules/vitest'),
  5: resolve('test/typings/vitest5/node_modules/vitest'),
} as const;

beforeAll(() => {
  if (!existsSync(TYPINGS)) throw new Error(`${TYPINGS} is missing: run "npm run build" (npm test does it)`);
  for (const dir of Object.values(VITEST)) if (!existsSync(join(dir, 'dist/index.d.ts'))) throw new Error(`${dir} is missing: run "npm ci"`);
});

const CONSUMER = `import { installMatchers, type LatencyStat } from 'rtbench/vitest';
import { expect } from 'vitest';
installMatchers();
declare const results: unknown;
const stat: LatencyStat = 'p95';
expect(results).toMeetExpectations();
expect(results).toHaveFirstAudioBelow(800, stat);
expect(results).not.toBeInterrupted();
expect(results).toTruncateWithinAudio();
expect({ a: 1 }).toEqual({ a: expect.toHaveFirstAudioBelow(800) });
// @ts-expect-error: not one of rtbench's matchers
expect(results).toHaveFirstAudioBelo(800);
// @ts-expect-error: a bound is a number of ms
expect(results).toHaveFirstAudioBelow('800');
`;

/** The augmentation as rtbench wrote it before (vitest 3 and 4 accepted it). */
const OLD_FORM = `import 'vitest';
interface M<R = unknown> { toBeFine(): R }
declare module 'vitest' { interface Assertion<T = any> extends M<T> {} }
`;

/** `tsc --noEmit` on `files` (name → text) with `vitest` mapped to one major; resolves with its output, '' when clean. */
async function typecheck(major: keyof typeof VITEST, files: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `rtbench-typings-v${major}-`));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        types: ['node'],
        typeRoots: [resolve('node_modules/@types')],
        paths: { vitest: [join(VITEST[major], 'dist/index.d.ts')], 'rtbench/vitest': [TYPINGS] },
      },
      files: Object.keys(files),
    }),
  );
  const child = spawn(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  if (code === 0 && out.trim() !== '') throw new Error(`tsc exited 0 with output: ${out}`);
  return out.trim();
}

describe.each([4, 5] as const)('rtbench/vitest typings with vitest %i, skipLibCheck false', (major) => {
  it('a consumer using the matchers compiles; a misspelt matcher or a wrong argument is an error', async () => {
    expect(await typecheck(major, { 'use.ts': CONSUMER })).toBe('');
  }, 120_000);
});

describe('the augmentation form vitest 5 refuses', () => {
  it('Assertion<T = any> fails with TS2428 under vitest 5 (the check sees the error users reported)', async () => {
    const v5 = await typecheck(5, { 'old.ts': OLD_FORM });
    expect(v5).toMatch(/error TS2428: All declarations of 'Assertion' must have identical type parameters/);
  }, 120_000);
});
