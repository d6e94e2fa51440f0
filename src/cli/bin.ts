#!/usr/bin/env node
import module from 'node:module';

// Node ≥ 22.1 keeps V8's compiled code of the modules loaded from here on in a cache on disk
// (os.tmpdir()/node-compile-cache, or $NODE_COMPILE_CACHE; off with NODE_DISABLE_COMPILE_CACHE=1),
// so later starts skip compiling them. Older Node has no such function. The rest of the command
// is imported only after this line, or it would be compiled before the cache is on.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const { hideBin } = await import('yargs/helpers');
const { main } = await import('./app.js');

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`rtbench: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
