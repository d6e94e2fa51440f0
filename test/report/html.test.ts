import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderReports } from '../../src/report/index.js';
import { checkRegressions } from '../../src/stats/regression.js';
import { parseThreshold } from '../../src/stats/threshold.js';
import { HAVE_CHROMIUM, launch, CHROMIUM } from './browser.js';
import { makeRun, makeTrace, TRICKY_SCENARIO } from './fixtures.js';

const traces = [...makeTrace('barge-in#mock gpt-realtime#r0', 1000), ...makeTrace('barge-in#mock gpt-realtime#r1', 20_000)];

describe('renderHtml (static)', () => {
  const html = renderHtml({ results: makeRun(), traces });

  it('is self-contained: no external URL in src/href, a CSP that forbids the network', () => {
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain(`default-src 'none'`);
  });

  it('escapes user strings', () => {
    expect(html).not.toContain(TRICKY_SCENARIO);
    expect(html).toContain('greeting &lt;b&gt;&amp;&quot;quotes&quot;');
    expect(html).toContain('timeout: no response.done within 15000 ms &lt;after cancel&gt;');
  });

  it('shows the poor-quality banner when pacing or event-loop delay exceed the limits', () => {
    const run = makeRun();
    run.pacing.lag_p99_ms = 9.5;
    expect(renderHtml({ results: run })).toContain('Measurement quality is poor');
    expect(html).toContain('Measurement quality is good');
  });
});

describe.skipIf(!HAVE_CHROMIUM)('report.html in headless Chromium', () => {
  it('renders charts without console errors or network requests, and a screenshot', { timeout: 90_000 }, async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'rtbench-html-'));
    const results = makeRun();
    const baseline = makeRun({ seed: 7, mini_shift_ms: -200 });
    const regressions = checkRegressions(baseline, results, [parseThreshold('first_audio_ms.p50=+5%')], { iterations: 300 });
    await renderReports(['html'], { results, traces: async () => traces, regressions, outDir, stdout: process.stdout, color: false });
    const file = join(outDir, 'report.html');
    const url = pathToFileURL(file).href;

    const browser = await launch();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('request', (r) => {
        if (r.url() !== url) requests.push(r.url());
      });
      await page.goto(url, { waitUntil: 'load' });

      const count = (sel: string) => page.locator(sel).count();
      expect(await count('svg.chart')).toBeGreaterThanOrEqual(4);
      expect(await count('svg.cdf path.series')).toBeGreaterThanOrEqual(4); // 2 models × 2 scenarios
      expect(await count('svg.box rect.box')).toBeGreaterThan(4);
      expect(await count('svg.hist rect.bar')).toBeGreaterThan(3);
      const timeline = page.locator('[data-session-index="0"] svg.timeline');
      expect(await timeline.locator('rect').count()).toBeGreaterThan(10);
      expect(await timeline.locator('line.barge-line').count()).toBe(1);
      const box = await timeline.boundingBox();
      expect(box!.width).toBeGreaterThan(600);
      expect(box!.height).toBeGreaterThan(150);
      // Every chart drew something with a real size.
      const sizes = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => s.getBoundingClientRect().width * s.getBoundingClientRect().height));
      expect(sizes.filter((a) => a > 0).length).toBe(await count('svg.chart:visible'));

      // The session picker switches timelines.
      expect(await page.locator('[data-session-index="1"]').isHidden()).toBe(true);
      await page.selectOption('#session-select', '1');
      expect(await page.locator('[data-session-index="1"]').isVisible()).toBe(true);
      expect(await page.locator('[data-session-index="0"]').isHidden()).toBe(true);
      await page.selectOption('#session-select', '0');

      // Escaped names read back as text, and nothing injected markup.
      expect(await page.locator('header .sub').first().textContent()).toContain(TRICKY_SCENARIO);
      expect(await page.locator('#summary').textContent()).toContain('1/1 unmet');
      expect(await page.locator('#baseline').count()).toBe(1);

      const shot = join(outDir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      const png = await readFile(shot);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect((await stat(shot)).size).toBeGreaterThan(20_000);

      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

if (!HAVE_CHROMIUM) {
  describe('report.html in headless Chromium', () => {
    it.skip(`skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`, () => {});
  });
}
