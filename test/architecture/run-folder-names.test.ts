/**
 * The run folder's file names and schema ids are written once, in src/run-folder/names.ts: no string
 * or template literal elsewhere in src/ spells them (comments may, they are prose). Checked on the
 * syntax tree, so a comment is never mistaken for code and a name inside a template is caught.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { RESULTS_FILE, RESULTS_SCHEMA, RUN_FILE, RUN_SCHEMA, SAMPLES_FILE, TRACES_FILE } from '../../src/run-folder/names.js';

const OWNER = join('src', 'run-folder', 'names.ts');
const NAMES = [RESULTS_FILE, SAMPLES_FILE, TRACES_FILE, RUN_FILE, RESULTS_SCHEMA, RUN_SCHEMA];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `file:line "name"` for every literal in `text` that spells one of the run folder's names. */
function literalsIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const hits: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      for (const name of NAMES) {
        if (node.text.includes(name)) hits.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} "${name}"`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

describe('run folder names', () => {
  it('are spelled only in src/run-folder/names.ts', () => {
    const hits = sourceFiles('src')
      .filter((f) => f !== OWNER)
      .flatMap((f) => literalsIn(f, readFileSync(f, 'utf8')));
    expect(hits).toEqual([]);
  });

  it('the check finds a name in a string or a template, not in a comment', () => {
    const text = [
      '/** Reads results.json. */',
      "const a = 'samples.jsonl';",
      'const b = `${dir}/traces.jsonl`;',
      '// run.json is the manifest',
      'const c = `x ${y} rtbench.run/v1`;',
    ].join('\n');
    expect(literalsIn('x.ts', text)).toEqual(['x.ts:2 "samples.jsonl"', 'x.ts:3 "traces.jsonl"', 'x.ts:5 "rtbench.run/v1"']);
  });
});
