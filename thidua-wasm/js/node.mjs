// thidua — Node entry (ESM). Reads the WebAssembly module from the package folder and
// instantiates it synchronously; every function is ready on import.
import { readFileSync } from 'node:fs';
import { initSync } from './web/thidua_wasm.js';

initSync({ module: readFileSync(new URL('./web/thidua_wasm_bg.wasm', import.meta.url)) });

export * from './api.js';
