// The shared differential cases (tests/differential/README.md): every generated valid input
// goes through each JavaScript input path — JSON text, JavaScript objects (JSON.parse output),
// and the Directive handle — and the canonical JSON of each output must be identical and hash
// to the digest recorded from the core's JSON-text path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers.mjs';
import * as thidua from '../pkg/node.mjs';

const dir = join(repoRoot, 'tests', 'differential');
const casesFile = join(dir, 'cases.jsonl');
const expectedFile = join(dir, 'expected.jsonl');
const ready = existsSync(casesFile) && existsSync(expectedFile);

const lines = (f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

/** Canonical JSON as the README defines it: keys sorted recursively, no whitespace. */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

test('canonical JSON follows the README (sorted keys, no whitespace, non-ASCII as itself)', () => {
  assert.equal(canonical({ b: [1, { d: 'Đạt\n', c: null }], a: true }), '{"a":true,"b":[1,{"c":null,"d":"Đạt\\n"}]}');
  assert.equal(canonical('\u001f'), '"\\u001f"');
});

test('differential cases: JSON text, objects and handles give the core\'s output', { skip: ready ? false : 'tests/differential/cases.jsonl and expected.jsonl have not landed yet' }, () => {
  const cases = lines(casesFile);
  const expected = new Map(lines(expectedFile).map((e) => [e.id, e]));
  assert.ok(cases.length >= 1000, `only ${cases.length} cases`);
  const texts = new Map();
  const fileText = (p) => {
    if (!texts.has(p)) texts.set(p, readFileSync(join(repoRoot, p), 'utf8'));
    return texts.get(p);
  };
  let compared = 0;
  for (const c of cases) {
    const want = expected.get(c.id);
    assert.ok(want, `${c.id}: no expected digest`);
    const dText = typeof c.directive === 'string' ? fileText(c.directive) : JSON.stringify(c.directive);
    const rText = JSON.stringify(c.results);
    const oText = c.options === undefined ? undefined : JSON.stringify(c.options);
    const outs = {
      text: thidua.evaluate(dText, rText, oText),
      objects: thidua.evaluate(JSON.parse(dText), JSON.parse(rText), oText === undefined ? undefined : JSON.parse(oText)),
    };
    const h = thidua.Directive.fromJSON(JSON.parse(dText));
    const ev = h.evaluate(JSON.parse(rText), oText === undefined ? undefined : JSON.parse(oText));
    outs.handle = ev.toJSON();
    ev.free();
    h.free();
    const canon = Object.fromEntries(Object.entries(outs).map(([k, v]) => [k, canonical(v)]));
    for (const k of Object.keys(canon)) {
      assert.equal(canon[k], canon.text, `${c.id}: path ${k} differs from the JSON-text path`);
    }
    const bytes = Buffer.byteLength(canon.text, 'utf8');
    const sha = createHash('sha256').update(canon.text, 'utf8').digest('hex');
    assert.equal(outs.text.units.length, want.units, `${c.id}: units`);
    assert.equal(bytes, want.bytes, `${c.id}: canonical bytes`);
    assert.equal(sha, want.sha256, `${c.id}: digest`);
    compared++;
  }
  assert.equal(compared, cases.length);
});
