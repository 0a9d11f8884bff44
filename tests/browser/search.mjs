// Real-browser tests of search on the built report, standalone:
//
//   BASPA_BIN=target/release/baspa node tests/browser/search.mjs
//
// Builds the shipped report twice into a temporary folder (at the server's root, and under a
// base path, `/report/`), serves it with the production Content-Security-Policy header from its
// `_headers` (tests/browser/server.mjs), and drives the system Chromium through playwright-core.
// Checks, in every language: an inflected form the text never uses finds the page with another
// form, results link to anchors that exist, no CSP violation or third-party request, arrow keys
// and Enter, a calm answer to punctuation and to overlong queries, the box adds no history
// entry where quick exit is on, the box without JavaScript leads to the plain index, and Esc
// in the search box is still quick exit.
// Prints one line per check and `N passed, N failed`; exits non-zero on any failure.
//
// Environment: BASPA_BIN (default: `cargo run --release`), BASPA_CHROMIUM (default
// /usr/bin/chromium), BASPA_KEEP_SITE=1 keeps the built site.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CHROMIUM = process.env.BASPA_CHROMIUM || '/usr/bin/chromium';
const EXIT_URL = 'https://www.google.com/search?q=weather';

// Each language: a form the report's text never uses, and the form a result's page must contain.
const QUERIES = {
  kk: { query: 'топтарының', expect: 'топтар' },
  ru: { query: 'насилием', expect: 'насилие' },
  en: { query: 'protections', expect: 'protection' },
};
// Found only through a figure's category labels or title.
const FIGURE_QUERY = { en: { query: 'Jan–Oct', anchor: 'fig-criminal-cases' } };

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push([true, name]);
    console.log(`ok - ${name}`);
  } catch (e) {
    results.push([false, name]);
    console.log(`not ok - ${name}\n  ${String(e && e.stack || e).split('\n').join('\n  ')}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function build(out, baseUrl) {
  const args = ['build', '--quiet', '--root', REPO, '--out', out, '--base-url', baseUrl];
  const r = process.env.BASPA_BIN
    ? spawnSync(process.env.BASPA_BIN, args, { cwd: REPO, encoding: 'utf8' })
    : spawnSync('cargo', ['run', '--release', '--quiet', '--', ...args], { cwd: REPO, encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`build failed: ${r.error?.message || r.status}\n${r.stdout}\n${r.stderr}`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baspa-search-'));
const server = await startServer();
const rootSite = path.join(tmp, 'root');
const pathSite = path.join(tmp, 'sub');
let browser = null;
try {
  build(rootSite, server.origin + '/');
  // The same report under /report/: its `_headers` rules are for that path; the
  // server reads the policy from the folder it serves.
  build(path.join(pathSite, 'report'), server.origin + '/report/');
  fs.copyFileSync(path.join(pathSite, 'report', '_headers'), path.join(pathSite, '_headers'));
  server.setRoot(rootSite);
  const { chromium } = await import('playwright-core');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  await run();
} catch (e) {
  results.push([false, 'setup']);
  console.log(`not ok - setup\n  ${String(e && e.stack || e)}`);
} finally {
  await browser?.close().catch(() => {});
  await server.close().catch(() => {});
  if (process.env.BASPA_KEEP_SITE) console.log(`# site kept in ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}
const failed = results.filter((r) => !r[0]).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// ---------------------------------------------------------------- helpers

async function context(options = {}) {
  const c = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  c.setDefaultTimeout(15000);
  await c.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  // Quick exit's page is answered here: nothing reaches another host.
  await c.route((u) => !u.href.startsWith(server.origin), (route) =>
    route.request().url().startsWith(EXIT_URL) ? route.fulfill({ status: 200, contentType: 'text/html', body: '<title>exit</title>' }) : route.abort());
  return c;
}

/** A page with its console errors, CSP reports, requests and bytes recorded. */
async function open(c) {
  const page = await c.newPage();
  const rec = { errors: [], requests: [], bytes: 0, page };
  page.on('console', (m) => { if (m.type() === 'error' || /content security policy/i.test(m.text())) rec.errors.push(m.text()); });
  page.on('pageerror', (e) => rec.errors.push(String(e)));
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('response', (res) => { if (res.status() >= 400) rec.errors.push(`${res.status()} ${res.url()}`); });
  return rec;
}

async function assertClean(rec) {
  const csp = await rec.page.evaluate(() => window.__csp || []).catch(() => []);
  const foreign = rec.requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('data:') && !u.startsWith(EXIT_URL));
  const problems = [...rec.errors, ...csp.map((v) => `CSP violation: ${v}`), ...foreign.map((u) => `third-party request: ${u}`)];
  assert(problems.length === 0, problems.join('\n'));
}

/** The file of the built site that a URL of the root build serves. */
function fileOf(site, href) {
  let p = decodeURIComponent(new URL(href).pathname);
  if (p.endsWith('/')) p += 'index.html';
  return path.join(site, p);
}

function hasId(html, id) {
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\sid=("${esc}"|'${esc}'|${esc}(?=[\\s>]))`).test(html);
}

async function searchFor(page, query) {
  await page.fill('#search-input', query);
  await page.press('#search-input', 'Enter');
  await page.waitForFunction(() => document.getElementById('search-status').textContent.trim() !== '');
}

async function resultLinks(page) {
  return page.$$eval('#search-results a', (as) => as.map((a) => ({ href: a.href, text: a.textContent })));
}

// ---------------------------------------------------------------- tests

async function run() {
  const js = await context();
  const phone = await context({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const noJs = await context({ javaScriptEnabled: false });

  for (const [lang, { query, expect }] of Object.entries(QUERIES)) {
    await check(`${lang}: "${query}" finds a page with "${expect}", and results link to existing anchors`, async () => {
      const rec = await open(js);
      await rec.page.goto(`${server.origin}/${lang}/search/`);
      await searchFor(rec.page, query);
      const links = await resultLinks(rec.page);
      assert(links.length > 0, `no results; status: ${await rec.page.textContent('#search-status')}`);
      const marks = await rec.page.$$eval('#search-results mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
      assert(marks.some((m) => m.startsWith(expect.slice(0, 4))), `no marked word like "${expect}" in the excerpts: ${marks.join(', ')}`);
      let found = false;
      for (const { href } of links) {
        const file = fileOf(rootSite, href);
        assert(fs.existsSync(file), `result ${href}: no such page`);
        const html = fs.readFileSync(file, 'utf8');
        const anchor = decodeURIComponent(new URL(href).hash.slice(1));
        assert(!anchor || hasId(html, anchor), `result ${href}: no element with id "${anchor}"`);
        if (html.toLowerCase().includes(expect)) found = true;
      }
      assert(found, `no result's page contains "${expect}"`);
      const status = await rec.page.textContent('#search-status');
      assert(/\d/.test(status), `the live region does not give the count: "${status}"`);
      assert(await rec.page.getAttribute('#search-status', 'aria-live') === 'polite', 'the status is not a polite live region');
      await assertClean(rec);
      await rec.page.close();
    });
  }

  await check('en: a figure is found by its category labels and links to its anchor', async () => {
    const { query, anchor } = FIGURE_QUERY.en;
    const rec = await open(js);
    await rec.page.goto(`${server.origin}/en/search/`);
    await searchFor(rec.page, query);
    const links = await resultLinks(rec.page);
    assert(links.some((l) => l.href.endsWith('#' + anchor)), `no result links to #${anchor}: ${links.map((l) => l.href).join(', ')}`);
    await assertClean(rec);
    await rec.page.close();
  });

  await check('kk: arrow keys move from the box through the results, Enter opens one', async () => {
    const rec = await open(js);
    await rec.page.goto(`${server.origin}/kk/search/`);
    await searchFor(rec.page, 'зорлық');
    const links = await resultLinks(rec.page);
    assert(links.length >= 2, 'fewer than two results');
    await rec.page.focus('#search-input');
    await rec.page.keyboard.press('ArrowDown');
    assert(await rec.page.evaluate(() => document.activeElement.closest('#search-results') !== null), 'ArrowDown did not reach the first result');
    await rec.page.keyboard.press('ArrowDown');
    const second = await rec.page.evaluate(() => document.activeElement.href);
    assert(second === links[1].href, `second ArrowDown is on ${second}`);
    await rec.page.keyboard.press('ArrowUp');
    await rec.page.keyboard.press('ArrowUp');
    assert(await rec.page.evaluate(() => document.activeElement.id) === 'search-input', 'ArrowUp from the first result did not return to the box');
    await rec.page.keyboard.press('ArrowDown');
    await Promise.all([rec.page.waitForURL((u) => u.href === links[0].href), rec.page.keyboard.press('Enter')]);
    await assertClean(rec);
    await rec.page.close();
  });

  await check('punctuation, emoji, other scripts and a 10,000-character query are answered calmly', async () => {
    const rec = await open(js);
    await rec.page.goto(`${server.origin}/ru/search/`);
    for (const q of ['?!…—«»', '🙂🙂', 'x', '漢字かな', 'constructor __proto__ hasOwnProperty', 'а'.repeat(10000), 'ы '.repeat(3000)]) {
      const t0 = Date.now();
      await rec.page.evaluate((v) => { const i = document.getElementById('search-input'); i.value = v; i.form.requestSubmit(); }, q);
      await rec.page.waitForFunction(() => document.getElementById('search-status').textContent.trim() !== '' || !document.getElementById('search-index').hidden);
      assert(Date.now() - t0 < 5000, `query of ${q.length} characters took ${Date.now() - t0} ms`);
    }
    const status = await rec.page.textContent('#search-status');
    assert(status.trim().length > 0, 'no message for the last query');
    await assertClean(rec);
    await rec.page.close();
  });

  await check('the box on a content page leads to the search page, which answers (phone, 360 px)', async () => {
    const rec = await open(phone);
    await rec.page.goto(`${server.origin}/kk/current-situation/`);
    const label = await rec.page.getAttribute('form[role=search]', 'aria-label');
    assert(label && label.trim(), 'the search landmark has no label');
    await rec.page.fill('#site-search-q', 'мобильді топтарының');
    await Promise.all([rec.page.waitForURL(/\/kk\/search\/\?q=/), rec.page.press('#site-search-q', 'Enter')]);
    await rec.page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0);
    const overflow = await rec.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert(overflow <= 0, `the search page scrolls sideways by ${overflow} px at 360 px`);
    await assertClean(rec);
    await rec.page.close();
  });

  await check('the box adds no history entry on a site with quick exit: no query is left in the history', async () => {
    const rec = await open(js);
    await rec.page.goto(`${server.origin}/kk/current-situation/`);
    const before = await rec.page.evaluate(() => history.length);
    await rec.page.fill('#site-search-q', 'топтар');
    await Promise.all([rec.page.waitForURL(/\/kk\/search\/\?q=/), rec.page.press('#site-search-q', 'Enter')]);
    await rec.page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0);
    const after = await rec.page.evaluate(() => history.length);
    assert(after === before, `the search added a history entry (${before} → ${after})`);
    await assertClean(rec);
    await rec.page.close();
  });

  await check('without JavaScript the box leads to the plain index of every page and heading', async () => {
    const rec = await open(noJs);
    await rec.page.goto(`${server.origin}/ru/effectiveness/`);
    await rec.page.fill('#site-search-q', 'насилие');
    await Promise.all([rec.page.waitForURL(/\/ru\/search\/\?q=/), rec.page.press('#site-search-q', 'Enter')]);
    const pages = await rec.page.$$eval('#search-index > ol > li > a', (as) => as.map((a) => a.getAttribute('href')));
    assert(pages.length === 7, `the plain index lists ${pages.length} pages, not 7`);
    const headings = await rec.page.$$eval('#search-index ol ol a', (as) => as.map((a) => a.href));
    assert(headings.length > 10, `only ${headings.length} headings listed`);
    for (const href of headings) {
      const html = fs.readFileSync(fileOf(rootSite, href), 'utf8');
      assert(hasId(html, decodeURIComponent(new URL(href).hash.slice(1))), `plain index link ${href} has no target`);
    }
    assert(await rec.page.isVisible('.search-nojs'), 'the no-JavaScript note is hidden');
    await assertClean(rec);
    await rec.page.close();
  });

  await check('Esc in the search box is quick exit (reader safety first)', async () => {
    const rec = await open(js);
    await rec.page.goto(`${server.origin}/en/search/?q=violence`);
    await rec.page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0);
    await rec.page.focus('#search-input');
    await Promise.all([rec.page.waitForURL((u) => u.href.startsWith(EXIT_URL)), rec.page.keyboard.press('Escape')]);
    await rec.page.close();
  });

  await check('a query downloads only the site\'s own files, within budget (client + index ≤ 30 KB gzip)', async () => {
    const rec = await open(js);
    const sizes = new Map();
    rec.page.on('response', async (res) => {
      if (/\/search\/|search\.[0-9a-f]+\.js/.test(res.url()) && res.status() === 200) {
        const body = await res.body().catch(() => Buffer.alloc(0));
        sizes.set(res.url(), zlib.gzipSync(body, { level: 9 }).length);
      }
    });
    await rec.page.goto(`${server.origin}/kk/search/?q=${encodeURIComponent('зорлық-зомбылық')}`);
    await rec.page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0);
    await rec.page.waitForLoadState('networkidle');
    const total = [...sizes].filter(([u]) => !u.endsWith('/search/') && !u.includes('?q=')).reduce((s, [, n]) => s + n, 0);
    console.log(`# kk query fetched ${sizes.size} search files, ${(total / 1024).toFixed(1)} KB gzip (client + index)`);
    assert(total <= 30 * 1024, `${total} bytes gzip`);
    await assertClean(rec);
    await rec.page.close();
  });

  await check('under a base path (/report/) search fetches its index and links within the path', async () => {
    server.setRoot(pathSite);
    try {
      const rec = await open(js);
      await rec.page.goto(`${server.origin}/report/ru/search/?q=${encodeURIComponent('мобильными группами')}`);
      await rec.page.waitForFunction(() => document.querySelectorAll('#search-results a').length > 0);
      const links = await resultLinks(rec.page);
      assert(links.every((l) => new URL(l.href).pathname.startsWith('/report/ru/')), links.map((l) => l.href).join(', '));
      await assertClean(rec);
      await rec.page.close();
    } finally {
      server.setRoot(rootSite);
    }
  });
}
