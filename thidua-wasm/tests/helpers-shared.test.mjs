// The shared number-helper cases (tests/helpers/numbers.json, also run by the Rust and Python
// runners): toDecimalExact, formatVn, formatVnRounded, formatVnFixed, parseVn and periodLabelVi
// give the same answer, or the same error code, for the same input — a string, an integer (a
// BigInt here, any size) or a binary64 number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJson } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const { cases } = readJson('tests/helpers/numbers.json');

const FN = {
  to_decimal_exact: thidua.toDecimalExact,
  format_vn: thidua.formatVn,
  format_vn_rounded: thidua.formatVnRounded,
  format_vn_fixed: thidua.formatVnFixed,
  parse_vn: thidua.parseVn,
  period_label_vi: thidua.periodLabelVi,
};

function value(input) {
  if ('str' in input) return input.str;
  if ('int' in input) return BigInt(input.int);
  const f = input.float;
  return typeof f === 'string' ? { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }[f] : f;
}

test('the shared cases are all there and every helper is covered', () => {
  assert.ok(cases.length >= 100, `${cases.length} cases`);
  assert.deepEqual(new Set(cases.map((c) => c.fn)), new Set(Object.keys(FN)));
});

for (const c of cases) {
  test(`${c.fn}(${JSON.stringify(c.input)}${'digits' in c ? `, ${c.digits}` : ''})`, () => {
    const fn = FN[c.fn];
    assert.equal(typeof fn, 'function', c.fn);
    const args = [value(c.input)];
    if ('digits' in c) args.push(c.digits);
    if ('error' in c.expect) {
      assert.throws(() => fn(...args), (e) => {
        assert.ok(e instanceof thidua.ThiduaError, `not a ThiduaError: ${e}`);
        assert.equal(e.code, c.expect.error, e.message);
        return true;
      });
    } else {
      assert.equal(fn(...args), c.expect.ok);
    }
  });
}
