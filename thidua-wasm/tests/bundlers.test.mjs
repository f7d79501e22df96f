// The package in the bundlers web developers use: `npm pack` of pkg/ is installed (extracted,
// as npm installs a tarball) into tiny apps built with the recipes of docs/javascript.md —
// Vite (production build and dev server), esbuild and webpack, the versions pinned in
// package.json. Each build must emit the .wasm, and the page must load it and evaluate in
// headless Chromium, with no failed request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pkgDir } from './helpers.mjs';
import { launch } from './browser.mjs';

let work;
let tarball;
let browser;

const DIRECTIVE = {
  kind: 'directive', issuer: { name: 'UBND tỉnh X' }, coverage: { year: 2024 }, title: 't',
  items: [{ number: 1, text: 'GRDP đạt từ 10% trở lên', targets: [{ id: '1', name: 'GRDP', spec: { kind: 'growth_rate', comparator: 'at_least', value: '10' } }] }],
};
const EVALUATE = `
const e = evaluate(${JSON.stringify(DIRECTIVE)}, [{ unit: 'A', target: '1', period: '2024', value: '10.5' }]);
let code = null;
try { parseVn('3.5'); } catch (err) { code = err instanceof ThiduaError ? err.code : 'not a ThiduaError'; }
document.body.dataset.result = JSON.stringify({ status: e.units[0].targets[0].status, ratio: e.units[0].targets[0].ratio, code, version: version() });
`;
const WANT = { status: 'exceeded', ratio: '105.00', code: 'invalid_number' };

/** The default entry: instantiates the .wasm on import (Vite, webpack). */
const MAIN = `import { evaluate, parseVn, version, ThiduaError } from 'thidua';\n${EVALUATE}`;
/** The explicit-init entry with the .wasm imported as a file URL (esbuild). */
const MAIN_INIT = `import { init, evaluate, parseVn, version, ThiduaError } from 'thidua/init';
import wasmUrl from 'thidua/thidua_bg.wasm'; // esbuild --loader:.wasm=file: a path beside the bundle
await init(new URL(wasmUrl, import.meta.url));
${EVALUATE}`;
const HTML = (src) => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="${src}"></script></head><body></body></html>`;

function app(name, main, html = HTML('/main.js')) {
  const dir = join(work, name);
  const mod = join(dir, 'node_modules', 'thidua');
  mkdirSync(mod, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', mod, '--strip-components=1']);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  writeFileSync(join(dir, 'main.js'), main);
  writeFileSync(join(dir, 'index.html'), html);
  return dir;
}

function files(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => statSync(join(dir, f)).isFile());
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

function serve(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    const file = resolve(dir, normalize('.' + (path.endsWith('/') ? path + 'index.html' : path)));
    if (!file.startsWith(dir + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

/** Loads the page in Chromium; returns what the app wrote, and every failed request. */
async function run(url) {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  await page.route('**/*', (route) => (route.request().url().startsWith(url) || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  await page.goto(url);
  let result;
  try {
    await page.waitForSelector('body[data-result]', { timeout: 15000, state: 'attached' });
    result = JSON.parse(await page.getAttribute('body', 'data-result'));
  } catch (e) {
    problems.push(`no result: ${e.message.split('\n')[0]}`);
  }
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.endsWith('.wasm')));
  await page.close();
  return { result, problems, wasm };
}

function check({ result, problems, wasm }, name) {
  assert.deepEqual(problems, [], `${name}: ${problems.join('; ')}`);
  assert.equal(wasm.length, 1, `${name}: the page fetched ${wasm.length} .wasm files`);
  const { version, ...rest } = result;
  assert.deepEqual(rest, WANT, name);
  assert.match(version, /^\d+\.\d+\.\d+/);
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'thidua-bundlers-'));
  const out = execFileSync('npm', ['pack', pkgDir, '--pack-destination', work, '--json', '--loglevel=error'], { encoding: 'utf8' });
  tarball = join(work, JSON.parse(out)[0].filename);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the packed package ships one .wasm and every entry', () => {
  const list = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
  assert.deepEqual(list.filter((f) => f.endsWith('.wasm')), ['package/web/thidua_wasm_bg.wasm']);
  for (const f of ['api.js', 'index.js', 'init.js', 'node.mjs', 'node/index.cjs', 'index.d.ts', 'init.d.ts', 'types.d.ts', 'package.json']) {
    assert.ok(list.includes(`package/${f}`), f);
  }
});

test('Vite: production build emits the .wasm and the page evaluates', async () => {
  const { build } = await import('vite');
  const dir = app('vite-build', MAIN);
  await build({ root: dir, configFile: false, logLevel: 'error', build: { outDir: 'dist', emptyOutDir: true } });
  const emitted = files(join(dir, 'dist'));
  assert.equal(emitted.filter((f) => f.endsWith('.wasm')).length, 1, emitted.join(', '));
  const { server, url } = await serve(join(dir, 'dist'));
  try {
    check(await run(url), 'vite build');
  } finally {
    server.close();
  }
});

async function viteDev(dir, extra = {}) {
  const { createServer: viteServer } = await import('vite');
  const server = await viteServer({
    root: dir, configFile: false, logLevel: 'error', ...extra,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, ...extra.server },
  });
  await server.listen();
  try {
    return await run(server.resolvedUrls.local[0]);
  } finally {
    await server.close();
  }
}

test('Vite: the dev server serves an installed package and its .wasm', async () => {
  check(await viteDev(app('vite-dev', MAIN)), 'vite dev');
});

test('Vite: a folder install (a link outside the app) needs server.fs.allow, as the recipe says', async () => {
  const dir = app('vite-dev-folder', MAIN);
  // npm install /path/to/pkg links the folder: node_modules/thidua → outside the app's root
  const linked = join(work, 'thidua-folder');
  rmSync(join(dir, 'node_modules', 'thidua'), { recursive: true });
  mkdirSync(linked);
  execFileSync('tar', ['-xzf', tarball, '-C', linked, '--strip-components=1']);
  symlinkSync(linked, join(dir, 'node_modules', 'thidua'), 'dir');
  const refused = await viteDev(dir);
  assert.ok(refused.problems.some((p) => /HTTP 403: .*\.wasm/.test(p)), `expected Vite to refuse the .wasm: ${refused.problems}`);
  check(await viteDev(dir, { server: { fs: { allow: [dir, linked] } } }), 'vite dev, folder install with server.fs.allow');
});

test('esbuild: thidua/init with the .wasm as a file emits it and the page evaluates', async () => {
  const esbuild = await import('esbuild');
  const dir = app('esbuild', MAIN_INIT, HTML('/dist/main.js'));
  await esbuild.build({
    entryPoints: [join(dir, 'main.js')], bundle: true, format: 'esm', outdir: join(dir, 'dist'),
    loader: { '.wasm': 'file' }, absWorkingDir: dir, logLevel: 'error', target: 'es2022',
  });
  const emitted = files(join(dir, 'dist'));
  assert.equal(emitted.filter((f) => f.endsWith('.wasm')).length, 1, emitted.join(', '));
  const { server, url } = await serve(dir);
  try {
    check(await run(url), 'esbuild');
  } finally {
    server.close();
  }
});

test('esbuild with the default entry is what the recipe warns about (the .wasm is not emitted)', async () => {
  const esbuild = await import('esbuild');
  const dir = app('esbuild-default', MAIN);
  await esbuild.build({ entryPoints: [join(dir, 'main.js')], bundle: true, format: 'esm', outdir: join(dir, 'dist'), absWorkingDir: dir, logLevel: 'silent', target: 'es2022' });
  assert.equal(files(join(dir, 'dist')).filter((f) => f.endsWith('.wasm')).length, 0);
});

test('webpack 5: the default entry emits the .wasm as an asset and the page evaluates', async () => {
  const { default: webpack } = await import('webpack');
  const dir = app('webpack', MAIN, HTML('/dist/main.js'));
  const stats = await new Promise((ok, fail) =>
    webpack({
      mode: 'production', context: dir, entry: './main.js', target: 'web', devtool: false,
      output: { path: join(dir, 'dist'), filename: 'main.js', publicPath: '/dist/', clean: true },
      resolve: { modules: [join(dir, 'node_modules')] },
      performance: { hints: false },
    }, (err, s) => (err ? fail(err) : ok(s))),
  );
  assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
  const emitted = files(join(dir, 'dist'));
  assert.equal(emitted.filter((f) => f.endsWith('.wasm')).length, 1, emitted.join(', '));
  const { server, url } = await serve(dir);
  try {
    check(await run(url), 'webpack');
  } finally {
    server.close();
  }
});
