
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
  | "invalid_input";

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
