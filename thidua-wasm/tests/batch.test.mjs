// The batch entry (compileDirective / evaluateColumns): columns in, columns out, through the
// core's compiled engine. Every answer is checked against `evaluate` on the same rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, jsonFiles, readJson, COLUMNS, toColumns } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const kontum = readJson('docs/examples/002_kon-tum-2024.json');
const resolvePath = (v) => (typeof v === 'string' ? readJson(v) : v);

function outcome(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    assert.equal(e.name, 'ThiduaError', String(e?.stack ?? e));
    return { code: e.code };
  }
}

test('every evaluate vector that fits the columns gives the answer of evaluate', () => {
  let n = 0;
  let errors = 0;
  for (const file of jsonFiles(join(repoRoot, 'tests', 'vectors', 'evaluate'))) {
    const v = JSON.parse(readFileSync(file, 'utf8'));
    if (v.kind !== 'evaluate') continue;
    const rows = resolvePath(v.input.results);
    const list = Array.isArray(rows) ? rows : rows?.entries;
    if (!Array.isArray(list) || list.length === 0) continue;
    // Only rows the columns can hold exactly (decimal text, no other fields).
    const fits = list.every(
      (r) =>
        Object.keys(r).every((k) => COLUMNS.has(k)) &&
        typeof r.unit === 'string' &&
        typeof r.target === 'string' &&
        ['value', 'baseline'].every((k) => r[k] === undefined || r[k] === null || typeof r[k] === 'string'),
    );
    if (!fits) continue;
    const d = resolvePath(v.input.directive);
    const o = v.input.options === undefined ? undefined : resolvePath(v.input.options);
    const t = v.input.targets === undefined ? undefined : resolvePath(v.input.targets);
    const want = outcome(() => thidua.evaluate(d, list, o, t));
    const got = outcome(() => {
      const r = thidua.evaluateColumns(d, toColumns(list), o, t);
      try {
        return r.toJSON();
      } finally {
        r.free();
      }
    });
    assert.deepStrictEqual(got, want, file);
    n++;
    if (want.code) errors++;
  }
  assert.ok(n >= 10, `only ${n} vectors fit the columns`);
  assert.ok(errors >= 1 && errors < n, `${errors} of ${n} were errors`);
});

// A cluster of units × the 19 targets of Kon Tum 2024, values as floats (some missing).
function cluster(units, seed = 7) {
  const c = thidua.compileDirective(kontum);
  const ids = c.targetIds;
  c.free();
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = { unit: [], target: [], period: [], value: [], baseline: [] };
  for (let u = 0; u < units; u++) {
    for (const id of ids) {
      rows.unit.push(`Xã ${u}`);
      rows.target.push(id);
      rows.period.push('2024');
      // Whole numbers for ranks; tenths elsewhere; one value in 20 missing.
      const v = rnd() < 0.05 ? NaN : Math.round(1 + rnd() * 900) / (id.startsWith('12') ? 1 : 10);
      rows.value.push(v);
      rows.baseline.push(Math.round(1 + rnd() * 900) / (id.startsWith('12') ? 1 : 10));
    }
  }
  return rows;
}

function asRecords(cols) {
  return cols.unit.map((u, i) => {
    const r = { unit: u, target: cols.target[i], period: cols.period[i] };
    if (!Number.isNaN(cols.value[i])) r.value = String(cols.value[i]);
    r.baseline = String(cols.baseline[i]);
    return r;
  });
}

test('a cluster from Float64Arrays: the columns and the evaluation agree with evaluate', () => {
  const cols = cluster(300);
  const want = thidua.evaluate(kontum, asRecords(cols));
  const c = thidua.compileDirective(kontum);
  const r = c.evaluateColumns({
    ...cols,
    value: Float64Array.from(cols.value),
    baseline: Float64Array.from(cols.baseline),
  });
  try {
    assert.deepStrictEqual(r.toJSON(), want);
    assert.equal(r.rows, 300 * c.targetIds.length);
    let row = 0;
    const seen = new Set();
    for (const u of want.units) {
      for (const t of u.targets) {
        assert.equal(r.unit[row], u.unit);
        assert.equal(r.target[row], t.target);
        assert.equal(r.status[row], t.status);
        assert.equal(r.ratio[row], t.ratio ?? null);
        assert.equal(r.gap[row], t.gap ?? null);
        assert.equal(r.threshold[row], t.threshold ?? null);
        seen.add(t.status);
        row++;
      }
    }
    assert.equal(row, r.rows);
    assert.ok(seen.size >= 3, `statuses seen: ${[...seen]}`);
    // Explanations on demand, identical to those of evaluate.
    const t0 = want.units[5].targets[3];
    const i = 5 * c.targetIds.length + 3;
    assert.deepStrictEqual(r.explanation(i), t0.explanation);
    assert.deepStrictEqual(r.targetEvaluation(i), t0);
    assert.deepStrictEqual(r.summary(5), want.units[5].summary);
  } finally {
    r.free();
    c.free();
  }
});

test('decimal strings stay exact (no float on the way)', () => {
  const c = thidua.compileDirective(kontum);
  const id = c.targetIds[0];
  const r = c.evaluateColumns({
    unit: ['A', 'B'],
    target: [id, id],
    period: ['2024', '2024'],
    value: ['10.000000000000000000001', '9.99999999999999999999'],
  });
  try {
    const nt = c.targetIds.length;
    assert.deepStrictEqual([r.result[0], r.result[nt]], ['10.000000000000000000001', '9.99999999999999999999']);
    assert.deepStrictEqual([r.unit[0], r.unit[nt], r.target[nt]], ['A', 'B', id]);
    const want = thidua.evaluate(kontum, [
      { unit: 'A', target: id, period: '2024', value: '10.000000000000000000001' },
      { unit: 'B', target: id, period: '2024', value: '9.99999999999999999999' },
    ]);
    assert.deepStrictEqual(r.toJSON(), want);
    assert.notEqual(r.status[0], r.status[nt]);
  } finally {
    r.free();
    c.free();
  }
});

test('bad columns are ThiduaErrors that say where', () => {
  const c = thidua.compileDirective(kontum);
  const id = c.targetIds[0];
  const base = { unit: ['A'], target: [id], period: ['2024'] };
  const code = (cols) => {
    try {
      c.evaluateColumns(cols).free();
      return 'ok';
    } catch (e) {
      assert.equal(e.name, 'ThiduaError', String(e));
      return e.code;
    }
  };
  assert.equal(code({ ...base, value: [1.5] }), 'ok');
  assert.equal(code({ ...base, value: [1.5], colour: ['x'] }), 'invalid_input');
  assert.equal(code({ ...base, value: [1.5, 2] }), 'invalid_input');
  assert.equal(code({ unit: ['A'], period: ['2024'] }), 'invalid_input');
  assert.equal(code({ ...base, value: ['1,5'] }), 'invalid_number');
  assert.equal(code({ ...base, value: [Infinity] }), 'invalid_number');
  assert.equal(code({ ...base, value: ['9'.repeat(40)] }), 'invalid_number');
  assert.equal(code({ ...base, target: ['no such target'], value: [1] }), 'unknown_target');
  assert.equal(code({ ...base, value: [1], provenance: ['guess'] }), 'json');
  // a bad cell is located at results[i].<column>, as evaluate() on the same rows locates it
  const loc = (f) => {
    try {
      f();
    } catch (e) {
      return [e.code, e.loc];
    }
    return 'ok';
  };
  const two = { unit: ['A', 'B'], target: [id, id], period: ['2024', '2024'] };
  for (const [col, bad] of [['value', '1,5'], ['period', '2024-H3'], ['provenance', 'guess']]) {
    const cols = { ...two, value: ['10', '10'], provenance: ['official', 'official'] };
    cols[col] = [cols[col][0], bad];
    const rows = [0, 1].map((i) => Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, v[i]])));
    const want = loc(() => thidua.evaluate(kontum, rows));
    assert.deepEqual(want[1], ['results', 1, col], col);
    assert.deepEqual(loc(() => c.evaluateColumns(cols).free()), want, col);
  }
  assert.equal(code({ ...base, value: ['１'] }), 'invalid_number');
  assert.equal(code({ ...base, value: ['mười'] }), 'invalid_number');
  c.free();
  assert.throws(() => c.evaluateColumns(base), (e) => e.name === 'ThiduaError');
});
