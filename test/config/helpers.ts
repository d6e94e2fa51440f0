import { mkdtemp, mkdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh folder with the given files (paths relative to it); `cleanup` removes it. */
export async function project(files: Record<string, string> = {}): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  // realpath: on some systems tmpdir is a symlink, and discovery reports real paths.
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'rtbench-config-')));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), text);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
