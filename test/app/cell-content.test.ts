/**
 * A cell's content fingerprint. Truth: plans built to differ in exactly one thing (a file's bytes,
 * its name, a session setting, the say: text, the seed).
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellContents } from '../../src/app/cell-content.js';
import { assertSameContent } from '../../src/stats/cell-content.js';
import type { SessionPlan } from '../../src/scenario/types.js';

const dir = mkdtempSync(join(tmpdir(), 'rtbench-content-'));
const file = (name: string, bytes: string) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};
const plan = (over: Partial<SessionPlan> & { audio?: string; say?: { text: string; voice: string } } = {}): SessionPlan =>
  ({
    id: `s#${Math.random()}`,
    scenario: 's',
    target: 'mock',
    model: 'm',
    settings: {},
    repeat: 1,
    session: { turn_detection: { type: 'server_vad', silence_duration_ms: 500 } },
    turns: [
      {
        index: 0,
        audio: over.audio ?? file('a.wav', 'AAAA'),
        leading_silence_ms: 0,
        trailing_silence_ms: 700,
        start: { after: 'start', gap_ms: 0 },
        ...(over.say ? { say: over.say } : {}),
      },
    ],
    expectations: [],
    seed: 7,
    chunk_ms: 20,
    ...over,
  }) as SessionPlan;
const contentOf = async (sp: SessionPlan) => (await cellContents([sp])).get(sp.id)!;

describe('cell content', () => {
  it('equal for the same bytes under another name, another seed or repeat (must pass)', async () => {
    const a = await contentOf(plan());
    const b = await contentOf(plan({ audio: file('b.wav', 'AAAA'), seed: 99, repeat: 3 }));
    expect(b.id).toBe(a.id);
    expect(a.parts['turn 0 audio']).toMatch(/^a\.wav sha256:/);
    expect(assertSameContent([{ ...plan(), content: a }], [{ ...plan(), content: b }], { a: 'A', b: 'B' })).toEqual([]);
  });

  it('differs for other bytes, another session setting, another say: text (must fail, naming the part)', async () => {
    const a = await contentOf(plan());
    const bytes = await contentOf(plan({ audio: file('c.wav', 'BBBB') }));
    const setting = await contentOf(plan({ session: { turn_detection: { type: 'server_vad', silence_duration_ms: 300 } } } as Partial<SessionPlan>));
    const said = await contentOf(plan({ say: { text: 'What time is it?', voice: 'alloy' } }));
    const said2 = await contentOf(plan({ say: { text: 'What is the weather?', voice: 'alloy' } }));
    expect(new Set([a.id, bytes.id, setting.id, said.id, said2.id]).size).toBe(5);
    const refuse = (x: typeof a, y: typeof a) => () => assertSameContent([{ ...plan(), content: x }], [{ ...plan(), content: y }], { a: 'A', b: 'B' });
    expect(refuse(a, bytes)).toThrow(/turn 0 audio: a\.wav sha256:\w+ \(A\) ≠ c\.wav sha256:\w+ \(B\)/);
    expect(refuse(a, setting)).toThrow(/session: .*"silence_duration_ms":500.* \(A\) ≠ .*"silence_duration_ms":300.* \(B\)/);
    expect(refuse(said, said2)).toThrow(/turn 0 audio: say "What time is it\?" \(voice alloy\) sha256:\w+ \(A\) ≠ say "What is the weather\?" \(voice alloy\)/);
    try {
      refuse(a, bytes)();
    } catch (err) {
      expect((err as { code: string }).code).toBe('CONTENT_DIFFERS');
    }
  });
});
