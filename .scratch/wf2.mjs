import wavefile from 'wavefile';
const { WaveFile } = wavefile;
const sr=48000, n=sr*10;
const mono = new Float32Array(n); for (let i=0;i<n;i++) mono[i]=0.5*Math.sin(2*Math.PI*1000*i/sr);
for (let rep=0;rep<3;rep++){
const w = new WaveFile(); w.fromScratch(1, sr, '32f', new Float32Array(16));
w.data.samples = new Uint8Array(mono.buffer.slice(0)); w.data.chunkSize = n*4;
let t=performance.now(); const s = w.getSamples(); let t1=performance.now();
console.log('getSamples', t1-t, s.length);
// override getSamples to skip unpack
const f64 = Float64Array.from(mono);
w.getSamples = () => f64;
t=performance.now(); w.toSampleRate(24000,{method:'cubic'}); t1=performance.now();
console.log('toSampleRate w/o unpack', t1-t);
// override fromExisting_ to capture
const w2 = new WaveFile(); w2.fromScratch(1, sr, '32f', new Float32Array(16));
let captured; w2.getSamples = () => Float64Array.from(mono);
w2.fromExisting_ = (ch, rate, bd, samples) => { captured = samples; };
t=performance.now(); w2.toSampleRate(24000,{method:'cubic'}); t1=performance.now();
console.log('pure resample', t1-t, captured.length);
}
