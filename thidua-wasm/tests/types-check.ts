// Compiled by tests/types.test.mjs with `tsc --noEmit --strict` against the built package's
// .d.ts: the domain types are real types (no `any`), and misuse is a compile error.
import {
  evaluate, loadDirective, summaries, parseVnNumber, formatVnNumber, score, parseDirective,
  statusLabels, errorCodes,
} from '../pkg/index.js';
import type {
  Directive, Evaluation, EvaluationOptions, ResultEntry, Status, ThiduaError, ScoreInput,
  ScoreReport, ParseOutput, TargetSpec, Decimal, UnitSummary,
} from '../pkg/index.js';

declare const json: string;
const d: Directive = loadDirective(json);
const kind: 'directive' | 'plan' | 'programme' | 'official_letter' | 'resolution' | 'decision' | 'other' = d.kind;
const spec: TargetSpec = d.items![0].targets[0].spec;
if (spec.kind === 'rate') {
  const v: string | number = spec.value; // decimals in inputs: string or number
  void v;
}
const rows: ResultEntry[] = [{ unit: 'A', target: '1', period: '2024', value: '10.5' }];
const opts: EvaluationOptions = { ceiling_ratio: 'complement', ratio_digits: 3 };
const e: Evaluation = evaluate(d, rows, opts);
evaluate(d, { entries: rows });
evaluate(json, json, null);
const s: Status = e.units[0].targets[0].status;
const ratio: Decimal | null = e.units[0].targets[0].ratio; // output decimals are strings
const headline: string = e.units[0].summary.headline_vi;
const sums: UnitSummary[] = summaries(d, rows);
const n: string = parseVnNumber('3.500');
const f: string = formatVnNumber('3500', 2);
const labels: string = statusLabels()[s].vi;
const codes: string[] = errorCodes();
declare const input: ScoreInput;
const report: ScoreReport = score(input);
const rank: number | null = report.units[0].rank;
const parsed: ParseOutput = parseDirective('(1) ...');
const sev: 'info' | 'warning' | 'error' = parsed.diagnostics[0].severity;
try {
  evaluate(d, rows);
} catch (err) {
  const te = err as ThiduaError;
  const code: 'json' | 'unknown_target' | string = te.code;
  void code;
}

// Misuse must not compile:
// @ts-expect-error a status is one of five words
const bad1: Status = 'passed';
// @ts-expect-error options are the core's snake_case options
evaluate(d, rows, { ceilingRatio: 'inverse' });
// @ts-expect-error an unknown convention
evaluate(d, rows, { ceiling_ratio: 'sideways' });
// @ts-expect-error a ratio is a decimal string, not a number
const bad2: number = e.units[0].targets[0].ratio!;
// @ts-expect-error a result row needs unit, target and period
const bad3: ResultEntry = { value: '1' };
// @ts-expect-error a target kind that does not exist
const bad4: TargetSpec = { kind: 'wish', value: '1' };

void [kind, s, ratio, headline, sums, n, f, labels, codes, rank, sev, bad1, bad2, bad3, bad4];
