import { settingsLabel } from '../../stats/group.js';
import type { CellView, ScenarioView } from '../model.js';
import { seriesColor } from './svg.js';

export interface SeriesStyle {
  color: string;
  /** The parts of the cell that vary across the run (e.g. just the model). */
  label: string;
}

/**
 * One colour and short label per cell identity (target × model × settings), shared by every chart
 * and table so a model keeps its colour across scenarios. Labels keep only what varies in the run.
 */
export function seriesStyles(view: readonly ScenarioView[]): Map<string, SeriesStyle> {
  const cells = view.flatMap((s) => s.cells).filter((c) => c.samples.length);
  const distinct = (f: (c: CellView) => string) => new Set(cells.map(f)).size > 1;
  const showTarget = distinct((c) => c.target);
  const showModel = distinct((c) => c.model);
  const settingKeys = [...new Set(cells.flatMap((c) => Object.keys(c.settings)))].filter((k) => distinct((c) => String(c.settings[k])));
  const out = new Map<string, SeriesStyle>();
  for (const c of cells) {
    if (out.has(c.seriesKey)) continue;
    // Only the settings this cell has: a scenario without an axis should not read "axis=null".
    const own = settingKeys.filter((k) => k in c.settings);
    const parts = [
      ...(showTarget ? [c.target] : []),
      ...(showModel || (!showTarget && !own.length) ? [c.model] : []),
      ...(own.length ? [settingsLabel(Object.fromEntries(own.map((k) => [k, c.settings[k]])))] : []),
    ];
    out.set(c.seriesKey, { color: seriesColor(out.size), label: parts.join(' · ') });
  }
  return out;
}
