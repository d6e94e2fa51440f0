import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraphOf, importsAcross, specifiersOf, type ImportGraph } from './import-graph.js';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

describe('import graph of src/', () => {
  it('has no import cycle, type-only imports included', () => {
    const graph = importGraphOf(SRC);
    // The graph is real: src/ has hundreds of files, and the mock's entry imports its parts.
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('mock/index.ts')?.length).toBeGreaterThan(3);
    const cycles = importCycles(graph).map((path) => path.join(' → '));
    expect(cycles, `import cycles in src/:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('keeps the mock below the client-testing API: no file under src/mock imports src/testing', () => {
    const graph = importGraphOf(SRC);
    // The rule has something to hold: src/testing uses the mock (its script and recorder plug into it).
    expect(importsAcross(graph, 'testing', 'mock').length).toBeGreaterThan(0);
    expect(importsAcross(graph, 'mock', 'testing')).toEqual([]);
  });
});

describe('the layer check', () => {
  it('passes a graph whose lower folder imports nothing of the upper one; names each import that crosses upwards', () => {
    const ok = graphOf({ 'testing/a.ts': ['mock/b.ts'], 'mock/b.ts': ['mock/c.ts'], 'mock/c.ts': [], 'mocking/d.ts': ['testing/a.ts'] });
    expect(importsAcross(ok, 'mock', 'testing')).toEqual([]);
    const bad = graphOf({ 'testing/a.ts': ['mock/b.ts'], 'mock/b.ts': [], 'mock/deep/c.ts': ['testing/a.ts', 'mock/b.ts'] });
    expect(importsAcross(bad, 'mock', 'testing')).toEqual(['mock/deep/c.ts → testing/a.ts']);
  });
});

describe('the cycle detector', () => {
  it('reads every kind of import, type-only ones included', () => {
    const source = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from './c.js';",
      "export type { D } from '../d.js';",
      "import './e.js';",
      "import {\n  f,\n  type G,\n} from './f.js';",
      "const h = await import('./h.js');",
      "export * from './i.js';",
    ].join('\n');
    expect(specifiersOf(source).sort()).toEqual(['../d.js', './a.js', './b.js', './c.js', './e.js', './f.js', './h.js', './i.js']);
  });

  it('passes an acyclic graph (a diamond)', () => {
    expect(importCycles(graphOf({ 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['d.ts'], 'c.ts': ['d.ts'], 'd.ts': [] }))).toEqual([]);
  });

  it('finds a cycle and names its path', () => {
    const cycles = importCycles(graphOf({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts', 'd.ts'], 'd.ts': [] }));
    expect(cycles).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('finds a file importing itself, and separate cycles separately', () => {
    const cycles = importCycles(graphOf({ 'a.ts': ['a.ts'], 'b.ts': ['c.ts'], 'c.ts': ['b.ts'] }));
    expect(cycles).toEqual([
      ['a.ts', 'a.ts'],
      ['b.ts', 'c.ts', 'b.ts'],
    ]);
  });
});
