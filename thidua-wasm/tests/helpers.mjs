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
