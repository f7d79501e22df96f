// Runs every shared JSON test vector under tests/vectors/ (see tests/vectors/README.md) through
// the JavaScript package; each must give exactly the `expect` of the Rust runner (deep JSON
// equality: decimals are strings, so "52.50" stays "52.50"), or the expected error code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot, jsonFiles, readJson } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

// A string in an input slot is a path relative to the repository root; anything else is inline.
const resolvePath = (v) => (typeof v === 'string' ? readJson(v) : v);

// Mirrors thidua_core::scoring::resolve_input_paths (used by the Rust scoring runner).
function resolveScoreInput(input) {
  const out = { ...input };
  for (const k of ['scheme', 'directive', 'roster', 'options', 'targets']) {
    if (k in out) out[k] = resolvePath(out[k]);
  }
  if (Array.isArray(out.stages)) {
    out.stages = out.stages.map((s) => {
      const st = { ...s };
      for (const k of ['evaluation', 'results', 'council_points', 'bonuses', 'penalties']) {
        if (k in st) st[k] = resolvePath(st[k]);
      }
      return st;
    });
  }
  return out;
}

// Mirrors thidua_core::award::resolve_input_paths (used by the Rust award runner).
function resolveAwardInput(input) {
  const out = { ...input };
  for (const k of ['history', 'score', 'score_report', 'base_salary', 'facts', 'candidates', 'ballots']) {
    if (k in out) out[k] = resolvePath(out[k]);
  }
  if (out.score && typeof out.score === 'object') out.score = resolveScoreInput(out.score);
  if (Array.isArray(out.rule_sets)) {
    out.rule_sets = out.rule_sets.map((r) => (typeof r === 'string' && r.endsWith('.json') ? readJson(r) : r));
  }
  return out;
}

// Parse vectors: the text inline, or a UTF-8 file read exactly as it is (CRLF, NFD, BOM kept).
function textOf(input) {
  if (typeof input.text === 'string') return input.text;
  if (typeof input.text_path === 'string') return readFileSync(join(repoRoot, input.text_path), 'utf8');
  throw new Error(`parse vector input needs "text" or "text_path": ${JSON.stringify(Object.keys(input))}`);
}

const runners = {
  evaluate: (input) =>
    thidua.evaluate(
      resolvePath(input.directive),
      resolvePath(input.results),
      input.options,
      input.targets === undefined ? undefined : resolvePath(input.targets),
    ),
  read_result: (input) => thidua.readResult(input.text),
  score: (input) => thidua.score(resolveScoreInput(input)),
  award: (input) => thidua.decideAwards(resolveAwardInput(input)),
  parse: (input) => thidua.parseDirective(textOf(input)),
};

// The hand-written checks of evaluate vectors (as thidua-core/tests/vectors/evaluate.rs verifies them).
function checkEvaluate(name, out, c) {
  if ('warning' in c) {
    const hit = out.warnings.some((w) => w.code === c.warning && (!('unit' in c) || w.unit === c.unit) && (!('target' in c) || w.target === c.target));
    assert.ok(hit, `${name}: no warning ${c.warning}`);
    return;
  }
  if ('warnings' in c) {
    assert.equal(out.warnings.length, c.warnings, `${name}: number of warnings`);
    return;
  }
  const u = out.units.find((x) => x.unit === c.unit && x.period === (c.period ?? '2024'));
  assert.ok(u, `${name}: no unit ${c.unit} / ${c.period}`);
  if ('headline_vi' in c) assert.equal(u.summary.headline_vi, c.headline_vi, `${name}: headline`);
  if ('target' in c) {
    const t = u.targets.find((x) => x.target === c.target);
    assert.ok(t, `${name}: no target ${c.target}`);
    // Every other field of the check is a field of the target evaluation (as the Rust runner).
    for (const [f, want] of Object.entries(c)) {
      if (['unit', 'period', 'target', 'explanation_vi_contains', 'level_status', 'headline_vi'].includes(f)) continue;
      assert.deepEqual(t[f], want, `${name}: ${c.unit} target ${c.target} ${f}`);
    }
    if ('explanation_vi_contains' in c) assert.ok(t.explanation.vi.includes(c.explanation_vi_contains), `${name}: ${t.explanation.vi}`);
    for (const [lv, want] of Object.entries(c.level_status ?? {})) {
      assert.equal(t.levels.find((l) => l.level === lv)?.status, want, `${name}: ${c.unit} target ${c.target} level ${lv}`);
    }
  }
}

const files = jsonFiles(join(repoRoot, 'tests', 'vectors'));
const counts = {};

for (const file of files) {
  const v = JSON.parse(readFileSync(file, 'utf8'));
  const rel = relative(repoRoot, file);
  test(`vector ${rel}`, () => {
    const run = runners[v.kind];
    assert.ok(run, `${rel}: unknown vector kind ${JSON.stringify(v.kind)} — teach the JS runner`);
    counts[v.kind] = (counts[v.kind] ?? 0) + 1;
    if (v.expect_error) {
      let err;
      assert.throws(
        () => run(v.input),
        (e) => {
          err = e;
          return true;
        },
        `${rel}: expected an error`,
      );
      assert.ok(err instanceof Error, `${rel}: not an Error`);
      assert.equal(err.name, 'ThiduaError');
      assert.equal(err.code, v.expect_error.code, `${rel}: ${err.message}`);
      assert.equal(err.data.code, err.code);
      if (v.expect_error.message_contains) {
        assert.ok(
          err.message.includes(v.expect_error.message_contains),
          `${rel}: ${JSON.stringify(err.message)} lacks ${JSON.stringify(v.expect_error.message_contains)}`,
        );
      }
      return;
    }
    const out = run(v.input);
    if (v.kind === 'evaluate') for (const c of v.checks ?? []) checkEvaluate(v.name, out, c);
    assert.deepStrictEqual(out, v.expect, `${rel}: output differs from the Rust runner's expect`);
  });
}

test('the vectors are there (evaluate, score and parse)', () => {
  const kinds = new Set(files.map((f) => JSON.parse(readFileSync(f, 'utf8')).kind));
  for (const k of ['evaluate', 'score', 'parse', 'award']) assert.ok(kinds.has(k), `no ${k} vectors found`);
  assert.ok(files.length >= 20, `only ${files.length} vectors`);
});

// The binding's own codes (an input or output beyond its memory limits: api.test.mjs and
// hostile.test.mjs produce them) cannot come from a shared vector.
const BINDING_CODES = new Set(['input_too_large', 'output_too_large']);

test('every error code is produced by a vector', () => {
  // Each code has an expect_error vector; the vector's own test sees it thrown through the JS API.
  const declared = new Set(
    files.map((f) => JSON.parse(readFileSync(f, 'utf8')).expect_error?.code).filter(Boolean),
  );
  const codes = thidua.errorCodes();
  const missing = codes.filter((c) => !BINDING_CODES.has(c) && !declared.has(c));
  assert.deepEqual(missing, [], `error codes that no vector produces: ${missing.join(', ')}`);
  for (const c of declared) assert.ok(codes.includes(c), `a vector expects an unknown code ${c}`);
});

test('the worked scoring example renders exactly report.txt', () => {
  const dir = 'docs/examples/clusters-kon-tum-2024';
  const input = resolveScoreInput(readJson(`${dir}/input.json`));
  const want = readFileSync(join(repoRoot, dir, 'report.txt'), 'utf8');
  assert.equal(thidua.scoreReportVi(input, true), want);
});
