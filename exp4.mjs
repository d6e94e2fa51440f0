import wrtc from '@roamhq/wrtc';
const { RTCPeerConnection, nonstandard } = wrtc;
let maxGap = 0, last = performance.now();
const iv = setInterval(() => { const n = performance.now(); maxGap = Math.max(maxGap, n - last); last = n; }, 1);
const t = {};
const time = async (k, f) => { const a = performance.now(); const r = await f(); t[k] = (t[k] ?? 0) + performance.now() - a; return r; };
const sync = (k, f) => { const a = performance.now(); const r = f(); t[k] = (t[k] ?? 0) + performance.now() - a; return r; };
const pcs = [];
for (let i = 0; i < 10; i++) {
  const pc = sync('new pc', () => new RTCPeerConnection());
  const src = sync('source', () => new nonstandard.RTCAudioSource());
  const tr = sync('track', () => src.createTrack());
  sync('addTrack', () => pc.addTrack(tr));
  sync('dc', () => pc.createDataChannel('oai-events'));
  const o = await time('offer', () => pc.createOffer());
  await time('setLocal', () => pc.setLocalDescription(o));
  pcs.push(pc);
}
await new Promise(r => setTimeout(r, 500));
for (const pc of pcs) sync('close', () => pc.close());
await new Promise(r => setTimeout(r, 200));
clearInterval(iv);
console.log(JSON.stringify(t), 'max event-loop gap', maxGap.toFixed(1));
