/**
 * The model lifecycle table and the check before a run. Truth: the table's own dates (OpenAI's
 * deprecations page as of December 2026) — a shut-down model or the beta dialect on OpenAI is
 * refused before anything runs (exit 2, one message naming what to use, no run folder); a model
 * with an announced shutdown is a warning; the mock and custom URLs are never judged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { preflightModels } from '../../src/app/model-preflight.js';
import { checkCostBeforeRun } from '../../src/app/limits.js';
import type { PreparedTurn } from '../../src/runner/prepare.js';
import { DEFAULT_PRICES, priceFor } from '../../src/metrics/cost.js';
import { describeLifecycle, lifecycleOf, MODEL_LIFECYCLE, replacementChain } from '../../src/models/lifecycle.js';
import { resolveProfile } from '../../src/mock/behaviour/profiles.js';
import type { Plan, SessionPlan } from '../../src/scenario/types.js';
import { cli, FIXTURES, STACK_LINE, tmp } from '../reliability/helpers.js';

const plan = (...sessions: Array<Partial<SessionPlan>>): Plan => ({
  sessions: sessions.map((s, i) => ({ id: `s${i}`, target: 'openai', model: 'gpt-realtime-2.1', ...s }) as SessionPlan),
});

describe('the lifecycle table', () => {
  it('every entry has a date when not current, a source, and a replacement that is itself in the table', () => {
    for (const m of MODEL_LIFECYCLE) {
      expect(m.source.length).toBeGreaterThan(10);
      if (m.status === 'current') expect(m.shutdown).toBeNull();
      else expect(m.shutdown).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (m.replacement) expect(lifecycleOf(m.replacement)).not.toBeNull();
    }
  });

  it('docs/live-targets.md shows exactly this table', () => {
    const doc = readFileSync('docs/live-targets.md', 'utf8');
    const block = doc.slice(doc.indexOf('<!-- model-lifecycle:start -->'), doc.indexOf('<!-- model-lifecycle:end -->'));
    const rows = block
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| model '))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    expect(rows).toEqual(MODEL_LIFECYCLE.map((m) => [m.name, m.kind, m.status, m.shutdown ?? '—', m.replacement ?? '—', m.source]));
  });

  it('dated snapshots follow their name; unknown names are unknown', () => {
    expect(lifecycleOf('gpt-4o-realtime-preview-2025-06-03')?.status).toBe('shut_down');
    expect(lifecycleOf('gpt-realtime-2025-08-28')?.shutdown).toBe('2027-01-20');
    expect(lifecycleOf('my-deployment')).toBeNull();
    expect(lifecycleOf('gpt-realtime-2.1-preview')).toBeNull();
  });

  it('follows a replacement that is itself going away to a current model', () => {
    expect(replacementChain('gpt-4o-mini-realtime-preview')).toEqual(['gpt-realtime-mini', 'gpt-realtime-2.1-mini']);
    expect(replacementChain('gpt-realtime')).toEqual(['gpt-realtime-2.1']);
    expect(describeLifecycle('gpt-4o-mini-realtime-preview')).toMatch(
      /was shut down on 2026-05-07 \(source: OpenAI deprecations page.*\); use gpt-realtime-2\.1-mini \(its replacement gpt-realtime-mini is itself going away\)$/,
    );
    expect(describeLifecycle('gpt-realtime-2.1')).toBeNull();
  });

  it('the mock serves old names (offline reruns) with their own profiles', () => {
    expect(resolveProfile(undefined, 'gpt-4o-realtime-preview').name).toBe('gpt-4o-realtime-preview');
    expect(resolveProfile(undefined, 'gpt-realtime-2.1-mini').name).toBe('gpt-realtime-2.1-mini');
    expect(resolveProfile(undefined, 'gpt-realtime-2.1').name).toBe('gpt-realtime-2.1');
    expect(resolveProfile(undefined, 'gpt-realtime-mini-2025-12-15').name).toBe('gpt-realtime-mini');
  });
});

describe('preflightModels', () => {
  it('refuses a shut-down model on openai and azure, naming the replacement', () => {
    expect(() => preflightModels(plan({ model: 'gpt-4o-realtime-preview' }))).toThrow(
      /target openai: model gpt-4o-realtime-preview was shut down on 2026-05-07.*use gpt-realtime-1\.5\nnothing was run$/s,
    );
    expect(() => preflightModels(plan({ target: 'azure', model: 'gpt-realtime-mini-2025-10-06' }))).toThrow(expect.objectContaining({ code: 'TARGET_CONFIG' }));
  });

  it('warns about an announced shutdown, and says nothing for a current model', () => {
    const log: string[] = [];
    preflightModels(plan({ model: 'gpt-realtime' }, { model: 'gpt-realtime' }, { model: 'gpt-realtime-2.1' }), (l) => log.push(l));
    expect(log).toEqual([
      expect.stringMatching(/^warning: target openai: model gpt-realtime has an announced shutdown on 2027-01-20 .*; use gpt-realtime-2\.1$/),
    ]);
  });

  it('the beta dialect: refused on openai (shut down there), a warning on azure', () => {
    expect(() => preflightModels(plan({ dialect: 'beta' }))).toThrow(/the Realtime beta dialect was shut down there on 2026-05-07/);
    const log: string[] = [];
    preflightModels(plan({ target: 'azure', dialect: 'beta', model: 'my-deployment' }), (l) => log.push(l));
    expect(log).toEqual([expect.stringContaining('deprecated from 2026-04-30')]);
  });

  it('the mock and custom URLs keep any name', () => {
    const log: string[] = [];
    preflightModels(
      plan(
        { target: 'mock', model: 'gpt-4o-realtime-preview', dialect: 'beta' },
        { target: 'wss://relay.example/v1/realtime', model: 'gpt-4o-realtime-preview' },
      ),
      (l) => log.push(l),
    );
    expect(log).toEqual([]);
  });

  it('CLI: exit 2, one message, no stack, no run folder, before the cost estimate', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    const r = await cli(['run', '--audio', join(FIXTURES, 'what-time.wav'), '--target', 'openai', '--model', 'gpt-4o-mini-realtime-preview', '--out', out], {
      OPENAI_API_KEY: 'sk-test-not-a-real-key-0000000000',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/model gpt-4o-mini-realtime-preview was shut down on 2026-05-07/);
    expect(r.stderr).not.toMatch(/cost estimate/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(existsSync(out)).toBe(false);
  });
});

describe('prices', () => {
  it('exact names and dated snapshots only: a newer model is never priced as an older prefix', () => {
    expect(priceFor('gpt-realtime-2025-08-28')).toBe(DEFAULT_PRICES['gpt-realtime']);
    expect(priceFor('gpt-realtime-2')).toBe(DEFAULT_PRICES['gpt-realtime-2']);
    expect(priceFor('gpt-realtime-2.1')).toBeNull();
    expect(priceFor('gpt-realtime-2.1-mini')).toBeNull();
  });

  it('--max-cost fails closed on a model without a price; a price given in the options is used', () => {
    const p = plan({ model: 'gpt-realtime-2.1' });
    const prepared = new Map([['s0', [{ durationMs: 2000 } as PreparedTurn]]]);
    expect(() => checkCostBeforeRun(p, prepared, new Set(), { maxCostUsd: 5 })).toThrow(
      /^--max-cost: no price for gpt-realtime-2\.1, so the cost cannot be estimated; nothing was run/,
    );
    const price = { ...DEFAULT_PRICES['gpt-realtime-2'] };
    const e = checkCostBeforeRun(p, prepared, new Set(), { maxCostUsd: 5, prices: { 'gpt-realtime-2.1': price } });
    // 2 s × 10 input tokens + 4 s × 20 output tokens at the given audio rates.
    expect(e!.usd).toBeCloseTo((20 * price.audio_input + 80 * price.audio_output) / 1e6, 12);
    expect(e!.unpriced).toEqual([]);
    // Without --max-cost an unpriced model only shows in the estimate line.
    expect(checkCostBeforeRun(p, prepared, new Set(), {})!.unpriced).toEqual(['gpt-realtime-2.1']);
  });
});
