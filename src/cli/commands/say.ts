import type { CommandModule } from 'yargs';
// A leaf module of constants: listing the voices in --help must not load the synthesizer.
import { DEFAULT_VOICE, MAX_RATE, MIN_RATE, VOICE_NAMES, VOICES, type VoiceName } from '../../tts/voices.js';

interface SayArgs {
  text: string;
  out: string;
  voice: VoiceName;
  rate: number;
}

/** `rtbench fixtures say "text" --out x.wav` */
export function sayCommand(setExit: (code: number) => void): CommandModule<object, SayArgs> {
  const voices = VOICE_NAMES.map((v) => `${v} (${VOICES[v].description})`).join(', ');
  return {
    command: 'say <text>',
    describe: 'Synthesize a user turn offline: write a WAV and its exact speech annotation (<name>.speech.json)',
    builder: (y) =>
      y
        .positional('text', { type: 'string', demandOption: true, describe: 'What the user says (English)' })
        .option('out', { type: 'string', demandOption: true, describe: 'WAV file to write' })
        .option('voice', { type: 'string', choices: VOICE_NAMES, default: DEFAULT_VOICE, describe: `Voice: ${voices}` })
        .option('rate', { type: 'number', default: 1, describe: `Speaking rate, ${MIN_RATE}–${MAX_RATE} (2 = twice as fast)` }) as never,
    handler: async (a) => {
      const { SpeechSynthesizer } = await import('../../tts/index.js');
      const { annotation } = await new SpeechSynthesizer().sayToFile({ text: String(a.text), voice: a.voice, rate: a.rate }, a.out);
      const segs = annotation.speech.map((s) => `${s.start_ms}–${s.end_ms} ms`).join(', ');
      process.stdout.write(`${a.out}: wrote ${(annotation.duration_ms / 1000).toFixed(2)} s (voice ${a.voice}, rate ${a.rate}), speech ${segs}\n`);
      setExit(0);
    },
  };
}
