/**
 * Built-in `--network` profiles. Numbers are round trips (split evenly over the two directions) and
 * rates per direction; docs/network.md gives each one's source.
 */
export interface Profile {
  rttMs: number;
  /** Round-trip jitter (± ms). */
  jitterMs: number;
  downKbit: number;
  upKbit: number;
  lossPct: number;
  /** Mean loss burst, packets. */
  burstPackets: number;
  /** Where the numbers come from (shown in docs/network.md). */
  source: string;
}

export const PROFILES = {
  cable: { rttMs: 28, jitterMs: 0, downKbit: 5000, upKbit: 1000, lossPct: 0, burstPackets: 1, source: 'WebPageTest "Cable" (5/1 Mbps, 28 ms RTT)' },
  'wifi-lossy': {
    rttMs: 40,
    jitterMs: 8,
    downKbit: 30000,
    upKbit: 10000,
    lossPct: 2,
    burstPackets: 3,
    source: 'Apple Network Link Conditioner "Wi-Fi" rates with comcast-style bursty loss',
  },
  '4g': {
    rttMs: 70,
    jitterMs: 10,
    downKbit: 12000,
    upKbit: 12000,
    lossPct: 0.5,
    burstPackets: 1,
    source: 'WebPageTest "LTE" (12/12 Mbps, 70 ms RTT); loss within 3GPP TS 23.203 QCI-1 (1e-2)',
  },
  'slow-4g': {
    rttMs: 150,
    jitterMs: 0,
    downKbit: 1600,
    upKbit: 750,
    lossPct: 0,
    burstPackets: 1,
    source: 'Lighthouse / Chrome DevTools "Slow 4G" (150 ms, 1.6 Mbps / 750 kbps)',
  },
  '3g': { rttMs: 300, jitterMs: 0, downKbit: 1600, upKbit: 768, lossPct: 0, burstPackets: 1, source: 'WebPageTest "3G" (1.6 Mbps / 768 kbps, 300 ms RTT)' },
  '3g-slow': {
    rttMs: 200,
    jitterMs: 0,
    downKbit: 780,
    upKbit: 330,
    lossPct: 1,
    burstPackets: 1,
    source: 'WebPageTest "3G Slow" (780/330 kbps, 200 ms RTT), 1 % loss',
  },
  satellite: {
    rttMs: 600,
    jitterMs: 0,
    downKbit: 10000,
    upKbit: 2000,
    lossPct: 0.2,
    burstPackets: 1,
    source: 'ITU-T G.114 (geostationary hop ≈ 600 ms round trip)',
  },
  'very-bad': {
    rttMs: 1000,
    jitterMs: 0,
    downKbit: 1000,
    upKbit: 1000,
    lossPct: 10,
    burstPackets: 1,
    source: 'Apple Network Link Conditioner "Very Bad Network" (1 Mbps, 500 ms each way, 10 % loss)',
  },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];
