// The JavaScript API: shapes, errors (ThiduaError with code and data), numbers, and that no
// input — garbage, wrong types, huge numbers — traps the WebAssembly module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, pkgDir } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const KT2024 = readJson('docs/examples/002_kon-tum-2024.json');
const KT2024_RESULTS = readJson('docs/examples/results/002_kon-tum-2024.illustrative.json');
const countTargets = (ts) => ts.reduce((n, t) => n + 1 + countTargets(t.sub_targets ?? []), 0);
const KT2024_TARGETS = KT2024.items.reduce((n, i) => n + countTargets(i.targets), 0);

/** Runs `fn`, which must throw a ThiduaError with `code`; returns the error. */
function thrown(fn, code) {
  let err;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected a ${code} error`);
  assert.ok(err instanceof Error, `not an Error: ${err}`);
  assert.ok(err instanceof thidua.ThiduaError, `not a ThiduaError: ${err}`);
  assert.equal(err.name, 'ThiduaError');
  assert.ok(Array.isArray(err.loc), 'loc is an array');
  assert.equal(err.code, code, err.message);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0);
  assert.equal(err.data.code, code);
  assert.ok(thidua.errorCodes().includes(err.code));
  return err;
}

test('loadDirective validates and normalizes; validateDirective returns undefined', () => {
  const d = thidua.loadDirective(KT2024);
  assert.equal(d.number, KT2024.number);
  assert.equal(d.items.length, KT2024.items.length);
  assert.deepEqual(thidua.loadDirective(JSON.stringify(KT2024)), d, 'JSON text and object agree');
  assert.equal(thidua.validateDirective(KT2024), undefined);
  const dup = structuredClone(KT2024);
  dup.items[1].targets[0].id = dup.items[0].targets[0].id;
  const e = thrown(() => thidua.validateDirective(dup), 'duplicate_id');
  assert.equal(e.data.id, KT2024.items[0].targets[0].id);
});

test('evaluate gives statuses, decimal strings and the headline', () => {
  const e = thidua.evaluate(KT2024, KT2024_RESULTS);
  assert.deepEqual(e.units.map((u) => [u.unit, u.period]), [['Tỉnh Kon Tum', '2024'], ['Tỉnh Kon Tum', '2024-H1']]);
  const u = e.units[0];
  assert.equal(u.unit, 'Tỉnh Kon Tum');
  assert.equal(u.period, '2024');
  for (const t of u.targets) {
    assert.ok(['exceeded', 'met', 'not_met', 'no_data', 'not_applicable'].includes(t.status));
    assert.ok(t.ratio === null || /^-?\d+\.\d{2}$/.test(t.ratio), `ratio ${t.ratio} is a 2-decimal string`);
  }
  assert.match(u.summary.headline_vi, /^đạt và vượt \d+\/\d+ chỉ tiêu \(/);
  assert.equal(u.summary.met_or_exceeded, u.summary.exceeded + u.summary.met);
  // "trên 63,7 triệu": exactly 63.7 is not enough (strict comparator), 63.71 exceeds
  const at = thidua.evaluate(KT2024, [{ unit: 'A', target: '2', period: '2024', value: '63.7' }]);
  assert.equal(at.units[0].targets.find((t) => t.target === '2').status, 'not_met');
  const above = thidua.evaluate(KT2024, [{ unit: 'A', target: '2', period: '2024', value: '63.71' }]);
  assert.equal(above.units[0].targets.find((t) => t.target === '2').status, 'exceeded');
  // results as {entries}, as an array, or as JSON text all agree
  assert.deepEqual(thidua.evaluate(KT2024, KT2024_RESULTS.entries), e);
  assert.deepEqual(thidua.evaluate(JSON.stringify(KT2024), JSON.stringify(KT2024_RESULTS)), e);
  assert.deepEqual(thidua.evaluate(KT2024, KT2024_RESULTS, null), e);
  assert.deepEqual(thidua.evaluate(KT2024, KT2024_RESULTS, {}), e);
});

test('options are the core options (snake_case) and are echoed', () => {
  const e = thidua.evaluate(KT2024, KT2024_RESULTS, { headline_basis: 'targets', ratio_digits: 4 });
  assert.equal(e.options.headline_basis, 'targets');
  assert.equal(e.options.ratio_digits, 4);
  assert.equal(e.units[0].summary.basis, 'targets');
  const r = e.units[0].targets.find((t) => t.ratio !== null).ratio;
  assert.match(r, /^-?\d+\.\d{4}$/);
  thrown(() => thidua.evaluate(KT2024, KT2024_RESULTS, { ratio_digits: 11 }), 'invalid_input');
  thrown(() => thidua.evaluate(KT2024, KT2024_RESULTS, { ceilingRatio: 'inverse' }), 'json');
  thrown(() => thidua.evaluate(KT2024, KT2024_RESULTS, { ceiling_ratio: 'sideways' }), 'json');
});

test('summaries, rows and text scorecards agree with evaluate', () => {
  const e = thidua.evaluate(KT2024, KT2024_RESULTS);
  const s = thidua.summaries(KT2024, KT2024_RESULTS);
  assert.deepEqual(s, e.units.map((u) => ({ unit: u.unit, period: u.period, summary: u.summary })));
  const rows = thidua.evaluationRows(KT2024, KT2024_RESULTS);
  assert.equal(rows.length, e.units[0].targets.length + e.units[1].targets.length);
  assert.deepEqual(rows[0], { unit: 'Tỉnh Kon Tum', period: '2024', ...e.units[0].targets[0] });
  const cards = thidua.scorecardsVi(KT2024, KT2024_RESULTS);
  assert.equal(cards.length, 2);
  assert.ok(cards[0].includes(e.units[0].summary.headline_vi));
  assert.ok(cards[1].includes('6 tháng đầu năm 2024'));
  const sum = thidua.summarizeStatuses(['exceeded', 'met', 'not_met']);
  assert.equal(sum.headline_vi, 'đạt và vượt 2/3 chỉ tiêu (vượt 1, đạt 1, không đạt 1)');
  assert.equal(thidua.summarizeStatuses(['met'], 'targets').basis, 'targets');
  thrown(() => thidua.summarizeStatuses(['great']), 'json');
  thrown(() => thidua.summarizeStatuses(['met'], 'units'), 'invalid_input');
  thrown(() => thidua.summarizeStatuses(['met'], 3), 'invalid_input');
});

test('status labels are the core labels', () => {
  const l = thidua.statusLabels();
  assert.deepEqual(Object.keys(l).sort(), ['basically_met', 'exceeded', 'met', 'no_data', 'not_applicable', 'not_met']);
  assert.equal(l.basically_met.vi, 'cơ bản đạt');
  assert.equal(l.exceeded.vi, 'vượt');
  assert.equal(l.met.vi, 'đạt');
  assert.equal(l.not_met.vi, 'không đạt');
  assert.equal(l.no_data.vi, 'chưa có số liệu');
  assert.equal(l.met.en, 'met');
});

test('errors carry the core message, code and fields', () => {
  const e = thrown(
    () => thidua.evaluate(KT2024, [{ unit: 'A', target: '99', period: '2024', value: '1' }]),
    'unknown_target',
  );
  assert.equal(e.message, 'unknown target "99" at results[0].target (unit "A", target "99", period "2024")');
  assert.deepEqual(e.data, {
    code: 'unknown_target',
    target: '99',
    location: 'results[0].target (unit "A", target "99", period "2024")',
    loc: ['results', 0, 'target'],
  });
  assert.deepEqual(e.loc, ['results', 0, 'target'], 'loc is the core\'s structured path');
  thrown(() => thidua.evaluate(KT2024, [{ unit: 'A', target: '1', period: '2019', value: '1' }]), 'invalid_period');
  thrown(
    () =>
      thidua.evaluate(KT2024, [
        { unit: 'A', target: '1', period: '2024', value: '1' },
        { unit: 'A', target: '1', period: '2024', value: '2' },
      ]),
    'duplicate_id',
  );
  thrown(() => thidua.loadDirective('{ not json'), 'json');
  assert.deepEqual(thidua.errorCodes(), [
    'json', 'invalid_number', 'unit_mismatch', 'unknown_target', 'duplicate_id', 'invalid_directive',
    'invalid_result', 'missing_baseline', 'invalid_period', 'overflow', 'incomparable_ranks',
    'invalid_scheme', 'invalid_input', 'limit_exceeded', 'input_too_large', 'output_too_large',
  ]);
});

test('Vietnamese numbers: exact in and out', () => {
  assert.equal(thidua.parseVnNumber('3.500'), '3500');
  assert.equal(thidua.parseVnNumber('39,6'), '39.6');
  assert.equal(thidua.parseVnNumber('94,15'), '94.15');
  assert.equal(thidua.parseVnNumber('08'), '8');
  assert.equal(thidua.parseVnNumber('−1,5'), '-1.5');
  assert.equal(thidua.parseVnNumber('1.234.567,890'), '1234567.890', 'scale is kept');
  thrown(() => thidua.parseVnNumber('3.5'), 'invalid_number');
  thrown(() => thidua.parseVnNumber(3500), 'invalid_number');
  thrown(() => thidua.parseVnNumber('9'.repeat(40)), 'invalid_number');
  assert.equal(thidua.formatVnNumber('3500'), '3.500');
  assert.equal(thidua.formatVnNumber('1234567.89'), '1.234.567,89');
  assert.equal(thidua.formatVnNumber('94.10'), '94,10');
  assert.equal(thidua.formatVnNumber('105.125', 2), '105,13');
  assert.equal(thidua.formatVnNumber('100.00', 2), '100');
  assert.equal(thidua.formatVnNumber(39.6), '39,6');
  assert.equal(thidua.formatVnNumber(0.1 + 0.2), '0,30000000000000004', 'a number is its shortest round-trip text');
  assert.equal(thidua.formatVnNumber(12345678901234567890n), '12.345.678.901.234.567.890');
  assert.equal(thidua.formatVnFixed('9.52'), '9,520');
  assert.equal(thidua.formatVnFixed('9.5246', 2), '9,52');
  thrown(() => thidua.formatVnNumber(NaN), 'invalid_number');
  thrown(() => thidua.formatVnNumber(Infinity), 'invalid_number');
  thrown(() => thidua.formatVnNumber(1e300), 'invalid_number');
  thrown(() => thidua.formatVnNumber(10n ** 40n), 'invalid_number');
  thrown(() => thidua.formatVnNumber('3,5'), 'invalid_number');
  thrown(() => thidua.formatVnNumber({}), 'invalid_number');
  thrown(() => thidua.formatVnNumber('1', 29), 'invalid_input');
  thrown(() => thidua.formatVnNumber('1', 1.5), 'invalid_input');
  thrown(() => thidua.formatVnNumber('1', -1), 'invalid_input');
  assert.equal(thidua.periodLabelVi('2024-H1'), '6 tháng đầu năm 2024');
  assert.equal(thidua.periodLabelVi('2024-Q3'), 'quý III/2024');
  thrown(() => thidua.periodLabelVi('2024-H3'), 'invalid_period');
  thrown(() => thidua.periodLabelVi(2024), 'invalid_period');
});

test('decimals never pass through a JS number on the way out', () => {
  const d = {
    kind: 'directive', issuer: { name: 'UBND tỉnh X' }, coverage: { year: 2024 }, title: 't',
    items: [{ number: 1, text: 'Thu', targets: [{ id: '1', name: 'Thu',
      spec: { kind: 'amount', comparator: 'at_least', measure: 'flow',
        value: { value: '4600.000000000000000001', scale: 'billion', unit: 'đồng' } } }] }],
  };
  const e = thidua.evaluate(d, [{ unit: 'X', target: '1', period: '2024', value: '4600.000000000000000002' }]);
  const t = e.units[0].targets[0];
  assert.equal(t.status, 'exceeded');
  assert.equal(t.result, '4600.000000000000000002');
  assert.equal(t.gap, '0.000000000000000001');
});

test('garbage, wrong types and huge numbers throw ThiduaError and never trap the module', () => {
  const cyclic = {};
  cyclic.self = cyclic;
  const garbage = [
    undefined, null, true, 0, -1, 1e308, NaN, '', ' ', '{', '[]', '{}', 'null', '"x"', '1e999',
    [], [1, 2], {}, { kind: 'directive' }, () => 1, Symbol('s'), 10n, cyclic,
    '\u0000', '\ud800', '['.repeat(100000), '{"a":'.repeat(5000), 'x'.repeat(1 << 20),
    new Uint8Array(4), new Date(0), new Map(), Object.create(null),
  ];
  const results = [
    [{ unit: 'A', target: '1', period: '2024', value: '1'.repeat(30) }],
    [{ unit: 'A', target: '1', period: '2024', value: '79228162514264337593543950335' }],
    [{ unit: 'A', target: '1', period: '2024', value: 1e300 }],
    [{ unit: 'A', target: '1', period: '2024', value: -1e-300 }],
    [{ unit: 'A', target: '1', period: '2024', value: '-79228162514264337593543950335' }],
    [{ unit: 'A', target: '8', period: '2024', value: '79228162514264337593543950335', baseline: '-79228162514264337593543950335' }],
    [{ unit: 'A', target: '12a', period: '2024', value: 4294967295, baseline: 4294967296 }],
    [{ unit: 'A', target: '1', period: '2024', value: '1', scale: 'billion' }],
    [{ unit: 'A', target: '1', period: 99999, value: '1' }],
    [{ unit: 'A', target: '1', period: '2024-13M', value: '1' }],
    [{ unit: 'A', target: '1', period: '2024', judgement: 'met' }],
    [{ unit: 'A', target: '1', period: '2024', value: '1', not_applicable: true }],
    [{ unit: '', target: '', period: '', value: '' }],
  ];
  let threw = 0;
  const fns = [
    (g) => thidua.loadDirective(g),
    (g) => thidua.validateDirective(g),
    (g) => thidua.loadResults(g),
    (g) => thidua.evaluate(g, g, g),
    (g) => thidua.evaluate(KT2024, g),
    (g) => thidua.evaluate(KT2024, [], g),
    (g) => thidua.summaries(KT2024, g),
    (g) => thidua.parseVnNumber(g),
    (g) => thidua.formatVnNumber(g, g),
    (g) => thidua.formatVnFixed(g, g),
    (g) => thidua.summarizeStatuses(g, g),
    (g) => thidua.periodLabelVi(g),
    (g) => thidua.parseDirectiveStrict(g),
    (g) => thidua.loadScheme(g),
    (g) => thidua.score(g),
    (g) => thidua.scoreReportVi(g, true),
    (g) => thidua.utf16Offset(g, g),
  ];
  for (const g of garbage) {
    for (const fn of fns) {
      try {
        fn(g);
      } catch (e) {
        threw++;
        assert.ok(e instanceof thidua.ThiduaError, `${String(e)}`);
        assert.equal(e.name, 'ThiduaError', `${e.name}: ${e.message}`);
        assert.ok(thidua.errorCodes().includes(e.code), e.code);
      }
    }
  }
  for (const r of results) {
    try {
      const e = thidua.evaluate(KT2024, r, { ratio_digits: 10, ceiling_ratio: 'complement' });
      assert.equal(e.units.length, 1);
      assert.equal(e.units[0].targets.length, KT2024_TARGETS);
    } catch (e) {
      threw++;
      assert.equal(e.name, 'ThiduaError', `${e.name}: ${e.message}`);
    }
  }
  assert.ok(threw > garbage.length * 10, `only ${threw} errors`);
  // parseDirective never throws for text, however odd
  for (const t of ['', '(1)', '(99999999999) trên 1e999%', 'đạt '.repeat(10000), '\ud800\udfff\u0000']) {
    const out = thidua.parseDirective(t);
    assert.ok(Array.isArray(out.diagnostics));
  }
  // ... and the module still works afterwards (a trap would leave it unusable)
  assert.equal(thidua.evaluate(KT2024, KT2024_RESULTS).units.length, 2);
});

test('parseDirective reads directive text (byte offsets into UTF-8)', () => {
  const text =
    'Chỉ thị số 05/CT-UBND ngày 10/01/2025 của Chủ tịch UBND tỉnh Lâm Hà về phát động phong trào thi đua năm 2025.\n' +
    'Các chỉ tiêu chủ yếu: (1) Tốc độ tăng trưởng GRDP đạt từ 8% trở lên; (2) Thu nhập bình quân đầu người trên 75 triệu đồng.';
  const out = thidua.parseDirective(text);
  assert.equal(out.directive.number, '05/CT-UBND');
  assert.equal(out.directive.coverage.year, 2025);
  assert.equal(out.directive.items.length, 2);
  assert.equal(out.directive.items[1].targets[0].spec.comparator, 'above');
  const bytes = new TextEncoder().encode(text);
  for (const s of out.item_spans) {
    assert.ok(s.end <= bytes.length && s.start < s.end);
  }
  const item2 = new TextDecoder().decode(bytes.slice(out.item_spans[1].start, out.item_spans[1].end));
  assert.match(item2, /75 triệu đồng/);
  // the same range as JavaScript string indices
  const s2 = out.item_spans[1];
  assert.equal(text.slice(thidua.utf16Offset(text, s2.start), thidua.utf16Offset(text, s2.end)), item2);
  assert.equal(thidua.utf16Offset('😀x', 4), 2);
  thrown(() => thidua.utf16Offset('😀x', 2), 'invalid_input');
  thrown(() => thidua.utf16Offset('😀x', 99), 'invalid_input');
  thrown(() => thidua.utf16Offset('😀x', -1), 'invalid_input');
  thrown(() => thidua.utf16Offset('😀x', '1'), 'invalid_input');
  const d = thidua.parseDirectiveStrict(text);
  assert.deepEqual(thidua.loadDirective(d), d);
  const e = thidua.evaluate(d, [{ unit: 'Lâm Hà', target: '1', period: '2025', value: '8' }]);
  assert.equal(e.units[0].targets[0].status, 'met');
  // the draft keeps what the text says; the strict form refuses what does not validate
  const HEAD = 'Chỉ thị số 05/CT-UBND ngày 10/01/2025 của Chủ tịch UBND tỉnh Lâm Hà về phát động phong trào thi đua năm 2025.\nCác chỉ tiêu chủ yếu: ';
  const bad = thidua.parseDirective(HEAD + '(1) Tỷ lệ che phủ rừng đạt 150%.');
  assert.ok(bad.diagnostics.some((x) => x.code === 'rate_above_100'));
  thrown(() => thidua.parseDirectiveStrict(HEAD + '(1) Tỷ lệ che phủ rừng đạt 150%.'), 'invalid_directive');
  thrown(() => thidua.parseDirective(42), 'invalid_input');
});

test('score, rank and award', () => {
  const input = {
    scheme: {
      name: 'Ví dụ', scale: '10', rounding: { digits: 3, mode: 'half_away_from_zero' }, missing_result: 'zero',
      sections: [{ id: 'A', name: 'Kinh tế', criteria: [
        { id: 'A1', name: 'GRDP', max: '10', targets: ['1'], rule: { kind: 'proportional', full_at: '100' } }] }],
      classification: { basis: 'total', bands: [
        { id: 'tot', label_vi: 'Hoàn thành tốt nhiệm vụ', label_en: 'good', min_total: '9' },
        { id: 'ht', label_vi: 'Hoàn thành nhiệm vụ', label_en: 'completed' }] },
    },
    directive: KT2024,
    roster: [
      { unit: 'Huyện A', group: 'Cụm 1', kind: 'cluster' },
      { unit: 'Huyện B', group: 'Cụm 1', kind: 'cluster' },
    ],
    stages: [{ stage: 'board_appraisal', results: [
      { unit: 'Huyện A', target: '1', period: '2024', value: '9.52' },
      { unit: 'Huyện B', target: '1', period: '2024', value: '10.5' }] }],
  };
  const r = thidua.score(input);
  const a = r.units.find((u) => u.unit === 'Huyện A');
  assert.equal(a.scorecards.at(-1).criteria[0].explanation.vi, 'đạt 95,2 % kế hoạch → 9,520/10 điểm');
  assert.equal(a.scorecards.at(-1).total, '9.520');
  assert.equal(a.band.band, 'tot');
  assert.deepEqual(thidua.rank(input), r.groups);
  assert.equal(r.groups[0].ranking[0].unit, 'Huyện B');
  assert.deepEqual(thidua.award(input), r.awards);
  assert.deepEqual(thidua.loadScheme(input.scheme).name, 'Ví dụ');
  assert.equal(thidua.validateScheme(input.scheme), undefined);
  thrown(() => thidua.validateScheme({ ...input.scheme, sections: [] }), 'invalid_scheme');
  assert.match(thidua.scoreReportVi(input), /Cụm 1/);
  thrown(() => thidua.score({ ...input, roster: [{ unit: '', group: 'Cụm 1', kind: 'cluster' }] }), 'invalid_input');
});

test('the CommonJS entry works with require()', () => {
  const require = createRequire(import.meta.url);
  const cjs = require('../pkg/node/index.cjs');
  assert.equal(cjs.parseVnNumber('3.500'), '3500');
  assert.equal(cjs.parseVn('3.500'), '3500');
  assert.throws(() => cjs.parseVn('3.5'), (e) => e instanceof cjs.ThiduaError && e.code === 'invalid_number');
  const d = cjs.Directive.fromJSON(KT2024);
  assert.deepEqual(d.evaluate(KT2024_RESULTS).toJSON(), thidua.evaluate(KT2024, KT2024_RESULTS));
  assert.deepEqual(cjs.evaluate(KT2024, KT2024_RESULTS), thidua.evaluate(KT2024, KT2024_RESULTS));
  assert.equal(cjs.version(), thidua.version());
});

test('package.json exports a browser/bundler ESM entry, a Node entry and types', () => {
  const p = readJson('thidua-wasm/pkg/package.json');
  assert.equal(p.name, 'thidua');
  assert.equal(p.version, thidua.version());
  const dot = p.exports['.'];
  assert.equal(dot.types, './index.d.ts');
  assert.equal(dot.node.import, './node.mjs');
  assert.equal(dot.node.require, './node/index.cjs');
  assert.equal(dot.browser, './index.js');
  assert.equal(dot.default, './index.js');
  assert.equal(p.exports['./init'].default, './init.js');
  assert.equal(p.exports['./thidua_bg.wasm'], './web/thidua_wasm_bg.wasm');
  // one .wasm in the package, whatever the entry
  const wasms = [];
  const walk = (dir) => {
    for (const f of readdirSync(dir)) {
      const q = join(dir, f);
      if (statSync(q).isDirectory()) walk(q);
      else if (f.endsWith('.wasm')) wasms.push(q.slice(pkgDir.length + 1));
    }
  };
  walk(pkgDir);
  assert.deepEqual(wasms, ['web/thidua_wasm_bg.wasm']);
  // every file an export points to is listed in "files"
  for (const f of ['api.js', 'index.js', 'init.js', 'node.mjs', 'index.d.ts', 'init.d.ts', 'types.d.ts']) {
    assert.ok(p.files.includes(f), f);
    assert.ok(statSync(join(pkgDir, f)).isFile(), f);
  }
});
