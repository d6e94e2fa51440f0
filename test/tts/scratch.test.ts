import { it } from 'vitest';
import { locateEngine, runFlite } from '../../src/tts/flite.js';
import { synthesize } from '../../src/tts/synthesize.js';
import { detectSpeech, toMonoPcm16, concatPcm, silence } from '../../src/audio/index.js';

const texts = ['What is the weather like in Paris today?', 'Hello there! How are you doing? I would like to book a table for two people tomorrow at eight. Thanks a lot.', 'Stop.', 'Fifteen sheep fled swiftly past the left gate.', 'Hi.', 'Can you tell me a story about a fox, please?'];
it('scratch', async () => {
  const loc = await locateEngine();
  for (const voice of ['slt', 'rms', 'awb'] as const) for (const rate of [0.7, 1, 1.5]) for (const text of texts) {
    const t0 = performance.now();
    const s = await synthesize(loc, { text, voice, rate });
    const ms = performance.now() - t0;
    const f = new Float32Array(s.pcm.length); for (let i = 0; i < f.length; i++) f[i] = s.pcm[i] / 32768;
    const pcm24 = toMonoPcm16({ sampleRate: s.sampleRate, channels: [f] }, 24000);
    const det = detectSpeech(pcm24, 24000);
    // raw engine output padded
    const raw = await runFlite(loc, text, voice, rate);
    const rf = new Float32Array(raw.pcm.length); for (let i = 0; i < rf.length; i++) rf[i] = raw.pcm[i] / 32768;
    const raw24 = toMonoPcm16({ sampleRate: raw.sampleRate, channels: [rf] }, 24000);
    const rdet = detectSpeech(concatPcm(silence(300, 24000), raw24, silence(300, 24000)), 24000);
    const first = raw.phones.find((p) => p.phone !== 'pau'); const idx = raw.phones.indexOf(first!);
    const rs = 300 + (idx ? raw.phones[idx - 1].endMs : 0);
    let li = raw.phones.length - 1; while (raw.phones[li].phone === 'pau') li--; const re = 300 + raw.phones[li].endMs;
    console.log(voice, rate, text.slice(0, 12), 'truth', JSON.stringify(s.speech), 'det', JSON.stringify(det), `${ms.toFixed(0)}ms for ${s.durationMs}`, '| raw truth', rs, re, 'det', JSON.stringify(rdet));
  }
}, 300000);
