// The JS runner of the bench/ harness: the thidua wasm package's batch entry
// (compileDirective / evaluateColumns) beside what a JS user would write instead — plain
// `number` and decimal.js — on the SAME rows (results_N.csv written by `bench_peers write`) and
// the SAME rule (bench/README.md), one path per process, alternated by the caller (A B A B…).
//
//   npm install --prefix bench/js            (decimal.js, pinned)
//   node bench/js/peers.mjs path NAME RESULTS_CSV RULES_CSV [CALLS]
//        NAME: thidua_batch | js_number | decimal_js
//   prints one JSON line: rows, median and best seconds of CALLS timed calls after one warm-up.
//
// Every path starts from the same columns read from the CSV (strings for unit, target and
// period; Float64Array values and baselines, as a frontend holds them) and ends with status, %
// of plan and gap for every row. thidua also groups, checks every row, builds item statuses
// and keeps every decimal exact; the peers do not.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
const Decimal = require('decimal.js');
const PKG = process.env.THIDUA_PKG || join(root, 'thidua-wasm', 'pkg');
const thidua = await import(join(PKG, 'node.mjs'));
const directive = JSON.parse(readFileSync(join(root, 'docs/examples/002_kon-tum-2024.json'), 'utf8'));

function readColumns(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.shift();
  if (!lines[lines.length - 1]) lines.pop();
  const n = lines.length;
  const c = { unit: new Array(n), target: new Array(n), period: new Array(n), value: new Float64Array(n), baseline: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const [u, t, p, v, b] = lines[i].split(',');
    c.unit[i] = u;
    c.target[i] = t;
    c.period[i] = p;
    c.value[i] = v === '' ? NaN : +v;
    c.baseline[i] = b === '' ? NaN : +b;
  }
  return c;
}

function loadRules(path) {
  const r = {};
  for (const l of readFileSync(path, 'utf8').trim().split('\n').slice(1)) {
    const [t, , mode, cmp, lo, hi] = l.split(',');
    r[t] = { dec: mode === 'decrease', strict: cmp === '>', lo: +lo, hi: +hi, dlo: new Decimal(lo), dhi: new Decimal(hi) };
  }
  return r;
}

const LAB = ['not_met', 'met', 'exceeded'];
function jsNumber(c, rules) {
  const n = c.unit.length;
  const status = new Array(n), ratio = new Float64Array(n), gap = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = rules[c.target[i]];
    const v = c.value[i];
    const ach = r.dec ? c.baseline[i] - v : v;
    const ok = r.strict ? ach > r.lo : ach >= r.lo;
    status[i] = LAB[!ok ? 0 : ach > r.hi ? 2 : 1];
    ratio[i] = Math.round((ach / r.lo) * 100 * 100) / 100;
    gap[i] = ach - r.lo;
  }
  return { status, ratio, gap };
}

const D100 = new Decimal(100);
function decimalJs(c, rules) {
  const n = c.unit.length;
  const status = new Array(n), ratio = new Array(n), gap = new Array(n);
  for (let i = 0; i < n; i++) {
    const r = rules[c.target[i]];
    // The decimal a user would build from the float column: its shortest text.
    const v = new Decimal(String(c.value[i]));
    const ach = r.dec ? new Decimal(String(c.baseline[i])).minus(v) : v;
    const k = ach.cmp(r.dlo);
    const ok = r.strict ? k > 0 : k >= 0;
    status[i] = LAB[!ok ? 0 : ach.gt(r.dhi) ? 2 : 1];
    ratio[i] = ach.times(D100).div(r.dlo).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString();
    gap[i] = ach.minus(r.dlo).toString();
  }
  return { status, ratio, gap };
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

const [mode, name, csv, rulesPath, callsArg] = process.argv.slice(2);
if (mode !== 'path') {
  console.error('usage: node peers.mjs path thidua_batch|js_number|decimal_js RESULTS_CSV RULES_CSV [CALLS]');
  process.exit(2);
}
Decimal.set({ precision: 28 });
const cols = readColumns(csv);
const rules = loadRules(rulesPath);
const compiled = thidua.compileDirective(directive);
const f = {
  // compile once (outside the timing), evaluate the columns, read status / ratio / gap out
  thidua_batch: () => {
    const r = compiled.evaluateColumns(cols);
    const o = { status: r.status, ratio: r.ratio, gap: r.gap };
    r.free();
    return o;
  },
  js_number: () => jsNumber(cols, rules),
  decimal_js: () => decimalJs(cols, rules),
}[name];
if (!f) throw new Error(`unknown path ${name}`);
const first = now();
let o = f();
const firstS = now() - first;
o = null;
const ts = [];
for (let i = 0; i < Number(callsArg || 3); i++) {
  const s = now();
  o = f();
  ts.push(now() - s);
  o = null;
}
const rows = cols.unit.length;
console.log(JSON.stringify({ path: name, rows, first_call_s: firstS, median_s: median(ts), best_s: Math.min(...ts), ns_per_row: (median(ts) * 1e9) / rows }));
