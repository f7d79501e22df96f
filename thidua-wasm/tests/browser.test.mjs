// The demo page in a real browser: Debian's Chromium, headless, driven by playwright-core.
// It serves the page on 127.0.0.1, picks a seed directive, types results, and reads what the
// page renders: the scorecard table (status in Vietnamese, % of plan), the headline
// "đạt và vượt X/Y chỉ tiêu" and the bar chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../demo/server.mjs';
import { launch } from './browser.mjs';
import { readJson } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

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
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  // offline: the page may only talk to our server
  await page.route('**/*', (route) =>
    route.request().url().startsWith(url) || route.request().url().startsWith('data:')
      ? route.continue()
      : route.abort(),
  );
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The rendered scorecard: {target: {status, ratio, result}} in table order. */
async function readTable() {
  return page.$$eval('#scorecard tbody tr', (rows) =>
    rows.map((r) => ({
      target: r.dataset.target,
      status: r.querySelector('.badge').textContent.trim(),
      ratio: r.querySelector('.ratio').textContent.trim(),
      result: r.querySelector('.result').textContent.trim(),
    })),
  );
}

const text = (sel) => page.$eval(sel, (e) => e.textContent.trim());

test('the page loads the WebAssembly package and shows the default seed, all without data', async () => {
  assert.match(await text('#engine'), /WebAssembly · thidua \d+\.\d+\.\d+/);
  assert.match(await text('#directive-info'), /08\/CT-UBND/);
  const rows = await readTable();
  assert.equal(rows.length, 19, 'Kon Tum 2024 has 19 targets (14 items, sub-targets and 12a–12d)');
  assert.ok(rows.every((r) => r.status === 'chưa có số liệu'));
  assert.equal(await text('#headline'), 'Đạt và vượt 0/14 chỉ tiêu');
});

test('pick Hà Giang 2024, type results, read statuses, % of plan, headline and chart', async () => {
  await page.selectOption('#source', '004_ha-giang-2024');
  await page.waitForFunction(() => document.querySelector('#directive-info').textContent.includes('322 CTr/UBND'));
  assert.equal(await page.inputValue('#period'), '2024');
  await page.fill('#unit', 'Tỉnh Hà Giang');
  // (1) GRDP growth "từ 7,5% trở lên": 8,1 → vượt, 108 %
  await page.fill('#entry [data-target="1"][data-field="value"]', '8,1');
  // (8) natural population growth "không quá 1,3%": exactly 1,3 → đạt, 100 %
  await page.fill('#entry [data-target="8"][data-field="value"]', '1,3');
  // (13) "trên 95%" (strict): exactly 95 → không đạt although 100 % of the number
  await page.fill('#entry [data-target="13"][data-field="value"]', '95');
  // (3) budget revenue "từ 2.460 tỷ đồng trở lên": 2.583 → vượt, 105 %
  await page.fill('#entry [data-target="3"][data-field="value"]', '2.583');
  // (15) qualitative, judged by the council: đạt
  await page.selectOption('#entry [data-target="15"][data-field="judgement"]', 'met');
  await page.click('#evaluate');
  await page.waitForFunction(() => document.querySelector('#headline').textContent.includes('4/20'));

  const rows = await readTable();
  const by = Object.fromEntries(rows.map((r) => [r.target, r]));
  assert.equal(rows.length, 21);
  assert.deepEqual(by['1'], { target: '1', status: 'vượt', ratio: '108 %', result: '8,1' });
  assert.deepEqual(by['3'], { target: '3', status: 'vượt', ratio: '105 %', result: '2.583' });
  assert.deepEqual(by['8'], { target: '8', status: 'đạt', ratio: '100 %', result: '1,3' });
  assert.deepEqual(by['13'], { target: '13', status: 'không đạt', ratio: '100 %', result: '95' });
  assert.equal(by['15'].status, 'đạt');
  assert.equal(by['15'].ratio, '—');
  assert.equal(by['2'].status, 'chưa có số liệu');
  assert.equal(rows.filter((r) => r.status === 'chưa có số liệu').length, 16);

  assert.equal(await text('#headline'), 'Đạt và vượt 4/20 chỉ tiêu');
  assert.equal(
    await text('#headline-detail'),
    'đạt và vượt 4/20 chỉ tiêu (vượt 2, đạt 2, không đạt 1, chưa có số liệu 15)',
  );
  assert.match(await text('#caption'), /^Tỉnh Hà Giang · năm 2024 · 322 CTr\/UBND$/);
  // the chart: one bar per target with a % of plan, coloured by status
  const bars = await page.$$eval('#chart rect.bar', (rs) => rs.map((r) => r.getAttribute('class')));
  assert.deepEqual(bars.sort(), ['bar st-exceeded', 'bar st-exceeded', 'bar st-met', 'bar st-not_met']);
  const hundred = await page.$$('#chart line.hundred');
  assert.equal(hundred.length, 1, 'the 100 % line');
});

test('a number that is not Vietnamese-style is flagged, not guessed', async () => {
  await page.fill('#entry [data-target="2"][data-field="value"]', '41.5');
  await page.click('#evaluate');
  await page.waitForSelector('#entry input.invalid');
  assert.match(await text('#error'), /\[invalid_number\]/);
  await page.fill('#entry [data-target="2"][data-field="value"]', '41,5');
  await page.click('#evaluate');
  await page.waitForFunction(() => document.querySelector('#error').hidden);
  const by = Object.fromEntries((await readTable()).map((r) => [r.target, r]));
  assert.equal(by['2'].status, 'vượt');
  assert.equal(by['2'].ratio, '103,75 %');
});

test('illustrative results give the same headline as the Node package', async () => {
  await page.selectOption('#source', '002_kon-tum-2024');
  await page.waitForFunction(() => document.querySelector('#directive-info').textContent.includes('08/CT-UBND'));
  await page.click('#illustrative');
  await page.waitForFunction(() => !document.querySelector('#headline').textContent.includes(' 0/'));
  const results = readJson('docs/examples/results/002_kon-tum-2024.illustrative.json');
  const directive = readJson('docs/examples/002_kon-tum-2024.json');
  const node = thidua.evaluate(directive, results).units.find((u) => u.period === '2024');
  assert.equal(await text('#headline-detail'), node.summary.headline_vi);
  const rows = await readTable();
  assert.deepEqual(
    rows.map((r) => r.status),
    node.targets.map((t) => thidua.statusLabels()[t.status].vi),
  );
});

test('pasted directive text is read and evaluated', async () => {
  // A seed first: its unit name must not stay on screen as the pasted text's.
  await page.selectOption('#source', '000_kon-tum-2021');
  await page.waitForFunction(() => document.querySelector('#directive-info').textContent.includes('129/UBND-KTTH'));
  assert.equal(await page.inputValue('#unit'), 'Tỉnh Kon Tum');
  await page.selectOption('#source', 'text');
  await page.fill(
    '#directive-text',
    'Chỉ thị số 05/CT-UBND ngày 10/01/2025 của Chủ tịch UBND tỉnh Lâm Hà về phát động phong trào thi đua năm 2025.\n' +
      'Các chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng GRDP đạt từ 8% trở lên; (2) Thu nhập bình quân đầu người trên 75 triệu đồng.',
  );
  await page.click('#parse');
  await page.waitForFunction(() => document.querySelector('#directive-info').textContent.includes('05/CT-UBND'));
  assert.equal(await page.inputValue('#period'), '2025');
  assert.equal(await page.inputValue('#unit'), 'Tỉnh Lâm Hà', 'the unit of the text, not of the previous seed');
  await page.fill('#entry [data-target="1"][data-field="value"]', '8');
  await page.fill('#entry [data-target="2"][data-field="value"]', '75');
  await page.click('#evaluate');
  await page.waitForFunction(() => document.querySelector('#headline').textContent.includes('1/2'));
  const by = Object.fromEntries((await readTable()).map((r) => [r.target, r]));
  assert.equal(by['1'].status, 'đạt');
  assert.equal(by['2'].status, 'không đạt', '"trên 75": exactly 75 is not enough');
  assert.equal(await text('#headline'), 'Đạt và vượt 1/2 chỉ tiêu');
  // A unit name the officer typed stays when the text is read again.
  await page.fill('#unit', 'Huyện Lạc Dương');
  await page.click('#parse');
  await page.waitForFunction(() => document.querySelector('#directive-info').textContent.includes('05/CT-UBND'));
  assert.equal(await page.inputValue('#unit'), 'Huyện Lạc Dương');
});

test('pasted results ("id: value" lines) fill the form and evaluate', async () => {
  await page.selectOption('#source', '000_kon-tum-2021');
  await page.waitForFunction(() => document.querySelector('#directive-info').textContent.includes('129/UBND-KTTH'));
  await page.click('#tab-paste');
  await page.fill('#results-text', '1: 10,5\n6: 55\n6.1: 37\n7: 12,1; 16,5');
  await page.click('#apply-paste');
  await page.waitForFunction(() => document.querySelector('#headline').textContent.includes('/13'));
  const by = Object.fromEntries((await readTable()).map((r) => [r.target, r]));
  assert.equal(by['1'].status, 'vượt');
  assert.equal(by['6'].status, 'vượt');
  assert.equal(by['6.1'].status, 'không đạt');
  assert.equal(by['7'].status, 'vượt', 'poverty rate fell 4,4 points, at least 4 required');
  // item (6) is not met because its "trong đó" sub-target is not
  assert.equal(await text('#headline'), 'Đạt và vượt 2/13 chỉ tiêu');
});

test('the eligibility view checks a proposal clause by clause under the rules of its date', async () => {
  await page.waitForSelector('body[data-awards-ready="true"]', { timeout: 20000 });
  const clauses = () =>
    page.$$eval('#aw-clauses tbody tr', (rows) =>
      rows.map((r) => ({ clause: r.dataset.clause, outcome: r.dataset.outcome, why: r.querySelector('.why').textContent, src: r.querySelector('.src').textContent })),
    );
  // Trần Văn Bình for Chiến sĩ thi đua tỉnh: two of the three consecutive Chiến sĩ thi đua cơ sở.
  assert.equal(await page.inputValue('#aw-subject'), 'tran-van-binh');
  assert.equal(await text('#aw-status'), 'Chưa đủ điều kiện');
  let rows = await clauses();
  const a = rows.find((r) => r.clause === 'a');
  assert.equal(a.outcome, 'not_met');
  assert.match(a.why, /có 2023, 2024; không có 2022/);
  assert.match(a.src, /Điều 21 khoản 2 điểm a/);
  assert.match(a.src, /đã đối chiếu/);
  assert.match(await text('#aw-closest'), /còn thiếu 1 năm "Chiến sĩ thi đua cơ sở"/);
  assert.match(await text('#aw-rules'), /Nghị định 98\/2023/);
  // Nguyễn Thị An: eligible, with the clause left to the council.
  await page.selectOption('#aw-subject', 'nguyen-thi-an');
  await page.selectOption('#aw-title', 'chien_si_thi_dua_tinh');
  await page.waitForFunction(() => document.querySelector('#aw-status').textContent === 'Đủ điều kiện');
  rows = await clauses();
  assert.deepEqual(rows.map((r) => r.outcome), ['met', 'met', 'for_council']);
  // A 2026 proposal is checked under Nghị định 152/2025.
  await page.fill('#aw-date', '2026-01-15');
  await page.dispatchEvent('#aw-date', 'change');
  await page.waitForFunction(() => document.querySelector('#aw-rules').textContent.includes('152/2025'));
  // The same as the package gives in Node.
  const h = readJson('docs/examples/awards-2024/history.json');
  const r = thidua.checkAwards({ date: '2026-01-15', year: 2024, rule_sets: ['vn-nd98-2023', 'vn-nd152-2025', 'example-province'], history: h, candidates: [{ subject: 'nguyen-thi-an', title: 'chien_si_thi_dua_tinh' }] });
  assert.equal(await text('#aw-summary'), r.eligibility[0].summary.vi);
});

test('no page error, no failed or outside request', () => {
  assert.deepEqual(problems, []);
});
