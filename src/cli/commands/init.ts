import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';

interface InitArgs {
  force: boolean;
  dir: string;
}

const SCENARIO = `# yaml-language-server: $schema=https://unpkg.com/rtbench/schema/scenario.schema.json
# A starter scenario: one spoken question, answered by the bundled mock (or any target).
# The question is synthesized offline from the text (say:), so no recording is needed.
# Run it:   npx rtbench run scenarios/starter.yaml
# Reference: "Writing scenarios" in rtbench's README, or \`npx rtbench schema\`.
name: starter
description: Ask one question and measure how fast the answer starts
session:
  instructions: You are a concise, friendly voice assistant.
  voice: alloy
  turn_detection: { type: server_vad, threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 }
turns:
  - say: What time is it?
    voice: slt          # slt (female), rms (male) or awb (male, Scottish); rate: 0.5–2
    expect:
      response: audio
      first_audio_ms: "< 3000"
  # More turns: another say:, or a recording with its annotation (rtbench fixtures annotate):
  # - audio: ../fixtures/my-question.wav
repeat: 3
`;

const CONFIG = `# rtbench configuration (flags > RTBENCH_* environment > this file > defaults).
# Keep secrets (OPENAI_API_KEY, AZURE_OPENAI_API_KEY) in the environment or .env; a key written
# here works but is discouraged (rtbench warns), and is never copied into a run folder.
target: mock
model: gpt-realtime-2.1
reporters: [table, json, md, html]
`;

/** \`rtbench init\` — a starter scenario (synthesized speech, no WAV needed) and a config that run as-is against the mock. */
export function initCommand(setExit: (code: number) => void): CommandModule<object, InitArgs> {
  return {
    command: 'init',
    describe: 'Write a starter scenario (spoken from text, no recording needed) and a config into the current folder',
    builder: (y) =>
      y
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite existing files' })
        .option('dir', { type: 'string', default: '.', describe: 'Folder to write into' }) as never,
    handler: async (a) => {
      const files: Array<[string, () => Promise<void>]> = [
        ['scenarios/starter.yaml', () => writeFile(join(a.dir, 'scenarios/starter.yaml'), SCENARIO)],
        ['rtbench.config.yaml', () => writeFile(join(a.dir, 'rtbench.config.yaml'), CONFIG)],
      ];
      await mkdir(join(a.dir, 'scenarios'), { recursive: true });
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
