// Real-browser tests of the built baspa site: `npm test` (node tests/browser/run.mjs).
//
// Builds the site into a temporary folder with a base URL on 127.0.0.1, serves it with the
// production Content-Security-Policy header, drives the system Chromium (/usr/bin/chromium,
// never a downloaded browser) through playwright-core, and reports through node:test (TAP).
//
// Environment:
//   BASPA_BIN          use this baspa binary instead of `cargo run --release`
//   BASPA_CHROMIUM     Chromium executable (default /usr/bin/chromium); missing = loud failure
//   BASPA_SCREENSHOTS  where the screenshots go (default test-results/screenshots)
//   BASPA_KEEP_SITE=1  keep the built site and print its folder
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

// node:test prints TAP (ending with "# pass N" / "# fail N") only when stdout is not a terminal;
// run again with the TAP reporter so the output is the same everywhere.
if (!process.execArgv.some((a) => a.startsWith('--test-reporter'))) {
  const r = spawnSync(process.execPath, ['--test-reporter=tap', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { default: test, after } = await import('node:test');
const { default: assert } = await import('node:assert/strict');
const { startServer } = await import('./server.mjs');

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CHROMIUM = process.env.BASPA_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = path.resolve(REPO, process.env.BASPA_SCREENSHOTS || path.join('test-results', 'screenshots'));

const LANGS = ['kk', 'ru', 'en'];
const SLUGS = ['current-situation', 'latent-forms', 'effectiveness', 'prevention-practices', 'methodology', 'help'];
const CHART_COUNT = { 'current-situation': 3, 'latent-forms': 2, effectiveness: 1 };
const HELP_NUMBERS = ['111', '150', '102', '112'];
// The criminal-cases chart's 2024 bar, as each language writes the number.
const TOOLTIP_EXPECT = { kk: '3\u00a0382', ru: '3\u00a0382', en: '3,382' };
const AXIS_EXPECT = { kk: '1\u00a0000', ru: '1\u00a0000', en: '1,000' };
const WEIGHT_BUDGET = 30 * 1024;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const PAGES = [
  { path: '/', kind: 'root' },
  ...LANGS.map((lang) => ({ path: `/${lang}/`, kind: 'landing', lang })),
  ...LANGS.flatMap((lang) => SLUGS.map((slug) => ({ path: `/${lang}/${slug}/`, kind: 'section', lang, slug, charts: CHART_COUNT[slug] || 0 }))),
  ...LANGS.map((lang) => ({ path: `/${lang}/404.html`, kind: '404', lang })),
  { path: '/404.html', kind: '404' },
];
for (const p of PAGES) p.charts ??= 0;
// BASPA_PAGES=/en/,/kk/help/ runs the page tests of those pages only (for development).
const ONLY = process.env.BASPA_PAGES ? new Set(process.env.BASPA_PAGES.split(',').map((s) => s.trim())) : null;

const started = Date.now();
const ctx = {}; // browser, contexts, server, site folder
const allRequests = []; // every request of every page: { url, request, page }
const fulfilledExits = new Set(); // Request objects answered by page.route (never the network)

// ---------------------------------------------------------------- setup
let setupError = null;
try {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: these tests need a real browser (apt-get install chromium). They never download one and never pass by skipping.`);
  }
  ctx.server = await startServer();
  ctx.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baspa-browser-'));
  ctx.site = path.join(ctx.tmp, 'site');
  const buildArgs = ['build', '--quiet', '--root', REPO, '--out', ctx.site, '--base-url', ctx.server.origin + '/'];
  const t0 = Date.now();
  console.log(`# building the site with ${process.env.BASPA_BIN || 'cargo run --release'} ...`);
  const r = process.env.BASPA_BIN
    ? spawnSync(process.env.BASPA_BIN, buildArgs, { cwd: REPO, encoding: 'utf8' })
    : spawnSync('cargo', ['run', '--release', '--quiet', '--', ...buildArgs], { cwd: REPO, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`building the site failed (${r.error ? r.error.message : 'exit ' + r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  ctx.server.setRoot(ctx.site);
  console.log(`# site built in ${Date.now() - t0} ms into ${ctx.site}, served at ${ctx.server.origin}/`);
  fs.mkdirSync(SHOTS, { recursive: true });
  console.log(`# screenshots: ${SHOTS}`);

  const { chromium } = await import('playwright-core');
  ctx.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  console.log(`# browser: Chromium ${ctx.browser.version()} (${CHROMIUM}), playwright-core ${require('playwright-core/package.json').version}, axe-core ${require('axe-core/package.json').version}`);
  ctx.axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const base = { baseURL: ctx.server.origin, locale: 'en-GB', timezoneId: 'Asia/Almaty' };
  ctx.main = await newContext({ ...base, viewport: { width: 1280, height: 800 } });
  ctx.noJs = await newContext({ ...base, viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
  ctx.phone = await newContext({ ...base, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
  ctx.dark = await newContext({ ...base, viewport: { width: 1280, height: 800 }, colorScheme: 'dark', reducedMotion: 'reduce' });
  ctx.shot = await newContext({ ...base, viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
} catch (e) {
  setupError = e;
}

after(async () => {
  await ctx.browser?.close().catch(() => {});
  await ctx.server?.close().catch(() => {});
  if (ctx.tmp && !process.env.BASPA_KEEP_SITE) fs.rmSync(ctx.tmp, { recursive: true, force: true });
});

if (setupError) {
  test('setup: build the site, serve it, launch Chromium', () => { throw setupError; });
} else {
  defineTests();
}

// ---------------------------------------------------------------- helpers
function isLocal(url) {
  return url.startsWith(ctx.server.origin + '/') || url === ctx.server.origin ||
    url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:');
}

async function newContext(options) {
  const c = await ctx.browser.newContext(options);
  c.setDefaultTimeout(15000);
  c.setDefaultNavigationTimeout(30000);
  // Record CSP violations from the first script on (init scripts run only with JS enabled;
  // without JS the console messages below still show them).
  await c.addInitScript(() => {
    window.__baspaCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__baspaCsp.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber });
    }, true);
  });
  // Safety net: whatever a page asks of another host is answered here and never reaches the
  // network (each such request is still recorded and fails the tests below).
  await c.route((url) => !isLocal(url.href), (route) => route.abort('blockedbyclient'));
  return c;
}

/** Open a page in `context` with everything it does recorded. */
async function open(context, label) {
  const page = await context.newPage();
  const rec = { label, console: [], pageErrors: [], failed: [], bad: [], requests: [], responses: [], page };
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' || m.type() === 'warning' || /content security policy/i.test(text)) {
      rec.console.push(`${m.type()}: ${text} (${m.location()?.url || ''})`);
    }
  });
  page.on('pageerror', (e) => rec.pageErrors.push(String(e && e.stack || e)));
  page.on('request', (r) => {
    const item = { url: r.url(), request: r, page: label };
    rec.requests.push(item);
    allRequests.push(item);
  });
  page.on('requestfailed', (r) => rec.failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (res) => {
    rec.responses.push(res);
    if (res.status() >= 400) rec.bad.push(`${res.status()} ${res.url()}`);
  });
  return { page, rec };
}

async function cspViolations(page) {
  try {
    return await page.evaluate(() => window.__baspaCsp || []);
  } catch {
    return [];
  }
}

function thirdParty(rec) {
  return rec.requests.filter((r) => !isLocal(r.url) && !fulfilledExits.has(r.request)).map((r) => r.url);
}

/** Everything the page did must be clean: console, errors, network, CSP, hosts. */
async function assertClean(rec, when, { allowStatus = [] } = {}) {
  const csp = rec.page.isClosed() ? [] : await cspViolations(rec.page);
  const problems = [
    ...rec.console.map((m) => `console ${m}`),
    ...rec.pageErrors.map((e) => `pageerror ${e}`),
    ...rec.failed.map((f) => `request failed ${f}`),
    ...rec.bad.filter((b) => !allowStatus.includes(b)).map((b) => `response ${b}`),
    ...csp.map((v) => `CSP violation ${JSON.stringify(v)}`),
    ...thirdParty(rec).map((u) => `third-party request ${u}`),
  ];
  assert.deepEqual(problems, [], `${rec.label} ${when}:\n  ${problems.join('\n  ')}`);
}

const url = (p) => ctx.server.origin + p;

function fileFor(pathname) {
  let rel = decodeURIComponent(pathname);
  if (rel.endsWith('/')) rel += 'index.html';
  return path.join(ctx.site, rel);
}

async function gotoOk(page, p) {
  const res = await page.goto(url(p), { waitUntil: 'load' });
  assert.ok(res, `no response for ${p}`);
  assert.equal(res.status(), 200, `${p} answered ${res.status()}`);
  return res;
}

/** Scroll every chart into view (they start lazily) and wait until each is drawn. */
async function drawCharts(page, expected) {
  const canvases = page.locator('.chart-canvas');
  assert.equal(await canvases.count(), expected, 'number of .chart-canvas elements');
  const info = [];
  for (let i = 0; i < expected; i++) {
    const c = canvases.nth(i);
    await c.scrollIntoViewIfNeeded();
    const id = await c.getAttribute('data-chart');
    const values = await page.evaluate((id) => {
      const opt = JSON.parse(document.getElementById(id).textContent);
      const series = [].concat(opt.series || []);
      return series.reduce((n, s) => n + (s.data || []).filter((v) => v != null).length, 0);
    }, id);
    assert.ok(values > 0, `${id}: the option holds no data`);
    try {
      await page.waitForFunction(([i, n]) => {
        const el = document.querySelectorAll('.chart-canvas')[i];
        const svg = el && el.querySelector('svg');
        return !!svg && svg.querySelectorAll('path, rect').length >= n;
      }, [i, values], { timeout: 10000 });
    } catch {
      assert.fail(`${id}: no svg with at least ${values} path/rect shapes appeared`);
    }
    info.push(await page.evaluate(([i, id]) => {
      const el = document.querySelectorAll('.chart-canvas')[i];
      const opt = JSON.parse(document.getElementById(id).textContent);
      const colours = new Set([].concat(opt.color || []).map((c) => c.toLowerCase()));
      const svg = el.querySelector('svg');
      const bars = [...svg.querySelectorAll('path, rect')].filter((s) => colours.has((s.getAttribute('fill') || '').toLowerCase())).length;
      return { id, shapes: svg.querySelectorAll('path, rect').length, bars, hidden: el.hidden, label: el.getAttribute('aria-label') };
    }, [i, id]));
    info[i].values = values;
  }
  return info;
}

/** Where to point at data item `index` of series 0 of chart `i` (page coordinates in the viewport). */
async function barPoint(page, i, index) {
  return page.evaluate(([i, index]) => {
    const entry = window.baspaCharts.find((c) => c.el === document.querySelectorAll('.chart-canvas')[i]);
    const { el, chart } = entry;
    const opt = chart.getOption();
    const s = opt.series[0];
    let v = s.data[index];
    if (v && typeof v === 'object') v = v.value;
    const vertical = [].concat(opt.xAxis)[0].type === 'category';
    const p = chart.convertToPixel({ seriesIndex: 0 }, vertical ? [index, v / 2] : [v / 2, index]);
    const r = el.getBoundingClientRect();
    return { x: r.left + p[0], y: r.top + p[1] };
  }, [i, index]);
}

/**
 * Text painted in the charts must be readable: no two labels on top of each other, none cut
 * off by the chart's box. Call with the tooltip hidden and animations finished.
 */
async function chartTextProblems(page) {
  return page.evaluate(() => {
    const out = [];
    document.querySelectorAll('.chart-canvas').forEach((el) => {
      const svg = el.querySelector('svg');
      if (!svg) return;
      const box = el.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent.trim() && getComputedStyle(t).display !== 'none' && t.getAttribute('opacity') !== '0')
        .map((t) => ({ text: t.textContent.trim(), r: t.getBoundingClientRect() }));
      const name = el.id;
      for (const a of texts) {
        if (a.r.left < box.left - 1 || a.r.right > box.right + 1 || a.r.top < box.top - 1 || a.r.bottom > box.bottom + 1) {
          out.push(`${name}: "${a.text}" is cut off by the chart box (text ${Math.round(a.r.left - box.left)}..${Math.round(a.r.right - box.left)} x ${Math.round(a.r.top - box.top)}..${Math.round(a.r.bottom - box.top)}, box ${Math.round(box.width)} x ${Math.round(box.height)})`);
        }
      }
      for (let i = 0; i < texts.length; i++) {
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i].r, b = texts[j].r;
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          // Font boxes are taller than the glyphs: a quarter of a line may touch.
          if (w > 1 && h > 0.25 * Math.min(a.height, b.height)) {
            out.push(`${name}: "${texts[i].text}" and "${texts[j].text}" overlap (${Math.round(w)} x ${Math.round(h)} px)`);
          }
        }
      }
    });
    return out;
  });
}

const svgTexts = (page, i) => page.evaluate((i) => [...document.querySelectorAll('.chart-canvas')[i].querySelectorAll('svg text')].map((t) => t.textContent), i);

function added(before, afterList) {
  const left = [...before];
  return afterList.filter((t) => {
    const k = left.indexOf(t);
    if (k >= 0) { left.splice(k, 1); return false; }
    return true;
  });
}

async function runAxe(page, { jsDisabled = false } = {}) {
  if (jsDisabled) {
    // With JavaScript off, timers never fire (only the evaluate call itself runs), and axe.run
    // waits on setTimeout: run its callbacks as microtasks instead. The page's own scripts do
    // not run either way.
    await page.evaluate(() => {
      window.setTimeout = (fn, ms, ...args) => { Promise.resolve().then(() => fn(...args)); return 0; };
      window.clearTimeout = () => {};
    });
  }
  await page.evaluate(ctx.axeSource + '\n;void 0');
  return withTimeout(60000, 'axe.run', page.evaluate(([tags, preload]) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })) }))), [AXE_TAGS, !jsDisabled]));
}

function withTimeout(ms, what, promise) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms); }),
  ]);
}

function assertNoViolations(violations, label) {
  const text = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `      ${n.target}\n        ${String(n.summary).replace(/\n/g, '\n        ')}`).join('\n')}`).join('\n    ');
  assert.equal(violations.length, 0, `${label}: ${violations.length} axe violation(s):\n    ${text}`);
}

/** A subtest that cannot hang the run. */
function sub(t, name, fn) {
  return t.test(name, { timeout: 120000 }, fn);
}

function gz(file) {
  return zlib.gzipSync(fs.readFileSync(file)).length;
}

// ---------------------------------------------------------------- tests
function defineTests() {
  test('the built site has every expected page and nothing unexpected', () => {
    const found = [];
    (function walk(dir) {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else if (e.name.endsWith('.html')) found.push('/' + path.relative(ctx.site, f).split(path.sep).join('/'));
      }
    })(ctx.site);
    const expected = PAGES.map((p) => (p.path.endsWith('/') ? p.path + 'index.html' : p.path));
    assert.deepEqual(found.sort(), expected.sort());
    for (const lang of LANGS) {
      for (const slug of Object.keys(CHART_COUNT)) {
        const html = fs.readFileSync(fileFor(`/${lang}/${slug}/`), 'utf8');
        for (const m of html.matchAll(/<figure class=(?:"chart"|chart) id=(?:"?)fig-([\w-]+)/g)) {
          assert.ok(fs.existsSync(path.join(ctx.site, lang, 'figures', m[1] + '.csv')), `${lang}/figures/${m[1]}.csv`);
        }
      }
    }
  });

  test('the test server sends the CSP header, content types and a 404 page', async () => {
    const CSP = ctx.server.csp;
    // Strict: nothing from elsewhere; scripts from the site, plus the quick exit's by its hash.
    assert.match(CSP, /^default-src 'none'; script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?; style-src 'self';/);
    assert.ok(!CSP.includes('unsafe') && !CSP.includes('http'), CSP);
    const res = await fetch(url('/en/'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), CSP);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const css = await fetch(url('/' + path.relative(ctx.site, fs.readdirSync(path.join(ctx.site, 'assets')).map((f) => path.join(ctx.site, 'assets', f)).find((f) => f.endsWith('.css'))).split(path.sep).join('/')));
    assert.match(css.headers.get('content-type'), /^text\/css/);
    const missing = await fetch(url('/en/no-such-page/'));
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-security-policy'), CSP);
    assert.equal(await missing.text(), fs.readFileSync(path.join(ctx.site, '404.html'), 'utf8'));
    // Every page's own <meta> policy is the deploy policy without frame-ancestors.
    const page = fs.readFileSync(path.join(ctx.site, 'en', 'index.html'), 'utf8');
    assert.ok(page.includes(CSP.replace("; frame-ancestors 'none'", '')), 'the <meta> policy matches _headers');
  });

  const weights = [];
  const exitObservations = [];

  for (const spec of PAGES.filter((p) => !ONLY || ONLY.has(p.path))) {
    const name = spec.path;
    test(`page ${name}`, { timeout: 240000 }, async (t) => {
      let exitUrl = null;
      let links = [];

      // ---- 1280 px, JavaScript on: load, charts, interaction, axe
      const { page, rec } = await open(ctx.main, `${name} (1280)`);
      try {
        await sub(t, 'loads with no console message, error, failed or third-party request, CSP violation', async () => {
          await gotoOk(page, name);
          await page.waitForLoadState('networkidle');
          assert.equal(await page.evaluate(() => document.documentElement.className), 'js', 'baspa.js ran (html.js)');
          if (spec.lang) assert.equal(await page.getAttribute('html', 'lang'), spec.lang);
          await assertClean(rec, 'after load');
        });

        exitUrl = await page.getAttribute('html', 'data-exit');
        links = await page.evaluate(() => [...document.querySelectorAll('a[href], link[href], script[src]')].map((e) => e.href || e.src));

        if (spec.charts) {
          await sub(t, `draws its ${spec.charts} chart(s) as SVG with a shape per value`, async () => {
            const info = await drawCharts(page, spec.charts);
            for (const c of info) {
              assert.equal(c.hidden, false, `${c.id} canvas shown`);
              assert.ok(c.bars >= c.values, `${c.id}: ${c.bars} bars in the series colours for ${c.values} values`);
              assert.ok(c.label && c.label.length > 20, `${c.id}: keeps the page's aria-label`);
            }
            assert.equal(await page.evaluate(() => window.baspaCharts.length), spec.charts, 'window.baspaCharts');
            assert.equal(await page.evaluate(() => [...document.querySelectorAll('.chart-canvas svg')].every((s) => !!s.closest('[role=img]'))), true);
            // The data tables are folded once the charts show, and still open on demand.
            assert.deepEqual(await page.$$eval('details.chart-table', (d) => d.map((x) => x.open)), Array(spec.charts).fill(false), 'tables folded');
            const first = page.locator('details.chart-table').first();
            await first.locator('summary').click();
            await assert.doesNotReject(first.locator('table').waitFor({ state: 'visible' }));
            await first.locator('summary').click();
            t.diagnostic(info.map((c) => `${c.id}: ${c.values} values, ${c.bars} bars, ${c.shapes} shapes`).join('; '));
            await assertClean(rec, 'after drawing the charts');
          });

          await sub(t, 'hovering and clicking the first chart stays clean (tooltip drawn in the SVG)', async () => {
            const canvas = page.locator('.chart-canvas').first();
            await canvas.scrollIntoViewIfNeeded();
            const index = spec.slug === 'current-situation' ? 1 : 0;
            const before = await svgTexts(page, 0);
            const pt = await barPoint(page, 0, index);
            await page.mouse.move(pt.x - 3, pt.y - 3);
            await page.mouse.move(pt.x, pt.y, { steps: 3 });
            let shown = [];
            await page.waitForFunction((n) => document.querySelector('.chart-canvas svg').querySelectorAll('text').length > n, before.length, { timeout: 5000 }).catch(() => {});
            shown = added(before, await svgTexts(page, 0));
            assert.ok(shown.length > 0, 'hovering a bar painted a tooltip into the chart SVG');
            if (spec.slug === 'current-situation') {
              const category = await page.evaluate(() => window.baspaCharts[0].chart.getOption().xAxis[0].data[1]);
              const want = TOOLTIP_EXPECT[spec.lang];
              assert.ok(shown.includes(category), `tooltip names the category ${JSON.stringify(category)}: ${JSON.stringify(shown)}`);
              assert.ok(shown.some((s) => s.trim() === want), `tooltip shows ${JSON.stringify(want)} (${spec.lang}): ${JSON.stringify(shown)}`);
              const axis = await svgTexts(page, 0);
              assert.ok(axis.includes(AXIS_EXPECT[spec.lang]), `axis label ${JSON.stringify(AXIS_EXPECT[spec.lang])}: ${JSON.stringify(axis)}`);
              t.diagnostic(`${spec.lang} tooltip text: ${JSON.stringify(shown)}`);
            }
            await page.mouse.click(pt.x, pt.y);
            await page.waitForTimeout(300);
            await assertClean(rec, 'after hovering and clicking the first chart');
          });
        }

        await sub(t, 'axe-core: no WCAG 2.1 A/AA violation', async () => {
          assertNoViolations(await runAxe(page), `${name} (light, 1280 px, JS)`);
        });

        if (spec.kind !== 'root') {
          await sub(t, 'language switcher leads to the same page in each language', async () => {
            const items = await page.$$eval('.lang-switch a', (as) => as.map((a) => ({ href: a.getAttribute('href'), abs: a.href, hreflang: a.getAttribute('hreflang'), lang: a.getAttribute('lang'), current: a.getAttribute('aria-current'), text: a.textContent.trim() })));
            assert.deepEqual(items.map((i) => i.hreflang), LANGS, 'one link per language, in order');
            const pageLang = await page.getAttribute('html', 'lang');
            // The root 404 speaks every language: no language is the current one there.
            const multilingual = spec.path === '/404.html';
            for (const it of items) {
              assert.equal(it.lang, it.hreflang, `lang = hreflang on ${it.href}`);
              assert.equal(it.current, it.hreflang === pageLang && !multilingual ? 'true' : null, `aria-current on ${it.href}`);
              const want = spec.kind === 'section' ? `/${it.hreflang}/${spec.slug}/` : `/${it.hreflang}/`;
              assert.equal(new URL(it.abs).origin, ctx.server.origin);
              assert.equal(new URL(it.abs).pathname, want, `${it.hreflang} link of ${name}`);
              const res = await page.request.get(it.abs);
              assert.equal(res.status(), 200, it.abs);
              const html = await res.text();
              assert.match(html, new RegExp(`<html[^>]*\\blang="?${it.hreflang}\\b`), `${it.abs} is in ${it.hreflang}`);
              assert.match(html, new RegExp(`<link href="?${ctx.server.origin.replace(/[.]/g, '\\.')}${want}"? rel="?canonical`), `${it.abs} has its own canonical URL`);
            }
          });
        }

        await sub(t, 'favicon comes from /assets/ of this site', async () => {
          const href = await page.$eval('link[rel~=icon]', (l) => l.href);
          assert.equal(new URL(href).origin, ctx.server.origin);
          assert.match(new URL(href).pathname, /^\/assets\/favicon\.[0-9a-f]+\.svg$/);
          const res = await page.request.get(href);
          assert.equal(res.status(), 200);
          assert.match(res.headers()['content-type'], /^image\/svg\+xml/);
          assert.ok(rec.requests.some((r) => r.url === href), 'the browser fetched the site favicon');
          assert.ok(!rec.requests.some((r) => new URL(r.url).pathname === '/favicon.ico'), 'no /favicon.ico request');
        });

        await sub(t, `page weight: HTML + CSS + first-party JS <= ${WEIGHT_BUDGET / 1024} KB gzipped`, async () => {
          const local = rec.requests.filter((r) => r.url.startsWith(ctx.server.origin)).map((r) => new URL(r.url).pathname);
          const echarts = local.filter((p) => /\/assets\/echarts\.[0-9a-f]+\.js$/.test(p));
          const chartsJs = local.filter((p) => /\/assets\/charts\.[0-9a-f]+\.js$/.test(p));
          if (spec.charts) {
            assert.equal(echarts.length, 1, 'echarts requested once');
            assert.equal(chartsJs.length, 1, 'charts.js requested once');
          } else {
            assert.deepEqual(echarts, [], 'a page without charts does not load echarts');
            assert.deepEqual(chartsJs, [], 'a page without charts does not load charts.js');
          }
          const counted = [...new Set(local.filter((p) => (p === new URL(url(name)).pathname || /\.(css|js)$/.test(p)) && !/\/echarts\./.test(p)))];
          const sizes = counted.map((p) => ({ p, gz: gz(fileFor(p)) }));
          const total = sizes.reduce((n, s) => n + s.gz, 0);
          weights.push({ page: name, total });
          t.diagnostic(`${(total / 1024).toFixed(1)} KB gzipped: ${sizes.map((s) => `${path.basename(s.p) || s.p} ${s.gz}`).join(', ')}`);
          assert.ok(counted.some((p) => p.endsWith('.css')) && counted.some((p) => /baspa\.[0-9a-f]+\.js$/.test(p)), 'CSS and baspa.js counted');
          assert.ok(total <= WEIGHT_BUDGET, `${name}: ${total} bytes gzipped > ${WEIGHT_BUDGET}`);
        });

        await sub(t, 'still clean after all of the above', async () => {
          await assertClean(rec, 'at the end');
        });
      } finally {
        await page.close();
      }

      await sub(t, 'every internal link, stylesheet and script resolves; fragments exist', async () => {
        const req = ctx.main.request;
        for (const l of [...new Set(links)]) {
          if (!l.startsWith(ctx.server.origin)) continue;
          const u = new URL(l);
          const res = await req.get(u.origin + u.pathname);
          assert.equal(res.status(), 200, `${l} from ${name}`);
          if (u.hash && u.hash.length > 1) {
            const html = await res.text();
            const id = decodeURIComponent(u.hash.slice(1));
            assert.ok(new RegExp(`\\sid="?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s">]`).test(html), `${l}: #${id} exists`);
          }
        }
      });

      // ---- quick exit, by click and by Escape, and what the history keeps
      assert.ok(exitUrl, 'the page has a quick exit: <html data-exit>');
      for (const how of ['click', 'Escape']) {
        await sub(t, `quick exit by ${how}${how === 'Escape' ? ' (after Tab, Tab: skip link, quick exit)' : ''} leaves for the exit URL and the report is not in the history`, async () => {
          const { page: p, rec: r } = await open(ctx.main, `${name} (quick exit, ${how})`);
          try {
            const exitOrigin = new URL(exitUrl).origin;
            const seen = [];
            await p.route(`${exitOrigin}/**`, (route) => {
              fulfilledExits.add(route.request());
              seen.push({ url: route.request().url(), referer: route.request().headers().referer || null, nav: route.request().isNavigationRequest() });
              return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>neutral</title>' });
            });
            await p.goto('data:text/html,<title>start</title>start');
            // Leave only once the page is complete (the favicon loads after the load event; a
            // fetch cut short by leaving would show up as a failed request).
            const favicon = p.waitForEvent('requestfinished', { predicate: (q) => /\/assets\/favicon\./.test(q.url()), timeout: 10000 });
            await gotoOk(p, name);
            await favicon;
            assert.equal(await p.evaluate(() => document.documentElement.className), 'js');
            const lengthBefore = await p.evaluate(() => history.length);
            const reportUrl = p.url();
            if (how === 'click') await Promise.all([p.waitForURL((u) => u.href === exitUrl), p.click('#quick-exit')]);
            else {
              // The quick exit is the second Tab stop, right after the skip link.
              await p.keyboard.press('Tab');
              assert.equal(await p.evaluate(() => document.activeElement.className), 'skip-link', 'first Tab stop');
              await p.keyboard.press('Tab');
              assert.equal(await p.evaluate(() => document.activeElement.id), 'quick-exit', 'second Tab stop');
              await Promise.all([p.waitForURL((u) => u.href === exitUrl), p.keyboard.press('Escape')]);
            }
            assert.equal(p.url(), exitUrl, 'now on the exit URL');
            assert.equal(await p.title(), 'neutral');
            assert.equal(seen.length, 1, `one request to the exit host: ${JSON.stringify(seen)}`);
            assert.equal(seen[0].url, exitUrl);
            assert.equal(seen[0].nav, true, 'a navigation');
            assert.equal(seen[0].referer, null, 'no Referer sent to the exit site');
            const lengthAfter = await p.evaluate(() => history.length);
            assert.equal(lengthAfter, lengthBefore, 'location.replace: no new history entry');
            await p.goBack();
            const back = p.url();
            exitObservations.push(`${name} ${how}: history.length ${lengthBefore} -> ${lengthAfter}; Back went to ${back.startsWith('data:') ? 'the page before the report (data: start page)' : back}`);
            assert.notEqual(back, reportUrl, 'Back does not return to the report page');
            assert.ok(back.startsWith('data:'), `Back returns to the page before the report, got ${back}`);
            const leaked = r.requests.filter((q) => !isLocal(q.url) && !fulfilledExits.has(q.request));
            assert.deepEqual(leaked.map((q) => q.url), [], 'nothing but the fulfilled exit navigation left the machine');
            await assertClean(r, `after quick exit by ${how}`);
          } finally {
            await p.close();
          }
        });
      }

      // ---- JavaScript off
      await sub(t, 'without JavaScript: text, help numbers and every data table are visible', async () => {
        const { page: p, rec: r } = await open(ctx.noJs, `${name} (no JS)`);
        try {
          await gotoOk(p, name);
          assert.equal(await p.evaluate(() => document.documentElement.className).catch(() => 'no-js'), 'no-js');
          const main = p.locator('main');
          await assert.doesNotReject(main.waitFor({ state: 'visible' }));
          const text = (await main.innerText()).trim();
          assert.ok(text.length > (spec.kind === 'section' ? 500 : 20), `main text visible (${text.length} chars)`);
          if (spec.kind !== 'root') assert.ok(await p.locator('h1').first().isVisible(), 'h1 visible');
          for (const n of HELP_NUMBERS) {
            const a = p.locator(`a.helpline-number[href="tel:${n}"]`).first();
            assert.ok(await a.isVisible(), `help number ${n} visible`);
            assert.equal((await a.innerText()).trim(), n);
          }
          assert.ok(await p.locator('#quick-exit').isVisible(), 'quick exit visible');
          assert.equal(await p.getAttribute('#quick-exit', 'href'), exitUrl, 'quick exit works as a plain link');
          assert.equal(await p.locator('#quick-exit kbd').isVisible(), false, 'no Esc hint without JS (Esc needs JS)');
          const figs = p.locator('figure.chart');
          assert.equal(await figs.count(), spec.charts);
          for (let i = 0; i < spec.charts; i++) {
            const f = figs.nth(i);
            assert.equal(await f.locator('.chart-canvas').isVisible(), false, 'no empty chart box');
            assert.equal(await f.locator('details.chart-table').evaluate((d) => d.open), true, 'table open');
            const table = f.locator('details.chart-table table');
            assert.ok(await table.isVisible(), `chart ${i + 1}: data table visible`);
            const rows = await table.locator('tbody tr').count();
            assert.ok(rows >= 2, `chart ${i + 1}: ${rows} rows`);
            for (let k = 0; k < rows; k++) assert.ok(await table.locator('tbody tr').nth(k).isVisible());
          }
          assertNoViolations(await runAxe(p, { jsDisabled: true }), `${name} (no JS)`);
          await assertClean(r, 'without JS');
        } finally {
          await p.close();
        }
      });

      // ---- 360 px phone, touch
      await sub(t, '360 px wide: nothing overflows, charts fit, tapping a chart stays clean', async () => {
        const { page: p, rec: r } = await open(ctx.phone, `${name} (360)`);
        try {
          await gotoOk(p, name);
          if (spec.charts) {
            await drawCharts(p, spec.charts);
            const problems = await chartTextProblems(p);
            assert.deepEqual(problems, [], `chart text at 360 px:\n  ${problems.join('\n  ')}`);
          }
          const widths = await p.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
            inner: window.innerWidth,
            charts: [...document.querySelectorAll('.chart-canvas')].map((c) => ({ svg: c.querySelector('svg').getBoundingClientRect().width, box: c.clientWidth, right: c.getBoundingClientRect().right })),
            wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 360.5 && !e.closest('.table-wrap') && getComputedStyle(e).position !== 'fixed')
              .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`),
          }));
          assert.ok(widths.scroll <= 360, `document scrollWidth ${widths.scroll} > 360; too wide: ${widths.wide.join(', ')}`);
          // A phone browser widens the layout viewport to fit content that overflows.
          assert.equal(widths.inner, 360, 'layout viewport stays 360 px');
          for (const c of widths.charts) {
            assert.ok(c.svg <= c.box + 0.5, `chart svg ${c.svg} px wider than its box ${c.box} px`);
            assert.ok(c.right <= 360.5, `chart box ends at ${c.right} px`);
          }
          if (spec.kind === 'landing' || spec.slug === 'current-situation') {
            const file = path.join(SHOTS, `${spec.lang}-${spec.kind === 'landing' ? 'landing' : spec.slug}-360.png`);
            await p.evaluate(() => window.scrollTo(0, 0)); // the safety bar is sticky
            await p.screenshot({ path: file, fullPage: true });
          }
          if (spec.charts) {
            await p.locator('.chart-canvas').first().scrollIntoViewIfNeeded();
            const pt = await barPoint(p, 0, 0);
            await p.touchscreen.tap(pt.x, pt.y);
            await p.waitForTimeout(300);
          }
          await assertClean(r, 'at 360 px');
        } finally {
          await p.close();
        }
      });

      // ---- dark colour scheme: the other palette must pass axe too
      await sub(t, `dark colour scheme at 1280 px: no axe violation${spec.charts ? ', chart text readable' : ''}`, async () => {
        const { page: p, rec: r } = await open(ctx.dark, `${name} (dark)`);
        try {
          await gotoOk(p, name);
          if (spec.charts) {
            await drawCharts(p, spec.charts);
            const problems = await chartTextProblems(p);
            assert.deepEqual(problems, [], `chart text at 1280 px:\n  ${problems.join('\n  ')}`);
          }
          assertNoViolations(await runAxe(p), `${name} (dark)`);
          await assertClean(r, 'in the dark scheme');
        } finally {
          await p.close();
        }
      });

      if (spec.kind === 'landing' || spec.slug === 'current-situation') {
        await sub(t, 'full-page screenshot at 1280 px', async () => {
          const { page: p, rec: r } = await open(ctx.shot, `${name} (screenshot)`);
          try {
            await gotoOk(p, name);
            await p.waitForLoadState('networkidle');
            if (spec.charts) await drawCharts(p, spec.charts);
            await p.evaluate(() => window.scrollTo(0, 0));
            const file = path.join(SHOTS, `${spec.lang}-${spec.kind === 'landing' ? 'landing' : spec.slug}-1280.png`);
            await p.screenshot({ path: file, fullPage: true });
            assert.ok(fs.statSync(file).size > 10000, `${file} written`);
            await assertClean(r, 'for the screenshot');
          } finally {
            await p.close();
          }
        });
      }
    });
  }

  test('a missing page answers 404 with the 404 page, cleanly', async () => {
    const { page, rec } = await open(ctx.main, '/en/no-such-page/ (404)');
    try {
      const res = await page.goto(url('/en/no-such-page/'));
      assert.equal(res.status(), 404);
      await page.waitForLoadState('networkidle');
      const h1 = (await page.locator('h1').first().innerText()).trim();
      const want = /<h1>([^<]+)<\/h1>/.exec(fs.readFileSync(path.join(ctx.site, '404.html'), 'utf8'))[1];
      assert.equal(h1, want);
      assert.ok(await page.locator('a.helpline-number[href="tel:112"]').first().isVisible());
      assert.equal(await page.evaluate(() => document.documentElement.className), 'js', 'scripts load from a nested 404 URL');
      // Chromium reports the 404 of the document itself on the console: that one is expected.
      rec.console = rec.console.filter((m) => !(m.includes('404') && m.includes('/en/no-such-page/')));
      await assertClean(rec, 'on the 404 page', { allowStatus: [`404 ${url('/en/no-such-page/')}`] });
    } finally {
      await page.close();
    }
  });

  test('over the whole run: no request left 127.0.0.1 except fulfilled quick-exit navigations', () => {
    const outside = allRequests.filter((r) => !isLocal(r.url));
    const unexpected = outside.filter((r) => !fulfilledExits.has(r.request));
    assert.deepEqual(unexpected.map((r) => `${r.page}: ${r.url}`), []);
    const exits = outside.filter((r) => fulfilledExits.has(r.request));
    assert.ok(exits.length >= 2, 'the quick-exit tests ran');
    assert.ok(exits.every((r) => r.request.isNavigationRequest()), 'only navigations were fulfilled');
    assert.ok(!ctx.server.log.some((l) => l.path === '/favicon.ico'), 'nobody asked for /favicon.ico');
    console.log(`# quick exit / history: ${exitObservations.length} runs; e.g. ${exitObservations[0]}`);
    if (weights.length) {
      const max = weights.reduce((a, b) => (b.total > a.total ? b : a));
      console.log(`# heaviest page: ${max.page}, ${(max.total / 1024).toFixed(1)} KB gzipped (HTML + CSS + first-party JS)`);
    }
    console.log(`# screenshots: ${SHOTS}`);
    console.log(`# elapsed: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}
