// Types of batch.js: the columnar batch entry (compile once, evaluate many).
import type { Explanation, Evaluation, Summary, TargetEvaluation } from './types.js';

/** A text column: one string a row, or already dictionary-encoded. */
export type TextColumn = readonly string[] | { values: readonly string[]; index: Uint32Array | readonly number[] };
/**
 * A numeric column: binary floats (each read as its shortest decimal; NaN/null missing) or
 * decimal strings (exact; null or '' missing).
 */
export type NumberColumn = Float64Array | ArrayLike<number> | readonly (number | string | null | undefined)[];

export interface Columns {
  unit: TextColumn;
  target: TextColumn;
  period: TextColumn | readonly number[];
  value?: NumberColumn;
  baseline?: NumberColumn;
  /** "official", "estimate", … per row (null: not stated). */
  provenance?: readonly (string | null | undefined)[] | TextColumn;
}

/** The answers of one batch: one entry per output row ((unit, period) × target, directive order). */
export declare class BatchResult {
  readonly rows: number;
  readonly unit: string[];
  readonly period: string[];
  readonly target: string[];
  /** "exceeded" | "basically_met" | "met" | "not_met" | "no_data" | "not_applicable". */
  readonly status: string[];
  readonly statusCodes: Uint8Array;
  readonly statusNames: string[];
  /** Exact decimals as strings; null where there is none. */
  readonly ratio: (string | null)[];
  readonly gap: (string | null)[];
  readonly result: (string | null)[];
  readonly baseline: (string | null)[];
  readonly achieved: (string | null)[];
  readonly threshold: (string | null)[];
  readonly proRata: boolean[];
  /** The input row each output row was read from (-1: no row). */
  readonly sourceRow: Int32Array;
  readonly groups: { unit: string; period: string }[];
  explanation(row: number): Explanation;
  targetEvaluation(row: number): TargetEvaluation;
  summary(group: number): Summary;
  warnings(): NonNullable<Evaluation['warnings']>;
  toJSON(): Evaluation;
  free(): void;
}

export declare class CompiledDirective {
  readonly targetIds: string[];
  evaluateColumns(columns: Columns): BatchResult;
  free(): void;
}

export declare function compileDirective(directive: unknown, options?: unknown, targets?: unknown): CompiledDirective;
export declare function evaluateColumns(directive: unknown, columns: Columns, options?: unknown, targets?: unknown): BatchResult;
