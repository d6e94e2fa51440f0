import { appendFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendJsonl, readJsonl } from '../../src/report/jsonl.js';

describe('jsonl', () => {
  it('appends batches and reads them back, skipping a torn last line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rtbench-jsonl-'));
    const file = join(dir, 'nested', 'samples.jsonl');
    await appendJsonl(file, [{ a: 1 }, { b: 'x\ny' }]);
    await appendJsonl(file, []);
    await appendJsonl(file, [{ c: [1, 2] }]);
    expect(await readFile(file, 'utf8')).toBe('{"a":1}\n{"b":"x\\ny"}\n{"c":[1,2]}\n');
    await appendFile(file, '{"torn":');
    expect(await readJsonl(file)).toEqual([{ a: 1 }, { b: 'x\ny' }, { c: [1, 2] }]);
    expect(await readJsonl(join(dir, 'missing.jsonl'))).toEqual([]);
  });
});
