// thidua — workbooks and CSV in and out (the core's sheet module): read an xlsx / xls / ods /
// CSV file from an ArrayBuffer or Uint8Array; write scorecards, rankings, data-entry templates
// and result tables as xlsx bytes (a Uint8Array, ready for a download Blob). This file only
// converts; every rule is in the core. Re-exported by api.js.
import * as raw from './web/thidua_wasm.js';
import { ThiduaError } from './api.js';

function bytesOf(data, what) {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new ThiduaError('invalid_input', `${what} must be an ArrayBuffer or a Uint8Array`, { data: { code: 'invalid_input', location: what } });
}

function text(v) {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
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
      if (f && typeof f.code === 'string') throw new ThiduaError(f.code, f.message, { data: f.data });
    }
    throw e;
  }
}

function readOptions(opts) {
  const { directive, ...rest } = opts ?? {};
  const o = {};
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined) continue;
    const key = { headerRow: 'header_row', legacyEncoding: 'legacy_encoding', numberStyle: 'number_style' }[k] ?? k;
    o[key] = v;
  }
  return [text(directive), JSON.stringify(o)];
}

/**
 * Reads a workbook or CSV file: `{results, diagnostics, tables}`. Never throws for the file's
 * content: every problem is a diagnostic `{severity, code, message, cell, location}` with its
 * cell (`'Kết quả'!C7`). Options: `directive` (to match rows to its targets), `sheet`, `unit`,
 * `period`, `columns` (`{value: "E"}`), `headerRow`, `legacyEncoding`, `numberStyle`.
 */
export function readExcel(data, options) {
  const [d, o] = readOptions(options);
  return JSON.parse(core(() => raw.readExcel(bytesOf(data, 'data'), d, o)));
}

/**
 * The result set of a workbook or CSV file; throws a ThiduaError (`invalid_input`, `loc`
 * naming the cell) when a diagnostic is an error. Warnings are in `readExcel`.
 */
export function resultsFromExcel(data, options) {
  const r = readExcel(data, options);
  throwOnError(r.diagnostics);
  return r.results;
}

/** Throws the first error diagnostic of a reading as a ThiduaError naming its cell. */
function throwOnError(diagnostics) {
  const err = diagnostics.find((x) => x.severity === 'error');
  if (err) {
    throw new ThiduaError('invalid_input', `${err.location}: [${err.code}] ${err.message}`, {
      loc: [err.location],
      data: { code: 'invalid_input', location: err.location, diagnostic: err },
    });
  }
}

/**
 * Reads a per-unit target table (giao chỉ tiêu, đăng ký thi đua) from a workbook or CSV file:
 * `{targets, diagnostics, tables}`, `targets` being the table `evaluate(directive, results,
 * options, targets)` takes. Units as columns, or "Kế hoạch" / "Đăng ký" columns; cells as
 * written ("7,5-8,0", "trên 60", "không áp dụng") are read by the core. Never throws for the
 * file's content: every problem is a diagnostic with its cell. Options as for `readExcel`.
 */
export function readTargetsExcel(data, options) {
  const [d, o] = readOptions(options);
  return JSON.parse(core(() => raw.readTargetsExcel(bytesOf(data, 'data'), d, o)));
}

/**
 * The per-unit target table of a workbook or CSV file; throws a ThiduaError (`invalid_input`,
 * `loc` naming the cell) when a diagnostic is an error. Warnings are in `readTargetsExcel`.
 */
export function targetsFromExcel(data, options) {
  const r = readTargetsExcel(data, options);
  throwOnError(r.diagnostics);
  return r.targets;
}

/** The scorecard workbook of an evaluation (`evaluate(...)`), as xlsx bytes. */
export function evaluationToExcel(evaluation, { directive, perUnit = false } = {}) {
  return core(() => raw.evaluationToExcel(text(evaluation), text(directive), !!perUnit));
}

/** The ranking workbook of a score report (`score(...)`), as xlsx bytes. */
export function scoreReportToExcel(report, { directive } = {}) {
  return core(() => raw.scoreReportToExcel(text(report), text(directive)));
}

/** A result set as xlsx bytes: `layout` "long" (every field a column) or "wide" (targets × units). */
export function resultsToExcel(results, { directive, layout = 'long' } = {}) {
  return core(() => raw.resultsToExcel(text(results), text(directive), layout));
}

/** A data-entry template for a directive (`{units, period, estimate}`), as xlsx bytes. */
export function excelTemplate(directive, { units = [], period, estimate = false } = {}) {
  return core(() => raw.excelTemplate(text(directive), JSON.stringify({ units, period, estimate })));
}
