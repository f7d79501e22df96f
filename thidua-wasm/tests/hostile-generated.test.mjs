// A property test of the wasm module (#9.1: "the wasm module never traps on any input"): inputs
// generated from a fixed seed — real documents with fields replaced, dropped or deepened at
// random, and random JavaScript values of every kind — go through every public entry point.
// Each call either returns or throws a ThiduaError (or a TypeError for a wrong JS type), with a
// bounded message, and the module stays usable after every call (a trap would leave it broken).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJson } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const KT2024 = readJson('docs/examples/002_kon-tum-2024.json');
const RESULTS = readJson('docs/examples/results/002_kon-tum-2024.illustrative.json');
const SCORE = readJson('docs/examples/clusters-kon-tum-2024/input.json');
const ROW = { unit: 'A', target: '1', period: '2024', value: '10.5' };
const SEED = Number(process.env.THIDUA_PROP_SEED ?? 20261201);
const CASES = Number(process.env.THIDUA_PROP_CASES ?? 400);

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n) => Math.floor(next() * n);
  const pick = (xs) => xs[below(xs.length)];
  return { next, below, pick };
}

const NUMBERS = [
  0, -0, 1, -1, 0.1, 1e-300, 5e-324, 1e308, -1e308, NaN, Infinity, -Infinity,
  2 ** 53, 2 ** 64, -(2 ** 63), 3.5, 10.5, 12345678901234567890,
];
const STRINGS = [
  '', ' ', '1', '3.500', '3,5', '6,6-6,8', 'hơn 290', 'gần 6,5%', '1e400', '-0', '+3', ' 12 ',
  '9.99999999999999999999999999999999', '79228162514264337593543950336', 'NaN', 'Infinity',
  '\ud800', '\udc80x', '\u0000', 'vượt kế hoạch', 'đạt 119,9% kế hoạch', '2024', '2024-13M',
  'tỷ', 'triệu USD', '../../etc/passwd', '/dev/zero', 'x'.repeat(5000), '(1) Tăng trưởng đạt 8%. ',
];

/** A random JavaScript value, at most `depth` levels deep. */
function value(r, depth) {
  switch (r.below(depth > 0 ? 9 : 6)) {
    case 0: return r.pick(NUMBERS);
    case 1: return r.pick(STRINGS);
    case 2: return r.pick([null, undefined, true, false]);
    case 3: return r.pick([0n, 10n, -(2n ** 70n), 2n ** 128n]);
    case 4: return r.pick(STRINGS) + r.pick(STRINGS);
    case 5: return r.next() * 10 ** r.below(40);
    case 6: return Array.from({ length: r.below(4) }, () => value(r, depth - 1));
    case 7: {
      const o = {};
      for (let i = r.below(4); i > 0; i--) o[r.pick(['unit', 'target', 'value', 'spec', 'kind', 'x', 'entries', 'items'])] = value(r, depth - 1);
      return o;
    }
    default: {
      // deep nesting, up to well past the limit
      let v = value(r, 0);
      for (let i = r.below(300); i > 0; i--) v = r.next() < 0.5 ? [v] : { a: v };
      return v;
    }
  }
}

/** A copy of `doc` with a few fields (at any depth) replaced, removed or added. */
function mutate(r, doc) {
  const copy = structuredClone(doc);
  for (let n = 1 + r.below(4); n > 0; n--) {
    let node = copy;
    for (let d = 0; d < 6; d++) {
      const keys = node && typeof node === 'object' ? Object.keys(node) : [];
      if (keys.length === 0) break;
      const k = r.pick(keys);
      const child = node[k];
      if (child && typeof child === 'object' && r.next() < 0.6) {
        node = child;
        continue;
      }
      const op = r.below(3);
      if (op === 0) node[k] = value(r, 2);
      else if (op === 1) delete node[k];
      else node[r.pick(['extra', 'value_high', 'qualifier', 'scale', 'sub_targets'])] = value(r, 2);
      break;
    }
  }
  return copy;
}

function alive() {
  const e = thidua.evaluate(KT2024, [ROW]);
  assert.equal(e.units[0].targets[0].status, 'exceeded');
}

/** Calls fn: a result, or a typed error with a bounded message — never anything else. */
function typedOrOk(what, fn) {
  try {
    fn();
  } catch (e) {
    const typed = e instanceof thidua.ThiduaError || e instanceof TypeError;
    assert.ok(typed, `${what}: not a typed error: ${e?.name}: ${String(e?.message).slice(0, 300)}`);
    if (e instanceof thidua.ThiduaError) {
      assert.ok(thidua.errorCodes().includes(e.code), `${what}: unknown code ${e.code}`);
      assert.ok(Array.isArray(e.loc), `${what}: loc is not an array`);
    }
    assert.ok(String(e.message).length < 4000, `${what}: a message of ${String(e.message).length} characters`);
  }
}

test(`generated hostile inputs never trap the module (seed ${SEED}, ${CASES} cases per entry point)`, () => {
  const r = rng(SEED);
  for (let i = 0; i < CASES; i++) {
    const at = `case ${i} (seed ${SEED})`;
    const d = r.next() < 0.7 ? mutate(r, KT2024) : value(r, 3);
    const rows = r.next() < 0.7 ? mutate(r, RESULTS) : value(r, 3);
    typedOrOk(`${at} evaluate`, () => thidua.evaluate(d, rows));
    typedOrOk(`${at} evaluate(KT2024, rows)`, () => thidua.evaluate(KT2024, rows));
    typedOrOk(`${at} loadResults`, () => thidua.loadResults(rows));
    typedOrOk(`${at} Directive.fromJSON`, () => thidua.Directive.fromJSON(d));
    typedOrOk(`${at} score`, () => thidua.score(r.next() < 0.8 ? mutate(r, SCORE) : value(r, 3)));
    const text = r.next() < 0.5 ? r.pick(STRINGS).repeat(1 + r.below(50)) : String(value(r, 1));
    typedOrOk(`${at} parseDirective`, () => thidua.parseDirective(text));
    typedOrOk(`${at} parseVn`, () => thidua.parseVn(r.pick(STRINGS)));
    typedOrOk(`${at} formatVn`, () => thidua.formatVn(value(r, 0)));
    alive();
  }
});
