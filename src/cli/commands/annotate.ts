import type { CommandModule } from 'yargs';
import { describeError, EXIT } from '../errors.js';

interface AnnotateArgs {
  wavs: string[];
  json: boolean;
  force: boolean;
}

/** `rtbench fixtures annotate <wav…>` */
export function annotateCommand(setExit: (code: number) => void): CommandModule<object, AnnotateArgs> {
  return {
    command: 'annotate <wavs..>',
    describe: "Find each fixture's true speech segments and write its annotation file (<name>.speech.json)",
    builder: (y) =>
      y
        .positional('wavs', { type: 'string', array: true, demandOption: true })
        .option('json', { type: 'boolean', default: false, describe: 'Print the segments as JSON on stdout instead of writing files' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite hand-edited (source: manual) annotations' }) as never,
    handler: async (a) => {
      const { AudioFormatError, annotateFile, detectSpeech, loadAudio, readAnnotation } = await import('../../audio/index.js');
      // Every file is tried; each bad one is reported on stderr and the rest are still processed.
      let failed = 0;
      const fail = (file: string, err: unknown) => {
        failed++;
        for (const line of describeError(err).lines) process.stderr.write(line.startsWith(file) ? `${line}\n` : `${file}: ${line}\n`);
      };
      if (a.json) {
        const out = [];
        for (const file of a.wavs) {
          try {
            const audio = await loadAudio(file);
            const existing = await readAnnotation(file);
            const speech = existing?.source === 'manual' && !a.force ? existing.speech : detectSpeech(audio.pcm, audio.sampleRate);
            if (speech.length === 0) throw new AudioFormatError('AUDIO_NO_SPEECH', file, 'no speech detected in the audio');
            out.push({ file, speech });
          } catch (err) {
            fail(file, err);
          }
        }
        process.stdout.write(JSON.stringify(out, null, 2) + '\n');
      } else {
        for (const file of a.wavs) {
          try {
            const { annotation, written, reason } = await annotateFile(file, { force: a.force });
            const segs = annotation.speech.map((s) => `${s.start_ms}–${s.end_ms} ms`).join(', ');
            process.stdout.write(`${file}: ${written ? 'wrote' : `kept (${reason ?? 'unchanged'})`} ${annotation.speech.length} segment(s): ${segs}\n`);
          } catch (err) {
            fail(file, err);
          }
        }
      }
      // One file: its own line says it all; several: a count after the per-file lines.
      if (failed && a.wavs.length > 1) process.stderr.write(`rtbench: ${failed} of ${a.wavs.length} file(s) could not be annotated\n`);
      setExit(failed ? EXIT.BAD_INPUT : EXIT.OK);
    },
  };
}
