// Compiled by tests/types.test.mjs with `tsc --noEmit --strict` against the built package's
// .d.ts: the domain types are real types (no `any`), and misuse is a compile error.
import {
  evaluate, loadDirective, summaries, parseVnNumber, formatVnNumber, score, parseDirective,
  statusLabels, errorCodes, Directive, ThiduaError, parseVn, formatVn, formatVnRounded,
  toDecimalExact, utf16Offsets, compileDirective, compileScheme, CompiledScheme,
} from '../pkg/index.js';
import type {
  DirectiveJSON, EvaluationJSON, EvaluationOptions, ResultEntry, Status, ScoreInput,
  ScoreReportJSON, ParseOutput, TargetSpec, Decimal, UnitSummary, ErrorCode, Evaluation,
} from '../pkg/index.js';
import { init } from '../pkg/init.js';

declare const json: string;
const d: DirectiveJSON = loadDirective(json);
const kind: 'directive' | 'plan' | 'programme' | 'official_letter' | 'resolution' | 'decision' | 'other' = d.kind;
const spec: TargetSpec = d.items![0].targets[0].spec;
if (spec.kind === 'rate') {
  const v: string | number = spec.value; // decimals in inputs: string or number
  void v;
}
const rows: ResultEntry[] = [{ unit: 'A', target: '1', period: '2024', value: '10.5' }];
const opts: EvaluationOptions = { ceiling_ratio: 'complement', ratio_digits: 3 };
const e: EvaluationJSON = evaluate(d, rows, opts);
// handles: read once, evaluate many times, read parts without re-running
const handle: Directive = Directive.fromJSON(d);
const ev: Evaluation = handle.evaluate(rows, opts);
const evSums: UnitSummary[] = ev.summaries();
const one = ev.unit('A', '2024');
const card: string | undefined = ev.scorecardVi('A');
ev.free();
const nTargets: number = handle.targetCount;
evaluate(handle, rows);
const exact: string = toDecimalExact(39.6) + parseVn('3.500') + formatVn(10n) + formatVnRounded('1.005', 2);
const idx: number[] = utf16Offsets('Lâm Hà', [0, 2]);
const ready: Promise<void> = init(new URL('x.wasm', 'http://127.0.0.1/'));
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
const report: ScoreReportJSON = score(input);
const rank: number | null = report.units[0].rank;
const parsed: ParseOutput = parseDirective('(1) ...');
const sev: 'info' | 'warning' | 'error' = parsed.diagnostics[0].severity;
try {
  evaluate(d, rows);
} catch (err) {
  if (err instanceof ThiduaError) {
    const code: ErrorCode = err.code;
    const where: (string | number)[] = err.loc;
    void [code, where];
  }
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
// @ts-expect-error an error code that does not exist
const bad5: ErrorCode = 'oops';
// @ts-expect-error handles are made by Directive.fromJSON, not new
const bad6 = new Directive();

// the columnar scoring: scores as columns of exact decimal strings, ranks as numbers or null
const cd = compileDirective(d);
const cs: CompiledScheme = compileScheme('{}', cd);
const sc = cs.scoreColumns({ unit: ['A'], target: ['1'], period: ['2024'] }, [{ unit: 'A', group: 'Cụm 1', kind: 'cluster' }],
  { stage: { stage: 'board_appraisal', council_points: [{ unit: 'A', criterion: 'B1', points: '5' }] } });
const total: string = sc.total[0];
const place: number | null = sc.rank[0];
const gone: string | null = sc.points('A1')[0];
const holes = CompiledScheme.uncovered('{}').map((u) => u.location);
// @ts-expect-error a roster entry's kind is cluster or bloc
cs.score(cd.evaluateColumns({ unit: ['A'], target: ['1'], period: ['2024'] }), [{ unit: 'A', group: 'G', kind: 'town' }]);
// @ts-expect-error totals are exact decimal strings, not numbers
const bad7: number = sc.total[0];

void [kind, s, ratio, headline, sums, n, f, labels, codes, rank, sev, bad1, bad2, bad3, bad4, bad5, bad6,
  evSums, one, card, nTargets, exact, idx, ready, total, place, gone, holes, bad7];
