#!/usr/bin/env node
// Takes a screenshot of the demo page with headless Chromium: the Kon Tum 2024 seed with its
// illustrative results. Usage: node thidua-wasm/demo/screenshot.mjs [out.png] (FULL_PAGE=1 for
// the whole page)
import { startServer } from './server.mjs';
import { launch } from '../tests/browser.mjs';

const out = process.argv[2] ?? 'demo-screenshot.png';
const { server, url } = await startServer(0);
const { context, close } = await launch();
try {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => console.error('console:', m.text()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#illustrative');
  await page.waitForFunction(() => /[1-9]\d*\//.test(document.querySelector('#headline').textContent)).catch(() => {});
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: out, fullPage: process.env.FULL_PAGE === '1' });
  console.log(`wrote ${out}`);
} finally {
  await close();
  server.close();
}
