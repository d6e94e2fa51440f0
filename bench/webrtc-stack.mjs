// The WebRTC stack-choice measurement quoted in docs/webrtc.md ("Why libwebrtc"): N libwebrtc
// (@roamhq/wrtc) peer pairs on loopback, a→b audio (10 ms PCM frames in, Opus inside libwebrtc,
// decoded PCM out of the sink) for S seconds; prints setup time, CPU, packets and event-loop delay
// as one JSON line. Usage (needs the optional @roamhq/wrtc): node bench/webrtc-stack.mjs [N=1] [S=10]
// e.g. `node bench/webrtc-stack.mjs 1 10` and `node bench/webrtc-stack.mjs 10 10` for the table's rows.
import wrtc from '@roamhq/wrtc';
import { monitorEventLoopDelay } from 'node:perf_hooks';
const { RTCPeerConnection, nonstandard } = wrtc;
const N = Number(process.argv[2] ?? 1),
  S = Number(process.argv[3] ?? 10);
const setups = [];
let sent = 0,
  lost = 0,
  received = 0;
async function pair() {
  const t0 = performance.now();
  const a = new RTCPeerConnection(),
    b = new RTCPeerConnection();
  const src = new nonstandard.RTCAudioSource();
  const track = src.createTrack();
  a.addTrack(track);
  const dc = a.createDataChannel('oai-events');
  let sink;
  b.ontrack = (e) => {
    sink = new nonstandard.RTCAudioSink(e.track);
    sink.ondata = () => {};
  };
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription(await b.createAnswer());
  await new Promise((r) => {
    if (b.iceGatheringState === 'complete') r();
    b.onicegatheringstatechange = () => b.iceGatheringState === 'complete' && r();
  });
  await a.setRemoteDescription(b.localDescription);
  await new Promise((r) => (dc.onopen = r));
  setups.push(performance.now() - t0);
  const start = performance.now();
  let k = 0;
  const frame = new Int16Array(480);
  await new Promise((done) => {
    const tick = () => {
      for (let i = 0; i < 480; i++) frame[i] = Math.round(3000 * Math.sin((k * 480 + i) / 20));
      src.onData({ samples: frame, sampleRate: 48000, channelCount: 1 });
      k++;
      if (performance.now() - start < S * 1000) setTimeout(tick, start + k * 10 - performance.now());
      else done();
    };
    tick();
  });
  const st = await b.getStats();
  st.forEach((r) => {
    if (r.type === 'inbound-rtp') {
      lost += r.packetsLost;
      received += r.packetsReceived;
    }
  });
  const so = await a.getStats();
  so.forEach((r) => {
    if (r.type === 'outbound-rtp') sent += r.packetsSent;
  });
  sink?.stop();
  track.stop();
  a.close();
  b.close();
}
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
const cpu0 = process.cpuUsage();
const w0 = performance.now();
await Promise.all(Array.from({ length: N }, (_, i) => new Promise((r) => setTimeout(r, i * 50)).then(pair)));
const cpu = process.cpuUsage(cpu0);
const wall = performance.now() - w0;
setups.sort((x, y) => x - y);
console.log(
  JSON.stringify({
    stack: '@roamhq/wrtc (libwebrtc)',
    pairs: N,
    seconds: S,
    setup_ms_p50: setups[Math.floor(N / 2)].toFixed(1),
    setup_ms_max: setups[N - 1].toFixed(1),
    cpu_pct: ((100 * (cpu.user + cpu.system)) / 1000 / wall).toFixed(1),
    cpu_pct_per_pair: ((100 * (cpu.user + cpu.system)) / 1000 / wall / N).toFixed(2),
    sent,
    received,
    lost,
    loop_delay_p99_ms: (h.percentile(99) / 1e6).toFixed(1),
  }),
);
process.exit(0);
