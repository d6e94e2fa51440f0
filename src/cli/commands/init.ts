import { existsSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';

interface InitArgs {
  force: boolean;
  dir: string;
}

const SCENARIO = `# yaml-language-server: $schema=https://unpkg.com/rtbench/schema/scenario.schema.json
# A starter scenario: one spoken question, answered by the bundled mock (or any target).
# Run it:   npx rtbench run scenarios/starter.yaml
# Reference: "Writing scenarios" in rtbench's README, or \`npx rtbench schema\`.
name: starter
description: Ask one question and measure how fast the answer starts
session:
  instructions: You are a concise, friendly voice assistant.
  voice: alloy
  turn_detection: { type: server_vad, threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 }
turns:
  - audio: ../fixtures/what-time.wav
    expect:
      response: audio
      first_audio_ms: "< 3000"
repeat: 3
`;

const CONFIG = `# rtbench configuration (flags > RTBENCH_* environment > this file > defaults).
# Keep secrets (OPENAI_API_KEY, AZURE_OPENAI_API_KEY) in the environment or .env; a key written
# here works but is discouraged (rtbench warns), and is never copied into a run folder.
target: mock
model: gpt-realtime
reporters: [table, json, md, html]
`;

/** \`rtbench init\` — a starter scenario, fixture and config that run as-is against the mock. */
export function initCommand(setExit: (code: number) => void): CommandModule<object, InitArgs> {
  return {
    command: 'init',
    describe: 'Write a starter scenario, a fixture and a config into the current folder',
    builder: (y) =>
      y
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite existing files' })
        .option('dir', { type: 'string', default: '.', describe: 'Folder to write into' }) as never,
    handler: async (a) => {
      const { packageRoot } = await import('../../index.js');
      const root = packageRoot();
      const files: Array<[string, () => Promise<void>]> = [
        ['scenarios/starter.yaml', () => writeFile(join(a.dir, 'scenarios/starter.yaml'), SCENARIO)],
        ['fixtures/what-time.wav', () => copyFile(join(root, 'fixtures/what-time.wav'), join(a.dir, 'fixtures/what-time.wav'))],
        ['fixtures/what-time.speech.json', () => copyFile(join(root, 'fixtures/what-time.speech.json'), join(a.dir, 'fixtures/what-time.speech.json'))],
        ['rtbench.config.yaml', () => writeFile(join(a.dir, 'rtbench.config.yaml'), CONFIG)],
      ];
      await mkdir(join(a.dir, 'scenarios'), { recursive: true });
      await mkdir(join(a.dir, 'fixtures'), { recursive: true });
      for (const [name, write] of files) {
        if (existsSync(join(a.dir, name)) && !a.force) {
          process.stdout.write(`kept ${name} (exists; --force overwrites)\n`);
          continue;
        }
        await write();
        process.stdout.write(`wrote ${name}\n`);
      }
      process.stdout.write('\nNext: npx rtbench run scenarios/starter.yaml\n');
      setExit(0);
    },
  };
}
