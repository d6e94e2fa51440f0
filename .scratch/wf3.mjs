import wavefile from 'wavefile';
const { WaveFile } = wavefile;
const sr=48000, n=sr*10;
const mono = new Float32Array(n); for (let i=0;i<n;i++) mono[i]=0.5*Math.sin(2*Math.PI*1000*i/sr);
for (let rep=0;rep<4;rep++){
const w2 = new WaveFile(); w2.fromScratch(1, sr, '32f', new Float32Array(16));
let captured; const f64=Float64Array.from(mono); w2.getSamples = () => f64;
w2.m = (ch, rate, bd, samples) => { captured = samples; };
let t=performance.now(); w2.toSampleRate(24000,{method:'cubic'}); let t1=performance.now();
console.log('pure resample', t1-t, captured.length);
const w3 = new WaveFile(); w3.fromScratch(1, sr, '32f', new Float32Array(16));
w3.getSamples = () => Float64Array.from(mono);
t=performance.now(); w3.toSampleRate(24000,{method:'cubic'}); t1=performance.now();
console.log('resample+pack32f', t1-t);
}
