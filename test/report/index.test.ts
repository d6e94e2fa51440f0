import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REPORTER_NAMES, REPORTERS, renderReports, type ReporterName } from '../../src/report/index.js';
import { makeRun } from './fixtures.js';

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += String(chunk);
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

describe('renderReports', () => {
  it('registers every contract reporter', () => {
    expect([...REPORTER_NAMES]).toEqual(['table', 'json', 'md', 'html', 'csv', 'junit']);
    for (const n of REPORTER_NAMES) expect(REPORTERS[n].name).toBe(n);
  });

  it('writes every file report into a new folder and prints the table', async () => {
    const outDir = join(await mkdtemp(join(tmpdir(), 'rtbench-out-')), 'run');
    const stdout = sink();
    const results = makeRun();
    await renderReports([...REPORTER_NAMES, 'json'], { results, outDir, stdout, color: false });
    expect((await readdir(outDir)).sort()).toEqual(['junit.xml', 'report.html', 'report.md', 'results.csv', 'results.json']);
    expect(JSON.parse(await readFile(join(outDir, 'results.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(results)));
    expect(stdout.text).toContain('first audio p50');
  });

  it('rejects an unknown reporter before writing anything', async () => {
    const outDir = join(await mkdtemp(join(tmpdir(), 'rtbench-out-')), 'never');
    await expect(renderReports(['md', 'pdf' as ReporterName], { results: makeRun(), outDir, stdout: sink(), color: false })).rejects.toThrow(
      /unknown reporter: pdf/,
    );
    await expect(readdir(outDir)).rejects.toThrow();
  });
});
