// thidua — types of every entry (browser, bundler, Node ESM and CommonJS). The domain types
// (Directive, ResultSet, Evaluation, ...) are generated from docs/schema/*.json.
export * from './web/thidua_wasm.js';
