/**
 * Network namespaces held by child processes. A namespace without a name lives exactly as long as
 * a process is in it, so each one is held by a `sleep` child that gets SIGKILL when the run's
 * process dies (parent-death signal), and every process the link starts in one is started the
 * same way: a crash, SIGKILL or Ctrl-C of the run leaves nothing behind. Nothing is named under
 * /run/netns, so there is nothing to sweep afterwards.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readlink } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Kills the child when this process dies, whatever the cause. */
export const DIE_WITH_PARENT = ['setpriv', '--pdeathsig', 'KILL'] as const;

/** How long a holder may take to enter its new namespace. */
const ENTER_TIMEOUT_MS = 5000;

/** A network namespace and the process that holds it. */
export interface Namespace {
  role: string;
  /** The holder's pid: `/proc/<pid>/ns/net` is the namespace. */
  pid: number;
  /** `net:[<inode>]`, what tells this namespace apart from any other. */
  id: string;
  holder: ChildProcess;
}

/** The command prefix that runs a program inside `ns` (and kills it when this process dies). */
export function inNamespace(ns: Namespace): string[] {
  return [...DIE_WITH_PARENT, 'nsenter', `--net=/proc/${ns.pid}/ns/net`];
}

/** A new, empty network namespace (loopback up). */
export async function createNamespace(role: string): Promise<Namespace> {
  const own = await readlink('/proc/self/ns/net');
  const holder = spawn(DIE_WITH_PARENT[0], [...DIE_WITH_PARENT.slice(1), 'unshare', '--net', '--', 'sleep', 'infinity'], { stdio: 'ignore', detached: true });
  const pid = holder.pid;
  if (pid === undefined) throw new Error(`network namespace ${role}: could not start its holder`);
  const failed = new Promise<never>((_, reject) => {
    holder.once('error', (err) => reject(new Error(`network namespace ${role}: ${err.message}`)));
    holder.once('exit', (code) => reject(new Error(`network namespace ${role}: its holder exited (code ${code})`)));
  });
  failed.catch(() => undefined);
  const entered = (async () => {
    // `unshare` replaces the holder's namespace, then execs `sleep`: wait until it has.
    for (let i = 0; i < ENTER_TIMEOUT_MS / 5; i++) {
      const id = await readlink(`/proc/${pid}/ns/net`).catch(() => own);
      if (id !== own) return id;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error(`network namespace ${role}: not created within ${ENTER_TIMEOUT_MS} ms`);
  })();
  const id = await Promise.race([entered, failed]);
  const ns: Namespace = { role, pid, id, holder };
  await ipBatch(ns, ['link set lo up']);
  return ns;
}

/** Runs `ip -batch` lines inside `ns`. */
export async function ipBatch(ns: Namespace, lines: readonly string[]): Promise<void> {
  await execIn(ns, ['ip', '-batch', '-'], lines.join('\n') + '\n');
}

/** Runs a command inside `ns` and returns its stdout; throws with its stderr. */
export async function execIn(ns: Namespace, argv: readonly string[], stdin?: string): Promise<string> {
  const [cmd, ...args] = ['nsenter', `--net=/proc/${ns.pid}/ns/net`, ...argv];
  try {
    if (stdin === undefined) return (await run(cmd!, args)).stdout;
    return await new Promise<string>((resolve, reject) => {
      const child = execFile(cmd!, args, (err, stdout, stderr) => (err ? reject(Object.assign(err, { stderr })) : resolve(stdout)));
      child.stdin!.end(stdin);
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${argv.join(' ')} in the ${ns.role} namespace: ${(e.stderr || e.message).trim()}`);
  }
}

/** Ends a child and waits for it (SIGTERM, then SIGKILL after `graceMs`). */
export async function stopChild(child: ChildProcess, graceMs = 1000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Removes the namespace: its holder ends, and with the last process in it the namespace goes. */
export async function removeNamespace(ns: Namespace): Promise<void> {
  await stopChild(ns.holder, 200);
}

/** Pids of processes still inside any of these namespaces (for tests and a last check on close). */
export async function processesIn(ids: ReadonlySet<string>): Promise<number[]> {
  const { readdir } = await import('node:fs/promises');
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d));
  const found: number[] = [];
  await Promise.all(
    pids.map(async (p) => {
      const id = await readlink(`/proc/${p}/ns/net`).catch(() => null);
      if (id && ids.has(id)) found.push(Number(p));
    }),
  );
  return found;
}
