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
