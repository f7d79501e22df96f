// thidua — types of every entry (browser, bundler, Node ESM and CommonJS). The domain types
// (Directive, ResultSet, Evaluation, Status, ErrorCode, …) are generated into types.d.ts from
// docs/schema/*.json and the core's error codes; the functions are declared here.
import type {
  AwardResult, Decimal, DecimalInput, ErrorCode,
  EvaluationOptions, GroupRanking, HeadlineBasis, ParseOutput, Period, ResultEntry, ResultSet,
  Scheme, ScoreInput, Status, Summary, Target, TargetEvaluation,
  UnitEvaluation, UnitScore, TargetTable, UnitTarget, ReadOutput,
} from './types.js';

export * from './types.js';
/** The JSON shape of a directive (the `Directive` class is the handle that holds one). */
export type DirectiveJSON = import('./types.js').Directive;
/** The JSON shape of an evaluation (the `Evaluation` class is the handle that holds one). */
export type EvaluationJSON = import('./types.js').Evaluation;
/** The JSON shape of a score report (the `ScoreReport` class is the handle that holds one). */
export type ScoreReportJSON = import('./types.js').ScoreReport;

/** Results as the functions accept them: `{entries: [...]}`, a bare array of rows, or JSON text. */
export type ResultsInput = ResultSet | ResultEntry[] | string;

/** A target table as the functions accept it: `{entries: [...]}`, a bare array of rows, or JSON text. */
export type TargetsInput = TargetTable | UnitTarget[] | string;

/** A directive as the functions accept it: a plain object, its JSON text, or a `Directive` handle. */
export type DirectiveInput = DirectiveJSON | string | Directive;

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

/** The package's limits. */
export interface Limits {
  /** The deepest nesting of arrays and objects read (96, the core's). */
  max_depth: number;
  /** The largest input read in one call, in UTF-8 bytes. */
  max_input_bytes: number;
  /** The largest output written in one call, in UTF-8 bytes. */
  max_output_bytes: number;
  /** The most (unit, period) × target cells evaluated in one call. */
  max_cells: number;
}

/** One segment of an error's path: a field name or an array index. */
export type LocSegment = string | number;

/**
 * What every function throws on bad input: `instanceof ThiduaError` (and `Error`), with the
 * core's message, the stable `code`, the path `loc` to the offending value and the error's
 * fields in `data` (`{code: "unknown_target", target: "99", location: "results[0] (…)"}`).
 */
export class ThiduaError extends Error {
  constructor(code: ErrorCode, message: string, init?: { loc?: LocSegment[]; data?: ThiduaError['data'] });
  name: 'ThiduaError';
  /** The stable code, as in Rust (`Error::code`) and Python (`err.code`). */
  code: ErrorCode;
  /** Where: `["entries", 3, "value"]`, `["items", 0, "targets", 1]`; empty when not known. */
  loc: LocSegment[];
  /** The error's fields. */
  data: { code: ErrorCode; [field: string]: unknown };
}

/** The deepest nesting of arrays and objects read from a JavaScript value or JSON text. */
export const MAX_DEPTH: 96;

/** A directive read and validated once, to evaluate against many result sets. */
export class Directive {
  private constructor();
  /** Reads and validates a directive: a plain object in the JSON format, or its JSON text. */
  static fromJSON(value: DirectiveJSON | string | Directive): Directive;
  /** Reads a directive from its Vietnamese text and validates the draft. */
  static fromText(text: string): Directive;
  /** Evaluates results against this directive (read once; the handle reads its parts). */
  evaluate(results: ResultsInput, options?: EvaluationOptions | string | null, targets?: TargetsInput | null): Evaluation;
  /** The normalized directive (also what JSON.stringify writes). */
  toJSON(): DirectiveJSON;
  /** How many targets, "trong đó" sub-targets included. */
  readonly targetCount: number;
  /** Every target id in document order. */
  targetIds(): string[];
  /** One target, or undefined. */
  target(id: string): Target | undefined;
  /** Releases the WebAssembly memory now (otherwise the garbage collector does it). */
  free(): void;
}

/** An evaluation computed once; its parts are read without evaluating again. */
export class Evaluation {
  private constructor();
  /** The whole evaluation (the shape `evaluate()` returns). */
  toJSON(): EvaluationJSON;
  /** How many (unit, period) evaluations. */
  readonly length: number;
  /** `[{unit, period, summary}]`. */
  summaries(): UnitSummary[];
  /** One flat row per unit × period × target. */
  rows(): EvaluationRow[];
  /** The Vietnamese scorecard of every (unit, period). */
  scorecardsVi(): string[];
  /** One unit's evaluation, or undefined; `period` may be left out when the unit has one. */
  unit(unit: string, period?: Period | null): UnitEvaluation | undefined;
  /** One unit's Vietnamese scorecard, or undefined. */
  scorecardVi(unit: string, period?: Period | null): string | undefined;
  /** Releases the WebAssembly memory now. */
  free(): void;
}

/** A score report computed once. */
export class ScoreReport {
  private constructor();
  /** Scores a score input (an object or its JSON text). */
  static fromInput(input: ScoreInput | string): ScoreReport;
  /** The whole report (the shape `score()` returns). */
  toJSON(): ScoreReportJSON;
  /** The rankings, one per cluster or bloc. */
  groups(): GroupRanking[];
  /** The award proposals. */
  awards(): AwardResult[];
  /** One unit's scores, or undefined. */
  unit(unit: string): UnitScore | undefined;
  /** The report as Vietnamese text. */
  renderVi(): string;
  /** Every unit's scorecard as Vietnamese text. */
  renderScorecardsVi(): string;
  /** Releases the WebAssembly memory now. */
  free(): void;
}

/** Reads and validates a directive; returns it normalized. Throws a `ThiduaError`. */
export function loadDirective(directive: DirectiveInput): DirectiveJSON;
/** Validates a directive; returns nothing and throws a `ThiduaError` when it is not valid. */
export function validateDirective(directive: DirectiveInput): void;
/** Reads a result set; returns it normalized as `{entries: [...]}`. */
export function loadResults(results: ResultsInput): ResultSet;
/**
 * Evaluates results against a directive: for every (unit, period) in the results, every target
 * with its status (`"exceeded"`, `"met"`, `"not_met"`, `"no_data"`, `"not_applicable"`), % of
 * plan (`ratio`, a decimal string or `null`), gap, explanation, and the summary with the
 * headline "đạt và vượt X/Y chỉ tiêu". `options` are the core's options (snake_case keys);
 * missing ones take their defaults. Throws a `ThiduaError`.
 */
export function evaluate(directive: DirectiveInput, results: ResultsInput, options?: EvaluationOptions | string | null, targets?: TargetsInput | null): EvaluationJSON;
/** Reads a target table (each unit's own targets); returns `{entries}`. */
export function loadTargets(targets: TargetsInput): TargetTable;
/** Reads a reported-result phrase: what it says, with diagnostics (offsets in UTF-8 bytes, or UTF-16 with `{offsets: 'utf16'}`). */
export function readResult(text: string, options?: { offsets?: 'utf8' | 'utf16' }): ReadOutput;
/** The summary of every (unit, period): `[{unit, period, summary}]`. */
export function summaries(directive: DirectiveInput, results: ResultsInput, options?: EvaluationOptions | string | null): UnitSummary[];
/** One flat row per unit × period × target, for tables. */
export function evaluationRows(directive: DirectiveInput, results: ResultsInput, options?: EvaluationOptions | string | null): EvaluationRow[];
/** The plain-text Vietnamese scorecard of every (unit, period). */
export function scorecardsVi(directive: DirectiveInput, results: ResultsInput, options?: EvaluationOptions | string | null): string[];
/** Counts statuses and writes the headline, as the core does for an evaluation (`basis` default `"items"`). */
export function summarizeStatuses(statuses: Status[], basis?: HeadlineBasis | null): Summary;
/** The Vietnamese and English label of every status. */
export function statusLabels(): Record<Status, { vi: string; en: string }>;

/** Reads a Vietnamese number ("3.500", "39,6", "08", "−1,5") exactly: "3500", "39.6", "8", "-1.5". */
export function parseVn(text: string): Decimal;
/** A number as an exact decimal string: a decimal string read exactly, a `bigint`, a finite `number` (its shortest round-trip text). */
export function toDecimalExact(value: DecimalInput | bigint): Decimal;
/** Formats a decimal the Vietnamese way, keeping its scale: `"3500"` → `"3.500"`, `"94.10"` → `"94,10"`. */
export function formatVn(value: DecimalInput | bigint): string;
/** Rounds half away from zero to `digits` (0–28, default 2) and drops trailing zeros: `"105.125"` → `"105,13"`. */
export function formatVnRounded(value: DecimalInput | bigint, digits?: number | null): string;
/** Rounds to exactly `digits` decimals (default 3), keeping trailing zeros: `"9.52"` → `"9,520"`. */
export function formatVnFixed(value: DecimalInput | bigint, digits?: number | null): string;
/** The Vietnamese label of a period: `"2024-H1"` → `"6 tháng đầu năm 2024"`. */
export function periodLabelVi(period: string): string;

/** How `parseDirective` gives offsets: UTF-8 bytes (default, as in Rust and Python) or UTF-16 (JavaScript string indices). */
export interface ParseOptions {
  offsets?: 'utf8' | 'utf16';
}
/** Reads a directive from its Vietnamese text; never throws for a string within the size limit. */
export function parseDirective(text: string, options?: ParseOptions | null): ParseOutput;
/** Reads a directive from its text and validates the draft; throws a `ThiduaError` when it does not validate. */
export function parseDirectiveStrict(text: string): DirectiveJSON;
/** The JavaScript string indices of many UTF-8 byte offsets into `text`, in one pass. */
export function utf16Offsets(text: string, byteOffsets: ArrayLike<number>): number[];
/** The JavaScript string index of one UTF-8 byte offset (walks the text; for many use `utf16Offsets`). */
export function utf16Offset(text: string, byteOffset: number): number;

/** Reads and validates a scoring scheme (thang điểm); returns it normalized. */
export function loadScheme(scheme: Scheme | string): Scheme;
/** Validates a scoring scheme. */
export function validateScheme(scheme: Scheme | string): void;
/** Scores every unit in every stage, ranks, classifies and proposes awards. */
export function score(input: ScoreInput | string): ScoreReportJSON;
/** The rankings per cluster or bloc (`score(input).groups`). */
export function rank(input: ScoreInput | string): GroupRanking[];
/** The award proposals (`score(input).awards`). */
export function award(input: ScoreInput | string): AwardResult[];
/** The score report as Vietnamese text, followed by every unit's scorecard when `scorecards`. */
export function scoreReportVi(input: ScoreInput | string, scorecards?: boolean | null): string;

// --- Awards as the law defines them (thidua_core::award; docs/awards.md) ---

/** This year's facts about a subject that are not in its history (scoring results, rating). */
export interface AwardFacts {
  subject: string;
  rating?: import('./types.js').Rating;
  band?: string;
  group?: string;
  rank?: number;
  tied?: boolean;
  total?: DecimalInput;
  targets?: number;
  targets_met_or_exceeded?: number;
  targets_exceeded?: number;
}

/** A proposal made directly (not from the scoring). */
export interface AwardCandidate {
  subject: string;
  title: string;
  note?: string;
}

/** The council at the meeting: all members, those present, absent members who voted in writing. */
export interface AwardCouncil {
  members: number;
  present: number;
  written?: number;
}

/** The tally for one candidate and title. */
export interface AwardBallot {
  subject: string;
  title: string;
  /** Yes votes of the members present. */
  yes: number;
  /** Yes votes among the written votes. */
  written_yes?: number;
  council?: AwardCouncil;
}

/** The input of `decideAwards` and `checkAwards` (see docs/awards.md). */
export interface AwardInput {
  /** The proposal date ("2024-12-20"): it selects the rules and the base salary in force. */
  date: string;
  /** The achievement year. */
  year: number;
  /** Ids of shipped rule sets or rule set objects; exactly one national set must cover `date`. */
  rule_sets: (string | import('./types.js').RuleSet)[];
  base_salary?: { name: string; rows: import('./types.js').BaseSalary[] };
  history?: import('./types.js').History;
  facts?: AwardFacts[];
  score?: ScoreInput;
  score_report?: ScoreReportJSON;
  /** Each award id of the scoring scheme → a title id, or null to leave its proposals out. */
  award_titles?: Record<string, string | null>;
  /** Each band id of the scoring scheme → the task rating it stands for. */
  band_ratings?: Record<string, import('./types.js').Rating>;
  candidates?: AwardCandidate[];
  council?: AwardCouncil;
  ballots?: AwardBallot[];
  quota_bases?: Record<string, number>;
}

/** The output of `checkAwards`. */
export interface EligibilityReport {
  date: string;
  year: number;
  rule_sets: import('./types.js').RuleSetInfo[];
  eligibility: import('./types.js').Eligibility[];
  closest?: import('./types.js').Closest[];
  warnings?: import('./types.js').Explanation[];
}

/** The award pipeline: eligibility → vote → quota → final list with money. */
export function decideAwards(input: AwardInput | string): import('./types.js').AwardReport;
/** Eligibility only, clause by clause, and the closest next titles. */
export function checkAwards(input: AwardInput | string): EligibilityReport;
/** The award decision as Vietnamese text. */
export function awardReportVi(input: AwardInput | string): string;
/** A shipped award rule set. */
export function awardRuleSet(id: string): import('./types.js').RuleSet;
/** The ids of the shipped award rule sets. */
export function awardRuleSetIds(): string[];
/** Reads and validates an award rule set; returns it normalized. */
export function loadAwardRuleSet(ruleSet: import('./types.js').RuleSet | string): import('./types.js').RuleSet;
/** Reads and validates an award history; returns it normalized. */
export function loadAwardHistory(history: import('./types.js').History | string): import('./types.js').History;

/** Every error code the package can throw, in a stable order. */
export function errorCodes(): ErrorCode[];
/** The package's limits. */
export function limits(): Limits;
/** The version of the package. */
export function version(): string;

/** @deprecated use `parseVn` (Python: `parse_vn`). */
export function parseVnNumber(text: string): Decimal;
/** @deprecated use `formatVn(value)` or `formatVnRounded(value, digits)` (Python: `format_vn`, `format_vn_rounded`). */
export function formatVnNumber(value: DecimalInput | bigint, digits?: number | null): string;
export * from './sheet.js';
export * from './batch.js';
