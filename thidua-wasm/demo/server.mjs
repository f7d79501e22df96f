#!/usr/bin/env node
// A tiny static server for the demo scorecard page, on 127.0.0.1 only.
//
//   node thidua-wasm/demo/server.mjs [port]      (default 8765; 0 = any free port)
//
// Routes: /            → demo/index.html
//         /demo/…      → thidua-wasm/demo/…
//         /pkg/…       → thidua-wasm/pkg/… (the built package: bash thidua-wasm/build.sh)
//         /examples/…  → docs/examples/… (seed directives and illustrative results, JSON only)
// Nothing else is served; no request leaves the machine (the page works offline).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const demoDir = dirname(fileURLToPath(import.meta.url));
const crateDir = resolve(demoDir, '..');
const repoRoot = resolve(crateDir, '..');

const MOUNTS = [
  ['/demo/', demoDir, null],
  ['/pkg/', join(crateDir, 'pkg'), null],
  ['/examples/', join(repoRoot, 'docs', 'examples'), new Set(['.json'])],
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

function locate(urlPath) {
  if (urlPath === '/' || urlPath === '/index.html') return join(demoDir, 'index.html');
  for (const [prefix, dir, allowed] of MOUNTS) {
    if (!urlPath.startsWith(prefix)) continue;
    const rel = normalize(decodeURIComponent(urlPath.slice(prefix.length)));
    const file = resolve(dir, rel);
    if (file !== dir && !file.startsWith(dir + sep)) return null; // no escaping the mount
    if (allowed && !allowed.has(extname(file))) return null;
    return file;
  }
  return null;
}

export function startServer(port = 8765) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const file = req.method === 'GET' || req.method === 'HEAD' ? locate(url.pathname) : null;
      if (!file || !(await stat(file)).isFile()) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      const status = e.code === 'ENOENT' || e.code === 'EISDIR' || e instanceof URIError ? 404 : 500;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(status === 404 ? 'not found\n' : 'error\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      ok({ server, port: p, url: `http://127.0.0.1:${p}/` });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 8765);
  const { url } = await startServer(port);
  console.log(`thidua demo: ${url}  (Ctrl-C to stop)`);
}
