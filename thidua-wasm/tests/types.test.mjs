// The package's TypeScript types: generated from the schemas and up to date, valid for the
// TypeScript compiler in strict mode, and free of `any` in the public API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crateDir, pkgDir } from './helpers.mjs';

test('src/types.generated.d.ts matches docs/schema and thidua-wasm/schema', () => {
  execFileSync(process.execPath, [join(crateDir, 'scripts', 'gen-types.mjs'), '--check'], { stdio: 'pipe' });
});

test('the public declarations use domain types, never any', () => {
  const dts = readFileSync(join(pkgDir, 'web', 'thidua_wasm.d.ts'), 'utf8');
  // wasm-bindgen's own InitOutput (raw exports) is internal; everything before it is public
  const publicPart = dts.slice(0, dts.indexOf('export type InitInput'));
  assert.ok(publicPart.length > 1000);
  const anys = publicPart.split('\n').filter((l) => /\bany\b/.test(l) && !/^\s*(\*|\/\/|\/\*)/.test(l));
  assert.deepEqual(anys, []);
  for (const name of ['Directive', 'ResultSet', 'Evaluation', 'EvaluationOptions', 'Summary', 'ScoreInput', 'ScoreReport', 'ParseOutput', 'ThiduaError']) {
    assert.match(publicPart, new RegExp(`export (interface|type) ${name}\\b`), name);
  }
  assert.match(publicPart, /export function evaluate\(directive: Directive \| string, results: ResultsInput, options\?: EvaluationOptions \| string \| null\): Evaluation;/);
});

test('tsc --strict accepts correct use and rejects misuse (types-check.ts)', () => {
  const tsc = join(crateDir, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    execFileSync(
      process.execPath,
      [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
        '--skipLibCheck', 'false', join(crateDir, 'tests', 'types-check.ts')],
      { stdio: 'pipe', cwd: crateDir },
    );
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});
