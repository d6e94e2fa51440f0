#!/usr/bin/env node
// Regenerates docs/commands.md from the CLI's own --help (so the reference cannot drift).
// Usage: npm run build && node scripts/gen-command-docs.mjs [--check]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const BIN = 'dist/cli/rtbench.js';
const COMMANDS = [
  [],
  ['run'],
  ['mock'],
  ['fixtures', 'annotate'],
  ['fixtures', 'say'],
  ['validate'],
  ['report'],
  ['compare'],
  ['merge'],
  ['calibrate'],
  ['init'],
  ['schema'],
  ['config'],
];

const help = (args) => {
  try {
    return execFileSync(process.execPath, [BIN, ...args, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '100', NO_COLOR: '1' } });
  } catch {
    return null;
  }
};

let md = '# Command reference\n\nGenerated from `rtbench <command> --help` by `scripts/gen-command-docs.mjs`; a test checks it is current.\n';
for (const args of COMMANDS) {
  const text = help(args);
  if (text === null) continue;
  md += `\n## \`rtbench${args.length ? ' ' + args.join(' ') : ''}\`\n\n\`\`\`text\n${text.trimEnd()}\n\`\`\`\n`;
}
if (process.argv.includes('--check')) {
  const current = readFileSync('docs/commands.md', 'utf8');
  if (current !== md) {
    console.error('docs/commands.md is out of date: run node scripts/gen-command-docs.mjs');
    process.exit(1);
  }
} else writeFileSync('docs/commands.md', md);
