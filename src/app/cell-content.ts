/**
 * What a cell plays: the content fingerprint that makes two runs' cells comparable. A cell's name
 * (scenario × target × model × settings) does not say what it played — two quick runs of different
 * WAVs are both scenario `quick` — so every sample carries the content of its session: fixture audio
 * by content hash (not path), `say:` text and voice, the turns' timing and tools, the session
 * configuration, the mock's directives, dialect, transport and chunk size. Repeats and seeds are
 * not content (one cell, many draws); target and model are already in the name.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CellContent } from '../results/types.js';
import type { SessionPlan } from '../scenario/types.js';
import { stableStringify } from '../stats/group.js';

const short = (data: string | Buffer) => createHash('sha256').update(data).digest('hex').slice(0, 16);

/** Content of every session of `sessions` (session id → content); file hashes read once each. */
export async function cellContents(sessions: readonly SessionPlan[]): Promise<Map<string, CellContent>> {
  const files = new Map<string, Promise<string>>();
  const hashFile = (path: string) => {
    let h = files.get(path);
    if (!h) files.set(path, (h = readFile(path).then(short, () => 'unreadable')));
    return h;
  };
  const out = new Map<string, CellContent>();
  for (const sp of sessions) out.set(sp.id, await contentOf(sp, hashFile));
  return out;
}

async function contentOf(sp: SessionPlan, hashFile: (path: string) => Promise<string>): Promise<CellContent> {
  const parts: Record<string, string> = {};
  for (const t of sp.turns) {
    const at = `turn ${t.index}`;
    parts[`${at} audio`] = t.say
      ? `say "${t.say.text}" (voice ${t.say.voice}${t.say.rate !== undefined ? `, rate ${t.say.rate}` : ''}) sha256:${await hashFile(t.audio)}`
      : `${basename(t.audio)} sha256:${await hashFile(t.audio)}`;
    const { index: _i, name: _n, audio: _a, say: _s, noise, ...how } = t;
    parts[`${at} timing`] = stableStringify(how);
    if (noise)
      parts[`${at} noise`] =
        noise.source === 'white' || noise.source === 'pink'
          ? `${noise.source} ${noise.snr_db} dB`
          : `${basename(noise.source)} sha256:${await hashFile(noise.source)} ${noise.snr_db} dB`;
  }
  parts.session = stableStringify(sp.session);
  if (sp.mock) {
    // The seed is the draw, not the content; a profile file counts by its bytes.
    const { seed: _seed, profile_file, ...mock } = sp.mock;
    parts.mock = stableStringify({ ...mock, ...(profile_file ? { profile_file: `${basename(profile_file)} sha256:${await hashFile(profile_file)}` } : {}) });
  }
  parts.dialect = sp.dialect ?? 'ga';
  parts.transport = sp.transport ?? 'ws';
  parts.chunk_ms = String(sp.chunk_ms);
  // The id is over content only: a file's name is shown to tell files apart, never compared.
  const identity = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v.replace(/(^|, |")[^ ,"]+ sha256:/g, '$1sha256:')]));
  return { id: short(stableStringify(identity)), parts };
}
