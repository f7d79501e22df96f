// Source of node/index.cjs, the CommonJS entry (`require('thidua')`): bundled by esbuild at
// build time from the same glue and api.js, reading the one .wasm in ../web/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from './web/thidua_wasm.js';

// eslint-disable-next-line no-undef -- CommonJS output: __dirname is the node/ folder
initSync({ module: readFileSync(join(__dirname, '..', 'web', 'thidua_wasm_bg.wasm')) });

export * from './api.js';
