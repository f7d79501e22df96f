// thidua — browser and bundler entry (ESM). The WebAssembly module is fetched and instantiated
// once, when this module is first imported (top-level await), so every function is ready and
// synchronous afterwards:
//
//   import { evaluate, Directive } from 'thidua';
//
// Vite and webpack 5 treat `new URL(…, import.meta.url)` as an asset and emit the .wasm. For
// esbuild, or to choose when and from where the .wasm loads, use 'thidua/init' (see
// docs/javascript.md, "Bundlers").
import init from './web/thidua_wasm.js';

await init({ module_or_path: new URL('./web/thidua_wasm_bg.wasm', import.meta.url) });

export * from './api.js';
