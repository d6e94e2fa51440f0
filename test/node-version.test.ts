/**
 * Which Node runs the suite, said in the output and checked: `npm test`'s second leg
 * (scripts/test-lts.mjs) sets TEST_LTS_NODE_MAJOR to the Active LTS major, and the tests must
 * really run on it (vitest's workers start from the Node that started vitest). Truth: the engines
 * range in package.json (≥ 20.19) and the major the leg asked for.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };

/** `[major, minor]` of a version like `v26.12.1`. */
function majorMinor(version: string): [number, number] {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`not a Node version: ${version}`);
  return [Number(m[1]), Number(m[2])];
}

/** `>=20.19`-style engines floor: true when `version` is at or above it. */
function meetsFloor(version: string, range: string): boolean {
  const m = /^>=\s*(\d+)\.(\d+)/.exec(range);
  if (!m) throw new Error(`engines.node is not a ">=x.y" floor: ${range}`);
  const [major, minor] = majorMinor(version);
  return major > Number(m[1]) || (major === Number(m[1]) && minor >= Number(m[2]));
}

describe(`Node ${process.version} (${process.execPath})`, () => {
  it('is at or above the engines floor', () => {
    process.stdout.write(`node-version: the suite runs on Node ${process.version} (${process.execPath})\n`);
    expect(meetsFloor(process.version, pkg.engines.node), `${process.version} vs engines ${pkg.engines.node}`).toBe(true);
    // The comparison itself, on both sides of the floor.
    expect(meetsFloor('v20.19.0', '>=20.19')).toBe(true);
    expect(meetsFloor('v20.18.3', '>=20.19')).toBe(false);
    expect(meetsFloor('v26.0.0', '>=20.19')).toBe(true);
  });

  it.runIf(process.env.TEST_LTS_NODE_MAJOR)('is the major the LTS leg asked for', () => {
    expect(majorMinor(process.version)[0]).toBe(Number(process.env.TEST_LTS_NODE_MAJOR));
  });
});
