import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Config file names, in the order they are tried within one folder. TypeScript configs are not
 * loaded: Node 20 cannot import `.ts` without a loader (use `.mjs`, or YAML).
 */
export const CONFIG_FILE_NAMES = ['rtbench.config.yaml', 'rtbench.config.yml', 'rtbench.config.json', 'rtbench.config.mjs'] as const;

/**
 * The config file that applies in `cwd`: the first of {@link CONFIG_FILE_NAMES} found in `cwd`,
 * then in each parent folder up to the filesystem root (so `rtbench` works from a subfolder of a
 * project, like eslint or prettier). Returns the absolute path, or undefined when there is none.
 */
export async function findConfigFile(cwd: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (await isFile(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
