import { ProfileFileError } from '../calibration/profile-format.js';
import { ProfileFileCache, profileFromFile } from '../mock/behaviour/profile-file.js';
import type { Plan } from '../scenario/types.js';

/**
 * Checks, before anything runs, that every mock session's profile file (the scenario's
 * `mock.profile_file`, else the run's `--profile-file`) can be read and has an entry for the
 * session's model — otherwise the mock would refuse those handshakes mid-run.
 * @throws {ProfileFileError} code `MOCK_BAD_PROFILE_FILE` (exit 2), naming the scenario
 */
export function preflightProfileFiles(plan: Plan, runProfileFile: string | undefined): void {
  const cache = new ProfileFileCache();
  for (const sp of plan.sessions) {
    if (sp.target !== 'mock') continue;
    const path = sp.mock?.profile_file ?? (sp.mock?.profile === undefined ? runProfileFile : undefined);
    if (path === undefined) continue;
    try {
      profileFromFile(cache.get(path), sp.model);
    } catch (err) {
      if (err instanceof ProfileFileError) throw new ProfileFileError(`${sp.file ?? sp.scenario}: mock profile file: ${err.message}`);
      throw err;
    }
  }
}
