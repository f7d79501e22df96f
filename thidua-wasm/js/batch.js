// thidua — the batch entry: results as columns (arrays or typed arrays), evaluated by the
// core's compiled engine, answers as columns. Compile a directive once, evaluate many batches
// (a cluster of hundreds of units on every keystroke). This file only converts; every rule is
// in the core. Re-exported by api.js.
//
//   const c = compileDirective(directive, options);        // once
//   const r = c.evaluateColumns({ unit, target, period, value, baseline });
//   r.status[i], r.ratio[i], r.gap[i] …                      // one entry per output row
//   r.explanation(i)                                         // built on demand
//   c.free(); r.free();
//
//   const s = compileScheme(scheme, c);                      // once: the rules as kernels
//   const sc = s.scoreColumns({ unit, target, … }, roster);  // or s.score(r, roster)
//   sc.total[u], sc.rank[u], sc.band[u], sc.points('A1')[u]  // one entry per roster unit
//   sc.scorecard(u)                                          // built on demand
import * as raw from './web/thidua_wasm.js';
import { ThiduaError } from './api.js';

function fail(message, location) {
  return new ThiduaError('invalid_input', message, {
    loc: [location],
    data: { code: 'invalid_input', location, reason: message },
  });
}

function core(fn) {
  try {
    return fn();
  } catch (e) {
    if (typeof e === 'string' && e.startsWith('{')) {
      let f = null;
      try {
        f = JSON.parse(e);
      } catch {
        f = null;
      }
      if (f && typeof f.code === 'string') {
        // the core's structured path (["results", 3, "value"]), as api.js reads it
        const loc = Array.isArray(f.data?.loc) ? f.data.loc
          : typeof f.data?.location === 'string' ? [f.data.location] : [];
        throw new ThiduaError(f.code, f.message, { loc, data: f.data });
      }
    }
    throw e;
  }
}

function jsonText(v, what) {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v);
  } catch (e) {
    throw fail(`${what} cannot be written as JSON: ${e.message}`, what);
  }
}

function lengthOf(v, name) {
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return v.length;
  throw fail(`column ${name} must be an array or a typed array`, name);
}

// A text column: either an array of strings (dictionary-encoded here) or
// `{ values: string[], index: Uint32Array | number[] }` (already encoded).
function dictionary(col, name, n) {
  if (col && !Array.isArray(col) && Array.isArray(col.values) && col.index !== undefined) {
    const index = col.index instanceof Uint32Array ? col.index : Uint32Array.from(col.index);
    if (index.length !== n) throw fail(`column ${name}: ${index.length} rows where the unit column has ${n}`, name);
    for (const [k, s] of col.values.entries()) {
      if (typeof s !== 'string') throw fail(`column ${name}: value ${k} is not a string`, name);
    }
    return [col.values, index];
  }
  if (lengthOf(col, name) !== n) throw fail(`column ${name}: ${col.length} rows where the unit column has ${n}`, name);
  const values = [];
  const seen = new Map();
  const index = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let s = col[i];
    if (typeof s === 'number' && Number.isInteger(s)) s = String(s); // a year: 2024
    if (typeof s !== 'string') throw fail(`column ${name}, row ${i}: expected a string`, name);
    let k = seen.get(s);
    if (k === undefined) {
      k = values.length;
      values.push(s);
      seen.set(s, k);
    }
    index[i] = k;
  }
  return [values, index];
}

const EMPTY_F64 = new Float64Array(0);
const UTF8 = new TextEncoder();
const EMPTY_U32 = new Uint32Array(0);

// A numeric column: a Float64Array or numbers (read as their shortest decimal; NaN, null and
// undefined are missing), or decimal strings (exact; null, undefined and '' are missing).
function numbers(col, name, n) {
  if (col === undefined || col === null) return [EMPTY_F64, '', EMPTY_U32];
  if (lengthOf(col, name) !== n) throw fail(`column ${name}: ${col.length} rows where the unit column has ${n}`, name);
  if (col instanceof Float64Array) return [col, '', EMPTY_U32];
  if (ArrayBuffer.isView(col)) {
    if (col instanceof BigInt64Array || col instanceof BigUint64Array) {
      return numbers(Array.from(col, (x) => x.toString()), name, n);
    }
    return [Float64Array.from(col), '', EMPTY_U32];
  }
  const strings = col.some((v) => typeof v === 'string');
  if (!strings) {
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (v === null || v === undefined) f[i] = NaN;
      else if (typeof v === 'number') f[i] = v;
      else throw fail(`column ${name}, row ${i}: expected a number or a decimal string`, name);
    }
    return [f, '', EMPTY_U32];
  }
  const parts = new Array(n);
  const offsets = new Uint32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    let v = col[i];
    if (v === null || v === undefined) v = '';
    else if (typeof v === 'number') {
      if (Number.isNaN(v)) v = '';
      else if (!Number.isFinite(v)) throw fail(`column ${name}, row ${i}: ${v} is not a finite number`, name);
      else v = String(v);
    } else if (typeof v !== 'string') throw fail(`column ${name}, row ${i}: expected a number or a decimal string`, name);
    // Offsets are in UTF-8 bytes; decimal text is ASCII (anything else: the core says why
    // it is not a number, with the row).
    let bytes = v.length;
    for (let j = 0; j < v.length; j++) {
      if (v.charCodeAt(j) > 0x7f) {
        bytes = UTF8.encode(v).length;
        break;
      }
    }
    parts[i] = v;
    at += bytes;
    offsets[i + 1] = at;
  }
  return [EMPTY_F64, parts.join(''), offsets];
}

function decimals(text, n) {
  if (n === 0) return [];
  const out = text.split(',');
  for (let i = 0; i < out.length; i++) if (out[i] === '') out[i] = null;
  return out;
}

// The raw (wasm) objects of the public ones, for the scoring entry (module-private).
const rawCompiledOf = new WeakMap();
const rawBatchOf = new WeakMap();
const rawSchemeOf = new WeakMap();
// What a ScoreResult frees with itself (the batch `scoreColumns` evaluated, a one-shot scheme).
const ownedBy = new WeakMap();

const released = () => new ThiduaError('invalid_input', 'this object was freed', { data: { code: 'invalid_input' } });

/**
 * The answers of one batch, as columns (one entry per output row). Each column is read out of
 * the WebAssembly memory when first used (and kept), so a page that shows only the status and
 * the % of plan pays for nothing else; read them before `free()`.
 */
export class BatchResult {
  #raw;
  #ids;
  #cache = new Map();
  constructor(rawBatch, targetIds) {
    this.#raw = rawBatch;
    this.#ids = targetIds;
    rawBatchOf.set(this, rawBatch);
    /** Number of output rows: one per (unit, period) × target. */
    this.rows = rawBatch.rows();
    const units = rawBatch.groupUnits();
    const periods = rawBatch.groupPeriods();
    /** The (unit, period) pairs, in order of first appearance. */
    this.groups = units.map((u, g) => ({ unit: u, period: periods[g] }));
    /** The status names the codes index. */
    this.statusNames = rawBatch.statusNames();
  }
  #column(name, make) {
    let c = this.#cache.get(name);
    if (c === undefined) {
      c = make(this.#live());
      this.#cache.set(name, c);
    }
    return c;
  }
  #perRow(name, of) {
    return this.#column(name, () => {
      const nt = this.#ids.length;
      const out = new Array(this.rows);
      for (let r = 0; r < this.rows; r++) out[r] = of(r, (r / nt) | 0, nt);
      return out;
    });
  }
  /** The unit of each row. */
  get unit() {
    return this.#perRow('unit', (r, g) => this.groups[g].unit);
  }
  /** The period of each row. */
  get period() {
    return this.#perRow('period', (r, g) => this.groups[g].period);
  }
  /** The target id of each row. */
  get target() {
    return this.#perRow('target', (r, g, nt) => this.#ids[r - g * nt]);
  }
  /** The status codes (index into `statusNames`), one byte a row. */
  get statusCodes() {
    return this.#column('statusCodes', (raw) => raw.status());
  }
  /** The status of each row ("exceeded", "met", …). */
  get status() {
    const codes = this.statusCodes;
    return this.#perRow('status', (r) => this.statusNames[codes[r]]);
  }
  /** % of plan: exact decimal strings, null where there is none. */
  get ratio() {
    return this.#decimals('ratio');
  }
  /** The gap to the threshold (exact decimal strings or null). */
  get gap() {
    return this.#decimals('gap');
  }
  /** The result compared (exact decimal strings or null). */
  get result() {
    return this.#decimals('result');
  }
  /** The baseline (exact decimal strings or null). */
  get baseline() {
    return this.#decimals('baseline');
  }
  /** What was achieved (the value, or the reduction from the baseline). */
  get achieved() {
    return this.#decimals('achieved');
  }
  /** The threshold the result was compared with. */
  get threshold() {
    return this.#decimals('threshold');
  }
  /** Whether each row's threshold was pro-rated to its period. */
  get proRata() {
    return this.#column('proRata', (raw) => Array.from(raw.proRata(), (x) => x === 1));
  }
  /** The input row each output row was read from (-1: no row). */
  get sourceRow() {
    return this.#column('sourceRow', (raw) => raw.sourceRows());
  }
  #decimals(name) {
    return this.#column(name, (raw) => decimals(core(() => raw.decimals(name)), this.rows));
  }
  #live() {
    if (!this.#raw) throw released();
    return this.#raw;
  }
  /** The explanation of row `row` ({vi, en}), built now. */
  explanation(row) {
    const r = this.#live();
    return JSON.parse(core(() => r.explanation(row)));
  }
  /** The whole target evaluation of row `row` (as in `evaluate`), built now. */
  targetEvaluation(row) {
    const r = this.#live();
    return JSON.parse(core(() => r.targetEvaluation(row)));
  }
  /** The counts and headline of group `g`. */
  summary(g) {
    const r = this.#live();
    return JSON.parse(core(() => r.summary(g)));
  }
  /** The warnings (valid but suspicious input). */
  warnings() {
    const r = this.#live();
    return JSON.parse(core(() => r.warnings()));
  }
  /** The whole Evaluation, identical to `evaluate` on the same rows. */
  toJSON() {
    const r = this.#live();
    return JSON.parse(core(() => r.toJson()));
  }
  /** Frees the WebAssembly memory of this result (the columns stay readable). */
  free() {
    if (this.#raw) this.#raw.free();
    this.#raw = null;
    rawBatchOf.delete(this);
  }
}

/** A directive compiled for evaluation: compile once, evaluate many batches of columns. */
export class CompiledDirective {
  #raw;
  #ids;
  constructor(rawCompiled) {
    this.#raw = rawCompiled;
    this.#ids = rawCompiled.targetIds();
    rawCompiledOf.set(this, rawCompiled);
  }
  /** The target ids, in directive order (the order of the rows of each group). */
  get targetIds() {
    return this.#ids.slice();
  }
  /**
   * Evaluates columns `{ unit, target, period, value?, baseline?, provenance? }`: text
   * columns are arrays of strings (or `{ values, index }`), numeric columns a Float64Array,
   * numbers or decimal strings (exact). Returns a BatchResult.
   */
  evaluateColumns(columns) {
    if (!this.#raw) throw released();
    if (columns === null || typeof columns !== 'object') throw fail('columns must be an object of columns', 'columns');
    const known = new Set(['unit', 'target', 'period', 'value', 'baseline', 'provenance']);
    for (const k of Object.keys(columns)) {
      if (!known.has(k)) throw fail(`unknown column ${JSON.stringify(k)} (the columns are ${[...known].join(', ')})`, k);
    }
    for (const k of ['unit', 'target', 'period']) {
      if (columns[k] === undefined) throw fail(`column ${k} is missing (unit, target and period are required)`, k);
    }
    const u = columns.unit;
    const n = Array.isArray(u) || ArrayBuffer.isView(u) ? u.length : u?.index?.length;
    if (typeof n !== 'number') throw fail('column unit must be an array', 'unit');
    const [uv, ui] = dictionary(u, 'unit', n);
    const [tv, ti] = dictionary(columns.target, 'target', n);
    const [pv, pi] = dictionary(columns.period, 'period', n);
    const [vf, vt, vo] = numbers(columns.value, 'value', n);
    const [bf, bt, bo] = numbers(columns.baseline, 'baseline', n);
    let pr = [[], EMPTY_U32];
    if (columns.provenance !== undefined && columns.provenance !== null) {
      const p = Array.isArray(columns.provenance)
        ? columns.provenance.map((x) => (x === null || x === undefined ? '' : x))
        : columns.provenance;
      pr = dictionary(p, 'provenance', n);
    }
    const raw = this.#raw;
    const b = core(() => raw.evaluate(uv, ui, tv, ti, pv, pi, vf, vt, vo, bf, bt, bo, pr[0], pr[1]));
    try {
      return new BatchResult(b, this.#ids);
    } catch (e) {
      b.free();
      throw e;
    }
  }
  /** Frees the WebAssembly memory of the compiled directive. */
  free() {
    if (this.#raw) this.#raw.free();
    this.#raw = null;
    rawCompiledOf.delete(this);
  }
}

/**
 * Compiles a directive (object, JSON text or Directive) with evaluation options and, optionally,
 * each unit's own targets (see `loadTargets`).
 */
export function compileDirective(directive, options, targets) {
  const d = jsonText(directive, 'directive');
  if (d === undefined) throw fail('a directive is required', 'directive');
  const o = jsonText(options, 'evaluation options');
  const t = jsonText(targets, 'target table');
  return new CompiledDirective(core(() => raw.RawCompiled.compile(d, o, t)));
}

/** Evaluates columns once (compiles, evaluates, frees): see `CompiledDirective.evaluateColumns`. */
export function evaluateColumns(directive, columns, options, targets) {
  const c = compileDirective(directive, options, targets);
  try {
    return c.evaluateColumns(columns);
  } finally {
    c.free();
  }
}

/**
 * The scores of one batch, as columns: one entry per roster unit, in roster order. Totals and
 * points are exact decimal strings at the scheme's digits. Each column is read out of the
 * WebAssembly memory when first used (and kept); read them before `free()`.
 */
export class ScoreResult {
  #raw;
  #scheme;
  #batch;
  #criteria;
  #bandIds;
  #cache = new Map();
  constructor(rawScores, scheme, batch, owned) {
    const rawScheme = rawSchemeOf.get(scheme);
    this.#raw = rawScores;
    this.#scheme = scheme;
    this.#batch = batch;
    ownedBy.set(this, owned);
    this.#criteria = rawScheme.criterionIds();
    this.#bandIds = rawScheme.bandIds();
    /** Number of units (the roster's). */
    this.length = rawScores.len();
    /** How many units the core scored row-wise (same numbers; the kernels could not prove them exact). */
    this.rowWiseUnits = rawScores.rowWiseUnits();
  }
  #column(name, make) {
    let c = this.#cache.get(name);
    if (c === undefined) {
      c = make(this.#live());
      this.#cache.set(name, c);
    }
    return c;
  }
  #live() {
    if (!this.#raw) throw released();
    return this.#raw;
  }
  /** The criterion ids, in scheme order. */
  get criterionIds() {
    return this.#criteria.slice();
  }
  /** The unit of each entry (roster order). */
  get unit() {
    return this.#column('unit', (raw) => raw.units());
  }
  /** Each unit's cluster or bloc. */
  get group() {
    return this.#column('group', (raw) => raw.groups());
  }
  /** Each unit's group kind ("cluster" or "bloc"). */
  get kind() {
    return this.#column('kind', (raw) => raw.kinds());
  }
  /** The totals (exact decimal strings). */
  get total() {
    return this.#column('total', (raw) => decimals(core(() => raw.totals()), this.length));
  }
  /** The criteria totals, before bonuses and penalties (exact decimal strings). */
  get criteriaTotal() {
    return this.#column('criteriaTotal', (raw) => decimals(core(() => raw.criteriaTotals()), this.length));
  }
  /** Each unit's band id, null when not eligible. */
  get band() {
    return this.#column('band', (raw) => Array.from(raw.bands(), (b) => (b < 0 ? null : this.#bandIds[b])));
  }
  /** Each unit's rank inside its group, null when not ranked. */
  get rank() {
    return this.#column('rank', (raw) => Array.from(raw.ranks(), (r) => (r === 0 ? null : r)));
  }
  /** Whether each unit shares its rank. */
  get tied() {
    return this.#column('tied', (raw) => Array.from(raw.tied(), (t) => t === 1));
  }
  /** Criterion `id`'s points of every unit (exact decimal strings; null: left out). */
  points(id) {
    const c = this.#criteria.indexOf(id);
    if (c < 0) throw fail(`unknown criterion ${JSON.stringify(id)} (the criteria are ${this.#criteria.join(', ')})`, 'criterion');
    return this.#column(`points:${id}`, (raw) => decimals(core(() => raw.points(c)), this.length));
  }
  /** Unit `u`'s scorecard (criteria, sections, bonuses, penalties, with their reasons), built now. */
  scorecard(u) {
    const raw = this.#live();
    const b = rawBatchOf.get(this.#batch);
    const s = rawSchemeOf.get(this.#scheme);
    if (b === undefined || s === undefined) throw released();
    return JSON.parse(core(() => s.scorecard(b, raw, u)));
  }
  /** One plain object per unit: unit, group, kind, total, criteriaTotal, band, rank, tied, points. */
  toRows() {
    const ids = this.#criteria;
    const pts = ids.map((id) => this.points(id));
    return this.unit.map((unit, u) => ({
      unit,
      group: this.group[u],
      kind: this.kind[u],
      total: this.total[u],
      criteriaTotal: this.criteriaTotal[u],
      band: this.band[u],
      rank: this.rank[u],
      tied: this.tied[u],
      points: Object.fromEntries(ids.map((id, c) => [id, pts[c][u]])),
    }));
  }
  /** Frees the WebAssembly memory of these scores (and of the batch `scoreColumns` evaluated). */
  free() {
    if (this.#raw) this.#raw.free();
    this.#raw = null;
    for (const o of ownedBy.get(this) ?? []) o.free();
    ownedBy.delete(this);
  }
}

function scoreArgs(roster, opts, what) {
  const o = opts ?? {};
  if (typeof o !== 'object') throw fail(`${what} options must be an object ({ stage, period })`, 'options');
  const r = jsonText(roster, 'roster');
  if (r === undefined) throw fail('a roster is required ([{ unit, group, kind }])', 'roster');
  const period = o.period === undefined || o.period === null ? undefined : String(o.period);
  return [r, jsonText(o.stage, 'stage'), period];
}

/** A scoring scheme compiled for one CompiledDirective: score many of its batches. */
export class CompiledScheme {
  #raw;
  #directive;
  constructor(rawScheme, directive) {
    this.#raw = rawScheme;
    this.#directive = directive;
    rawSchemeOf.set(this, rawScheme);
  }
  /** The compiled directive the scheme was compiled for. */
  get directive() {
    return this.#directive;
  }
  /** The criterion ids, in scheme order. */
  get criterionIds() {
    return this.#raw ? this.#raw.criterionIds() : [];
  }
  #live() {
    if (!this.#raw) throw released();
    return this.#raw;
  }
  /**
   * Scores, classifies and ranks a BatchResult of this scheme's directive for `roster`
   * (`[{ unit, group, kind }]`), with `{ stage, period }`: `stage` one stage's
   * `council_points`, `bonuses` and `penalties` with its `stage` name (a stage of `score`'s
   * input without `evaluation` or `results`), `period` when the batch holds several.
   * The numbers are those of `score` for the same rows as a single stage.
   */
  score(batch, roster, opts) {
    const raw = this.#live();
    const b = batch instanceof BatchResult ? rawBatchOf.get(batch) : undefined;
    if (b === undefined) throw fail('batch must be a BatchResult (not freed) of this scheme\'s directive', 'batch');
    const [r, st, p] = scoreArgs(roster, opts, 'score');
    return new ScoreResult(core(() => raw.score(b, r, st, p)), this, batch, []);
  }
  /** Evaluates `columns` (see `CompiledDirective.evaluateColumns`) and scores them: see `score`. */
  scoreColumns(columns, roster, opts) {
    const raw = this.#live();
    const [r, st, p] = scoreArgs(roster, opts, 'scoreColumns');
    const batch = this.#directive.evaluateColumns(columns);
    try {
      return new ScoreResult(core(() => raw.score(rawBatchOf.get(batch), r, st, p)), this, batch, [batch]);
    } catch (e) {
      batch.free();
      throw e;
    }
  }
  /** What `scheme` needs that the compiled path does not cover: `[{ location, reason }]` (empty: it compiles). */
  static uncovered(scheme) {
    const s = jsonText(scheme, 'scoring scheme');
    if (s === undefined) throw fail('a scheme is required', 'scheme');
    return JSON.parse(core(() => raw.RawScheme.uncovered(s)));
  }
  /** Frees the WebAssembly memory of the compiled scheme (not its directive's). */
  free() {
    if (this.#raw) this.#raw.free();
    this.#raw = null;
    rawSchemeOf.delete(this);
  }
}

/**
 * Compiles a scoring scheme (object or JSON text) for a CompiledDirective (`compileDirective`).
 * A scheme the compiled path does not cover throws `invalid_scheme` ("not covered by the
 * compiled scoring path: …"; see `CompiledScheme.uncovered`).
 */
export function compileScheme(scheme, directive) {
  const rd = directive instanceof CompiledDirective ? rawCompiledOf.get(directive) : undefined;
  if (rd === undefined) throw fail('directive must be a CompiledDirective (compileDirective), not freed', 'directive');
  const s = jsonText(scheme, 'scoring scheme');
  if (s === undefined) throw fail('a scheme is required', 'scheme');
  return new CompiledScheme(core(() => raw.RawScheme.compile(s, rd)), directive);
}

/**
 * Evaluates and scores columns once (compiles the directive and the scheme, scores, frees them):
 * `opts` is `{ options, targets, stage, period }`. See `CompiledScheme.scoreColumns`.
 */
export function scoreColumns(scheme, directive, columns, roster, opts) {
  const o = opts ?? {};
  const c = compileDirective(directive, o.options, o.targets);
  try {
    const s = compileScheme(scheme, c);
    try {
      const result = s.scoreColumns(columns, roster, { stage: o.stage, period: o.period });
      ownedBy.get(result).push(s); // its scorecards need the scheme: freed with the result
      return result;
    } catch (e) {
      s.free();
      throw e;
    }
  } finally {
    c.free(); // the batch and the scheme hold the compiled directive themselves
  }
}
