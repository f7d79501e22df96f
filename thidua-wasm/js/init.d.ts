// thidua/init — the API of 'thidua' without instantiating the WebAssembly module on import.
export * from './index.js';

/** Where the .wasm comes from: its URL, a Response, its bytes, or a compiled module. */
export type WasmSource = string | URL | Request | Response | BufferSource | WebAssembly.Module;

/** Instantiates the WebAssembly module once (later calls resolve at once); call before anything else. */
export function init(source?: WasmSource | Promise<Response>): Promise<void>;
/** Instantiates the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(source: BufferSource | WebAssembly.Module): void;
