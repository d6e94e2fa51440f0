import wavefile from 'wavefile';
console.log(Object.keys(wavefile));
const { WaveFile } = wavefile;
const sr=48000, n=sr*10;
const mono = new Float32Array(n); for (let i=0;i<n;i++) mono[i]=0.5*Math.sin(2*Math.PI*1000*i/sr);
let t=performance.now();
const w = new WaveFile(); w.fromScratch(1, sr, '32f', mono);
let t1=performance.now();
w.toSampleRate(24000, {method:'cubic'});
let t2=performance.now();
console.log('fromScratch', t1-t, 'toSampleRate', t2-t1, w.fmt, w.data.samples.length, w.data.samples.constructor.name);
const w2 = new WaveFile(); w2.fromScratch(1, sr, '64', Float64Array.from(mono));
t=performance.now(); w2.toSampleRate(24000,{method:'cubic'}); console.log('64',performance.now()-t);
// the parse: fromBuffer with samples=false
const buf = w.toBuffer();
const w3 = new WaveFile(); t=performance.now(); w3.fromBuffer(buf, false); console.log('parse nosamples', performance.now()-t, w3.data.chunkSize, w3.data.samples.length, w3.fmt);
