/**
 * Starts a worker thread (or a child process) on a module of this package, from the built
 * JavaScript (dist/, what users run) or — when rtbench itself runs from its TypeScript sources (its own tests) — from the `.ts`
 * file, transpiled on load by a small module hook, so a worker always runs the same code as its
 * parent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InstallationError } from '../errors.js';
import { packageRoot } from './package-root.js';

/**
 * Module hooks for source mode: `./x.js` imported from a `.ts` file resolves to `./x.ts` when only
 * that exists, and `.ts` files are transpiled (types erased) with oxc (rolldown, vitest's bundler) or else the `typescript` dev dependency.
 */
const TS_HOOKS = `
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
let transform;
export async function initialize(data) {
  const req = createRequire(data.root + '/package.json');
  try {
    // oxc (through rolldown, vitest's bundler) when present: native, milliseconds.
    const oxc = await import(pathToFileURL(req.resolve('rolldown/experimental')).href);
    transform = (file, text) => oxc.transformSync(file, text, {}).code;
  } catch {
    const ts = req('typescript');
    transform = (file, text) => ts.transpileModule(text, { fileName: file, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  }
}
export async function resolve(specifier, context, next) {
  if (context.parentURL?.endsWith('.ts') && specifier.startsWith('.') && specifier.endsWith('.js')) {
    const js = new URL(specifier, context.parentURL);
    const tsUrl = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
    if (!existsSync(fileURLToPath(js)) && existsSync(fileURLToPath(tsUrl))) return { url: tsUrl.href, shortCircuit: true };
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return next(url, context);
  const file = fileURLToPath(url);
  return { format: 'module', source: transform(file, await readFile(file, 'utf8')), shortCircuit: true };
}`;

/** Where a module of this package lives next to `baseUrl`: its `.js` (built) or `.ts` (sources). */
function locate(baseUrl: string, name: string): { url: URL; source: boolean } {
  const js = new URL(`./${name}.js`, baseUrl);
  if (existsSync(fileURLToPath(js))) return { url: js, source: false };
  const ts = new URL(`./${name}.ts`, baseUrl);
  if (existsSync(fileURLToPath(ts))) return { url: ts, source: true };
  throw new InstallationError('WORKER_MODULE_MISSING', `worker module not found: ${fileURLToPath(js)}`);
}

/**
 * A worker thread running the module `name` found next to `baseUrl` (pass `import.meta.url`), with
 * `workerData`. The caller owns it (message protocol, terminate).
 */
export function startModuleWorker(baseUrl: string, name: string, workerData: unknown): Worker {
  const { url, source } = locate(baseUrl, name);
  if (!source) return new Worker(url, { workerData });
  return new Worker(bootCode(url), { eval: true, workerData });
}

/**
 * A child process (same Node binary) running the module `name` found next to `baseUrl`, with an
 * IPC channel (`serialization: 'advanced'`: structured clone, as between threads). Its output goes
 * to this process's stdout/stderr. The caller owns it (message protocol, kill). With `wrap`, that
 * command runs first and execs the Node binary (it must keep the same process and file descriptors);
 * `detached`: its own process group, so a terminal's Ctrl-C reaches only this process, which stops it.
 */
export function startModuleProcess(baseUrl: string, name: string, opts: { wrap?: readonly string[]; detached?: boolean } = {}): ChildProcess {
  const { url, source } = locate(baseUrl, name);
  const code = source ? bootCode(url) : `import(${JSON.stringify(url.href)});`;
  const argv = [process.execPath, '--input-type=module', '--eval', code];
  // `wrap`: a command that runs the rest in another place, e.g. `nsenter --net=…` (a network namespace).
  const [cmd, ...args] = [...(opts.wrap ?? []), ...argv];
  return spawn(cmd!, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced', detached: opts.detached });
}

/** Source mode: register the `.ts` hooks, then import the module. */
function bootCode(url: URL): string {
  const hooks = `data:text/javascript,${encodeURIComponent(TS_HOOKS)}`;
  return `import('node:module').then((m) => { m.register(${JSON.stringify(hooks)}, { data: { root: ${JSON.stringify(packageRoot())} } }); return import(${JSON.stringify(url.href)}); });`;
}
