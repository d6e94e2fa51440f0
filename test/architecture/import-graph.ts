import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** A module graph: file (relative to its root, `/`-separated) → the files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/**
 * Every static module specifier in a TypeScript source: `import … from`, `import type … from`,
 * `export … from`, `export type … from`, bare `import '…'` and `import('…')`. Type-only imports
 * count: a cycle through types alone still ties the files' meanings together.
 */
export function specifiersOf(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s+(?:type\s+)?[^'";]*?\sfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) out.push(m[1]);
  return out;
}

function tsFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFilesUnder(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * The import graph of the `.ts` files under `root`. Relative specifiers ending in `.js` resolve to
 * the `.ts` file beside them (NodeNext style); package imports and files outside `root` are left out.
 */
export function importGraphOf(root: string): ImportGraph {
  const files = tsFilesUnder(root);
  const known = new Set(files.map((f) => resolve(f)));
  const key = (abs: string): string => relative(root, abs).split(sep).join('/');
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = new Set<string>();
    for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue;
      const abs = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (known.has(abs)) targets.add(key(abs));
    }
    graph.set(key(file), [...targets].sort());
  }
  return graph;
}

/**
 * The import cycles of `graph`: each strongly connected component with more than one file (or a file
 * importing itself), as one closed path through it (`a → b → … → a`), found with Tarjan's algorithm.
 */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((component) => closedPath(graph, new Set(component)));
}

/** One cycle through a strongly connected component, starting at its first file, as a path. */
function closedPath(graph: ImportGraph, component: ReadonlySet<string>): string[] {
  const start = [...component][0];
  // Breadth-first from start's successors back to start, within the component: the shortest cycle.
  const previous = new Map<string, string>();
  const queue: string[] = [];
  for (const w of graph.get(start) ?? []) {
    if (!component.has(w) || previous.has(w)) continue;
    previous.set(w, start);
    queue.push(w);
  }
  while (queue.length > 0 && !previous.has(start)) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w) || previous.has(w)) continue;
      previous.set(w, v);
      queue.push(w);
    }
  }
  const path = [start];
  for (let v = previous.get(start)!; v !== start; v = previous.get(v)!) path.unshift(v);
  path.unshift(start);
  return path;
}

/** The imports (`file → imported`) of files under folder `from` of files under folder `to` (`/`-separated, relative to the graph's root). */
export function importsAcross(graph: ImportGraph, from: string, to: string): string[] {
  const under = (file: string, dir: string) => file.startsWith(`${dir.replace(/\/$/, '')}/`);
  const out: string[] = [];
  for (const [file, targets] of graph) {
    if (!under(file, from)) continue;
    for (const target of targets) if (under(target, to)) out.push(`${file} → ${target}`);
  }
  return out.sort();
}
