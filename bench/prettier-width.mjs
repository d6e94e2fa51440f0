// How much would Prettier change the code at a given printWidth? For each width given, formats every
// TypeScript source, test, bench and script file in memory (nothing is written) and prints how many
// files would change and how many of their lines are new or changed. Chose .prettierrc.json's width.
// Usage: node bench/prettier-width.mjs 120 160 180 200
import { format } from 'prettier';
import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
const files = execSync("git ls-files 'src/*.ts' 'src/**/*.ts' 'test/**/*.ts' 'bench/*.ts' 'scripts/*.mjs'", { encoding: 'utf8' }).trim().split('\n');
for (const printWidth of process.argv.slice(2).map(Number)) {
  let changedFiles = 0,
    changedLines = 0;
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    const out = await format(src, { filepath: f, printWidth, singleQuote: true });
    if (out !== src) {
      changedFiles++;
      const a = new Set(src.split('\n'));
      changedLines += out.split('\n').filter((l) => !a.has(l)).length;
    }
  }
  console.log(JSON.stringify({ printWidth, files: files.length, changedFiles, newOrChangedLines: changedLines }));
}
