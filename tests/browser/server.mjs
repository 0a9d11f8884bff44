// A small static file server for the built site, with the production CSP on every response:
// the policy the build writes into the site's `_headers` file (what Netlify and Cloudflare
// Pages send), read when the site is set.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

/** The Content-Security-Policy line of a built site's `_headers`. */
export function siteCsp(root) {
  const headers = fs.readFileSync(path.join(root, '_headers'), 'utf8');
  const line = headers.split('\n').find((l) => l.trim().startsWith('Content-Security-Policy:'));
  if (!line) throw new Error('_headers has no Content-Security-Policy');
  return line.trim().slice('Content-Security-Policy:'.length).trim();
}

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
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
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
  let csp = "default-src 'none'";
  const log = [];
  const server = http.createServer((req, res) => {
    const headers = {
      'Content-Security-Policy': csp,
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
    log.push({ method: req.method, path: pathname, url: req.url, referer: req.headers.referer || '' });
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
    setRoot(dir) { root = path.resolve(dir); csp = siteCsp(root); },
    get csp() { return csp; },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
  };
}
