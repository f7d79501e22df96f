// The demo page's parse view in a real browser (Debian's Chromium, headless, playwright-core):
// a pasted text is shown with what was read into targets and what was not (figures no target
// took are marked and listed, with links to them); a text with no targets says so in
// Vietnamese and clears the previous directive, its form and its scorecard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../demo/server.mjs';
import { launch } from './browser.mjs';
import * as thidua from '../pkg/node.mjs';

const HEAD = 'Kế hoạch số 15/KH-UBND ngày 10/01/2025 của UBND huyện Tân An về phong trào thi đua năm 2025.\n';
// Item (2) reads as a result ("kết quả đạt"): its two figures are not targets and must show.
const PARTLY = `${HEAD}Các chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng GRDP đạt 8%; (2) Thu ngân sách đạt 300 tỷ đồng; kết quả đạt 280 tỷ đồng.`;
// Only last year's results: no target, one sentence of target-like figures.
const RESULTS = 'Báo cáo số 20/BC-UBND năm 2025 của UBND huyện Tân An.\nNăm 2024, tốc độ tăng trưởng GRDP đạt 7,2%, thu ngân sách đạt 310 tỷ đồng.';
const UNREAD = new Set(['unread_figure', 'unreadable_number', 'targets_not_read']);

let server;
let url;
let browser;
let page;
const problems = [];

before(async () => {
  ({ server, url } = await startServer(0));
  browser = await launch();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.route('**/*', (route) =>
    route.request().url().startsWith(url) || route.request().url().startsWith('data:') ? route.continue() : route.abort(),
  );
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

const text = (sel) => page.$eval(sel, (e) => e.textContent.trim());
const count = (sel) => page.$$eval(sel, (els) => els.length);

async function paste(body) {
  await page.selectOption('#source', 'text');
  await page.fill('#directive-text', body);
  await page.click('#parse');
  await page.waitForSelector('#read-view:not([hidden])');
}

test('figures that were not read are marked in the text and listed, with links', async () => {
  await page.waitForFunction(() => document.querySelectorAll('#scorecard tbody tr').length > 0);
  await paste(PARTLY);
  await page.waitForFunction(() => document.querySelector('#directive-info').textContent.includes('15/KH-UBND'));
  assert.equal(await page.getAttribute('#read-view', 'data-targets'), '1');
  assert.equal(await page.getAttribute('#read-view', 'data-unread'), '2');
  // The marks cover exactly the figures (offsets in JavaScript string units, after "đồng" etc.).
  const marks = await page.$$eval('#read-text mark.unread', (els) => els.map((e) => [e.id, e.textContent]));
  assert.deepEqual(marks.map((m) => m[1]), ['300', '280']);
  // The read item is marked as read and the text as a whole is kept.
  assert.match(await text('#read-text mark.read'), /Tốc độ tăng trưởng GRDP đạt 8%/);
  assert.equal(await page.$eval('#read-text', (e) => e.textContent), PARTLY);
  // The list: one entry per figure, linking to its mark, with its code.
  const list = await page.$$eval('#unread-list li', (els) =>
    els.map((e) => ({ code: e.dataset.code, href: e.querySelector('a').getAttribute('href'), text: e.textContent })),
  );
  assert.deepEqual(list.map((l) => l.code), ['unread_figure', 'unread_figure']);
  assert.deepEqual(list.map((l) => l.href), marks.map((m) => `#${m[0]}`));
  assert.match(list[0].text, /Thu ngân sách đạt 300/);
  assert.equal(await page.isVisible('#unread-box'), true);
  assert.match(await text('#read-summary'), /Đọc được 1 chỉ tiêu trong 1 mục; 2 số liệu/);
  // The same diagnostics as the package gives in Node.
  const node = thidua.parseDirective(PARTLY, { offsets: 'utf16' });
  const expected = node.diagnostics.filter((d) => UNREAD.has(d.code)).map((d) => PARTLY.slice(d.start, d.end));
  assert.deepEqual(expected, ['300', '280']);
  // The scorecard is the new directive's: one target.
  assert.equal(await count('#scorecard tbody tr'), 1);
});

test('a text with no targets says so in Vietnamese and clears the previous directive', async () => {
  await paste(RESULTS);
  await page.waitForFunction(() => document.querySelector('#read-summary').classList.contains('no-targets'));
  const summary = await text('#read-summary');
  assert.match(summary, /Không tìm thấy chỉ tiêu nào/);
  assert.match(summary, /\(1\) …; \(2\) …/, 'it names the layouts it reads');
  assert.match(summary, /bảng/);
  // Nothing of the previous directive stays: header, form, scorecard, headline, chart.
  assert.equal(await text('#directive-info'), '');
  assert.equal(await count('#entry tbody tr'), 0);
  assert.equal(await count('#scorecard tbody tr'), 0);
  assert.equal(await count('#chart svg'), 0);
  assert.equal(await text('#headline'), '—');
  assert.equal(await text('#caption'), '—');
  assert.equal(await text('#chips'), '');
  assert.equal(await page.isVisible('#error'), true);
  assert.match(await text('#error'), /no_targets.*Không tìm thấy chỉ tiêu/);
  // The sentence with target-like figures is marked and listed as not read.
  assert.match(await text('#read-text mark.not-read'), /^Năm 2024, tốc độ tăng trưởng GRDP đạt 7,2%.*310 tỷ đồng\.$/);
  assert.deepEqual(await page.$$eval('#unread-list li', (els) => els.map((e) => e.dataset.code)), ['targets_not_read']);
  // Evaluating now has nothing to show and raises no page error.
  await page.click('#evaluate');
  assert.equal(await count('#scorecard tbody tr'), 0);
});

test('a text with targets after one without restores the form and clears the message', async () => {
  await paste(PARTLY);
  await page.waitForFunction(() => document.querySelectorAll('#entry tbody tr').length === 1);
  assert.equal(await page.isVisible('#error'), false);
  assert.equal(await page.$eval('#read-summary', (e) => e.classList.contains('no-targets')), false);
  await page.fill('#entry [data-target="1"][data-field="value"]', '8,5');
  await page.click('#evaluate');
  await page.waitForFunction(() => document.querySelector('#headline').textContent.includes('1/1'));
  // A text where every figure is read: no list.
  await paste(`${HEAD}Các chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng GRDP đạt 8%; (2) Thu ngân sách đạt 300 tỷ đồng.`);
  await page.waitForFunction(() => document.querySelector('#read-view').dataset.targets === '2');
  assert.equal(await page.getAttribute('#read-view', 'data-unread'), '0');
  assert.equal(await page.isVisible('#unread-box'), false);
  assert.match(await text('#read-summary'), /mọi số liệu trong phần chỉ tiêu đều đã được đọc/);
});

test('no page error, no failed or outside request', () => {
  assert.deepEqual(problems, []);
});
