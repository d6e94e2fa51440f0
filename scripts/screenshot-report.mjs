// Screenshots a report.html with the system Chromium (never a downloaded browser):
//   node scripts/screenshot-report.mjs <report.html> <out.png> [height px] [start at heading text]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [file, out, heightArg, heading] = process.argv.slice(2);
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'shot-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args,
  viewport: { width: 1280, height: 900 },
});
const page = await ctx.newPage();
await page.goto('file://' + file);
await page.waitForTimeout(300);
const height = Number(heightArg ?? 0);
let y = 0;
if (heading)
  y = await page
    .locator('h2', { hasText: heading })
    .first()
    .evaluate((el) => el.getBoundingClientRect().top + window.scrollY - 16);
await page.screenshot(height ? { path: out, fullPage: true, clip: { x: 0, y, width: 1280, height } } : { path: out, fullPage: true });
await ctx.close();
