/**
 * Before a run against OpenAI or Azure: a model the service has shut down, or the beta dialect on
 * OpenAI, would fail every session (after connecting, and maybe after paying for a few); refuse
 * them here instead (exit 2), naming what to use. A model with an announced shutdown is a warning.
 * Custom URL targets and the mock are left alone: a compatible server or an offline rerun of an
 * old scenario may keep any name.
 */
import { AZURE_BETA_DEPRECATED, describeLifecycle, lifecycleOf, OPENAI_BETA_SHUTDOWN } from '../models/lifecycle.js';
import { TargetError } from '../runner/targets.js';
import type { Plan } from '../scenario/types.js';

const SERVICES = new Set(['openai', 'azure']);

/**
 * Throws `TargetError` (exit 2) for a shut-down model or beta on OpenAI; logs a warning per model
 * with an announced shutdown and for beta on Azure.
 */
export function preflightModels(plan: Plan, log?: (line: string) => void): void {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const sp of plan.sessions) {
    if (!SERVICES.has(sp.target)) continue;
    const key = `${sp.target}\n${sp.model}\n${sp.dialect ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (sp.dialect === 'beta' && sp.target === 'openai') {
      problems.push(
        `target openai: the Realtime beta dialect was shut down there on ${OPENAI_BETA_SHUTDOWN.date} (source: ${OPENAI_BETA_SHUTDOWN.source}); drop dialect beta (GA is the default)`,
      );
    } else if (sp.dialect === 'beta') {
      log?.(
        `warning: target ${sp.target}: the preview (beta) realtime protocol is deprecated from ${AZURE_BETA_DEPRECATED.date} (${AZURE_BETA_DEPRECATED.source}); prefer the GA dialect`,
      );
    }
    const note = describeLifecycle(sp.model);
    if (!note) continue;
    if (lifecycleOf(sp.model)?.status === 'shut_down') problems.push(`target ${sp.target}: ${note}`);
    else log?.(`warning: target ${sp.target}: ${note}`);
  }
  if (problems.length) throw new TargetError(`${[...new Set(problems)].join('\n')}\nnothing was run`);
}
