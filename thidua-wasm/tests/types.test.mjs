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

test('the error codes read back from the committed types give the same file (--codes-from)', () => {
  const committed = join(crateDir, 'src', 'types.generated.d.ts');
  execFileSync(process.execPath, [join(crateDir, 'scripts', 'gen-types.mjs'), '--check', '--codes-from', committed], { stdio: 'pipe' });
});

test('the public declarations use domain types, never any', () => {
  const publicPart = ['index.d.ts', 'init.d.ts', 'types.d.ts'].map((f) => readFileSync(join(pkgDir, f), 'utf8')).join('\n');
  assert.ok(publicPart.length > 1000);
  const anys = publicPart.split('\n').filter((l) => /(?<!["\w])any(?!["\w])/.test(l) && !/^\s*(\*|\/\/|\/\*)/.test(l));
  assert.deepEqual(anys, []);
  for (const name of ['Directive', 'ResultSet', 'Evaluation', 'EvaluationOptions', 'Summary', 'ScoreInput', 'ScoreReport', 'ParseOutput', 'ErrorCode', 'Status', 'TargetKind']) {
    assert.match(publicPart, new RegExp(`export (interface|type) ${name}\\b`), name);
  }
  for (const name of ['ThiduaError', 'Directive', 'Evaluation', 'ScoreReport']) {
    assert.match(publicPart, new RegExp(`export class ${name}\\b`), name);
  }
  assert.match(publicPart, /export function evaluate\(directive: DirectiveInput, results: ResultsInput, options\?: EvaluationOptions \| string \| null, targets\?: TargetsInput \| null\): EvaluationJSON;/);
});

test('the unions of the .d.ts are what the core has (no drift)', async () => {
  const thidua = await import('../pkg/node.mjs');
  const dts = readFileSync(join(pkgDir, 'types.d.ts'), 'utf8');
  const union = (name) => {
    const m = new RegExp(`export type ${name} =([^;]*);`).exec(dts);
    assert.ok(m, name);
    return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
  };
  assert.deepEqual(union('ErrorCode'), thidua.errorCodes());
  assert.deepEqual(union('Status').sort(), Object.keys(thidua.statusLabels()).sort());
  // the kinds of TargetKind are exactly the tags of TargetSpec's variants (both from the core)
  const kinds = union('TargetKind');
  const from = dts.indexOf('export type TargetSpec =');
  assert.ok(from >= 0);
  const spec = dts.slice(from, dts.indexOf('\nexport ', from + 1));
  const tags = [...spec.matchAll(/kind: "([a-z_]+)"/g)].map((x) => x[1]);
  assert.deepEqual([...new Set(tags)].sort(), [...kinds].sort());
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
