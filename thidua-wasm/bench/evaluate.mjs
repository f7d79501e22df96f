#!/usr/bin/env node
// Evaluation throughput of the WebAssembly package in Node versus native Rust, on the fixture
// of thidua-core/benches/evaluate.rs (Kon Tum 2024 seed directive, units × 19 targets, values
// jittered around each target), plus the size of the .wasm raw and gzipped.
//
//   node thidua-wasm/bench/evaluate.mjs [--rows 200000] [--repeat 3]
//
// Needs the built package (bash thidua-wasm/build.sh) and cargo (for the native half,
// bench/native.rs, which also writes the fixture so that both halves read the same rows).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';

const crateDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(crateDir, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const rows = arg('rows', 200_000);
const repeat = arg('repeat', 3);
const outDir = join(crateDir, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const fixture = join(outDir, `fixture-${rows}.json`);

console.error(`native half (cargo run --release --example bench_native), ${rows} rows…`);
const native = JSON.parse(
  execFileSync(
    'cargo',
    ['run', '--release', '-q', '-p', 'thidua-wasm', '--example', 'bench_native', '--', String(rows), fixture, String(repeat)],
    { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  ).trim(),
);

const thidua = await import(join(crateDir, 'pkg', 'node.mjs'));
const directiveText = readFileSync(join(repoRoot, 'docs/examples/002_kon-tum-2024.json'), 'utf8');
const resultsText = readFileSync(fixture, 'utf8');
const directive = JSON.parse(directiveText);
const results = JSON.parse(resultsText);

function bestOf(f) {
  let best = Infinity;
  let out;
  for (let i = 0; i < repeat; i++) {
    const t = process.hrtime.bigint();
    out = f();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
  }
  return [best, out];
}

const [textS, e1] = bestOf(() => thidua.evaluate(directiveText, resultsText));
const [objS, e2] = bestOf(() => thidua.evaluate(directive, results));
const [strS] = bestOf(() => JSON.stringify(results));
const handle = thidua.Directive.fromJSON(directive);
const [handleS, sums] = bestOf(() => {
  const e = handle.evaluate(results);
  try {
    return e.summaries();
  } finally {
    e.free();
  }
});
const units = Math.ceil(rows / 19);
if (sums.length !== units) throw new Error('unexpected summary count');
if (e1.units.length !== units || e2.units.length !== units) throw new Error('unexpected unit count');
if (JSON.stringify(e1.units[7]) !== JSON.stringify(e2.units[7])) throw new Error('text and object inputs differ');

const wasm = readFileSync(join(crateDir, 'pkg', 'web', 'thidua_wasm_bg.wasm'));
const glue = statSync(join(crateDir, 'pkg', 'web', 'thidua_wasm.js')).size;
const gz = gzipSync(wasm, { level: 9 }).length;
const n = native.rows;
const fmt = (s) => `${s.toFixed(3)} s`;
const rate = (s) => `${(n / s / 1e6).toFixed(2)} M`;
const lines = [
  `Fixture: ${n.toLocaleString('en')} rows (${units.toLocaleString('en')} units × 19 targets), ${(resultsText.length / 1e6).toFixed(1)} MB of JSON; best of ${repeat}; Node ${process.versions.node}, ${cpus().length} cores.`,
  '',
  '| path | time | rows/s | × native core |',
  '|---|---:|---:|---:|',
  `| native Rust, \`thidua_core::evaluate\` on parsed values | ${fmt(native.core_s)} | ${rate(native.core_s)} | 1.0 |`,
  `| native Rust, JSON text in → JSON text out (the binding's path) | ${fmt(native.json_s)} | ${rate(native.json_s)} | ${(native.json_s / native.core_s).toFixed(1)} |`,
  `| wasm in Node, \`evaluate(directiveText, resultsText)\` → objects | ${fmt(textS)} | ${rate(textS)} | ${(textS / native.core_s).toFixed(1)} |`,
  `| wasm in Node, \`evaluate(directive, rows)\` plain objects → objects | ${fmt(objS)} | ${rate(objS)} | ${(objS / native.core_s).toFixed(1)} |`,
  `| wasm in Node, \`Directive.fromJSON\` once, \`evaluate(rows).summaries()\` | ${fmt(handleS)} | ${rate(handleS)} | ${(handleS / native.core_s).toFixed(1)} |`,
  `| (reference: \`JSON.stringify(rows)\` alone, no checks) | ${fmt(strS)} | ${rate(strS)} | ${(strS / native.core_s).toFixed(2)} |`,
  '',
  `.wasm: ${wasm.length.toLocaleString('en')} bytes raw, ${gz.toLocaleString('en')} bytes gzipped (-9); JS glue ${glue.toLocaleString('en')} bytes.`,
];
console.log(lines.join('\n'));
