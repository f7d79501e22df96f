// Workbooks out of the package in Node: the xlsx writer runs inside the wasm (rust_xlsxwriter
// with its `wasm` feature, which takes the file dates from the JS clock; without it the first
// workbook written traps with "RuntimeError: unreachable"), and what it writes reads back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJson } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const KT2024 = readJson('docs/examples/002_kon-tum-2024.json');
const RESULTS = readJson('docs/examples/results/002_kon-tum-2024.illustrative.json');

const isZip = (bytes) => bytes instanceof Uint8Array && bytes.length > 1000 && bytes[0] === 0x50 && bytes[1] === 0x4b;

test('evaluationToExcel writes an xlsx workbook in Node (no wasm trap), per unit too', () => {
  const ev = thidua.evaluate(KT2024, RESULTS);
  for (const perUnit of [false, true]) {
    const bytes = thidua.evaluationToExcel(ev, { directive: KT2024, perUnit });
    assert.ok(isZip(bytes), `not an xlsx (${bytes?.length} bytes)`);
  }
  // the module is still usable after writing
  assert.equal(thidua.formatVn('3500'), '3.500');
});

test('resultsToExcel reads back to the same entries (long layout)', () => {
  const bytes = thidua.resultsToExcel(RESULTS, { directive: KT2024, layout: 'long' });
  assert.ok(isZip(bytes));
  const back = thidua.resultsFromExcel(bytes, { directive: KT2024 });
  const key = (e) => `${e.unit}|${e.target}|${e.period}`;
  const want = thidua.loadResults(RESULTS).entries;
  assert.equal(back.entries.length, want.length);
  const got = new Map(back.entries.map((e) => [key(e), e.value ?? null]));
  for (const e of want) assert.equal(got.get(key(e)), e.value ?? null, key(e));
});

test('a bad evaluation is a ThiduaError, not a trap', () => {
  assert.throws(() => thidua.evaluationToExcel('{"not": "an evaluation"}'), (e) => e instanceof thidua.ThiduaError && e.code === 'json');
});

test('a per-unit target table read from a workbook is evaluated (the core reader, as in Python)', () => {
  const csv = new TextEncoder().encode(
    'TT;Chỉ tiêu;ĐVT;Huyện Đắk Hà;Huyện Sa Thầy\n' +
      '1;GRDP;%;từ 9,5% trở lên;không áp dụng\n' +
      '3;Thu ngân sách;tỷ đồng;320;185,5\n',
  );
  const targets = thidua.targetsFromExcel(csv, { directive: KT2024 });
  const rows = new Map(targets.entries.map((r) => [`${r.unit}|${r.target}`, r]));
  assert.equal(rows.get('Huyện Đắk Hà|1').comparator, 'at_least');
  assert.equal(rows.get('Huyện Đắk Hà|1').value, '9.5');
  assert.equal(rows.get('Huyện Sa Thầy|1').not_applicable, true);
  assert.equal(rows.get('Huyện Sa Thầy|3').source, 'CSV!E3');
  const results = [
    { unit: 'Huyện Đắk Hà', target: '3', period: '2024', value: '300' },
    { unit: 'Huyện Sa Thầy', target: '3', period: '2024', value: '190' },
  ];
  const ev = thidua.evaluate(KT2024, results, undefined, targets);
  const status = new Map(ev.units.flatMap((u) => u.targets.map((t) => [`${u.unit}|${t.target}`, t.status])));
  assert.equal(status.get('Huyện Đắk Hà|3'), 'not_met'); // 300 against its own 320
  assert.equal(status.get('Huyện Sa Thầy|3'), 'exceeded'); // 190 against its own 185,5
  // readTargetsExcel gives the diagnostics; a cell without a figure is an error naming its cell
  const bad = new TextEncoder().encode('TT;Chỉ tiêu;Huyện A\n3;Thu ngân sách;chưa giao\n');
  const read = thidua.readTargetsExcel(bad, { directive: KT2024 });
  assert.ok(read.diagnostics.some((d) => d.severity === 'error' && d.location === 'CSV!C2'), JSON.stringify(read.diagnostics));
  assert.throws(() => thidua.targetsFromExcel(bad, { directive: KT2024 }), (e) => e instanceof thidua.ThiduaError && e.code === 'invalid_input' && /CSV!C2/.test(e.message));
});
