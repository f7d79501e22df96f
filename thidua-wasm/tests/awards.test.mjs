// The award API of the JavaScript package (src/awards.rs, the Awards section of js/api.js):
// rule sets, history, eligibility, the pipeline, typed errors. The shared vectors of
// tests/vectors/awards are run by vectors.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readJson } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const require = createRequire(import.meta.url);

const person = {
  date: '2024-12-20',
  year: 2024,
  rule_sets: ['vn-nd98-2023'],
  history: {
    subjects: [{ id: 'an', kind: 'individual', name: 'Nguyễn Thị An', gender: 'female', records_from: 2021 }],
    titles: [2023, 2024].map((year) => ({ subject: 'an', year, title: 'chien_si_thi_dua_co_so' })),
    events: [{ subject: 'an', year: 2024, event: 'initiative', level: 'province' }],
  },
  candidates: [{ subject: 'an', title: 'chien_si_thi_dua_tinh' }],
};

// The worked example with its documents read (as the vector runner does).
function example() {
  const input = readJson('docs/examples/awards-2024/input.json');
  input.history = readJson(input.history);
  const score = readJson(input.score);
  for (const k of ['scheme', 'directive', 'roster']) score[k] = readJson(score[k]);
  score.stages = score.stages.map((s) => {
    const st = { ...s };
    for (const k of ['results', 'council_points']) if (typeof st[k] === 'string') st[k] = readJson(st[k]);
    return st;
  });
  input.score = score;
  return input;
}

test('shipped rule sets are dated and cite their sources', () => {
  assert.deepEqual(thidua.awardRuleSetIds(), ['vn-nd98-2023', 'vn-nd152-2025', 'example-province']);
  const nd98 = thidua.awardRuleSet('vn-nd98-2023');
  assert.equal(nd98.valid_from, '2024-01-01');
  assert.equal(nd98.valid_until, '2025-06-30');
  for (const r of nd98.rules) for (const c of r.clauses) assert.ok(['verified', 'unverified'].includes(c.source.verification.status));
  assert.equal(thidua.awardRuleSet('example-province').example, true);
  assert.deepEqual(thidua.loadAwardRuleSet(JSON.stringify(nd98)), nd98);
});

test('eligibility explains each clause and names the closest title', () => {
  const r = thidua.checkAwards(person);
  const e = r.eligibility[0];
  assert.equal(e.status, 'not_eligible');
  assert.ok(e.lacking.some((l) => l.vi.includes('còn thiếu 1 năm "Chiến sĩ thi đua cơ sở"')), JSON.stringify(e.lacking));
  const a = e.clauses.find((c) => c.clause === 'a');
  assert.equal(a.outcome, 'not_met');
  assert.equal(a.source.article, 'Điều 21 khoản 2 điểm a');
  assert.equal(r.closest[0].title, 'chien_si_thi_dua_tinh');
});

test('the pipeline decides the worked example with exact money', () => {
  const r = thidua.decideAwards(example());
  const an = r.decisions.find((d) => d.subject === 'nguyen-thi-an' && d.title === 'chien_si_thi_dua_tinh');
  assert.equal(an.status, 'approved');
  assert.equal(an.money.amount, '7020000'); // a decimal string, never a rounded number
  assert.equal(r.totals.amount, '16380000');
  const flag = r.decisions.find((d) => d.subject === 'Huyện Đắk Lâm' && d.title === 'co_thi_dua_tinh');
  assert.equal(flag.status, 'not_eligible');
  assert.ok(thidua.awardReportVi(example()).includes('TỔNG CỘNG: 4 khen thưởng được thông qua'));
  // The same through CommonJS.
  const cjs = require('../pkg/node/index.cjs');
  assert.deepEqual(cjs.decideAwards(example()), r);
});

test('errors are ThiduaErrors with a code and a path', () => {
  assert.throws(() => thidua.decideAwards({ ...person, date: '2023-06-01', year: 2023 }), (e) => {
    assert.ok(e instanceof thidua.ThiduaError);
    assert.equal(e.code, 'invalid_input');
    assert.match(e.message, /no national rule set applies on 2023-06-01/);
    return true;
  });
  assert.throws(
    () => thidua.decideAwards({ ...person, council: { members: 20, present: 15 }, ballots: [{ subject: 'an', title: 'chien_si_thi_dua_tinh', yes: 16 }] }),
    (e) => e.code === 'invalid_input' && e.message.includes('ballots[0].yes') && e.loc[0] === 'ballots',
  );
  assert.throws(() => thidua.loadAwardHistory({ subjects: [{ id: 'a', kind: 'individual' }, { id: 'a', kind: 'individual' }] }), (e) => e.code === 'duplicate_id');
  assert.throws(() => thidua.awardRuleSet('vn-nd99'), (e) => e.code === 'invalid_input');
  assert.throws(() => thidua.decideAwards({ ...person, year: Number.NaN }), (e) => e.code === 'invalid_number');
  assert.throws(() => thidua.checkAwards('{'), (e) => e.code === 'json');
});
