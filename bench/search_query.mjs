// What a search query downloads: a built site served with its own CSP, queries typed on a
// language's search page in the system Chromium, every file of the search (script, manifest,
// shards, texts) counted as gzip -9 would send it.
//
//   node bench/search_query.mjs SITE LANG "query one" "query two" ...
//
// SITE is a folder built with `--base-url http://127.0.0.1:8772/`. Each query runs in a fresh
// browser context (nothing cached), as a reader's first search would.
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { startServer } from '../tests/browser/server.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const [site, lang, ...queries] = process.argv.slice(2);
if (!site || !lang || !queries.length) throw new Error('usage: node bench/search_query.mjs SITE LANG QUERY...');
const server = await startServer({ port: 8772 });
server.setRoot(path.resolve(site));
const browser = await chromium.launch({ executablePath: process.env.BASPA_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
console.log('| query | files | raw | gzip | results |');
console.log('|---|---:|---:|---:|---:|');
for (const q of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = new Map();
  page.on('response', async (res) => {
    const u = new URL(res.url());
    if (u.pathname.includes('/search/') && u.pathname.endsWith('.json') || /\/search\.[0-9a-f]+\.js$/.test(u.pathname)) {
      const body = await res.body().catch(() => Buffer.alloc(0));
      files.set(u.pathname, [body.length, zlib.gzipSync(body, { level: 9 }).length]);
    }
  });
  await page.goto(`${server.origin}/${lang}/search/?q=${encodeURIComponent(q)}`);
  await page.waitForFunction(() => document.getElementById('search-status').textContent.trim() !== '', null, { timeout: 60000 });
  await page.waitForLoadState('networkidle');
  const status = await page.textContent('#search-status');
  const raw = [...files.values()].reduce((s, [r]) => s + r, 0);
  const gz = [...files.values()].reduce((s, [, g]) => s + g, 0);
  console.log(`| ${q} | ${files.size} | ${(raw / 1024).toFixed(1)} KB | ${(gz / 1024).toFixed(1)} KB | ${status} |`);
  await context.close();
}
await browser.close();
await server.close();
