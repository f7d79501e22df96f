#!/usr/bin/env node
// Generates thidua-wasm/src/types.generated.d.ts (the TypeScript domain types of the package)
// from the JSON Schemas in docs/schema/*.json, which are themselves generated from the Rust
// types (thidua_core::schema). So the .d.ts follows the Rust types without being written by
// hand.
//
// Why a small script rather than json-schema-to-typescript or tsify: the schemas use a small,
// regular subset of JSON Schema (schemars output: $ref/$defs, oneOf/anyOf, const, type arrays,
// objects with additionalProperties: false); the script has no dependencies (no prettier, no
// lodash in the build), is deterministic, and knows the project's one convention that a
// generic tool cannot: a decimal is `{"type": ["string", "number"], "pattern": …}` and is
// typed `Decimal` (a string, in outputs) or `DecimalInput` (string or number, in inputs).
// tsify would need derives on the core's types, which belong to thidua-core.
//
// The error codes (`ErrorCode`) come from the core's one list, read from the built module
// (`errorCodes()` of pkg/web: thidua_core::Error's codes, then the binding's own), so the union
// cannot drift from what the package throws.
//
// Usage: node scripts/gen-types.mjs [--check] [--pkg DIR | --codes-from FILE] [--out FILE]
//   --check       exit 1 if src/types.generated.d.ts is not what the schemas and codes give
//                 (the tests run this)
//   --pkg         the built package (default thidua-wasm/pkg), for the error codes
//   --codes-from  take the error codes from the `ErrorCode` union of a generated .d.ts (e.g.
//                 the committed src/types.generated.d.ts) instead of a built package: a change
//                 of the schemas alone regenerates the types without a WebAssembly build (the
//                 tests check that both ways give the same file)
//   --out         write there instead of src/types.generated.d.ts (build.sh writes pkg/types.d.ts)

import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const crateDir = resolve(here, '..');
const repoRoot = resolve(crateDir, '..');
const OUT = join(crateDir, 'src', 'types.generated.d.ts');
const DECIMAL_PATTERN = '^-?\\d+(\\.\\d+)?([eE]\\d+)?$';

// Schemas describing what the library *returns* (every field serialized, decimals as strings).
// Everything else describes inputs (decimals may be strings or numbers).
// Fields whose Rust type is a free `serde_json::Value` but whose accepted shape is known.
const OVERRIDES = {
  'StageInput.results': 'ResultSet | ResultEntry[]',
};

// Types that are inputs wherever they appear: an evaluation repeats its options, but
// `EvaluationOptions` is what callers pass (`evaluate(d, r, {ratio_digits: 2})`), so its
// defaulted fields stay optional even inside an output schema.
const INPUT_DEFS = new Set(['EvaluationOptions']);
const OUTPUT_SCHEMAS = new Set(['evaluation', 'score-report', 'parse-output', 'award-report', 'read-output']);

// docs/schema/: directive, result set, evaluation, score input and report, parse output, target
// table, read output.
export const SCHEMA_DIRS = [join(repoRoot, 'docs', 'schema')];

/** The error codes of the built package (its WebAssembly module's `errorCodes()`). */
export async function loadCodes(pkgDir = join(crateDir, 'pkg')) {
  const glue = join(pkgDir, 'web', 'thidua_wasm.js');
  const wasm = join(pkgDir, 'web', 'thidua_wasm_bg.wasm');
  if (!existsSync(glue) || !existsSync(wasm)) {
    throw new Error(`no built package in ${pkgDir}: run thidua-wasm/build.sh first`);
  }
  const m = await import(pathToFileURL(glue).href);
  m.initSync({ module: readFileSync(wasm) });
  const codes = JSON.parse(m.errorCodes());
  if (!Array.isArray(codes) || codes.length === 0) throw new Error('errorCodes() gave no codes');
  return codes;
}

/** The error codes of the `ErrorCode` union in a generated .d.ts text (as `errorCodeType` writes it). */
export function codesFromTypes(text) {
  const m = /export type ErrorCode =\n((?:  \| "[^"]+"\n?)+);/.exec(text);
  if (!m) throw new Error('no `export type ErrorCode = | "…"` union in the file');
  return [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]);
}

function errorCodeType(codes) {
  return [
    '/**',
    ' * The stable error codes (`err.code`): the core\'s (`thidua_core::Error::code`, the same in',
    ' * Rust and Python), then the JavaScript package\'s own limits. Generated from the module\'s',
    ' * `errorCodes()`.',
    ' */',
    `export type ErrorCode =\n${codes.map((c) => `  | ${JSON.stringify(c)}`).join('\n')};`,
    '',
  ].join('\n');
}

// The schemas of the evaluation and scoring domain come first, in this order: directive (input)
// before parse-output, so Directive keeps its input form; evaluation (output) before
// score-input, so Evaluation keeps its output form. Other schemas (awards, …) follow in name
// order.
const FIRST = ['directive', 'evaluation', 'parse-output', 'result-set', 'score-input', 'score-report'];

const pascal = (base) => base.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

export function generate(schemaDirs = SCHEMA_DIRS, codes = []) {
  const rank = (p) => {
    const base = p.replace(/^.*\//, '').replace(/\.schema\.json$/, '');
    const i = FIRST.indexOf(base);
    return i < 0 ? FIRST.length : i;
  };
  const files = schemaDirs
    .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.schema.json')).map((f) => join(d, f)))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  if (files.length === 0) throw new Error(`no *.schema.json in ${schemaDirs}`);
  const defs = new Map(); // name -> {ts, from}
  const order = [];
  for (const path of files) {
    const f = path.slice(repoRoot.length + 1);
    const base = path.replace(/^.*\//, '').replace(/\.schema\.json$/, '');
    const schema = JSON.parse(readFileSync(path, 'utf8'));
    const { $defs, $schema, ...top } = schema;
    const entries = [...Object.entries($defs ?? {}), [schema.title, top]];
    // Two different Rust types with one name (award::Measure and model::Measure): the later
    // schema's type is renamed with its schema's name (`AwardRulesMeasure`), its references too.
    // The same type reached from several schemas differs at most in its decimals (string in
    // outputs, string or number in inputs) and in optional fields; the first schema wins.
    const rename = new Map();
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, s] of entries) {
        if (rename.has(name)) continue;
        const ctx = { output: OUTPUT_SCHEMAS.has(base) && !INPUT_DEFS.has(name), file: f, def: name, rename };
        const prev = defs.get(name);
        if (prev && shape(prev.ts) !== shape(declaration(name, s, ctx))) {
          if (name === schema.title) throw new Error(`type ${name} differs between ${prev.from} and ${f}`);
          rename.set(name, `${pascal(base)}${name}`);
          changed = true;
        }
      }
    }
    for (const [name, s] of entries) {
      const out = rename.get(name) ?? name;
      const ctx = { output: OUTPUT_SCHEMAS.has(base) && !INPUT_DEFS.has(name), file: f, def: name, rename };
      const ts = declaration(out, s, ctx);
      const prev = defs.get(out);
      if (prev) {
        if (shape(prev.ts) !== shape(ts)) throw new Error(`type ${out} differs between ${prev.from} and ${f}`);
        continue;
      }
      defs.set(out, { ts, from: f });
      order.push(out);
    }
  }
  const head = [
    '// Generated by thidua-wasm/scripts/gen-types.mjs from docs/schema/*.json and the core\'s',
    '// error codes. Do not edit.',
    '',
    '/** A decimal, always a string in what the library returns (`"105.00"`), so that no',
    ' *  JavaScript number rounds it. */',
    'export type Decimal = string;',
    '/** A decimal given to the library: a string (exact, preferred) or a number. */',
    'export type DecimalInput = string | number;',
    '',
  ];
  return head.join('\n') + order.map((n) => defs.get(n).ts).join('\n') + '\n' + errorCodeType(codes);
}

function shape(ts) {
  return ts.replaceAll('DecimalInput', 'Decimal').replace(/^(\s*[\w$"]+)\?:/gm, '$1:');
}

function doc(description, indent = '') {
  if (!description) return '';
  let d = description
    .replace(/```[\s\S]*?```/g, '') // Rust examples
    .replace(/\[`([^`]+)`\]\([^)]*\)/g, '`$1`')
    .replace(/\[`([^`]+)`\]/g, '`$1`')
    .replace(/\*\//g, '*\\/')
    .trim();
  if (!d) return '';
  const lines = d.split('\n').map((l) => l.trimEnd());
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ' ' + l : ''}`).join('\n')}\n${indent} */\n`;
}

function declaration(name, s, ctx) {
  const alts = s.oneOf ?? s.anyOf;
  if (alts && alts.some((a) => a.properties)) {
    // a tagged enum: one documented object per variant
    const parts = alts.map((a) => `${doc(a.description, '  ')}  | ${typeOf(a, ctx, '  ')}`);
    return `${doc(s.description)}export type ${name} =\n${parts.join('\n')};\n`;
  }
  const t = typeOf(s, ctx, '');
  if (s.properties && !alts) return `${doc(s.description)}export interface ${name} ${t}\n`;
  return `${doc(s.description)}export type ${name} = ${t};\n`;
}

function isDecimal(s) {
  const ty = Array.isArray(s.type) ? s.type : [s.type];
  return s.pattern === DECIMAL_PATTERN && ty.includes('string') && ty.includes('number');
}

function union(parts) {
  const uniq = [...new Set(parts)];
  return uniq.join(' | ');
}

function literal(v) {
  return JSON.stringify(v);
}

function typeOf(s, ctx, indent) {
  if (s === true || s === undefined) return 'unknown';
  if (s === false) return 'never';
  if (s.$ref) {
    const name = s.$ref.replace(/^#\/\$defs\//, '');
    return ctx.rename?.get(name) ?? name;
  }
  if (s.const !== undefined) return literal(s.const);
  if (s.enum) return union(s.enum.map(literal));
  if (s.oneOf || s.anyOf) {
    const alts = (s.oneOf ?? s.anyOf).map((a) => typeOf(a, ctx, indent));
    // an object schema with properties *and* oneOf (internally tagged enums) never occurs in
    // schemars output without the variants carrying every property, so the variants suffice
    return union(alts);
  }
  if (s.allOf && s.allOf.length === 1) return typeOf(s.allOf[0], ctx, indent);
  if (isDecimal(s)) {
    const base = ctx.output ? 'Decimal' : 'DecimalInput';
    const ty = Array.isArray(s.type) ? s.type : [s.type];
    return ty.includes('null') ? `${base} | null` : base;
  }
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length === 0) {
    if (s.properties) return objectType(s, ctx, indent);
    return 'unknown';
  }
  return union(
    types.map((ty) => {
      switch (ty) {
        case 'string':
          return 'string';
        case 'integer':
        case 'number':
          return 'number';
        case 'boolean':
          return 'boolean';
        case 'null':
          return 'null';
        case 'array': {
          if (Array.isArray(s.prefixItems)) {
            return `[${s.prefixItems.map((x) => typeOf(x, ctx, indent)).join(', ')}]`;
          }
          const inner = typeOf(s.items ?? true, ctx, indent);
          return /[|&]/.test(inner) ? `Array<${inner}>` : `${inner}[]`;
        }
        case 'object':
          return objectType(s, ctx, indent);
        default:
          throw new Error(`${ctx.file}: unsupported type ${ty}`);
      }
    }),
  );
}

function objectType(s, ctx, indent) {
  const props = s.properties ?? {};
  const required = new Set(s.required ?? []);
  const inner = indent + '  ';
  const lines = [];
  for (const key of Object.keys(props).sort()) {
    const p = props[key];
    const t = OVERRIDES[`${ctx.def}.${key}`] ?? typeOf(p, ctx, inner);
    // What the library returns always has every field: an `Option` is serialized as `null`.
    const nullable = /\bnull\b/.test(t);
    const optional = !required.has(key) && !(ctx.output && nullable);
    const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
    lines.push(`${doc(p.description, inner)}${inner}${k}${optional ? '?' : ''}: ${t};`);
  }
  const ap = s.additionalProperties;
  if (ap && ap !== true && typeof ap === 'object') {
    lines.push(`${inner}[key: string]: ${typeOf(ap, ctx, inner)};`);
  } else if (ap === undefined && Object.keys(props).length === 0) {
    lines.push(`${inner}[key: string]: unknown;`);
  }
  return `{\n${lines.join('\n')}\n${indent}}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  for (const dir of SCHEMA_DIRS) {
    if (!existsSync(dir)) {
      console.error(`schema folder ${dir} not found`);
      process.exit(2);
    }
  }
  const codes = opt('--codes-from')
    ? codesFromTypes(readFileSync(resolve(opt('--codes-from')), 'utf8'))
    : await loadCodes(opt('--pkg') ? resolve(opt('--pkg')) : undefined);
  const text = generate(SCHEMA_DIRS, codes);
  const out = opt('--out') ? resolve(opt('--out')) : OUT;
  if (check) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== text) {
      console.error(`${out} is out of date: run node thidua-wasm/scripts/gen-types.mjs (after build.sh)`);
      process.exit(1);
    }
    console.log('types.generated.d.ts is up to date');
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}
