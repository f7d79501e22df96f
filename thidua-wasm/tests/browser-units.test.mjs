// The demo page in a real browser (Debian's Chromium, headless): results typed as reports word
// them ("hơn 290", "đạt 102,6% kế hoạch"), the unit's own target in its column, and the choice
// of the target level that decides, with the warnings shown on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../demo/server.mjs';
import { launch } from './browser.mjs';

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
  await page.selectOption('#source', 'units/directive');
  await page.waitForFunction(() => document.querySelector('#directive-info').textContent.includes('01/KH-UBND'));
});

after(async () => {
  await browser?.close();
  server?.close();
});

const row = (id) =>
  page.$eval(`#scorecard tbody tr[data-target="${id}"]`, (r) => ({
    status: r.querySelector('.badge').textContent.trim(),
    ratio: r.querySelector('.ratio').textContent.trim(),
    result: r.querySelector('.result').textContent.trim(),
    plan: r.querySelector('.plan').textContent.trim(),
    why: r.querySelector('.why').textContent.trim(),
  }));

async function evaluate() {
  await page.click('#evaluate');
  await page.waitForFunction(() => document.querySelector('#error').hidden);
}

test('a result cell takes the wording of a report: "hơn 290", "trên 3,2 triệu lượt"', async () => {
  assert.equal(await page.inputValue('#unit'), 'Tỉnh Minh Họa');
  await page.fill('#entry [data-target="4"][data-field="value"]', 'hơn 290');
  await page.fill('#entry [data-target="5"][data-field="value"]', 'trên 3,2 triệu lượt');
  await evaluate();
  const exports = await row('4');
  assert.deepEqual([exports.status, exports.result, exports.ratio], ['không đạt', 'hơn 290', '96,67 %']);
  assert.match(exports.why, /Số liệu báo cáo: “hơn 290”/);
  const visitors = await row('5');
  assert.equal(visitors.status, 'vượt', 'trên 3,2 triệu against 3,2 triệu: strictly above');
  const codes = await page.$$eval('#warnings li', (ls) => ls.map((l) => l.dataset.code));
  assert.ok(codes.includes('approximate_undetermined'), codes.join());
  assert.ok(codes.includes('unusual_unit'), codes.join());
  assert.equal(await page.$eval('#warnings', (w) => w.hidden), false);
});

test('the target level: the directive\'s own, a named level, the unit\'s assigned and pledged figures', async () => {
  await page.fill('#entry [data-target="3"][data-field="value"]', '5.533');
  await evaluate();
  assert.equal((await row('3')).status, 'không đạt', 'against the HĐND level 5.911');
  await page.selectOption('#level', 'named:tw');
  await page.waitForFunction(() => document.querySelector('#scorecard tr[data-target="3"] .badge').textContent.includes('vượt'));
  const tw = await row('3');
  assert.equal(tw.ratio, '101,9 %');
  assert.match(tw.plan, /chỉ tiêu dự toán Trung ương giao/);

  await page.selectOption('#level', 'default');
  await page.fill('#entry [data-target="1"][data-field="own"]', '8');
  await page.fill('#entry [data-target="1"][data-field="value"]', '8,2');
  await evaluate();
  const assigned = await row('1');
  assert.equal(assigned.status, 'vượt');
  assert.match(assigned.plan, /chỉ tiêu giao cho Tỉnh Minh Họa/);
  await page.fill('#entry [data-target="1"][data-field="own"]', '8,5');
  await page.selectOption('#level', 'pledged');
  await page.waitForFunction(() => document.querySelector('#scorecard tr[data-target="1"] .badge').textContent.includes('không đạt'));
  assert.match((await row('1')).plan, /Tỉnh Minh Họa đăng ký/);
});

test('wording that holds no result is flagged on its cell', async () => {
  await page.fill('#entry [data-target="9"][data-field="value"]', 'đang tổng hợp');
  await page.click('#evaluate');
  await page.waitForSelector('#entry input.invalid');
  assert.match(await page.$eval('#error', (e) => e.textContent), /\[invalid_result\]/);
  await page.fill('#entry [data-target="9"][data-field="value"]', 'tăng 13,1% so với cùng kỳ');
  await evaluate();
  assert.equal((await row('9')).status, 'vượt');
  assert.deepEqual(problems, []);
});
