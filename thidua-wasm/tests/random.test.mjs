// Randomized: thousands of generated JavaScript values — valid documents with random mutations
// (fields removed or replaced by other types, NaN, huge and tiny numbers, bigints, long and
// odd strings, lone surrogates, deep nesting, cycles) — through every public function. Each
// call must return or throw a ThiduaError with a known code and a path; none may trap the
// WebAssembly module. The seed is fixed (THIDUA_SEED=n to try others); a failure prints it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJson } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const SEED = Number(process.env.THIDUA_SEED ?? 20250101);
const CASES = Number(process.env.THIDUA_RANDOM_CASES ?? 3000);

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRECTIVES = ['000_kon-tum-2021', '002_kon-tum-2024', '004_ha-giang-2024'].map((f) => readJson(`docs/examples/${f}.json`));
const RESULTS = readJson('docs/examples/results/002_kon-tum-2024.illustrative.json');
const SCORE = readJson('docs/examples/clusters-kon-tum-2024/input.json');

// JSON text of a value, or broken text where JSON.stringify itself refuses (bigint, cycle).
const text = (v) => {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return '{"broken":';
  }
};

function gen(rand) {
  const pick = (a) => a[Math.floor(rand() * a.length)];
  const atoms = [
    () => null, () => undefined, () => true, () => 0, () => -0, () => NaN, () => Infinity, () => -Infinity,
    () => 1e308, () => 5e-324, () => 2 ** 53 + 2, () => (rand() - 0.5) * 10 ** Math.floor(rand() * 40),
    () => BigInt(Math.floor(rand() * 1e15)) ** BigInt(1 + Math.floor(rand() * 4)), () => '', () => ' ', () => '1e400',
    () => '9'.repeat(1 + Math.floor(rand() * 60)), () => '3.500', () => '39,6', () => '\ud800', () => '😀\udfff',
    () => 'x'.repeat(Math.floor(rand() * 5000)), () => '2024', () => '2024-H1', () => '2024-13M', () => 'exceeded',
    () => Symbol('s'), () => () => 1, () => new Map(), () => new Uint8Array(3), () => new Date(0), () => [], () => ({}),
  ];
  const atom = () => pick(atoms)();
  const mutate = (v, depth = 0) => {
    if (v === null || typeof v !== 'object') return rand() < 0.15 ? atom() : v;
    const c = Array.isArray(v) ? v.slice() : { ...v };
    const keys = Object.keys(c);
    if (keys.length && rand() < 0.5) {
      const k = pick(keys);
      const r = rand();
      if (r < 0.3) delete c[k];
      else if (r < 0.7) c[k] = atom();
      else c[k] = mutate(c[k], depth + 1);
    }
    if (depth < 3 && keys.length && rand() < 0.5) {
      const k = pick(keys);
      c[k] = mutate(c[k], depth + 1);
    }
    if (rand() < 0.02) c.loop = c; // a cycle
    if (rand() < 0.02) {
      let deep = c;
      for (let i = 0; i < 200 + Math.floor(rand() * 2000); i++) deep = [deep];
      return deep;
    }
    return c;
  };
  const d = pick(DIRECTIVES);
  const rows = RESULTS.entries;
  const choice = rand();
  return {
    directive: choice < 0.4 ? mutate(d) : rand() < 0.1 ? text(mutate(d)) : d,
    results: rand() < 0.6 ? mutate(rows) : rand() < 0.5 ? { entries: mutate(rows) } : atom(),
    options: rand() < 0.7 ? undefined : mutate({ ratio_digits: 3, headline_basis: 'targets', ceiling_ratio: 'complement' }),
    score: rand() < 0.5 ? mutate(SCORE) : SCORE,
    atom: atom(),
    atom2: atom(),
  };
}

test(`random values through every function (seed ${SEED}, ${CASES} cases)`, (t) => {
  const rand = prng(SEED);
  const codes = new Set(thidua.errorCodes());
  const calls = [
    (c) => thidua.loadDirective(c.directive),
    (c) => thidua.evaluate(c.directive, c.results, c.options),
    (c) => thidua.summaries(c.directive, c.results, c.options),
    (c) => thidua.evaluationRows(c.directive, c.results),
    (c) => thidua.loadResults(c.results),
    (c) => {
      const d = thidua.Directive.fromJSON(c.directive);
      const e = d.evaluate(c.results, c.options);
      e.summaries();
      e.unit(typeof c.atom === 'string' ? c.atom : 'Tỉnh Kon Tum', c.atom2);
      e.free();
      d.free();
    },
    (c) => thidua.score(c.score),
    (c) => thidua.parseVn(c.atom),
    (c) => thidua.toDecimalExact(c.atom),
    (c) => thidua.formatVnRounded(c.atom, c.atom2),
    (c) => thidua.formatVnFixed(c.atom, c.atom2),
    (c) => thidua.periodLabelVi(c.atom),
    (c) => thidua.summarizeStatuses(c.results, c.atom),
    (c) => thidua.parseDirective(c.atom, c.atom2 === true ? { offsets: 'utf16' } : undefined),
    (c) => thidua.utf16Offsets(typeof c.atom === 'string' ? c.atom : '', [0, c.atom2]),
  ];
  let ok = 0;
  let refused = 0;
  for (let i = 0; i < CASES; i++) {
    const c = gen(rand);
    for (const [j, fn] of calls.entries()) {
      try {
        fn(c);
        ok++;
      } catch (e) {
        if (!(e instanceof thidua.ThiduaError)) {
          assert.fail(`seed ${SEED}, case ${i}, call ${j}: ${e?.name}: ${e?.message}`);
        }
        assert.ok(codes.has(e.code), `seed ${SEED}, case ${i}, call ${j}: unknown code ${e.code}`);
        assert.ok(Array.isArray(e.loc), `seed ${SEED}, case ${i}, call ${j}: loc`);
        refused++;
      }
    }
  }
  t.diagnostic(`${ok} calls returned, ${refused} refused with a ThiduaError`);
  // both outcomes occur, and the module still evaluates correctly afterwards
  assert.ok(ok > CASES, `only ${ok} successes`);
  assert.ok(refused > CASES, `only ${refused} refusals`);
  const e = thidua.evaluate(DIRECTIVES[1], RESULTS);
  assert.equal(e.units.length, 2);
});
