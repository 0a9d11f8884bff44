// A small static file server for the built site, with the production CSP on every response.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/**
 * Serve `root` (set later through the returned `setRoot`, so the port can be chosen before the
 * site is built with it) on 127.0.0.1. Every request path is logged in `log`.
 */
export async function startServer({ host = '127.0.0.1', port = 0 } = {}) {
  let root = null;
  const log = [];
  const server = http.createServer((req, res) => {
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('bad request');
      return;
    }
    log.push({ method: req.method, path: pathname, url: req.url });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed');
      return;
    }
    const send = (status, file, extra = {}) => {
      const body = fs.readFileSync(file);
      res.writeHead(status, { ...headers, ...extra, 'Content-Type': contentType(file), 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (!root) {
      res.writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('site not built yet');
      return;
    }
    const full = path.join(root, path.normalize(pathname));
    if (full !== root && !full.startsWith(root + path.sep)) return send(404, path.join(root, '404.html'));
    let stat = null;
    try { stat = fs.statSync(full); } catch { /* missing */ }
    if (stat && stat.isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { ...headers, Location: pathname + '/' });
        res.end();
        return;
      }
      const index = path.join(full, 'index.html');
      if (fs.existsSync(index)) return send(200, index);
    } else if (stat && stat.isFile() && !path.basename(full).startsWith('.')) {
      return send(200, full);
    }
    return send(404, path.join(root, '404.html'));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address();
  return {
    origin: `http://${host}:${actual}`,
    port: actual,
    log,
    setRoot(dir) { root = path.resolve(dir); },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}
