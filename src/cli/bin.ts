#!/usr/bin/env node
import { hideBin } from 'yargs/helpers';
import { main } from './app.js';

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`rtbench: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
