import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';

/** A step into parsed data: a mapping key or a list index (zod issue paths have the same shape). */
export type PathSegment = string | number;

/** 1-based line and column in the scenario file. */
export interface Position {
  line: number;
  col: number;
}

const START: Position = { line: 1, col: 1 };

/**
 * `turns[1].barge_in.after_first_audio_ms` — how a path is shown in messages, close to how the
 * author would point at it.
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/**
 * Maps paths in the parsed data back to where they were written, using the node ranges the `yaml`
 * package keeps. Aliases are followed and `<<` merge keys are searched, so a value reached through an
 * anchor points at the anchor's text.
 */
export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /** Position of a character offset in the file. */
  at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }

  /**
   * Where the value at `path` was written. A path that does not exist (a missing required key)
   * resolves to the deepest ancestor that does: the mapping the key is missing from.
   */
  value(path: readonly PathSegment[]): Position {
    const { node, pair } = this.walk(path);
    return this.nodePos(node) ?? this.nodePos(pair?.key) ?? START;
  }

  /** Where the key of the entry at `path` was written (for an unknown key); its value's place otherwise. */
  key(path: readonly PathSegment[]): Position {
    const { pair, depth } = this.walk(path);
    if (depth === path.length && pair) return this.nodePos(pair.key) ?? this.value(path);
    return this.value(path);
  }

  private nodePos(node: unknown): Position | undefined {
    if (!node || typeof node !== 'object' || !('range' in node)) return undefined;
    const range = (node as Node).range;
    if (!range) return undefined;
    // An empty value (`key:` and nothing) has a zero-width range after the colon; point at the key instead.
    if (isScalar(node) && node.value === null && range[0] === range[1]) return undefined;
    return this.at(range[0]);
  }

  /** Follows the path as far as the file goes. */
  private walk(path: readonly PathSegment[]): { node: unknown; pair?: Pair; depth: number } {
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    let depth = 0;
    for (const seg of path) {
      const cur = this.resolve(node);
      const next = this.child(cur, seg);
      if (!next) break;
      node = next.node;
      pair = next.pair;
      depth++;
    }
    return { node, pair, depth };
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  private child(node: unknown, seg: PathSegment): { node: unknown; pair?: Pair } | undefined {
    if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      return item === undefined ? undefined : { node: item };
    }
    if (!isMap(node)) return undefined;
    for (const item of node.items) {
      if (isPair(item) && keyText(item.key) === String(seg)) return { node: item.value, pair: item };
    }
    // `<<: *defaults` — look into merged mappings, last one first as YAML merge precedence says.
    for (const item of node.items) {
      if (!isPair(item) || keyText(item.key) !== '<<') continue;
      const sources = isSeq(item.value) ? [...item.value.items].reverse() : [item.value];
      for (const source of sources) {
        const found = this.child(this.resolve(source), seg);
        if (found) return found;
      }
    }
    return undefined;
  }
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}
