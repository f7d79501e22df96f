// The demo page's workbooks in a real browser (Debian's Chromium, headless, playwright-core):
// "Mở tệp Excel" loads a district's results from a workbook written by openpyxl, "Tải Excel"
// downloads the scorecard (re-read here with the package), and the cluster view scores a
// cluster table written by LibreOffice (ranking, bands, awards) and downloads the ranking.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../demo/server.mjs';
import { launch } from './browser.mjs';
import * as thidua from '../pkg/node.mjs';

const fixture = (name) => fileURLToPath(new URL(`../../tests/sheets/fixtures/${name}`, import.meta.url));
const kontum = JSON.parse(readFileSync(new URL('../../docs/examples/002_kon-tum-2024.json', import.meta.url), 'utf8'));

let server;
let url;
let browser;
let page;
const problems = [];

before(async () => {
  ({ server, url } = await startServer(0));
  browser = await launch();
  page = await browser.context.newPage({ acceptDownloads: true });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.route('**/*', (route) =>
    route.request().url().startsWith(url) || /^(data|blob):/.test(route.request().url()) ? route.continue() : route.abort(),
  );
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"][data-sheets="ready"]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function downloaded(trigger) {
  const [dl] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(readFileSync(path)) };
}

test('Mở tệp Excel fills the form from a district workbook, with the diagnostics and their cells', async () => {
  await page.setInputFiles('#sheet-file', fixture('districts-2024.openpyxl.xlsx'));
  await page.waitForFunction(() => document.querySelector('#sheet-info').textContent.includes('đơn vị'));
  assert.match(await page.textContent('#sheet-info'), /3 đơn vị/);
  assert.equal(await page.inputValue('#unit'), 'Huyện Đắk Hà');
  await page.waitForFunction(() => document.querySelector('#scorecard tbody tr[data-target="1"] .result')?.textContent.trim() === '10,12');
  const status = await page.textContent('#scorecard tbody tr[data-target="1"] .badge');
  assert.equal(status.trim(), 'vượt');
  const diags = await page.$$eval('#sheet-diagnostics li', (li) => li.map((x) => x.textContent));
  assert.ok(diags.some((d) => d.includes("'Huyện Đắk Hà'!E11") && d.includes('hơn 290')), diags.join('\n'));
  assert.ok(diags.some((d) => d.includes('TCVN3')), diags.join('\n'));
  // another unit of the same workbook
  await page.selectOption('#sheet-unit', 'Huyện Sa Thầy');
  await page.waitForFunction(() => document.querySelector('#scorecard tbody tr[data-target="1"] .result')?.textContent.trim() === '9,4');
});

test('Tải Excel downloads the scorecard, and the downloaded file reads back', async () => {
  const { name, bytes } = await downloaded(() => page.click('#download-xlsx'));
  assert.equal(name, 'bang-danh-gia.xlsx');
  assert.equal(String.fromCharCode(bytes[0], bytes[1]), 'PK');
  // The scorecard's table (Đơn vị | Kỳ báo cáo | … | Kết quả | Kỳ gốc) reads as results again.
  const r = thidua.readExcel(bytes, { directive: kontum });
  assert.equal(r.tables[0].sheet, 'Đánh giá');
  const e = r.results.entries.find((x) => x.target === '1');
  assert.equal(e.unit, 'Huyện Sa Thầy');
  assert.equal(e.value, '9.4');
  assert.ok(r.diagnostics.some((d) => d.code === 'table' && d.message.includes('Giải thích')));
});

test('the cluster view scores a LibreOffice workbook: ranking, bands, awards and the ranking workbook', async () => {
  await page.setInputFiles('#cluster-file', fixture('cluster-2024-H1.libreoffice.ods'));
  await page.waitForFunction(() => !document.querySelector('#cluster-score').disabled);
  assert.match(await page.textContent('#cluster-info'), /3 đơn vị/);
  await page.click('#cluster-score');
  await page.waitForSelector('#ranking tbody tr');
  const rows = await page.$$eval('#ranking tbody tr', (tr) =>
    tr.map((r) => ({ unit: r.dataset.unit, rank: r.querySelector('.rank').textContent.trim(), total: r.querySelector('.total')?.textContent.trim(), band: r.querySelector('.band').textContent.trim() })),
  );
  assert.equal(rows.length, 3, JSON.stringify(rows));
  assert.ok(rows.every((r) => r.band.length > 0), JSON.stringify(rows));
  assert.equal(rows[0].rank, '1');
  const awards = await page.$$eval('#awards li', (li) => li.map((x) => x.textContent));
  assert.ok(awards.length > 0 && awards.some((a) => a.includes('Cờ thi đua')), awards.join('\n'));
  const { name, bytes } = await downloaded(() => page.click('#cluster-download'));
  assert.equal(name, 'xep-hang-cum.xlsx');
  // re-read the downloaded workbook: its ranking table has the stage, band and award columns
  const r = thidua.readExcel(bytes);
  const table = r.diagnostics.find((d) => d.code === 'table' && d.location.startsWith("'Xếp hạng'"));
  assert.ok(table, JSON.stringify(r.diagnostics.slice(0, 3)));
  for (const h of ['Ban TĐKT thẩm định', 'Xếp loại', 'Đề nghị khen thưởng']) assert.ok(table.message.includes(h), h);
  assert.deepEqual(problems, []);
});
