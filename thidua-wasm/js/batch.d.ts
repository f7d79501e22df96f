// Types of batch.js: the columnar batch entry (compile once, evaluate many).
import type {
  Explanation, Evaluation, EvaluationOptions, GroupKind, RosterEntry, Scheme, Scorecard, StageInput, Summary,
  TargetEvaluation, TargetTable,
} from './types.js';

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

/** One stage's council points, bonuses and penalties (a stage of `score`'s input without `evaluation` or `results`). */
export type ScoreStage = Omit<StageInput, 'evaluation' | 'results'>;

export interface ScoreOptions {
  stage?: ScoreStage | string;
  /** Required when the batch holds several periods ("2024", "2024-H1"…). */
  period?: string;
}

/** The scores of one batch: one entry per roster unit, in roster order. */
export declare class ScoreResult {
  readonly length: number;
  /** How many units the core scored row-wise (same numbers; the kernels could not prove them exact). */
  readonly rowWiseUnits: number;
  readonly criterionIds: string[];
  readonly unit: string[];
  readonly group: string[];
  readonly kind: GroupKind[];
  /** Exact decimals at the scheme's digits, as strings. */
  readonly total: string[];
  readonly criteriaTotal: string[];
  /** The band id; null when not eligible. */
  readonly band: (string | null)[];
  /** The rank inside the unit's group; null when not ranked. */
  readonly rank: (number | null)[];
  readonly tied: boolean[];
  /** A criterion's points per unit (exact decimal strings; null: left out). */
  points(criterion: string): (string | null)[];
  scorecard(unit: number): Scorecard;
  toRows(): {
    unit: string; group: string; kind: GroupKind; total: string; criteriaTotal: string;
    band: string | null; rank: number | null; tied: boolean; points: Record<string, string | null>;
  }[];
  free(): void;
}

export interface Uncovered {
  location: string;
  reason: string;
}

export declare class CompiledScheme {
  readonly directive: CompiledDirective;
  readonly criterionIds: string[];
  score(batch: BatchResult, roster: readonly RosterEntry[] | string, opts?: ScoreOptions): ScoreResult;
  scoreColumns(columns: Columns, roster: readonly RosterEntry[] | string, opts?: ScoreOptions): ScoreResult;
  static uncovered(scheme: Scheme | string): Uncovered[];
  free(): void;
}

export declare function compileScheme(scheme: Scheme | string, directive: CompiledDirective): CompiledScheme;
export declare function scoreColumns(
  scheme: Scheme | string,
  directive: unknown,
  columns: Columns,
  roster: readonly RosterEntry[] | string,
  opts?: ScoreOptions & { options?: EvaluationOptions | string; targets?: TargetTable | string },
): ScoreResult;
