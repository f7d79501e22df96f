// Shared helpers of the node tests: where things are, and the built package.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const crateDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(crateDir, '..');
export const pkgDir = join(crateDir, 'pkg');

if (!existsSync(join(pkgDir, 'node.mjs'))) {
  throw new Error(`the package is not built (${pkgDir}); run: bash thidua-wasm/build.sh`);
}

/** Reads a repository file (path relative to the repository root) as JSON. */
export function readJson(rel) {
  return JSON.parse(readFileSync(join(repoRoot, rel), 'utf8'));
}

/** Every *.json under a folder, recursively, sorted (as the Rust runner walks them). */
export function jsonFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...jsonFiles(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** The result fields the JS batch columns carry (`evaluateColumns`, `scoreColumns`). */
export const COLUMNS = new Set(['unit', 'target', 'period', 'value', 'baseline', 'provenance']);

/** Result rows (objects) as the columns of `evaluateColumns`: nulls for missing fields. */
export function toColumns(rows) {
  const col = (k) => rows.map((r) => (r[k] === undefined ? null : r[k]));
  const c = { unit: col('unit'), target: col('target'), period: col('period').map(String) };
  if (rows.some((r) => 'value' in r)) c.value = col('value');
  if (rows.some((r) => 'baseline' in r)) c.baseline = col('baseline');
  if (rows.some((r) => 'provenance' in r)) c.provenance = col('provenance');
  return c;
}
