// The columnar scoring entry (compileScheme / CompiledScheme.score / scoreColumns): a batch
// evaluated by the compiled engine, scored, classified and ranked by the core's compiled
// scoring. Every answer is checked against the row-wise `score` on the same rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, jsonFiles, readJson, COLUMNS, toColumns } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const kontum = readJson('docs/examples/002_kon-tum-2024.json');
const scheme1000 = readJson('docs/examples/scheme-1000.json');
const doc = (v) => (typeof v === 'string' ? readJson(v) : v);
const STAGE_DOCS = ['evaluation', 'results', 'council_points', 'bonuses', 'penalties'];

function outcome(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    assert.equal(e.name, 'ThiduaError', String(e?.stack ?? e));
    return { code: e.code, message: e.message };
  }
}

// The row-wise answer: `score` with `stage` as the only stage, each unit's final numbers.
function rowWise(input, stage) {
  const report = thidua.score({ ...input, stages: [stage] });
  const out = {};
  for (const u of report.units) {
    const card = u.scorecards[u.scorecards.length - 1];
    out[u.unit] = {
      total: card.total,
      criteriaTotal: Number(card.criteria_total),
      points: Object.fromEntries(card.criteria.map((c) => [c.criterion, c.points ?? null])),
      band: u.band ? u.band.band : null,
      rank: u.rank ?? null,
      tied: u.tied,
      card,
    };
  }
  return out;
}

function compiled(result) {
  const out = {};
  for (const [u, r] of result.toRows().entries()) {
    out[r.unit] = {
      total: r.total,
      // a bare 0 criteria total of the row-wise card is 0 at the digits here: equal by value
      criteriaTotal: Number(r.criteriaTotal),
      points: r.points,
      band: r.band,
      rank: r.rank,
      tied: r.tied,
      card: result.scorecard(u),
    };
  }
  return out;
}

function same(got, want, what) {
  assert.deepStrictEqual(Object.keys(got).sort(), Object.keys(want).sort(), what);
  for (const [unit, w] of Object.entries(want)) {
    const g = got[unit];
    const points = Object.fromEntries(Object.entries(g.points).filter(([c]) => c in w.points));
    assert.deepStrictEqual({ ...g, points }, w, `${what}: ${unit}`);
  }
}

// Each scoring vector with a directive and raw results in its final stage: a scheme the
// compiled path refuses gives the row-wise error; the others are scored when their rows fit the
// columns (unit, target, period, value, baseline, provenance as decimal text — rows with a
// `judgement` go through `score` only).
test('every shared scoring vector that fits gives the numbers, scorecards or error of score', () => {
  let refused = 0;
  let scored = 0;
  for (const file of jsonFiles(join(repoRoot, 'tests', 'vectors', 'scoring'))) {
    const v = JSON.parse(readFileSync(file, 'utf8'));
    const inp = v.input;
    const last = inp.stages?.[inp.stages.length - 1];
    if (!inp.directive || !last || last.results === undefined || inp.exclusions?.length || inp.targets !== undefined) continue;
    const final = Object.fromEntries(Object.entries(last).map(([k, x]) => [k, STAGE_DOCS.includes(k) ? doc(x) : x]));
    const rows = final.results;
    delete final.results;
    const list = Array.isArray(rows) ? rows : rows?.entries;
    const input = {
      scheme: doc(inp.scheme), directive: doc(inp.directive), roster: doc(inp.roster),
      ...(inp.options === undefined ? {} : { options: doc(inp.options) }),
      ...(inp.period === undefined ? {} : { period: inp.period }),
    };
    const want = outcome(() => rowWise(input, { ...final, results: list }));
    const c = thidua.compileDirective(input.directive, input.options);
    try {
      const compiledScheme = outcome(() => thidua.compileScheme(input.scheme, c));
      if (compiledScheme.code) {
        // refused when compiling: the row-wise error (a scheme that is not JSON of a scheme is
        // read alone here: same code, its own wording)
        assert.equal(compiledScheme.code, want.code, file);
        if (want.code !== 'json') assert.equal(compiledScheme.message, want.message, file);
        refused++;
        continue;
      }
      const s = compiledScheme.ok;
      try {
        const fits = list.every(
          (r) => Object.keys(r).every((k) => COLUMNS.has(k)) &&
            ['value', 'baseline'].every((k) => r[k] === undefined || r[k] === null || typeof r[k] === 'string'),
        );
        if (!fits) continue;
        const got = outcome(() => {
          const r = s.scoreColumns(toColumns(list), input.roster, { stage: final, period: input.period });
          try {
            return compiled(r);
          } finally {
            r.free();
          }
        });
        if (want.code) assert.deepStrictEqual(got, want, file);
        else same(got.ok, want.ok, file);
        scored++;
      } finally {
        s.free();
      }
    } finally {
      c.free();
    }
  }
  assert.ok(refused >= 3, `only ${refused} refused schemes compared`);
  assert.ok(scored >= 1, `only ${scored} scoring vectors fit the columns`);
});

// Kon Tum 2024 × the 1,000-point example scheme: units in clusters and blocs, random values
// (some missing, some not applicable), council points, bonuses and penalties.
function cluster(units, seed) {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const c = thidua.compileDirective(kontum);
  const ids = c.targetIds;
  c.free();
  const rows = [];
  const roster = [];
  const council = [];
  const bonuses = [];
  const penalties = [];
  const groups = ['Cụm 1', 'Cụm 2', 'Khối A'];
  for (let u = 0; u < units; u++) {
    const unit = `Huyện ${u}`;
    const g = groups[Math.floor(rnd() * groups.length)];
    roster.push({ unit, group: g, kind: g.startsWith('Khối') ? 'bloc' : 'cluster' });
    for (const id of ids) {
      const roll = rnd();
      if (roll < 0.06) continue;
      const row = { unit, target: id, period: '2024' };
      if (id === '8') Object.assign(row, { value: String((150 - Math.floor(rnd() * 60)) / 10), baseline: '15' });
      else if (id.startsWith('12')) Object.assign(row, { value: String(20 + Math.floor(rnd() * 25)), baseline: String(30 + Math.floor(rnd() * 10)) });
      else row.value = String(Math.round(rnd() * 10000) / 100);
      rows.push(row);
    }
    for (const sec of scheme1000.sections) {
      for (const cr of sec.criteria) {
        if (cr.rule.kind === 'council' && rnd() < 0.9) {
          council.push({ unit, criterion: cr.id, points: String(Math.floor(rnd() * Number(cr.max) * 4) / 4) });
        }
      }
    }
    for (const b of scheme1000.bonus.fixed) if (rnd() < 0.2) bonuses.push({ unit, id: b.id });
    for (const p of scheme1000.penalties) if (rnd() < 0.15) penalties.push({ unit, id: p.id });
  }
  return { rows, roster, stage: { stage: 'cluster_review', council_points: council, bonuses, penalties } };
}

test('random clusters: the same totals, points, bands, ranks, ties and scorecards as score', () => {
  const c = thidua.compileDirective(kontum);
  const s = thidua.compileScheme(scheme1000, c);
  try {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { rows, roster, stage } = cluster(5 + seed * 3, seed);
      const want = rowWise({ scheme: scheme1000, directive: kontum, roster }, { ...stage, results: rows });
      const batch = c.evaluateColumns(toColumns(rows));
      const r = s.score(batch, roster, { stage });
      try {
        assert.equal(r.length, roster.length);
        assert.deepStrictEqual(r.unit, roster.map((x) => x.unit));
        assert.deepStrictEqual(r.group, roster.map((x) => x.group));
        assert.deepStrictEqual(r.kind, roster.map((x) => x.kind));
        same(compiled(r), want, `seed ${seed}`);
        assert.ok(r.rowWiseUnits < r.length, `seed ${seed}: every unit row-wise`);
        // scoreColumns: the same numbers from the columns directly
        const again = s.scoreColumns(toColumns(rows), roster, { stage });
        assert.deepStrictEqual(again.toRows(), r.toRows());
        again.free();
      } finally {
        r.free();
        batch.free();
      }
    }
  } finally {
    s.free();
    c.free();
  }
});

test('one-shot scoreColumns, uncovered schemes, typed errors, freed objects', () => {
  const { rows, roster, stage } = cluster(8, 11);
  const r = thidua.scoreColumns(scheme1000, kontum, toColumns(rows), roster, { stage });
  const want = rowWise({ scheme: scheme1000, directive: kontum, roster }, { ...stage, results: rows });
  same(compiled(r), want, 'one-shot');
  assert.deepStrictEqual(r.criterionIds, scheme1000.sections.flatMap((x) => x.criteria.map((cr) => cr.id)));
  r.free();
  assert.throws(() => r.scorecard(0), { name: 'ThiduaError' });

  assert.deepStrictEqual(thidua.CompiledScheme.uncovered(scheme1000), []);
  const huge = '79228162514264337593543950';
  const bad = {
    name: 'x', scale: huge, rounding: { digits: 2, mode: 'half_even' }, missing_result: 'zero',
    sections: [{ id: 'A', name: 'A', criteria: [{ id: 'A1', name: 'a', max: huge, targets: ['1'], rule: { kind: 'all_or_nothing' } }] }],
    classification: { basis: 'total', bands: [{ id: 'k', label_vi: 'k', label_en: 'k' }] },
  };
  assert.deepStrictEqual(thidua.CompiledScheme.uncovered(bad), [
    { location: 'sections[0].criteria[0].max', reason: 'the maximum is beyond the fixed-point range' },
  ]);
  const c = thidua.compileDirective(kontum);
  try {
    assert.throws(() => thidua.compileScheme(bad, c), (e) => e.code === 'invalid_scheme' && /not covered by the compiled scoring path/.test(e.message));
    const s = thidua.compileScheme(scheme1000, c);
    // a roster entry the core refuses, located under `roster`
    const wrong = [{ ...roster[0], kind: 'town' }, ...roster.slice(1)];
    assert.throws(() => s.scoreColumns(toColumns(rows), wrong, { stage }), (e) => e.code === 'json' && e.loc[0] === 'roster');
    // a unit with results but not on the roster: the row-wise error, word for word
    const short = roster.slice(1);
    const rowErr = outcome(() => thidua.score({ scheme: scheme1000, directive: kontum, roster: short, stages: [{ ...stage, results: rows }] }));
    const colErr = outcome(() => s.scoreColumns(toColumns(rows), short, { stage }));
    assert.ok(rowErr.code);
    assert.deepStrictEqual(colErr, rowErr);
    // a batch of another compiled directive is refused by the core
    const other = thidua.compileDirective(kontum);
    const b = other.evaluateColumns(toColumns(rows));
    assert.throws(() => s.score(b, roster), (e) => e.code === 'invalid_input' && /another compiled directive/.test(e.message));
    assert.throws(() => s.score({}, roster), { name: 'ThiduaError' });
    b.free();
    other.free();
    s.free();
    assert.throws(() => s.scoreColumns(toColumns(rows), roster), { name: 'ThiduaError' });
  } finally {
    c.free();
  }
});
