/**
 * Two runs' cells compare only when they played the same thing. A cell's name (scenario × target ×
 * model × settings) is matched first; then the content fingerprints its samples carry
 * (`Sample.content`) must be equal, or the comparison is refused, naming what differs. Runs recorded
 * before samples carried fingerprints are matched by name alone, with a warning.
 */
import type { CellContent, GroupKey } from '../results/types.js';
import { cellLabel, groupBy, groupKeyOf } from './group.js';
import { GateError } from './regression-error.js';

type WithContent = GroupKey & { content?: CellContent; ok?: boolean };

/** How the two sides are called in messages. */
export interface SideNames {
  a: string;
  b: string;
}

/**
 * Throws {@link GateError} `CONTENT_DIFFERS` when a cell of both `a` and `b` (same `key`) played
 * different content; returns warnings (e.g. a side without fingerprints, matched by name only).
 */
export function assertSameContent(a: readonly WithContent[], b: readonly WithContent[], names: SideNames, key: (g: GroupKey) => string = groupKeyOf): string[] {
  const groupsA = groupBy(a, key);
  const groupsB = groupBy(b, key);
  const differing: string[] = [];
  const unfingerprinted = new Set<string>();
  let cells = 0;
  for (const [k, xa] of groupsA) {
    const xb = groupsB.get(k);
    if (!xb) continue;
    cells++;
    if (xa.some((s) => !s.content)) unfingerprinted.add(names.a);
    if (xb.some((s) => !s.content)) unfingerprinted.add(names.b);
    const ca = distinct(xa);
    const cb = distinct(xb);
    if (ca.length === 0 || cb.length === 0) continue;
    const idsA = new Set(ca.map((c) => c.id));
    if (cb.length === ca.length && cb.every((c) => idsA.has(c.id))) continue;
    differing.push(`${xa[0].scenario} [${cellLabel(xa[0])}]: ${describeDifference(ca[0], cb.find((c) => !idsA.has(c.id)) ?? cb[0], names)}`);
  }
  if (differing.length) {
    const more = differing.length > 3 ? ` (and ${differing.length - 3} more cell${differing.length - 3 === 1 ? '' : 's'})` : '';
    throw new GateError(
      'CONTENT_DIFFERS',
      `cells with the same name played different content, so they cannot be compared — ${differing.slice(0, 3).join('; ')}${more}`,
    );
  }
  return cells > 0 && unfingerprinted.size
    ? [
        `${[...unfingerprinted].join(' and ')} carries no content fingerprints (recorded by an older rtbench): its cells are matched by name only — make sure both runs played the same fixtures and settings`,
      ]
    : [];
}

function distinct(xs: readonly WithContent[]): CellContent[] {
  const seen = new Map<string, CellContent>();
  for (const s of xs) if (s.content && !seen.has(s.content.id)) seen.set(s.content.id, s.content);
  return [...seen.values()];
}

/** `turn 0 audio: a.wav sha256:… (baseline) ≠ b.wav sha256:… (this run)`, the first two parts that differ. */
function describeDifference(x: CellContent, y: CellContent, names: SideNames): string {
  const keys = [...new Set([...Object.keys(x.parts), ...Object.keys(y.parts)])].filter((k) => x.parts[k] !== y.parts[k]);
  if (keys.length === 0) return `content ${x.id} (${names.a}) ≠ ${y.id} (${names.b})`;
  const shown = keys.slice(0, 2).map((k) => `${k}: ${x.parts[k] ?? '(none)'} (${names.a}) ≠ ${y.parts[k] ?? '(none)'} (${names.b})`);
  return shown.join(', ') + (keys.length > 2 ? `, and ${keys.length - 2} more` : '');
}
