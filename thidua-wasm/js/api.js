// thidua — the public JavaScript API (every entry re-exports this module).
//
// This file only converts: JavaScript values → JSON text (with a depth limit, cycle
// detection, finite numbers and well-formed strings, each refusal a ThiduaError with the path
// `loc`), JSON text → the WebAssembly core (./web/thidua_wasm.js, raw functions on strings),
// and the core's JSON output → plain objects. Every rule lives in the Rust core.
//
// The WebAssembly module must be instantiated before any function is called: the entries
// (index.js for browsers and bundlers, node.mjs and node/index.cjs for Node) do it on import;
// init.js leaves it to the caller.
import * as raw from './web/thidua_wasm.js';

/** The deepest nesting of arrays and objects read from a JavaScript value or JSON text. */
export const MAX_DEPTH = 96; // thidua_core::limits::MAX_NESTING_DEPTH (a test checks they agree)

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * What every function throws on bad input. `code` is the stable code (the same as in Rust and
 * Python), `loc` the path to the offending value (`["entries", 3, "value"]`, `["items", 0]`),
 * `data` the error's fields as the core reports them.
 */
export class ThiduaError extends Error {
  constructor(code, message, { loc = [], data } = {}) {
    super(message);
    this.code = code;
    this.loc = loc;
    this.data = data ?? { code };
  }
}
Object.defineProperty(ThiduaError.prototype, 'name', { value: 'ThiduaError', writable: true, configurable: true });

// "results[3] (unit "A", …)", "items[5].targets[0]", "roster[2]": the leading path of a core
// location, as segments. The core's locations are strings today; this reads their path part.
const LOCATION_PATH = /^[A-Za-z_][\w]*(?:\[\d+\]|\.[A-Za-z_][\w]*)*/;
function locOf(data) {
  // A structured path from the core, when it gives one.
  if (Array.isArray(data?.loc)) return data.loc;
  if (Array.isArray(data?.path)) return data.path;
  const where = typeof data?.location === 'string' ? data.location : null;
  if (!where) return [];
  const m = LOCATION_PATH.exec(where);
  if (!m) return [];
  const loc = [];
  for (const part of m[0].matchAll(/([A-Za-z_][\w]*)|\[(\d+)\]/g)) {
    loc.push(part[1] !== undefined ? part[1] : Number(part[2]));
  }
  return loc;
}

/** A failure thrown by the WebAssembly core (a JSON string) as a ThiduaError. */
function fromCore(e) {
  if (typeof e === 'string' && e.startsWith('{')) {
    let f;
    try {
      f = JSON.parse(e);
    } catch {
      f = null;
    }
    if (f && typeof f.code === 'string') {
      return new ThiduaError(f.code, f.message, { loc: locOf(f.data), data: f.data });
    }
  }
  // A string too long for the engine while the glue decodes an output.
  if (e instanceof RangeError && /string length|Invalid array length|allocation/i.test(e.message)) {
    return new ThiduaError('output_too_large', `output too large for a JavaScript string: ${e.message}`);
  }
  return e; // a bug, not an input error: rethrown as it is
}

function call(fn) {
  try {
    return fn();
  } catch (e) {
    throw fromCore(e);
  }
}

function parseOut(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new ThiduaError('output_too_large', `${what} too large to read in JavaScript: ${e.message}`);
    }
    throw e;
  }
}

const out = (fn, what) => parseOut(call(fn), what);

function fail(code, message, loc = [], fields = {}) {
  return new ThiduaError(code, message, { loc, data: { code, ...fields, ...(loc.length ? { loc } : {}) } });
}

// ---------------------------------------------------------------------------------------------
// JavaScript values → JSON text

let LIMITS;
/** The limits of the package: `{max_depth, max_input_bytes, max_output_bytes, max_cells}`. */
export function limits() {
  LIMITS ??= Object.freeze(JSON.parse(raw.limits()));
  return LIMITS;
}

function typeName(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') {
    const c = Object.getPrototypeOf(v)?.constructor?.name;
    return c && c !== 'Object' ? c : 'object';
  }
  return typeof v;
}

const pathText = (what, loc) =>
  loc.reduce((s, k) => (typeof k === 'number' ? `${s}[${k}]` : `${s}.${k}`), what);

// Lone surrogates (a UTF-16 half with no partner) cannot be written as UTF-8.
const wellFormed =
  typeof String.prototype.isWellFormed === 'function'
    ? (s) => s.isWellFormed()
    : (s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkText(text, what) {
  const max = limits().max_input_bytes;
  // UTF-8 takes at least one byte per UTF-16 unit, so a longer string is over the limit.
  if (text.length > max) {
    throw fail('input_too_large', `${what} too large: ${text.length} characters, at most ${max} bytes are read in one call; split it`, [], { what, limit: max });
  }
  return text;
}

function refuseLoneSurrogate(s, what, loc) {
  const i = s.search(LONE);
  throw fail('invalid_input', `${pathText(what, loc)}: a lone UTF-16 surrogate at index ${i} cannot be read as text`, loc, {
    location: pathText(what, loc),
  });
}

// Objects that JSON.stringify would turn silently into {} or lose.
const NOT_JSON = [
  typeof Map === 'function' && Map, typeof Set === 'function' && Set,
  typeof WeakMap === 'function' && WeakMap, typeof WeakSet === 'function' && WeakSet,
  typeof ArrayBuffer === 'function' && ArrayBuffer, typeof RegExp === 'function' && RegExp,
  typeof Promise === 'function' && Promise, typeof Error === 'function' && Error,
].filter(Boolean);

/**
 * A JavaScript value (or JSON text, taken as it is) as JSON text. Refuses, with the path:
 * nesting deeper than MAX_DEPTH, cycles, NaN and ±Infinity, lone surrogates, functions,
 * symbols, `undefined` array elements and objects that JSON would silently lose (Map, Set,
 * typed arrays…). A `bigint` is written exactly (beyond ±2⁵³ as a decimal string); a `number` as its shortest
 * round-trip text (as JSON.stringify does); an object's `toJSON()` is used (Date, handles).
 */
function jsonText(value, what) {
  if (typeof value === 'string') {
    checkText(value, what);
    if (!wellFormed(value)) refuseLoneSurrogate(value, what, []);
    return value;
  }
  // Fast path: a value made only of plain objects, arrays, well-formed strings, finite numbers,
  // booleans and null, within the depth limit and without cycles, is exactly what the native
  // JSON.stringify writes correctly. Anything else takes the careful path below, which writes
  // bigints exactly and refuses the rest with the path.
  if (plainJson(value, 0, [])) {
    let text;
    try {
      text = JSON.stringify(value);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
    }
    if (text !== undefined) return checkText(text, what);
  }
  return carefulJsonText(value, what);
}

const OBJECT_PROTO = Object.prototype;

/** True when `v` is plain JSON data (see jsonText); false means "take the careful path". */
function plainJson(v, depth, ancestors) {
  switch (typeof v) {
    case 'string':
      return wellFormed(v);
    case 'number':
      return Number.isFinite(v);
    case 'boolean':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (v === null) return true;
  if (depth >= MAX_DEPTH || ancestors.includes(v)) return false;
  ancestors.push(v);
  let ok = true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && ok; i++) ok = plainJson(v[i], depth + 1, ancestors);
  } else {
    const proto = Object.getPrototypeOf(v);
    if ((proto !== OBJECT_PROTO && proto !== null) || typeof v.toJSON === 'function') {
      ok = false;
    } else {
      for (const k in v) {
        const x = v[k];
        if (x === undefined || !wellFormed(k) || !plainJson(x, depth + 1, ancestors)) {
          ok = false;
          break;
        }
      }
    }
  }
  ancestors.pop();
  return ok;
}

function carefulJsonText(value, what) {
  if (value === undefined) {
    throw fail('json', `invalid JSON in ${what}: expected an object or JSON text, found undefined`, [], { what });
  }
  const max = limits().max_input_bytes;
  const path = [];
  const ancestors = [];
  let size = 0;
  const parts = [];
  const bad = (code, reason) => {
    const loc = path.slice();
    const where = pathText(what, loc);
    const message =
      code === 'json' ? `invalid JSON in ${what}${loc.length ? ` at ${where}` : ''}: ${reason}`
        : code === 'invalid_input' ? `invalid input at ${where}: ${reason}`
          : `${reason} at ${where}`;
    return fail(code, message, loc, code === 'json' ? { what, location: where } : { location: where, reason });
  };
  const push = (s) => {
    size += s.length;
    if (size > max) {
      throw fail('input_too_large', `${what} too large: more than ${max} bytes are read in one call; split it`, [], { what, limit: max });
    }
    parts.push(s);
  };
  const write = (v, key) => {
    if (v !== null && typeof v === 'object' && typeof v.toJSON === 'function') v = v.toJSON(key);
    switch (typeof v) {
      case 'string':
        if (!wellFormed(v)) refuseLoneSurrogate(v, what, path);
        push(JSON.stringify(v));
        return;
      case 'number':
        if (!Number.isFinite(v)) {
          throw bad('invalid_number', `invalid number ${String(v)}: NaN and infinities are not numbers a result can have`);
        }
        push(String(v)); // the shortest round-trip text, as JSON.stringify writes it
        return;
      case 'bigint':
        // Exact: within ±2⁵³ as a JSON integer; beyond, as a decimal string (where the format
        // takes a decimal, a string is read exactly; a JSON integer that large would not be).
        push(v > -SAFE && v < SAFE ? v.toString() : `"${v.toString()}"`);
        return;
      case 'boolean':
        push(v ? 'true' : 'false');
        return;
      case 'undefined':
        throw bad('json', 'undefined is not a JSON value (leave the field out, or use null)');
      case 'function':
      case 'symbol':
        throw bad('json', `a ${typeof v} is not a JSON value`);
      default:
        break;
    }
    if (v === null) {
      push('null');
      return;
    }
    if (ancestors.length >= MAX_DEPTH) {
      throw bad('invalid_input', `nested deeper than ${MAX_DEPTH} levels of arrays and objects`);
    }
    if (ancestors.includes(v)) {
      throw bad('invalid_input', 'this object contains itself (a cycle); the input must be a tree of objects and arrays');
    }
    if (ArrayBuffer.isView(v) || NOT_JSON.some((C) => v instanceof C)) {
      throw bad('json', `a ${typeName(v)} is not a JSON value (use a plain object or array)`);
    }
    ancestors.push(v);
    if (Array.isArray(v)) {
      push('[');
      for (let i = 0; i < v.length; i++) {
        if (i) push(',');
        path.push(i);
        write(v[i], String(i));
        path.pop();
      }
      push(']');
    } else {
      push('{');
      let first = true;
      for (const k of Object.keys(v)) {
        const x = v[k];
        if (x === undefined) continue; // an absent field, as in JSON.stringify
        path.push(k);
        if (!wellFormed(k)) refuseLoneSurrogate(k, what, path);
        push(first ? JSON.stringify(k) + ':' : ',' + JSON.stringify(k) + ':');
        first = false;
        write(x, k);
        path.pop();
      }
      push('}');
    }
    ancestors.pop();
  };
  write(value, '');
  return parts.join('');
}

const SAFE = 2n ** 53n;

const optionalJson = (v, what) => (v === undefined || v === null ? undefined : jsonText(v, what));

function textIn(v, what) {
  if (typeof v !== 'string') {
    throw fail('invalid_input', `invalid input at ${what}: expected a string, found ${typeName(v)}`, [what], { location: what });
  }
  return checkText(v, what);
}

/**
 * A decimal given from JavaScript, as text for the core: a string as it is, a `bigint` in
 * base 10, a finite `number` by the one rule for binary floating point (its shortest
 * round-trip text, the digits `String(x)` shows and Python's `repr` shows).
 */
function decimalIn(value, what = 'value') {
  switch (typeof value) {
    case 'string':
      return checkText(value, what);
    case 'bigint':
      return value.toString();
    case 'number':
      return call(() => raw.decimalFromNumber(value));
    default:
      throw fail('invalid_number', `invalid number ${JSON.stringify(typeName(value))}: expected a decimal string, a number or a bigint, found ${typeName(value)}`, [], {
        input: typeName(value),
        reason: `expected a decimal string, a number or a bigint, found ${typeName(value)}`,
      });
  }
}

function digitsIn(d, fallback) {
  if (d === undefined || d === null) return fallback;
  if (typeof d === 'number' && Number.isInteger(d) && d >= 0 && d <= 28) return d;
  throw fail('invalid_input', `invalid input at digits: expected a whole number of decimals from 0 to 28, found ${typeof d === 'number' ? d : typeName(d)}`, ['digits'], {
    location: 'digits',
  });
}

// ---------------------------------------------------------------------------------------------
// Handles: read once, use many times

const INTERNAL = Symbol('thidua.internal');

function released(what) {
  return new ThiduaError('invalid_input', `this ${what} was released with free()`, { data: { code: 'invalid_input', location: what } });
}

/**
 * A directive read and validated once (`Directive.fromJSON(json)`), to evaluate against many
 * result sets without reading it again.
 */
export class Directive {
  #raw;
  /** @internal use Directive.fromJSON or Directive.fromText */
  constructor(token, rawDirective) {
    if (token !== INTERNAL) throw new TypeError('use Directive.fromJSON(value) or Directive.fromText(text)');
    this.#raw = rawDirective;
  }
  /** Reads and validates a directive: a plain object in the JSON format, or its JSON text. */
  static fromJSON(value) {
    if (value instanceof Directive) return value;
    const text = jsonText(value, 'directive');
    return new Directive(INTERNAL, call(() => raw.RawDirective.fromJson(text)));
  }
  /** Reads a directive from its Vietnamese text and validates the draft (parseDirectiveStrict). */
  static fromText(text) {
    const t = textIn(text, 'text');
    return new Directive(INTERNAL, call(() => raw.RawDirective.fromText(t)));
  }
  #r() {
    if (!this.#raw) throw released('directive');
    return this.#raw;
  }
  /**
   * Evaluates results against this directive; the Evaluation handle. `targets` (a target
   * table: `{entries}`, an array of rows or JSON text) judges each unit against its own
   * assigned and pledged figures.
   */
  evaluate(results, options, targets) {
    const r = jsonText(results, 'result set');
    const o = optionalJson(options, 'evaluation options');
    const t = optionalJson(targets, 'target table');
    if (t !== undefined) return new Evaluation(INTERNAL, call(() => this.#r().evaluateWithTargets(r, o, t)));
    return new Evaluation(INTERNAL, call(() => this.#r().evaluate(r, o)));
  }
  /** The normalized directive as a plain object (also what JSON.stringify writes). */
  toJSON() {
    return out(() => this.#r().toJson(), 'directive');
  }
  /** How many targets, "trong đó" sub-targets included. */
  get targetCount() {
    return this.#r().targetCount();
  }
  /** Every target id in document order. */
  targetIds() {
    return out(() => this.#r().targetIds(), 'target ids');
  }
  /** One target as a plain object, or undefined. */
  target(id) {
    const t = call(() => this.#r().target(textIn(id, 'id')));
    return t === undefined ? undefined : parseOut(t, 'target');
  }
  /** Releases the WebAssembly memory now (otherwise the garbage collector does it). */
  free() {
    this.#raw?.free();
    this.#raw = undefined;
  }
  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    this.free();
  }
}

/**
 * An evaluation computed once (`directive.evaluate(results)`); its parts are read without
 * evaluating again.
 */
export class Evaluation {
  #raw;
  /** @internal use directive.evaluate(results) */
  constructor(token, rawEvaluation) {
    if (token !== INTERNAL) throw new TypeError('use Directive.fromJSON(d).evaluate(results)');
    this.#raw = rawEvaluation;
  }
  #r() {
    if (!this.#raw) throw released('evaluation');
    return this.#raw;
  }
  /** The whole evaluation as a plain object (the shape of `evaluate()`). */
  toJSON() {
    return out(() => this.#r().toJson(), 'evaluation');
  }
  /** How many (unit, period) evaluations. */
  get length() {
    return this.#r().unitCount();
  }
  /** `[{unit, period, summary}]` — the headlines. */
  summaries() {
    return out(() => this.#r().summaries(), 'summaries');
  }
  /** One flat row per unit × period × target, for tables. */
  rows() {
    return out(() => this.#r().rows(), 'rows');
  }
  /** The plain-text Vietnamese scorecard of every (unit, period). */
  scorecardsVi() {
    return out(() => this.#r().scorecardsVi(), 'scorecards');
  }
  /** One unit's evaluation, or undefined; `period` may be left out when the unit has one. */
  unit(unit, period) {
    const u = call(() => this.#r().unit(textIn(unit, 'unit'), periodIn(period)));
    return u === undefined ? undefined : parseOut(u, 'unit evaluation');
  }
  /** One unit's Vietnamese scorecard, or undefined. */
  scorecardVi(unit, period) {
    const card = call(() => this.#r().scorecardVi(textIn(unit, 'unit'), periodIn(period)));
    return card === undefined ? undefined : card;
  }
  /** Releases the WebAssembly memory now. */
  free() {
    this.#raw?.free();
    this.#raw = undefined;
  }
  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    this.free();
  }
}

function periodIn(p) {
  if (p === undefined || p === null) return undefined;
  if (typeof p === 'number' && Number.isInteger(p)) return String(p);
  return textIn(p, 'period');
}

/** A score report computed once (`ScoreReport.fromInput(input)`). */
export class ScoreReport {
  #raw;
  /** @internal use ScoreReport.fromInput(input) */
  constructor(token, rawReport) {
    if (token !== INTERNAL) throw new TypeError('use ScoreReport.fromInput(input)');
    this.#raw = rawReport;
  }
  /** Scores a score input (an object or its JSON text). */
  static fromInput(input) {
    const text = jsonText(input, 'score input');
    return new ScoreReport(INTERNAL, call(() => raw.RawScoreReport.fromInput(text)));
  }
  #r() {
    if (!this.#raw) throw released('score report');
    return this.#raw;
  }
  /** The whole report as a plain object (the shape of `score()`). */
  toJSON() {
    return out(() => this.#r().toJson(), 'score report');
  }
  /** The rankings, one per cluster or bloc. */
  groups() {
    return out(() => this.#r().groups(), 'rankings');
  }
  /** The award proposals. */
  awards() {
    return out(() => this.#r().awards(), 'awards');
  }
  /** One unit's scores, or undefined. */
  unit(unit) {
    const u = call(() => this.#r().unit(textIn(unit, 'unit')));
    return u === undefined ? undefined : parseOut(u, 'unit score');
  }
  /** The report as Vietnamese text (rankings per cluster or bloc, awards). */
  renderVi() {
    return call(() => this.#r().renderVi(false));
  }
  /** Every unit's scorecard as Vietnamese text. */
  renderScorecardsVi() {
    return call(() => this.#r().renderScorecardsVi());
  }
  /** Releases the WebAssembly memory now. */
  free() {
    this.#raw?.free();
    this.#raw = undefined;
  }
  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    this.free();
  }
}

// ---------------------------------------------------------------------------------------------
// Functions on plain objects (each reads its inputs again; use the handles to read once)

/** Reads and validates a directive; returns it normalized. */
export function loadDirective(directive) {
  if (directive instanceof Directive) return directive.toJSON();
  const t = jsonText(directive, 'directive');
  return out(() => raw.loadDirective(t), 'directive');
}

/** Validates a directive; returns undefined or throws. */
export function validateDirective(directive) {
  if (directive instanceof Directive) return undefined;
  const t = jsonText(directive, 'directive');
  call(() => raw.validateDirective(t));
  return undefined;
}

/** Reads a result set (`{entries}`, an array of rows, or JSON text); returns `{entries}`. */
export function loadResults(results) {
  const t = jsonText(results, 'result set');
  return out(() => raw.loadResults(t), 'result set');
}

function evaluated(directive, results, options, part, what, targets) {
  if (directive instanceof Directive || (targets !== undefined && targets !== null)) {
    const e = Directive.fromJSON(directive).evaluate(results, options, targets);
    try {
      return part(e);
    } finally {
      e.free();
    }
  }
  const d = jsonText(directive, 'directive');
  const r = jsonText(results, 'result set');
  const o = optionalJson(options, 'evaluation options');
  return out(() => raw[what](d, r, o), what);
}

/**
 * Evaluates results against a directive: the whole Evaluation as a plain object (with its
 * `warnings`). `targets`: each unit's own targets (see `loadTargets`).
 */
export function evaluate(directive, results, options, targets) {
  return evaluated(directive, results, options, (e) => e.toJSON(), 'evaluate', targets);
}

/** Reads a target table (`{entries}`, an array of rows, or JSON text); returns `{entries}`. */
export function loadTargets(targets) {
  const t = jsonText(targets, 'target table');
  return out(() => raw.loadTargets(t), 'target table');
}

/**
 * Reads a reported-result phrase ("ước đạt 6,5%", "hơn 290 triệu USD", "đạt 102,6% kế
 * hoạch", "giảm 1,2 điểm %", "vượt kế hoạch"): `{reading, diagnostics}`. Offsets are UTF-8
 * bytes (as in the shared vectors) or, with `{offsets: 'utf16'}`, JavaScript string indices.
 */
export function readResult(text, options) {
  const t = textIn(text, 'text');
  const mode = options?.offsets ?? 'utf8';
  if (mode !== 'utf8' && mode !== 'utf16') {
    throw fail('invalid_input', `invalid input at offsets: expected "utf8" or "utf16", found ${JSON.stringify(String(mode))}`, ['offsets'], {
      location: 'offsets',
    });
  }
  return out(() => raw.readResult(t, mode === 'utf16'), 'reading');
}

/** `[{unit, period, summary}]` of an evaluation. */
export function summaries(directive, results, options) {
  return evaluated(directive, results, options, (e) => e.summaries(), 'summaries');
}

/** One flat row per unit × period × target. */
export function evaluationRows(directive, results, options) {
  return evaluated(directive, results, options, (e) => e.rows(), 'rows');
}

/** The Vietnamese scorecard of every (unit, period). */
export function scorecardsVi(directive, results, options) {
  return evaluated(directive, results, options, (e) => e.scorecardsVi(), 'scorecardsVi');
}

/** Counts statuses and writes the headline (`basis` "items", the default, or "targets"). */
export function summarizeStatuses(statuses, basis) {
  const s = jsonText(statuses, 'statuses');
  let b;
  if (basis !== undefined && basis !== null) {
    if (typeof basis !== 'string') {
      throw fail('invalid_input', `invalid input at basis: expected "items" or "targets", found ${typeName(basis)}`, ['basis'], { location: 'basis' });
    }
    b = basis;
  }
  return out(() => raw.summarizeStatuses(s, b), 'summary');
}

/** `{exceeded: {vi: "vượt", en: "exceeded"}, …}`. */
export function statusLabels() {
  return JSON.parse(raw.statusLabels());
}

/** Every error code `err.code` can have, in a stable order (the core's, then the package's). */
export function errorCodes() {
  return JSON.parse(raw.errorCodes());
}

/** The package version. */
export function version() {
  return raw.version();
}

// ---------------------------------------------------------------------------------------------
// Numbers and periods (names as in Python: parse_vn → parseVn, format_vn → formatVn, …)

/** Reads a Vietnamese number ("3.500", "39,6") exactly: the plain decimal string ("3500"). */
export function parseVn(text) {
  if (typeof text !== 'string') {
    throw fail('invalid_number', `invalid number ${JSON.stringify(typeName(text))}: expected a string, found ${typeName(text)}`, [], {
      input: typeName(text),
      reason: `expected a string, found ${typeName(text)}`,
    });
  }
  const t = checkText(text, 'number');
  return call(() => raw.parseVn(t));
}

/** A number as an exact decimal string: a string read exactly, a bigint, a finite number. */
export function toDecimalExact(value) {
  const t = decimalIn(value);
  return call(() => raw.toDecimalExact(t));
}

/** Formats a decimal the Vietnamese way, keeping its scale: "3500" → "3.500", "94.10" → "94,10". */
export function formatVn(value) {
  const t = decimalIn(value);
  return call(() => raw.formatVn(t, undefined));
}

/** Rounds half away from zero to `digits` (default 2), drops trailing zeros: "105.125" → "105,13". */
export function formatVnRounded(value, digits) {
  const t = decimalIn(value);
  const d = digitsIn(digits, 2);
  return call(() => raw.formatVn(t, d));
}

/** Rounds to exactly `digits` decimals (default 3), keeping trailing zeros: "9.52" → "9,520". */
export function formatVnFixed(value, digits) {
  const t = decimalIn(value);
  const d = digitsIn(digits, 3);
  return call(() => raw.formatVnFixed(t, d));
}

/** The Vietnamese label of a period: "2024-H1" → "6 tháng đầu năm 2024". */
export function periodLabelVi(period) {
  if (typeof period !== 'string') {
    throw fail('invalid_period', `invalid period at period: expected a string, found ${typeName(period)}`, ['period'], {
      location: 'period',
      reason: `expected a string, found ${typeName(period)}`,
    });
  }
  const p = checkText(period, 'period');
  return call(() => raw.periodLabelVi(p));
}

// ---------------------------------------------------------------------------------------------
// Directive text

/**
 * Reads a directive from its Vietnamese text: `{directive, diagnostics, item_spans}`. Never
 * throws for a string (within the size limit). Offsets are UTF-8 byte offsets (as in Rust,
 * Python and the shared vectors), or JavaScript string indices with `{offsets: "utf16"}`.
 */
export function parseDirective(text, options) {
  const t = textIn(text, 'text');
  const mode = options?.offsets ?? 'utf8';
  if (mode !== 'utf8' && mode !== 'utf16') {
    throw fail('invalid_input', `invalid input at offsets: expected "utf8" or "utf16", found ${JSON.stringify(String(mode))}`, ['offsets'], {
      location: 'offsets',
    });
  }
  return out(() => raw.parseDirective(t, mode === 'utf16'), 'parse output');
}

/** Reads a directive from its text and validates the draft; throws when it does not validate. */
export function parseDirectiveStrict(text) {
  const t = textIn(text, 'text');
  return out(() => raw.parseDirectiveStrict(t), 'directive');
}

function offsetsIn(offsets) {
  const a = Array.isArray(offsets) || ArrayBuffer.isView(offsets) ? offsets : null;
  if (!a) {
    throw fail('invalid_input', `invalid input at byte offsets: expected an array of whole numbers, found ${typeName(offsets)}`, ['byte offsets'], {
      location: 'byte offsets',
    });
  }
  const u = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const n = a[i];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff) {
      throw fail('invalid_input', `invalid input at byte offsets[${i}]: expected a whole number, found ${typeof n === 'number' ? n : typeName(n)}`, ['byte offsets', i], {
        location: `byte offsets[${i}]`,
      });
    }
    u[i] = n;
  }
  return u;
}

/**
 * The JavaScript string indices of many UTF-8 byte offsets into `text`, in one pass over the
 * text (linear: use this, or parseDirective(text, {offsets: "utf16"}), for highlighting).
 */
export function utf16Offsets(text, byteOffsets) {
  const t = textIn(text, 'text');
  const u = offsetsIn(byteOffsets);
  return Array.from(call(() => raw.utf16Offsets(t, u)));
}

/**
 * The JavaScript string index of one UTF-8 byte offset. Each call walks the text from its
 * start; for many offsets use utf16Offsets (one pass) instead.
 */
export function utf16Offset(text, byteOffset) {
  const t = textIn(text, 'text');
  if (typeof byteOffset !== 'number' || !Number.isInteger(byteOffset) || byteOffset < 0 || byteOffset > 0xffffffff) {
    throw fail('invalid_input', `invalid input at byte offset: expected a whole number, found ${typeof byteOffset === 'number' ? byteOffset : typeName(byteOffset)}`, ['byte offset'], {
      location: 'byte offset',
    });
  }
  return call(() => raw.utf16Offsets(t, Uint32Array.of(byteOffset)))[0];
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** Reads and validates a scoring scheme (thang điểm); returns it normalized. */
export function loadScheme(scheme) {
  const t = jsonText(scheme, 'scoring scheme');
  return out(() => raw.loadScheme(t), 'scoring scheme');
}

/** Validates a scoring scheme. */
export function validateScheme(scheme) {
  const t = jsonText(scheme, 'scoring scheme');
  call(() => raw.validateScheme(t));
  return undefined;
}

/** Scores, ranks, classifies and proposes awards: the whole ScoreReport as a plain object. */
export function score(input) {
  const t = jsonText(input, 'score input');
  return out(() => raw.score(t), 'score report');
}

/** The rankings per cluster or bloc (`score(input).groups`); ScoreReport.fromInput reads once. */
export function rank(input) {
  const t = jsonText(input, 'score input');
  return out(() => raw.rank(t), 'rankings');
}

/** The award proposals (`score(input).awards`); ScoreReport.fromInput reads once. */
export function award(input) {
  const t = jsonText(input, 'score input');
  return out(() => raw.award(t), 'awards');
}

/** The score report as Vietnamese text, followed by every unit's scorecard when `scorecards`. */
export function scoreReportVi(input, scorecards) {
  const t = jsonText(input, 'score input');
  return call(() => raw.scoreReportVi(t, scorecards === true));
}

// ---------------------------------------------------------------------------------------------
// Awards (docs/awards.md)

/**
 * The award pipeline (Python: decide_awards): eligibility of every candidate for every title,
 * votes, quotas, money and the decisions, as the AwardReport. `input` is an award input (an
 * object or its JSON text); the package reads no files, so give every part as an object.
 */
export function decideAwards(input) {
  const t = jsonText(input, 'award input');
  return out(() => raw.decideAwards(t), 'award report');
}

/** Eligibility only (Python: check_awards), as the EligibilityReport. */
export function checkAwards(input) {
  const t = jsonText(input, 'award input');
  return out(() => raw.checkAwards(t), 'eligibility report');
}

/** The award decision as Vietnamese text. */
export function awardReportVi(input) {
  const t = jsonText(input, 'award input');
  return call(() => raw.awardReportVi(t));
}

/** A shipped award rule set (`"vn-nd98-2023"`, `"vn-nd152-2025"`, `"example-province"`). */
export function awardRuleSet(id) {
  const t = textIn(id, 'id');
  return out(() => raw.awardRuleSet(t), 'award rule set');
}

/** The ids of the shipped award rule sets. */
export function awardRuleSetIds() {
  return parseOut(raw.awardRuleSetIds(), 'award rule set ids');
}

/** Reads and validates an award rule set; returns it normalized. */
export function loadAwardRuleSet(ruleSet) {
  const t = jsonText(ruleSet, 'award rule set');
  return out(() => raw.loadAwardRuleSet(t), 'award rule set');
}

/** Reads and validates an award history; returns it normalized. */
export function loadAwardHistory(history) {
  const t = jsonText(history, 'award history');
  return out(() => raw.loadAwardHistory(t), 'award history');
}

// ---------------------------------------------------------------------------------------------
// Deprecated names (kept working; see the name table in docs/javascript.md)

/** @deprecated use parseVn (the Python name is parse_vn). */
export const parseVnNumber = (text) => parseVn(text);

/**
 * @deprecated use formatVn(value) or formatVnRounded(value, digits) (Python: format_vn,
 * format_vn_rounded).
 */
export function formatVnNumber(value, digits) {
  return digits === undefined || digits === null ? formatVn(value) : formatVnRounded(value, digits);
}
export * from './sheet.js';
export * from './batch.js';
