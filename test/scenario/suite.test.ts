import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { formatProblems, loadPlan, validateFiles } from '../../src/scenario/index.js';

/** The example suite in scenarios/ is what `npm start` runs against the mock: it must stay valid. */
describe('scenarios/', () => {
  it('has the example scenarios', async () => {
    const files = (await readdir('scenarios')).filter((f) => f.endsWith('.yaml')).sort();
    expect(files).toEqual([
      'barge-in.yaml',
      'compare-models.yaml',
      'function-call.yaml',
      'manual-commit.yaml',
      'multi-turn.yaml',
      'noisy-room.yaml',
      'simple-question.yaml',
    ]);
  });

  it('every file validates clean, fixtures included', async () => {
    const problems = await validateFiles(['scenarios']);
    expect(formatProblems(problems)).toBe('');
  });

  it('every file starts with the schema comment for editors', async () => {
    const { readFile } = await import('node:fs/promises');
    for (const f of (await readdir('scenarios')).filter((n) => n.endsWith('.yaml'))) {
      expect((await readFile(`scenarios/${f}`, 'utf8')).split('\n')[0], f).toBe('# yaml-language-server: $schema=../schema/scenario.schema.json');
    }
  });

  it('expands to a short suite: the comparison matrix is 2 models × 2 settings × 2 repeats', async () => {
    const plan = await loadPlan(['scenarios'], {});
    const byScenario = new Map<string, number>();
    for (const s of plan.sessions) byScenario.set(s.scenario, (byScenario.get(s.scenario) ?? 0) + 1);
    expect(Object.fromEntries(byScenario)).toEqual({
      'barge-in': 1,
      'compare-models': 8,
      'function-call': 1,
      'manual-commit': 1,
      'multi-turn': 1,
      'noisy-room': 1,
      'simple-question': 1,
    });
    // input transcripts come from the fixtures' annotation sidecars
    const simple = plan.sessions.find((s) => s.scenario === 'simple-question')!;
    expect(simple.mock?.transcripts?.[0]).toMatch(/\S/);
  });
});
