/** report.html's Network card: the link asked for next to the link measured (truth: the samples' facts). */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderReports } from '../../src/report/index.js';
import type { RunResults, Sample } from '../../src/results/types.js';
import { HAVE_CHROMIUM, launch } from './browser.js';
import { makeRun } from './fixtures.js';

const dir = (delay: number, rate: number | null) => ({ delay_ms: delay, jitter_ms: 0, loss_pct: 1, burst_packets: 1, rate_kbit: rate, queue_ms: 200 });

/** A run whose samples crossed two links: `3g-slow` (too slow for ws) and a live target over `rtt=200ms`. */
function networked(): RunResults {
  const run = makeRun();
  const base = run.samples.filter((s) => s.turn === 0).slice(0, 4);
  const at = (s: Sample, network: string, transport: string, facts: Sample['facts']): Sample => ({
    ...s,
    id: `${s.id}@${network}#t0`,
    network,
    transport,
    facts,
  });
  run.samples = [
    at(base[0]!, '3g-slow', 'ws', { link_rtt_ms: 381, link_probe_loss_pct: 26, tcp_retransmits: 84, link_realtime: false, link_uplink_needed_kbit: 555 }),
    at(base[1]!, '3g-slow', 'webrtc', { link_rtt_ms: 370, link_probe_loss_pct: 30, webrtc_packets_lost: 1, webrtc_round_trip_ms: 372, link_realtime: true }),
    at(base[2]!, 'rtt=200ms', 'ws', { link_rtt_ms: 203, link_probe_loss_pct: 0, tcp_retransmits: 0, link_realtime: true }),
  ];
  run.run.network = [
    { network: '3g-slow', engine: 'userspace', sessions: 2, setup_ms: 3000, teardown_ms: 70, up: dir(100, 330), down: dir(100, 780) },
    {
      network: 'rtt=200ms',
      engine: 'userspace',
      sessions: 1,
      setup_ms: 3000,
      teardown_ms: 70,
      up: { ...dir(100, null), loss_pct: 0 },
      down: { ...dir(100, null), loss_pct: 0 },
      egress: { host_device: 'rtb1h', host_address: '198.19.0.5', gateway_address: '198.19.0.6', nft_table: 'rtbench_1', ip_forward_changed: true },
    },
  ];
  return run;
}

describe('report.html Network card', () => {
  it('shows each network × transport: asked, measured, the real-time warning and a live route', () => {
    const html = renderHtml({ results: networked(), traces: [] });
    const card = html.slice(html.indexOf('<section class="card" id="network">'));
    expect(card.startsWith('<section class="card" id="network"><h2>Network</h2>')).toBe(true);
    const section = card.slice(0, card.indexOf('</section>'));
    expect(section.match(/<tr>/g)).toHaveLength(1 + 3);
    expect(section).toContain('rtt 200 ms · loss 1 % · down 780 / up 330 kbit/s');
    expect(section).toContain('rtt 381 ms (probes) · probe loss 26.0 % · TCP retransmits 84.0/session');
    expect(section).toContain('⚠ uplink 330 kbit/s &lt; 555 kbit/s needed: cannot keep real time, latency not reported');
    expect(section).toContain('RTP lost 1.0/session · getStats rtt 372 ms');
    expect(section).toContain('<code>rtt=200ms</code>');
    expect(section).toContain('live target through the host (NAT via 198.19.0.5)');
    // Only the link that was too slow carries the warning.
    expect(section.match(/⚠/g)).toHaveLength(1);
  });

  it('is absent from a run without links', () => {
    expect(renderHtml({ results: makeRun(), traces: [] })).not.toContain('id="network"');
  });
});

describe.skipIf(!HAVE_CHROMIUM)('report.html Network card in headless Chromium', () => {
  it('renders as a table with one row per network × transport, without console errors', { timeout: 90_000 }, async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'rtbench-html-net-'));
    await renderReports(['html'], { results: networked(), traces: async () => [], outDir, stdout: process.stdout, color: false });
    const browser = await launch();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(join(outDir, 'report.html')).href, { waitUntil: 'load' });
      const rows = page.locator('#network table.network tbody tr');
      expect(await rows.count()).toBe(3);
      expect(await page.locator('#network').isVisible()).toBe(true);
      expect(await rows.nth(0).locator('td').nth(4).textContent()).toContain('⚠ uplink 330 kbit/s < 555 kbit/s needed');
      const box = await page.locator('#network table.network').boundingBox();
      expect(box!.height).toBeGreaterThan(60);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
