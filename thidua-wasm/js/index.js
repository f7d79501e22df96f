// thidua — browser and bundler entry (ESM). The WebAssembly module is fetched and instantiated
// once, when this module is first imported (top-level await), so every function is ready and
// synchronous afterwards:
//
//   import { evaluate, loadDirective } from 'thidua';
//
// Bundlers (webpack 5, Vite, esbuild, Rollup) treat `new URL(..., import.meta.url)` as an asset.
import init from './web/thidua_wasm.js';

await init({ module_or_path: new URL('./web/thidua_wasm_bg.wasm', import.meta.url) });

export * from './web/thidua_wasm.js';
