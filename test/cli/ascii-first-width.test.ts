import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAsciiFirstWidth, type StringWidth } from '../../src/cli/ascii-first-width.js';

/** The `string-width` copies the bundled CLI fronts: yargs's own, and cliui's (yargs → cliui). */
async function realWidths(): Promise<StringWidth[]> {
  const fromYargs = createRequire(createRequire(import.meta.url).resolve('yargs'));
  const fromCliui = createRequire(fromYargs.resolve('cliui'));
  const files = [...new Set([fromYargs.resolve('string-width'), fromCliui.resolve('string-width')])];
  return Promise.all(files.map(async (f) => ((await import(pathToFileURL(f).href)) as { default: StringWidth }).default));
}

// Truth: the real string-width. The front must give its answer for every text, and load it only for non-ASCII.
describe('ASCII-first string width (bundled CLI)', () => {
  const ascii = ['', ' ', 'rtbench run [paths..]', '  --concurrency  Sessions in flight at once  [number] [default: 1]', '~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./'];
  const other = ['tab\there', '\u001b[31mred\u001b[39m', 'p99 ≤ 5 ms — ok…', '日本語', 'emoji 🎙️ mic', 'e\u0301', '\u200b', 'café'];

  it('answers printable ASCII itself, with the real width', async () => {
    for (const real of await realWidths()) {
      let loads = 0;
      const width = createAsciiFirstWidth(() => (loads++, real));
      for (const text of ascii) expect(width(text), JSON.stringify(text)).toBe(real(text));
      expect(loads).toBe(0);
    }
  });

  it('hands any other text to the real string-width, loaded once', async () => {
    for (const real of await realWidths()) {
      let loads = 0;
      const width = createAsciiFirstWidth(() => (loads++, real));
      for (const text of other) expect(width(text), JSON.stringify(text)).toBe(real(text));
      expect(width('日本語', { ambiguousIsNarrow: false })).toBe(real('日本語', { ambiguousIsNarrow: false }));
      expect(loads).toBe(1);
    }
  });
});
