// thidua/init — the same API as 'thidua', without instantiating the WebAssembly module on
// import: call `await init(source)` once first. `source` is where the .wasm is (a URL or a
// string, e.g. what a bundler gives for `import wasmUrl from 'thidua/thidua_bg.wasm'`), a
// Response, its bytes, or a compiled WebAssembly.Module; without it the .wasm next to this file
// is fetched. No top-level await, so it suits every bundler (esbuild included) and workers.
import initWasm, { initSync as initWasmSync } from './web/thidua_wasm.js';

export * from './api.js';

/** Instantiates the WebAssembly module (once; later calls resolve at once). */
export async function init(source) {
  await initWasm(source === undefined ? undefined : { module_or_path: source });
}

/** Instantiates the WebAssembly module synchronously from its bytes or a WebAssembly.Module. */
export function initSync(source) {
  initWasmSync({ module: source });
}
