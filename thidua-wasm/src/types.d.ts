
// ---- Types of the binding itself (thidua-wasm/src/types.d.ts) ----

/** Results as the functions accept them: `{entries: [...]}`, a bare array of rows, or JSON text. */
export type ResultsInput = ResultSet | ResultEntry[] | string;

/** The summary of one unit and period, as returned by `summaries`. */
export interface UnitSummary {
  /** The reporting unit. */
  unit: string;
  /** The period ("2024", "2024-H1"). */
  period: Period;
  /** Counts and the headline "đạt và vượt X/Y chỉ tiêu". */
  summary: Summary;
}

/** One flat row of an evaluation (the target evaluation's fields plus unit and period). */
export type EvaluationRow = TargetEvaluation & {
  /** The reporting unit. */
  unit: string;
  /** The period. */
  period: Period;
};

/** The stable error codes (`err.code`), the same as in Rust (`Error::code`) and Python. */
export type ErrorCode =
  | "json"
  | "invalid_number"
  | "unit_mismatch"
  | "unknown_target"
  | "duplicate_id"
  | "invalid_directive"
  | "invalid_result"
  | "missing_baseline"
  | "invalid_period"
  | "overflow"
  | "incomparable_ranks"
  | "invalid_scheme"
  | "invalid_input"
  | "limit_exceeded";

/**
 * What every function throws on bad input: a JavaScript `Error` whose `message` is the core's
 * message, with the stable `code` and the error's fields in `data`
 * (`{code: "unknown_target", target: "99", location: "results[0] (…)"}`).
 */
export interface ThiduaError extends Error {
  name: "ThiduaError";
  code: ErrorCode;
  data: { code: ErrorCode; [field: string]: string | number | boolean | null };
}

// ---- Functions with optional parameters (wasm-bindgen cannot mark a typed parameter optional,
// so these are declared here; the Rust functions carry `skip_typescript`) ----

/**
 * Evaluates results against a directive: for every (unit, period) in the results, every target
 * with its status (`"exceeded"`, `"met"`, `"not_met"`, `"no_data"`, `"not_applicable"`), % of
 * plan (`ratio`, a decimal string or `null`), gap, explanation, and the summary with the
 * headline "đạt và vượt X/Y chỉ tiêu". `options` are the core's options (snake_case keys);
 * missing ones take their defaults. Throws a `ThiduaError`.
 */
export function evaluate(directive: Directive | string, results: ResultsInput, options?: EvaluationOptions | string | null): Evaluation;
/** The summary of every (unit, period): `[{unit, period, summary}]`. Throws a `ThiduaError`. */
export function summaries(directive: Directive | string, results: ResultsInput, options?: EvaluationOptions | string | null): UnitSummary[];
/** One flat row per unit × period × target, for tables. Throws a `ThiduaError`. */
export function evaluationRows(directive: Directive | string, results: ResultsInput, options?: EvaluationOptions | string | null): EvaluationRow[];
/** The plain-text Vietnamese scorecard of every (unit, period). Throws a `ThiduaError`. */
export function scorecardsVi(directive: Directive | string, results: ResultsInput, options?: EvaluationOptions | string | null): string[];
/** Counts statuses and writes the headline, as the core does for an evaluation (`basis` default `"items"`). */
export function summarizeStatuses(statuses: Status[], basis?: HeadlineBasis | null): Summary;
/**
 * Writes a decimal the Vietnamese way: `formatVnNumber("3500")` → `"3.500"`,
 * `formatVnNumber("105.125", 2)` → `"105,13"` (half away from zero, trailing zeros dropped).
 * `value` is a decimal string (exact), a `bigint`, or a finite `number` (read as its shortest
 * round-trip text). Without `digits` (0–28) the decimal's own scale is kept.
 */
export function formatVnNumber(value: string | number | bigint, digits?: number | null): string;
/** Rounds to exactly `digits` decimals (default 3), keeping trailing zeros: `formatVnFixed("9.52")` → `"9,520"`. */
export function formatVnFixed(value: string | number | bigint, digits?: number | null): string;
