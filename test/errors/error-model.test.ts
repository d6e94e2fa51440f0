/**
 * The error model's invariants: every code in ERROR_CODES is declared by exactly one error class
 * (found by reading src/, not from a list kept here), every declared code has an exit class, and
 * docs/errors.md's table says the same thing as the code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, RtbenchError, type ExitClass } from '../../src/errors.js';

const EXIT_CLASSES: readonly ExitClass[] = ['bad_input', 'target', 'expectation', 'internal'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every exported class of src/ that extends RtbenchError, with the codes it declares itself. */
async function errorClasses(): Promise<Array<{ name: string; codes: readonly string[] | undefined }>> {
  const found: Array<{ name: string; codes: readonly string[] | undefined }> = [];
  for (const file of sourceFiles('src')) {
    const names = [...readFileSync(file, 'utf8').matchAll(/^export class (\w+)(?:<[^>]*>)? extends /gm)].map((m) => m[1]);
    if (!names.length) continue;
    const mod = (await import(pathToFileURL(join(process.cwd(), file)).href)) as Record<string, unknown>;
    for (const name of names) {
      if (typeof mod[name] !== 'function') continue;
      const cls = mod[name] as { prototype: unknown; codes?: readonly string[] };
      if (!(cls.prototype instanceof RtbenchError)) continue;
      found.push({ name: `${relative('src', file)}:${name}`, codes: Object.hasOwn(cls, 'codes') ? cls.codes : undefined });
    }
  }
  return found;
}

/** What is wrong with a set of classes against a code table (empty when the model holds). */
function problemsOf(classes: Array<{ name: string; codes: readonly string[] | undefined }>, table: Record<string, string>): string[] {
  const owners = new Map<string, string[]>();
  for (const c of classes) for (const code of c.codes ?? []) owners.set(code, [...(owners.get(code) ?? []), c.name]);
  const problems: string[] = [];
  for (const code of Object.keys(table)) {
    const by = owners.get(code) ?? [];
    if (by.length !== 1) problems.push(`${code}: declared by ${by.length} classes (${by.join(', ')})`);
    if (!EXIT_CLASSES.includes(table[code] as ExitClass)) problems.push(`${code}: exit class "${table[code]}" is not one of ${EXIT_CLASSES.join(', ')}`);
  }
  for (const code of owners.keys())
    if (!Object.hasOwn(table, code)) problems.push(`${code}: declared by ${owners.get(code)!.join(', ')} but has no exit class`);
  for (const code of Object.keys(table))
    if (!/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(code) || code.startsWith('E_')) problems.push(`${code}: not in the one code style (UPPER_WORDS, no E_ prefix)`);
  return problems;
}

describe('error model', () => {
  it('every code has exactly one class and an exit class', async () => {
    const classes = await errorClasses();
    expect(classes.length).toBeGreaterThanOrEqual(18);
    expect(problemsOf(classes, ERROR_CODES)).toEqual([]);
  });

  it('the check fails on a duplicated code, an undeclared code, a code without class, and a bad style', () => {
    const classes = [
      { name: 'A', codes: ['X_ONE', 'X_TWO'] },
      { name: 'B', codes: ['X_ONE'] },
      { name: 'C', codes: ['X_LOOSE'] },
    ];
    const problems = problemsOf(classes, { X_ONE: 'bad_input', X_TWO: 'nonsense', X_ORPHAN: 'internal', E_OLD: 'internal' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^X_ONE: declared by 2 classes/),
        expect.stringMatching(/^X_TWO: exit class "nonsense"/),
        expect.stringMatching(/^X_ORPHAN: declared by 0 classes/),
        expect.stringMatching(/^X_LOOSE: declared by C but has no exit class/),
        expect.stringMatching(/^E_OLD: not in the one code style/),
      ]),
    );
  });

  it("docs/errors.md's table is the code table", () => {
    const rows = [...readFileSync('docs/errors.md', 'utf8').matchAll(/^\| `([A-Z0-9_]+)` \| `(\w+)` \|/gm)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(rows)).toEqual(ERROR_CODES);
    expect(rows.length).toBe(Object.keys(ERROR_CODES).length);
  });
});
