// Hostile inputs: each must give a typed ThiduaError (with the right code and path) or a
// correct result, within loose time and memory bounds, and never trap the WebAssembly module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJson } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const KT2024 = readJson('docs/examples/002_kon-tum-2024.json');
const ROW = { unit: 'A', target: '1', period: '2024', value: '10.5' };

/** Runs fn, which must throw a ThiduaError of `code`; returns it. */
function refused(fn, code, loc, { maxMessage = 2000 } = {}) {
  let err;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected a ${code} error`);
  assert.ok(err instanceof thidua.ThiduaError, `not a ThiduaError: ${err?.name}: ${err?.message}`);
  assert.equal(err.code, code, err.message);
  assert.ok(thidua.errorCodes().includes(err.code));
  assert.ok(Array.isArray(err.loc));
  if (loc !== undefined) assert.deepEqual(err.loc, loc, err.message);
  assert.ok(err.message.length < maxMessage, `message of ${err.message.length} characters`);
  return err;
}

/** Still usable after whatever came before (a trap would leave the module unusable). */
function alive() {
  const e = thidua.evaluate(KT2024, [ROW]);
  assert.equal(e.units[0].targets[0].status, 'exceeded');
}

/** Runs fn within `seconds`, with the process's memory growing by less than `mib`. */
function bounded(seconds, mib, fn) {
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const out = fn();
  const s = (performance.now() - t0) / 1000;
  const grown = (process.memoryUsage().rss - before) / 2 ** 20;
  assert.ok(s < seconds, `took ${s.toFixed(1)} s (bound ${seconds} s)`);
  assert.ok(grown < mib, `grew by ${grown.toFixed(0)} MiB (bound ${mib} MiB)`);
  return out;
}

test('ThiduaError is a real class: instanceof, name, code, loc, data', () => {
  const e = refused(() => thidua.evaluate(KT2024, [{ ...ROW, target: '99' }]), 'unknown_target', ['results', 0, 'target']);
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'ThiduaError');
  assert.equal(e.data.target, '99');
  assert.match(e.stack, /ThiduaError/);
  const made = new thidua.ThiduaError('json', 'x', { loc: ['a', 1] });
  assert.deepEqual([made.code, made.loc, made.data], ['json', ['a', 1], { code: 'json' }]);
});

test('cycles are refused (invalid_input, as in Python) with the path of the object that contains itself', () => {
  const row = { ...ROW };
  row.self = row;
  refused(() => thidua.evaluate(KT2024, [row]), 'invalid_input', [0, 'self']);
  const arr = [];
  arr.push(arr);
  refused(() => thidua.loadResults(arr), 'invalid_input', [0]);
  const d = structuredClone(KT2024);
  d.items[2].targets[0].sub_targets = [d.items[2].targets[0]];
  refused(() => thidua.Directive.fromJSON(d), 'invalid_input', ['items', 2, 'targets', 0, 'sub_targets', 0]);
  // the same object twice (not a cycle) is fine, as in JSON.stringify
  const shared = { ...ROW };
  assert.equal(thidua.loadResults([shared, { ...shared, unit: 'B' }]).entries.length, 2);
  alive();
});

test('nesting deeper than MAX_DEPTH is refused (invalid_input, as in Python), however deep, without a stack overflow', () => {
  assert.equal(thidua.MAX_DEPTH, 96);
  for (const depth of [97, 10_000, 1_000_000]) {
    let v = {};
    for (let i = 0; i < depth; i++) v = { a: v };
    const e = refused(() => thidua.loadDirective(v), 'invalid_input');
    assert.equal(e.loc.length, thidua.MAX_DEPTH);
    assert.match(e.message, /deeper than 96/);
  }
  // 128 levels are read (and refused only for their shape)
  let ok = 'x';
  for (let i = 0; i < thidua.MAX_DEPTH - 1; i++) ok = [ok];
  refused(() => thidua.loadResults(ok), 'json');
  // the package's bound is the core's (thidua_core::limits::MAX_NESTING_DEPTH)
  assert.equal(thidua.MAX_DEPTH, thidua.limits().max_depth);
  // deep JSON text: the core's own depth limit
  refused(() => thidua.loadDirective('['.repeat(100_000)), 'limit_exceeded');
  refused(() => thidua.loadDirective('{"a":'.repeat(100_000)), 'limit_exceeded');
  // sub_targets 10,000 deep
  let t = { id: 'x', name: 'x', spec: { kind: 'rate', comparator: 'at_least', value: '1' } };
  for (let i = 0; i < 10_000; i++) t = { id: `t${i}`, name: 'x', spec: t.spec, sub_targets: [t] };
  refused(() => thidua.Directive.fromJSON({ ...KT2024, items: [{ number: 1, text: 'x', targets: [t] }] }), 'invalid_input');
  alive();
});

test('NaN, ±Infinity and 1e400 are errors, never "no data"', () => {
  for (const bad of [NaN, Infinity, -Infinity, 1e400, -1e400]) {
    refused(() => thidua.evaluate(KT2024, [{ ...ROW, value: bad }]), 'invalid_number', [0, 'value']);
    refused(() => thidua.evaluate(KT2024, { entries: [{ ...ROW, value: '1', baseline: bad }] }), 'invalid_number', ['entries', 0, 'baseline']);
    refused(() => thidua.toDecimalExact(bad), 'invalid_number');
    refused(() => thidua.formatVn(bad), 'invalid_number');
    refused(() => thidua.formatVnRounded(bad, 2), 'invalid_number');
    refused(() => thidua.formatVnFixed(bad), 'invalid_number');
  }
  // in a directive, too
  const d = structuredClone(KT2024);
  d.items[0].targets[0].spec.value = NaN;
  refused(() => thidua.Directive.fromJSON(d), 'invalid_number', ['items', 0, 'targets', 0, 'spec', 'value']);
  // in JSON text NaN is not JSON at all, and 1e400 is out of range for the core
  refused(() => thidua.evaluate(KT2024, '[{"unit":"A","target":"1","period":"2024","value":NaN}]'), 'json');
  assert.throws(() => thidua.evaluate(KT2024, '[{"unit":"A","target":"1","period":"2024","value":1e400}]'), thidua.ThiduaError);
  assert.throws(() => thidua.evaluate(KT2024, [{ ...ROW, value: '1e400' }]), thidua.ThiduaError);
  alive();
});

test('huge numbers are exact or refused', () => {
  refused(() => thidua.toDecimalExact('9'.repeat(40)), 'invalid_number');
  refused(() => thidua.toDecimalExact(10n ** 40n), 'invalid_number');
  assert.equal(thidua.toDecimalExact(2n ** 64n + 1n), '18446744073709551617');
  assert.equal(thidua.toDecimalExact('79228162514264337593543950335'), '79228162514264337593543950335');
  refused(() => thidua.toDecimalExact(1e300), 'invalid_number');
  // a bigint in a document is written as its exact digits
  for (const v of [2583n, 158892879641967525889n, 2n ** 64n + 1n, -(2n ** 70n)]) {
    const e = thidua.evaluate(KT2024, [{ ...ROW, target: '3', value: v }]);
    assert.equal(e.units[0].targets.find((t) => t.target === '3').result, v.toString());
  }
  for (const v of [1e300, -1e300, '1'.repeat(30), 10n ** 40n, '79228162514264337593543950335']) {
    try {
      const r = thidua.evaluate(KT2024, [{ ...ROW, value: v }]);
      assert.equal(r.units[0].targets.length > 0, true);
    } catch (err) {
      assert.ok(err instanceof thidua.ThiduaError, `${err.name}: ${err.message}`);
    }
  }
  alive();
});

test('huge strings: refused above the input limit before the module sees them; long values do not trap', () => {
  const { max_input_bytes: max } = thidua.limits();
  assert.equal(max, 64 << 20);
  const big = 'x'.repeat(max + 1);
  refused(() => thidua.loadDirective(big), 'input_too_large');
  refused(() => thidua.parseDirective(big), 'input_too_large');
  refused(() => thidua.parseVn(big), 'input_too_large');
  refused(() => thidua.evaluate(KT2024, [{ ...ROW, unit: big }]), 'input_too_large');
  // a 10 MB unit name and a 10 MB bad number give typed errors or results in bounded time
  const ten = 'đ'.repeat(5 << 20);
  bounded(30, 1500, () => {
    const r = thidua.evaluate(KT2024, [{ ...ROW, unit: ten }]);
    assert.equal(r.units[0].unit.length, ten.length);
  });
  bounded(30, 1500, () => refused(() => thidua.evaluate(KT2024, [{ ...ROW, value: '9'.repeat(10 << 20) }]), 'invalid_number'));
  alive();
});

test('messages cap the input they echo (80 characters and "…")', () => {
  for (const [row, code] of [
    [{ ...ROW, value: '9'.repeat(10 << 20) }, 'invalid_number'],
    [{ ...ROW, target: 'x'.repeat(10 << 20) }, 'unknown_target'],
  ]) {
    const e = refused(() => thidua.evaluate(KT2024, [row]), code, undefined, { maxMessage: 400 });
    // the echo is the first 80 characters and "…", never the 10 MB value
    assert.match(e.message, /(9{80}|x{80})…/, e.message);
    assert.doesNotMatch(e.message, /9{81}|x{81}/);
  }
});

test('lone surrogates: refused in documents with their path; directive text never throws', () => {
  refused(() => thidua.evaluate(KT2024, [{ ...ROW, unit: 'Huyện \ud800' }]), 'invalid_input', [0, 'unit']);
  refused(() => thidua.evaluate(KT2024, [{ ...ROW, ['k\udc00']: 1 }]), 'invalid_input', [0, 'k\udc00']);
  refused(() => thidua.loadResults('[{"unit":"\ud800"}]'), 'invalid_input', []);
  // escaped in JSON text, the core refuses it
  refused(() => thidua.loadResults('[{"unit":"\\ud800","target":"1","period":"2024"}]'), 'json');
  // a valid pair is fine
  assert.equal(thidua.loadResults([{ ...ROW, unit: 'Huyện 😀' }]).entries[0].unit, 'Huyện 😀');
  // directive text: a lone surrogate is read as U+FFFD, and UTF-16 offsets still index the text
  const text = 'Chỉ thị số 05/CT-UBND ngày 10/01/2025 của Chủ tịch UBND tỉnh Lâm Hà về phát động phong trào thi đua năm 2025.\nCác chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng GRDP đạt từ 8% \ud800 trở lên; (2) Thu nhập trên 75 triệu đồng.';
  const out = thidua.parseDirective(text, { offsets: 'utf16' });
  assert.equal(out.directive.items.length, 2);
  assert.match(text.slice(out.item_spans[1].start, out.item_spans[1].end), /75 triệu đồng/);
  alive();
});

test('wrong types are refused with their path', () => {
  for (const [v, what] of [
    [() => 1, 'function'], [Symbol('s'), 'symbol'], [new Map([[1, 2]]), 'Map'], [new Set([1]), 'Set'],
    [new Uint8Array(2), 'Uint8Array'], [/x/, 'RegExp'], [new Error('e'), 'Error'], [Promise.resolve(1), 'Promise'],
  ]) {
    const e = refused(() => thidua.evaluate(KT2024, [{ ...ROW, value: v }]), 'json', [0, 'value']);
    assert.match(e.message, new RegExp(what));
  }
  refused(() => thidua.evaluate(KT2024, [ROW, undefined]), 'json', [1]);
  refused(() => thidua.evaluate(undefined, [ROW]), 'json');
  refused(() => thidua.evaluate(KT2024, 42), 'json');
  refused(() => thidua.evaluate(KT2024, [ROW], 42), 'json');
  refused(() => thidua.evaluate(KT2024, [{ ...ROW, value: true }]), 'json');
  refused(() => thidua.parseVn(3500), 'invalid_number');
  refused(() => thidua.parseDirective({}), 'invalid_input', ['text']);
  refused(() => thidua.utf16Offsets('abc', [0, 1.5]), 'invalid_input', ['byte offsets', 1]);
  refused(() => thidua.utf16Offsets('abc', 'x'), 'invalid_input');
  refused(() => thidua.Directive.fromJSON(KT2024).evaluate([ROW]).unit(5), 'invalid_input', ['unit']);
  assert.throws(() => new thidua.Directive(), TypeError);
  // undefined fields are left out (as JSON.stringify does); a Date is its ISO text
  assert.equal(thidua.loadResults([{ ...ROW, baseline: undefined }]).entries.length, 1);
  refused(() => thidua.evaluate(KT2024, [{ ...ROW, period: new Date(0) }]), 'invalid_period', ['results', 0, 'period'], { maxMessage: 500 });
  alive();
});

test('a released handle is an error, not a crash', () => {
  const d = thidua.Directive.fromJSON(KT2024);
  const ev = d.evaluate([ROW]);
  d.free();
  d.free();
  refused(() => d.evaluate([ROW]), 'invalid_input');
  assert.equal(ev.length, 1, 'the evaluation does not depend on the freed directive');
  ev.free();
  refused(() => ev.toJSON(), 'invalid_input');
  alive();
});

test('10⁵ units are evaluated correctly within bounds', () => {
  const one = { ...KT2024, items: [KT2024.items[0]] };
  const rows = Array.from({ length: 100_000 }, (_, i) => ({ unit: `Xã ${i}`, target: '1', period: '2024', value: i % 2 ? '10.5' : '7' }));
  const d = thidua.Directive.fromJSON(one);
  const ev = bounded(120, 4000, () => d.evaluate(rows));
  assert.equal(ev.length, 100_000);
  const sums = ev.summaries();
  assert.equal(sums.length, 100_000);
  assert.equal(sums.filter((s) => s.summary.met_or_exceeded === 1).length, 50_000);
  assert.equal(ev.unit('Xã 7').targets[0].status, 'exceeded');
  assert.equal(ev.unit('Xã 8', '2024').targets[0].status, 'not_met');
  ev.free();
  d.free();
  alive();
});

test('an output too large for a JavaScript string is output_too_large, not a trap', () => {
  // 1,000 targets × 1,000 one-row units: about 700 MB of JSON, above the 256 MiB output limit
  const n = 1000;
  const items = Array.from({ length: n }, (_, i) => ({
    number: i + 1, text: 't', targets: [{ id: String(i + 1), name: `GRDP ${i + 1}`, spec: { kind: 'growth_rate', comparator: 'at_least', value: '10' } }],
  }));
  const d = { kind: 'directive', issuer: { name: 'UBND tỉnh X' }, coverage: { year: 2024 }, title: 't', items };
  const rows = Array.from({ length: n }, (_, u) => ({ unit: `U${u}`, target: '1', period: '2024', value: '11' }));
  const e = bounded(180, 6000, () => refused(() => thidua.evaluate(d, rows), 'output_too_large'));
  assert.match(e.message, /too large for a JavaScript string/);
  assert.equal(e.data.limit, thidua.limits().max_output_bytes);
  // the parts that fit are still there through the handle
  const ev = thidua.Directive.fromJSON(d).evaluate(rows);
  assert.equal(ev.summaries().length, n);
  ev.free();
  alive();
});

test('an evaluation beyond the WebAssembly memory is refused before it is computed', () => {
  // 3,000 targets × 3,000 units trapped the module after minutes; now any product above
  // limits().max_cells is refused while the rows are grouped, whatever the entry
  const { max_cells: max } = thidua.limits();
  assert.equal(max, 2_000_000);
  const n = 2001;
  const items = Array.from({ length: n }, (_, i) => ({
    number: i + 1, text: 't', targets: [{ id: String(i + 1), name: `GRDP ${i + 1}`, spec: { kind: 'growth_rate', comparator: 'at_least', value: '10' } }],
  }));
  const d = { kind: 'directive', issuer: { name: 'UBND tỉnh X' }, coverage: { year: 2024 }, title: 't', items };
  const rows = Array.from({ length: 1000 }, (_, u) => ({ unit: `U${u}`, target: '1', period: '2024', value: '11' }));
  // the core's rule (as in Python): limit_exceeded at the first row of the (unit, period) that
  // does not fit — 999 × 2001 cells fit, the 1000th unit (row 999) does not
  const cells = (e) => {
    assert.deepEqual([e.data.limit, e.data.max], ['cells', max], e.message);
    assert.ok(e.loc.includes(999), JSON.stringify(e.loc));
    return e;
  };
  cells(bounded(30, 2000, () => refused(() => thidua.evaluate(d, rows), 'limit_exceeded')));
  cells(refused(() => thidua.Directive.fromJSON(d).evaluate(rows), 'limit_exceeded'));
  cells(refused(() => thidua.summaries(d, rows), 'limit_exceeded'));
  // score evaluates each stage through the same core rule: refused the same way, not computed
  // (the example scheme cut to one criterion on target "1": no bonus on absent criteria, scale 60)
  const { bonus, ...example } = readJson('docs/examples/scheme-1000.json');
  const section = example.sections[0];
  const scheme = { ...example, scale: '60', sections: [{ ...section, criteria: [section.criteria[0]] }] };
  const input = { scheme, directive: d, period: '2024', roster: [], stages: [{ stage: 'self_assessment', results: rows }] };
  cells(bounded(30, 2000, () => refused(() => thidua.score(input), 'limit_exceeded')));
  // one unit fewer fits
  assert.equal(thidua.Directive.fromJSON(d).evaluate(rows.slice(0, 999)).length, 999);
  alive();
});
