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
//   BASPA_PAGES        comma-separated page paths (/en/,/kk/help/): run only their page tests
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
const WEIGHT_BUDGET = 30 * 1024; // HTML + CSS + first-party JS of one page, gzipped
const TRANSFER_BUDGET = 40 * 1024; // everything a chart page transfers before any interaction, gzipped
const DRAWING_VARIANTS = ['', '-contrast', '-narrow', '-narrow-contrast'];
// What a reader must see in the safety bar of the multilingual root pages, from the theme's own strings.
const I18N = Object.fromEntries(LANGS.map((lang) => [lang, readI18n(path.join(REPO, 'themes', 'default', 'i18n', `${lang}.yaml`))]));
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const PAGES = [
  { path: '/', kind: 'root' },
  ...LANGS.map((lang) => ({ path: `/${lang}/`, kind: 'landing', lang })),
  ...LANGS.flatMap((lang) => SLUGS.map((slug) => ({ path: `/${lang}/${slug}/`, kind: 'section', lang, slug, charts: CHART_COUNT[slug] || 0 }))),
  // Each language's search page (tests/browser/search.mjs drives its searching).
  ...LANGS.map((lang) => ({ path: `/${lang}/search/`, kind: 'search', lang, slug: 'search' })),
  ...LANGS.map((lang) => ({ path: `/${lang}/404.html`, kind: '404', lang })),
  { path: '/404.html', kind: '404' },
];
for (const p of PAGES) p.charts ??= 0;
const CHART_PAGES = PAGES.filter((p) => p.charts);
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
  // Black-and-white drawings: Windows high contrast (forced colours) and "more contrast", wide and narrow.
  ctx.forced1280 = await newContext({ ...base, viewport: { width: 1280, height: 800 }, forcedColors: 'active' });
  ctx.forced360 = await newContext({ ...base, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, forcedColors: 'active' });
  ctx.contrast1280 = await newContext({ ...base, viewport: { width: 1280, height: 800 }, contrast: 'more' });
  ctx.contrast360 = await newContext({ ...base, viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, contrast: 'more' });
  for (const spec of CHART_PAGES) {
    const html = fs.readFileSync(fileFor(spec.path), 'utf8');
    spec.figures = [...html.matchAll(/<figure class=(?:"chart"|chart) id=(?:"?)fig-([\w-]+)/g)].map((m) => m[1]);
  }
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

/** The top-level `key: value` strings of a theme's i18n YAML file (enough for the keys read here). */
function readI18n(file) {
  const out = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([a-z_]+):\s*(.+?)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2];
    if (v.startsWith('"') && v.endsWith('"')) v = JSON.parse(v);
    else if (v.startsWith("'") && v.endsWith("'")) v = v.slice(1, -1).replace(/''/g, "'");
    out[m[1]] = v;
  }
  return out;
}

const ECHARTS_RE = /\/assets\/echarts\.[0-9a-f]+\.js$/;
const PREPARE_RE = /\/assets\/chart-prepare\.[0-9a-f]+\.js$/;
const pathsOf = (rec) => rec.requests.filter((r) => r.url.startsWith(ctx.server.origin + '/')).map((r) => new URL(r.url).pathname);
const chartLibRequests = (rec) => pathsOf(rec).filter((p) => ECHARTS_RE.test(p) || PREPARE_RE.test(p));

/**
 * Bring an element to the middle of the viewport at once (no smooth scrolling), clear of the sticky
 * safety bar: a point computed afterwards is where the pointer will land.
 */
async function centre(locator) {
  await locator.evaluate((e) => e.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' }));
}

/**
 * A full-page screenshot taken with the viewport as tall as the page. (Playwright's fullPage
 * capture, captureBeyondViewport, briefly makes Chromium match other <picture> sources: it
 * sometimes starts and aborts the download of the narrow drawings at 1280 px.)
 */
async function fullPageShot(page, file) {
  const vp = page.viewportSize();
  const height = await page.evaluate(() => { window.scrollTo({ top: 0, behavior: 'instant' }); return document.documentElement.scrollHeight; });
  await page.setViewportSize({ width: vp.width, height: Math.min(height, 16000) });
  try {
    await page.screenshot({ path: file });
  } finally {
    await page.setViewportSize(vp);
  }
}

/** Wait until every chart drawing (img.chart-static) of the page has loaded. */
async function drawingsLoaded(page, expected) {
  assert.equal(await page.locator('img.chart-static').count(), expected, 'number of chart drawings (img.chart-static)');
  await page.waitForFunction(() => [...document.querySelectorAll('img.chart-static')].every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 10000 })
    .catch(() => {});
  return page.$$eval('img.chart-static', (imgs) => imgs.map((i) => ({
    id: i.closest('.chart-box').id.replace(/^chart-/, ''), src: i.currentSrc, natural: i.naturalWidth, complete: i.complete,
  })));
}

/**
 * In the page: every non-empty <text> under each root (`sel`, or the document element of an SVG
 * document), with its box on screen. The root's own box is the frame no text may leave.
 */
function collectTexts(sel) {
  const roots = sel ? [...document.querySelectorAll(sel)] : [document.documentElement];
  const rect = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  return roots.map((root) => ({
    name: (root.closest('.chart-box') || root).id || root.nodeName,
    box: rect(root.getBoundingClientRect()),
    texts: [...root.querySelectorAll('text')]
      .filter((t) => t.textContent.trim() && getComputedStyle(t).display !== 'none' && getComputedStyle(t).visibility !== 'hidden' && t.getAttribute('opacity') !== '0')
      .map((t) => ({ text: t.textContent, transform: t.getAttribute('transform') || '', y: parseFloat(t.getAttribute('y') || '0'), r: rect(t.getBoundingClientRect()) })),
  }));
}

/** Two texts on top of each other (by more than 1 px both ways), or a text leaving its frame. */
function textProblems({ name, box, texts }) {
  const out = [];
  const px = (n) => Math.round(n * 10) / 10;
  for (const a of texts) {
    if (a.r.left < box.left - 1 || a.r.right > box.right + 1 || a.r.top < box.top - 1 || a.r.bottom > box.bottom + 1) {
      out.push(`${name}: "${a.text}" is cut off (text ${px(a.r.left - box.left)}..${px(a.r.right - box.left)} x ${px(a.r.top - box.top)}..${px(a.r.bottom - box.top)}, frame ${px(box.right - box.left)} x ${px(box.bottom - box.top)})`);
    }
  }
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].r, b = texts[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1 && h > 1) out.push(`${name}: "${texts[i].text}" and "${texts[j].text}" overlap (${px(w)} x ${px(h)} px)`);
    }
  }
  return out;
}

/**
 * The lines of one wrapped label share a transform: a line may not end inside a word (its last
 * letters and the next line's first ones, joined without a hyphen, make a word of the chart's
 * labels: `words`) nor the next line start with punctuation.
 */
function lineBreakProblems({ name, texts }, words) {
  const groups = new Map();
  for (const t of texts) if (t.transform) groups.set(t.transform, [...(groups.get(t.transform) || []), t]);
  const out = [];
  for (const lines of groups.values()) {
    if (lines.length < 2) continue;
    lines.sort((a, b) => a.y - b.y);
    for (let k = 1; k < lines.length; k++) {
      const a = lines[k - 1].text, b = lines[k].text;
      const label = lines.map((l) => l.text).join('⏎');
      const joined = (a.trim().split(/\s+/).pop() || '') + (b.trim().split(/\s+/)[0] || '');
      if (/\p{L}$/u.test(a) && /^\p{L}/u.test(b) && words.has(joined)) out.push(`${name}: a word is broken across lines without a hyphen: "${a}" / "${b}" (label "${label}")`);
      if (/^\s*[,.;:!?)»]/u.test(b)) out.push(`${name}: a line starts with punctuation: "${a}" / "${b}" (label "${label}")`);
    }
  }
  return out;
}

/** Wait until the text of `sel` has not moved for a few polls (animations finished). */
async function textsSettled(page, sel) {
  await page.waitForFunction((sel) => {
    const sig = [...document.querySelectorAll(`${sel} text`)].map((t) => {
      const r = t.getBoundingClientRect();
      return `${t.textContent}@${Math.round(r.left)},${Math.round(r.top)}`;
    }).join('|');
    const s = (window.__baspaSettle ||= {});
    if (s[sel] && s[sel].sig === sig) s[sel].n++;
    else s[sel] = { sig, n: 0 };
    return s[sel].n >= 2;
  }, sel, { polling: 100, timeout: 10000 });
}

const liveTexts = (page, i) => page.evaluate((i) => [...document.querySelectorAll('.chart-box')[i].querySelectorAll('.chart-live svg text')].map((t) => t.textContent), i);

function added(before, afterList) {
  const left = [...before];
  return afterList.filter((t) => {
    const k = left.indexOf(t);
    if (k >= 0) { left.splice(k, 1); return false; }
    return true;
  });
}

/** Where to point at data item `index` of series 0 of the live chart in chart box `i`. */
async function barPoint(page, i, index) {
  return page.evaluate(([i, index]) => {
    const el = document.querySelectorAll('.chart-box')[i].querySelector('.chart-live');
    const { chart } = window.baspaCharts.find((c) => c.el === el);
    const opt = chart.getOption();
    let v = opt.series[0].data[index];
    if (v && typeof v === 'object') v = v.value;
    const vertical = [].concat(opt.xAxis)[0].type === 'category';
    const p = chart.convertToPixel({ seriesIndex: 0 }, vertical ? [index, v / 2] : [v / 2, index]);
    const r = el.getBoundingClientRect();
    return { x: r.left + p[0], y: r.top + p[1] };
  }, [i, index]);
}

/** Geometry of the drawing and the live chart of chart box `i`. */
function liveGeometry(page, i) {
  return page.evaluate((i) => {
    const box = document.querySelectorAll('.chart-box')[i];
    const img = box.querySelector('img.chart-static');
    const live = box.querySelector('.chart-live');
    const r = (e) => { const b = e.getBoundingClientRect(); return { x: b.x, y: b.y, width: b.width, height: b.height }; };
    const svg = live && live.querySelector('svg');
    return {
      state: box.getAttribute('data-live'), img: r(img), live: live && r(live), role: live && live.getAttribute('role'),
      label: live && live.getAttribute('aria-label'), alt: img.alt, shapes: svg ? svg.querySelectorAll('path, rect').length : 0,
      picture: getComputedStyle(box.querySelector('picture')).visibility,
    };
  }, i);
}

/** The values of the series of chart box `i`, from its JSON option. */
function optionValues(page, i) {
  return page.evaluate((i) => {
    const box = document.querySelectorAll('.chart-box')[i];
    const opt = JSON.parse(document.getElementById(box.getAttribute('data-chart')).textContent);
    return [].concat(opt.series || []).reduce((n, s) => n + (s.data || []).filter((v) => v != null).length, 0);
  }, i);
}

/**
 * Reach for every chart with the mouse: ECharts and chart-prepare load (once), the live chart
 * covers the drawing exactly, and a tooltip over a bar shows that bar's value as the page's own
 * data table writes it (the page locale's number format). Leaves every tooltip hidden.
 */
async function exploreCharts(page, rec, spec, t, { width }) {
  const boxes = page.locator('.chart-box');
  const n = await boxes.count();
  assert.equal(n, spec.charts, 'number of .chart-box');
  const notes = [];
  for (let i = 0; i < n; i++) {
    const img = boxes.nth(i).locator('img.chart-static');
    await centre(img);
    const ib = await img.boundingBox();
    // Enter at the drawing's top-left corner, outside the plot: no tooltip yet.
    await page.mouse.move(ib.x + 2, ib.y + 2);
    try {
      await page.waitForFunction((i) => {
        const box = document.querySelectorAll('.chart-box')[i];
        return box.getAttribute('data-live') === 'on' && !!box.querySelector('.chart-live svg');
      }, i, { timeout: 15000 });
    } catch {
      assert.fail(`${spec.figures[i]}: hovering the drawing did not bring the live chart (data-live=${await boxes.nth(i).getAttribute('data-live')})`);
    }
    const libs = chartLibRequests(rec);
    assert.equal(libs.filter((p) => ECHARTS_RE.test(p)).length, 1, `echarts.*.js requested once: ${libs.join(', ')}`);
    assert.equal(libs.filter((p) => PREPARE_RE.test(p)).length, 1, `chart-prepare.*.js requested once: ${libs.join(', ')}`);
    const g = await liveGeometry(page, i);
    for (const k of ['x', 'y', 'width', 'height']) {
      assert.ok(Math.abs(g.live[k] - g.img[k]) <= 1, `${spec.figures[i]} at ${width} px: .chart-live ${k} ${g.live[k]} vs drawing ${g.img[k]} (live ${JSON.stringify(g.live)}, drawing ${JSON.stringify(g.img)})`);
    }
    assert.equal(g.role, 'img', '.chart-live has role=img');
    assert.equal(g.label, g.alt, '.chart-live is labelled with the drawing\'s long description');
    assert.equal(g.picture, 'hidden', 'the drawing is hidden under the live chart');
    const values = await optionValues(page, i);
    assert.ok(g.shapes >= values, `${spec.figures[i]}: ${g.shapes} path/rect shapes for ${values} values`);

    await textsSettled(page, `#chart-${spec.figures[i]} .chart-live svg`);
    const before = await liveTexts(page, i);
    const { index, want } = await tooltipTarget(page, spec, i);
    const pt = await barPoint(page, i, index);
    await page.mouse.move(pt.x - 3, pt.y - 3);
    await page.mouse.move(pt.x, pt.y, { steps: 3 });
    await page.waitForFunction(([i, n]) => document.querySelectorAll('.chart-box')[i].querySelectorAll('.chart-live svg text').length > n, [i, before.length], { timeout: 5000 }).catch(() => {});
    const shown = added(before, await liveTexts(page, i));
    if (!shown.length) {
      const under = await page.evaluate(({ x, y }) => { const e = document.elementFromPoint(x, y); return e ? `${e.nodeName.toLowerCase()}.${e.getAttribute('class') || ''}` : 'nothing'; }, pt);
      assert.fail(`${spec.figures[i]} at ${width} px: hovering a bar (${Math.round(pt.x)}, ${Math.round(pt.y)}: ${under}) painted no tooltip into the chart SVG`);
    }
    assert.ok(shown.some((s) => s.includes(want)), `${spec.figures[i]} at ${width} px: the tooltip shows ${JSON.stringify(want)} as the data table writes it (${spec.lang}): ${JSON.stringify(shown)}`);
    if (spec.figures[i] === 'criminal-cases') {
      const category = await page.evaluate(() => JSON.parse(document.getElementById('chart-data-criminal-cases').textContent).xAxis.data[1]);
      assert.ok(shown.includes(category), `tooltip names the category ${JSON.stringify(category)}: ${JSON.stringify(shown)}`);
      assert.ok(shown.some((s) => s.trim() === TOOLTIP_EXPECT[spec.lang]), `tooltip shows ${JSON.stringify(TOOLTIP_EXPECT[spec.lang])} (${spec.lang}): ${JSON.stringify(shown)}`);
      if (width >= 1000) {
        const axis = await liveTexts(page, i);
        assert.ok(axis.includes(AXIS_EXPECT[spec.lang]), `axis label ${JSON.stringify(AXIS_EXPECT[spec.lang])}: ${JSON.stringify(axis)}`);
      }
    }
    notes.push(`${spec.figures[i]}: ${JSON.stringify(shown)}`);
    // Away from every chart (left of the content column): the tooltip goes.
    await page.mouse.move(1, pt.y);
    await page.waitForFunction(([i, n]) => document.querySelectorAll('.chart-box')[i].querySelectorAll('.chart-live svg text').length <= n, [i, before.length], { timeout: 5000 })
      .catch(() => assert.fail(`${spec.figures[i]}: the tooltip did not go away when the pointer left`));
  }
  assert.equal(await page.evaluate(() => window.baspaCharts.length), n, 'window.baspaCharts holds every live chart');
  t.diagnostic(`tooltips at ${width} px: ${notes.join('; ')}`);
}

/** The bar to point at in chart `i` and its value as the page's own data table writes it. */
async function tooltipTarget(page, spec, i) {
  const index = spec.figures[i] === 'criminal-cases' ? 1 : 0;
  const cell = await page.locator('figure.chart').nth(i).locator('tbody tr').nth(index).locator('td.align-right').first().textContent();
  return { index, want: cell.trim().replace(/^≈\s*/, '') };
}

/** Text problems of every live chart (tooltips hidden, animations finished). */
async function liveTextProblems(page) {
  await textsSettled(page, '.chart-live svg');
  return (await page.evaluate(collectTexts, '.chart-live')).flatMap(textProblems);
}

/** Scroll the whole page down with the mouse wheel, a third of a screen at a time. */
async function scrollSlowly(page) {
  for (let k = 0; k < 500; k++) {
    const done = await page.evaluate(() => Math.ceil(innerHeight + scrollY) >= document.documentElement.scrollHeight - 1);
    if (done) return;
    await page.mouse.wheel(0, 240);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  assert.fail('scrolling never reached the bottom of the page');
}

/** In the page, before anything else: keep every layout shift with what moved. */
function observeLayoutShifts() {
  window.__baspaShifts = [];
  const name = (n) => (n ? `${n.nodeName.toLowerCase()}${n.id ? '#' + n.id : ''}${n.classList && n.classList.length ? '.' + [...n.classList].join('.') : ''}` : '?');
  const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__baspaShifts.push({
        value: e.value, recent: e.hadRecentInput, at: Math.round(e.startTime),
        sources: (e.sources || []).map((s) => `${name(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** Everything the page transferred from the site, each body gzipped as a server would send it. */
async function transferred(rec) {
  const out = [];
  for (const res of rec.responses) {
    if (!res.url().startsWith(ctx.server.origin + '/')) continue;
    const body = await res.body().catch(() => null);
    if (body == null) continue;
    out.push({ path: new URL(res.url()).pathname, raw: body.length, gz: zlib.gzipSync(body).length });
  }
  return out;
}

/** Route the exit site of `page` to a local neutral page: the network never sees it. */
async function fulfilExits(page, exitUrl, seen) {
  await page.route(`${new URL(exitUrl).origin}/**`, (route) => {
    fulfilledExits.add(route.request());
    seen.push({ url: route.request().url(), referer: route.request().headers().referer || null, nav: route.request().isNavigationRequest() });
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>neutral</title>' });
  });
}

/** Tab, Tab: the skip link, then the quick exit. Focus is given back to the document after. */
async function assertQuickExitSecondTabStop(page, { keepFocus = false } = {}) {
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link', 'first Tab stop: the skip link');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'quick-exit', 'second Tab stop: the quick exit');
  if (!keepFocus) await page.evaluate(() => document.activeElement.blur());
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
          for (const ext of ['.csv', '.csv-metadata.json', '.xlsx']) {
            assert.ok(fs.existsSync(path.join(ctx.site, lang, 'figures', m[1] + ext)), `${lang}/figures/${m[1]}${ext}`);
          }
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

  const weights = []; // first-party HTML + CSS + JS of every page at 1280 px
  const transfers = []; // everything a chart page transfers before interaction, per width
  const exitObservations = [];

  for (const spec of PAGES.filter((p) => !ONLY || ONLY.has(p.path))) {
    const name = spec.path;
    const hasMenu = spec.kind === 'landing' || spec.kind === 'section';
    test(`page ${name}`, { timeout: spec.charts ? 480000 : 240000 }, async (t) => {
      let exitUrl = null;
      let links = [];

      // ---- 1280 px, JavaScript on: load, drawings, live charts, axe
      const { page, rec } = await open(ctx.main, `${name} (1280)`);
      try {
        await sub(t, 'loads with no console message, error, failed or third-party request, CSP violation', async () => {
          await gotoOk(page, name);
          await page.waitForLoadState('networkidle');
          assert.equal(await page.evaluate(() => document.documentElement.className), 'js', 'baspa.js ran (html.js)');
          if (spec.lang) assert.equal(await page.getAttribute('html', 'lang'), spec.lang);
          await assertClean(rec, 'after load');
        });
        const loadRequests = pathsOf(rec);

        exitUrl = await page.getAttribute('html', 'data-exit');
        links = await page.evaluate(() => [...document.querySelectorAll('a[href], link[href], script[src]')].map((e) => e.href || e.src));

        await sub(t, 'keyboard at 1280 px: the quick exit is the first Tab stop after the skip link', async () => {
          await assertQuickExitSecondTabStop(page);
        });

        if (hasMenu) {
          await sub(t, 'site menu at 1280 px: the list of pages shows without any click', async () => {
            const m = await page.evaluate(() => {
              const d = document.querySelector('nav.site-menu details.menu-fold');
              return d && { open: d.open, summary: d.querySelector('summary').checkVisibility(), items: d.querySelectorAll('ol a').length };
            });
            assert.ok(m, 'nav.site-menu > details.menu-fold');
            assert.equal(m.summary, false, 'the fold\'s summary is hidden on wide screens');
            assert.ok(m.items >= SLUGS.length, `${m.items} menu links`);
            const all = page.locator('nav.site-menu details.menu-fold ol a');
            for (let k = 0; k < m.items; k++) assert.ok(await all.nth(k).isVisible(), `menu link ${k + 1} visible without a click`);
          });
        }

        if (spec.charts) {
          await sub(t, 'before any interaction: no echarts.*.js and no chart-prepare.*.js requested', async () => {
            assert.deepEqual(loadRequests.filter((p) => ECHARTS_RE.test(p) || PREPARE_RE.test(p)), [], 'chart libraries requested on load');
            assert.deepEqual(chartLibRequests(rec), [], 'chart libraries requested before any interaction');
            assert.equal(loadRequests.filter((p) => /\/assets\/charts\.[0-9a-f]+\.js$/.test(p)).length, 1, 'charts.js loaded once');
            assert.equal(await page.locator('.chart-live').count(), 0, 'no .chart-live yet');
            assert.equal(await page.locator('.chart-canvas').count(), 0, 'no .chart-canvas (charts are drawings now)');
          });

          await sub(t, `its ${spec.charts} chart(s) are build-time drawings: picture with narrow and contrast sources, loaded img, explore button, downloads, closed data table`, async () => {
            const info = await drawingsLoaded(page, spec.charts);
            for (const [i, id] of spec.figures.entries()) {
              const d = await page.evaluate((id) => {
                const fig = document.getElementById(`fig-${id}`);
                const box = fig && fig.querySelector(':scope > .chart-box');
                const img = box && box.querySelector('picture > img.chart-static');
                const opt = document.getElementById(`chart-data-${id}`);
                return fig && box && {
                  boxId: box.id, data: box.getAttribute('data-chart'), unit: box.hasAttribute('data-unit'), decimals: box.hasAttribute('data-decimals'),
                  sources: [...box.querySelectorAll('picture > source')].map((s) => ({ media: s.media, srcset: s.getAttribute('srcset'), w: s.getAttribute('width'), h: s.getAttribute('height') })),
                  img: img && { src: img.getAttribute('src'), w: img.getAttribute('width'), h: img.getAttribute('height'), alt: img.alt },
                  option: opt && opt.type, values: opt ? [].concat(JSON.parse(opt.textContent).series || []).reduce((n, s) => n + (s.data || []).length, 0) : 0,
                  explore: !!box.querySelector('button.chart-explore') && box.querySelector('button.chart-explore').checkVisibility(),
                  table: !!fig.querySelector('details.chart-table table') && fig.querySelector('details.chart-table').open,
                  actions: [...fig.querySelectorAll('ul.chart-actions a')].map((a) => a.getAttribute('href')),
                };
              }, id);
              assert.ok(d, `figure#fig-${id} > .chart-box`);
              assert.equal(d.boxId, `chart-${id}`);
              assert.equal(d.data, `chart-data-${id}`);
              assert.ok(d.unit && d.decimals, 'data-unit and data-decimals');
              assert.equal(d.option, 'application/json', 'the ECharts option stays in the page');
              assert.ok(d.values > 0, `${id}: the option holds data`);
              const fig = `/${spec.lang}/figures/${id}`;
              assert.deepEqual(d.sources.map((s) => s.srcset), [`${fig}-narrow-contrast.svg`, `${fig}-contrast.svg`, `${fig}-narrow.svg`], `${id}: the three <source>s`);
              assert.match(d.sources[2].media, /max-width:\s*37\.5em/, 'narrow source media');
              assert.match(d.sources[1].media, /forced-colors:\s*active/, 'contrast source: forced colours');
              assert.match(d.sources[1].media, /prefers-contrast:\s*more/, 'contrast source: more contrast');
              for (const s of d.sources) assert.ok(+s.w > 0 && +s.h > 0, `${s.srcset}: width and height`);
              assert.equal(d.img.src, `${fig}.svg`, `${id}: img src`);
              assert.ok(+d.img.w > 0 && +d.img.h > 0, `${id}: img width and height (no layout shift)`);
              assert.ok(d.img.alt.length > 40, `${id}: the img carries the long description (${d.img.alt.length} chars)`);
              assert.ok(info[i].complete && info[i].natural > 0, `${id}: the drawing loaded (${info[i].src})`);
              assert.ok(info[i].src.endsWith(`${fig}.svg`), `${id}: the wide drawing at 1280 px, got ${info[i].src}`);
              assert.equal(d.explore, true, `${id}: charts.js shows the explore button`);
              assert.equal(d.table, false, `${id}: the data table is closed by default`);
              assert.deepEqual(d.actions, [`${fig}.csv`, `${fig}.xlsx`, `${fig}.svg`, `${fig}.png`, `#fig-${id}`], `${id}: CSV, XLSX, SVG, PNG and permalink`);
            }
            const first = page.locator('details.chart-table').first();
            await first.locator('summary').click();
            await assert.doesNotReject(first.locator('table').waitFor({ state: 'visible' }));
            await first.locator('summary').click();
            await assert.doesNotReject(first.locator('table').waitFor({ state: 'hidden' }));
            assert.deepEqual(chartLibRequests(rec), [], 'opening a table loads no chart library');
            t.diagnostic(info.map((c) => `${c.id}: ${path.basename(c.src)} ${c.natural} px`).join('; '));
          });

          await sub(t, 'hovering each chart at 1280 px loads ECharts and chart-prepare, lays .chart-live over the drawing (±1 px), tooltip shows the locale value', async () => {
            await exploreCharts(page, rec, spec, t, { width: 1280 });
            await assertClean(rec, 'after hovering the charts');
          });

          await sub(t, 'live charts at 1280 px: no two texts overlap, none cut off by the chart box', async () => {
            const problems = await liveTextProblems(page);
            assert.deepEqual(problems, [], `live chart text at 1280 px:\n  ${problems.join('\n  ')}`);
          });

          await sub(t, 'clicking a bar of the first live chart stays clean', async () => {
            await centre(page.locator('.chart-box').first());
            const pt = await barPoint(page, 0, 0);
            await page.mouse.click(pt.x, pt.y);
            await page.mouse.move(1, pt.y);
            await assertClean(rec, 'after clicking a bar');
          });

          await sub(t, 'print: the static drawings and every data table show, the live charts do not', async () => {
            await page.emulateMedia({ media: 'print' });
            try {
              const tables = page.locator('details.chart-table table');
              for (let i = 0; i < spec.charts; i++) {
                assert.ok(await tables.nth(i).isVisible(), `data table ${i + 1} printed`);
                assert.ok(await page.locator('img.chart-static').nth(i).isVisible(), `drawing ${i + 1} printed`);
                assert.equal(await page.locator('.chart-live').nth(i).isVisible(), false, `live chart ${i + 1} not printed`);
              }
            } finally {
              await page.emulateMedia({ media: null });
            }
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
              const want = spec.slug ? `/${it.hreflang}/${spec.slug}/` : `/${it.hreflang}/`;
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

        await sub(t, `page weight: HTML + CSS + first-party JS on load <= ${WEIGHT_BUDGET / 1024} KB gzipped`, async () => {
          const echarts = loadRequests.filter((p) => ECHARTS_RE.test(p) || PREPARE_RE.test(p));
          const chartsJs = loadRequests.filter((p) => /\/assets\/charts\.[0-9a-f]+\.js$/.test(p));
          assert.deepEqual(echarts, [], 'no page loads echarts or chart-prepare with itself');
          assert.equal(chartsJs.length, spec.charts ? 1 : 0, `charts.js requested ${spec.charts ? 'once' : 'never'}`);
          const counted = [...new Set(loadRequests.filter((p) => p === new URL(url(name)).pathname || /\.(css|js)$/.test(p)))];
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
            const seen = [];
            await fulfilExits(p, exitUrl, seen);
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
              await assertQuickExitSecondTabStop(p, { keepFocus: true });
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
      {
        const { page: p, rec: r } = await open(ctx.noJs, `${name} (no JS)`);
        try {
          await sub(t, 'without JavaScript: text, help numbers and every data table (opened by its summary) are visible', async () => {
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
              const d = figs.nth(i).locator('details.chart-table');
              assert.equal(await d.evaluate((x) => x.open), false, `chart ${i + 1}: table closed by default`);
              await d.locator('summary').click();
              const table = d.locator('table');
              assert.ok(await table.isVisible(), `chart ${i + 1}: data table visible once opened (no JS needed)`);
              const rows = await table.locator('tbody tr').count();
              assert.ok(rows >= 2, `chart ${i + 1}: ${rows} rows`);
              for (let k = 0; k < rows; k++) assert.ok(await table.locator('tbody tr').nth(k).isVisible());
            }
            assertNoViolations(await runAxe(p, { jsDisabled: true }), `${name} (no JS)`);
            await assertClean(r, 'without JS');
          });

          if (spec.charts) {
            await sub(t, 'without JavaScript: every chart drawing is loaded and visible, no .chart-live', async () => {
              const imgs = p.locator('img.chart-static');
              assert.equal(await imgs.count(), spec.charts);
              for (let i = 0; i < spec.charts; i++) {
                const img = imgs.nth(i);
                await centre(img);
                const s = await img.evaluate((e) => {
                  const r = e.getBoundingClientRect();
                  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                  return { complete: e.complete, natural: e.naturalWidth, src: e.currentSrc, top: r.top, bottom: r.bottom, width: r.width, vh: innerHeight, onTop: hit === e };
                });
                assert.ok(s.complete && s.natural > 0, `${spec.figures[i]}: drawing loaded (${s.src}, naturalWidth ${s.natural})`);
                assert.ok(await img.isVisible(), `${spec.figures[i]}: drawing visible`);
                assert.ok(s.width > 100 && s.bottom > 0 && s.top < s.vh, `${spec.figures[i]}: drawing in the viewport after scrolling to it (${JSON.stringify(s)})`);
                assert.ok(s.onTop, `${spec.figures[i]}: nothing covers the middle of the drawing`);
              }
              assert.equal(await p.locator('.chart-live').count(), 0, 'no .chart-live without JS');
              assert.equal(await p.locator('.chart-explore').first().isVisible(), false, 'the explore button stays hidden without JS');
              await assertClean(r, 'without JS, drawings');
            });
          }
        } finally {
          await p.close();
        }
      }

      // ---- 360 px phone, touch
      {
        const { page: p, rec: r } = await open(ctx.phone, `${name} (360)`);
        try {
          await sub(t, '360 px wide: nothing overflows, drawings fit', async () => {
            await gotoOk(p, name);
            if (spec.charts) await drawingsLoaded(p, spec.charts);
            const widths = await p.evaluate(() => ({
              scroll: document.documentElement.scrollWidth,
              client: document.documentElement.clientWidth,
              inner: window.innerWidth,
              charts: [...document.querySelectorAll('.chart-box')].map((c) => ({ img: c.querySelector('img').getBoundingClientRect().width, box: c.clientWidth, right: c.getBoundingClientRect().right })),
              wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 360.5 && !e.closest('.table-wrap') && getComputedStyle(e).position !== 'fixed')
                .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`),
            }));
            assert.ok(widths.scroll <= 360, `document scrollWidth ${widths.scroll} > 360; too wide: ${widths.wide.join(', ')}`);
            // A phone browser widens the layout viewport to fit content that overflows.
            assert.equal(widths.inner, 360, 'layout viewport stays 360 px');
            for (const c of widths.charts) {
              assert.ok(c.img <= c.box + 0.5, `chart drawing ${c.img} px wider than its box ${c.box} px`);
              assert.ok(c.right <= 360.5, `chart box ends at ${c.right} px`);
            }
            if (spec.kind === 'landing' || spec.slug === 'current-situation') {
              const file = path.join(SHOTS, `${spec.lang}-${spec.kind === 'landing' ? 'landing' : spec.slug}-360.png`);
              await fullPageShot(p, file);
            }
            await assertClean(r, 'at 360 px');
          });

          await sub(t, 'at 360 px: help numbers 111, 150, 102, 112 are visible within the first 800 px', async () => {
            await p.evaluate(() => window.scrollTo(0, 0));
            for (const n of HELP_NUMBERS) {
              const found = await p.evaluate((n) => [...document.querySelectorAll(`a[href="tel:${n}"]`)].map((a) => {
                const r = a.getBoundingClientRect();
                return { top: r.top + scrollY, w: r.width, h: r.height, visible: a.checkVisibility({ visibilityProperty: true, opacityProperty: true }) };
              }), n);
              assert.ok(found.length > 0, `a[href="tel:${n}"] exists`);
              const first = found.find((f) => f.visible && f.w > 0 && f.h > 0);
              assert.ok(first, `a[href="tel:${n}"] visible: ${JSON.stringify(found)}`);
              assert.ok(first.top < 800, `tel:${n} starts ${Math.round(first.top)} px down the page (> 800)`);
            }
          });

          await sub(t, 'keyboard at 360 px: the quick exit is the first Tab stop after the skip link', async () => {
            await assertQuickExitSecondTabStop(p);
          });

          if (hasMenu) {
            await sub(t, 'site menu at 360 px: folded (list hidden) until its summary is opened', async () => {
              const fold = p.locator('nav.site-menu details.menu-fold');
              assert.equal(await fold.evaluate((d) => d.open), false, 'details.menu-fold closed');
              const firstLink = fold.locator('ol a').first();
              assert.equal(await firstLink.isVisible(), false, 'menu links hidden while folded');
              assert.ok(await fold.locator('summary').isVisible(), 'summary visible');
              await fold.locator('summary').click();
              assert.equal(await fold.evaluate((d) => d.open), true, 'open after a click on the summary');
              const all = fold.locator('ol a');
              const count = await all.count();
              assert.ok(count >= SLUGS.length, `${count} menu links`);
              for (let k = 0; k < count; k++) assert.ok(await all.nth(k).isVisible(), `menu link ${k + 1} visible once opened`);
              await fold.locator('summary').click();
              assert.equal(await fold.evaluate((d) => d.open), false, 'folds again');
            });
          }

          if (spec.charts) {
            await sub(t, 'at 360 px: every chart shows its narrow drawing (*-narrow.svg), loaded', async () => {
              const info = await drawingsLoaded(p, spec.charts);
              for (const [i, c] of info.entries()) {
                assert.ok(c.complete && c.natural > 0, `${c.id}: loaded`);
                assert.ok(c.src.endsWith(`/${spec.lang}/figures/${spec.figures[i]}-narrow.svg`), `${c.id}: currentSrc ${c.src}`);
              }
              const loaded = pathsOf(r).filter((q) => q.includes('/figures/'));
              assert.deepEqual(loaded.filter((q) => !q.endsWith('-narrow.svg')), [], 'no other drawing downloaded at 360 px');
            });

            await sub(t, 'at 360 px: no number in a data table is clipped (each table opened by its summary)', async () => {
              const figs = p.locator('figure.chart');
              const problems = [];
              for (let i = 0; i < spec.charts; i++) {
                const d = figs.nth(i).locator('details.chart-table');
                await d.locator('summary').click();
                await d.locator('table').waitFor({ state: 'visible' });
                await d.locator('table').scrollIntoViewIfNeeded();
                const m = await d.evaluate((d) => {
                  const wrap = d.querySelector('.table-wrap');
                  return {
                    wrap: { scroll: wrap.scrollWidth, client: wrap.clientWidth },
                    cells: [...d.querySelectorAll('td.align-right')].map((td) => { const r = td.getBoundingClientRect(); return { text: td.textContent.trim(), left: r.left, right: r.right }; }),
                  };
                });
                if (m.wrap.scroll > m.wrap.client + 1) problems.push(`${spec.figures[i]}: .table-wrap scrolls sideways (scrollWidth ${m.wrap.scroll} > clientWidth ${m.wrap.client})`);
                assert.ok(m.cells.length > 0, `${spec.figures[i]}: td.align-right cells`);
                for (const c of m.cells) if (c.right > 360 || c.left < 0) problems.push(`${spec.figures[i]}: "${c.text}" spans ${Math.round(c.left)}..${Math.round(c.right)} px`);
              }
              assert.deepEqual(problems, [], `clipped table numbers at 360 px:\n  ${problems.join('\n  ')}`);
              await assertClean(r, 'after opening the tables');
            });

            await sub(t, 'hovering each chart at 360 px lays .chart-live over the narrow drawing (±1 px), tooltip shows the locale value', async () => {
              await exploreCharts(p, r, spec, t, { width: 360 });
              await assertClean(r, 'after hovering the charts at 360 px');
            });

            await sub(t, 'live charts at 360 px: no two texts overlap, none cut off by the chart box', async () => {
              const problems = await liveTextProblems(p);
              assert.deepEqual(problems, [], `live chart text at 360 px:\n  ${problems.join('\n  ')}`);
            });
          }
          await sub(t, 'still clean at 360 px after all of the above', async () => {
            await assertClean(r, 'at 360 px, at the end');
          });
        } finally {
          await p.close();
        }
      }

      if (spec.charts) {
        // ---- keyboard: the explore button
        {
          const { page: p, rec: r } = await open(ctx.main, `${name} (keyboard)`);
          try {
            await sub(t, 'keyboard: focusing the first explore button and pressing Enter loads the live chart', async () => {
              await gotoOk(p, name);
              assert.deepEqual(chartLibRequests(r), [], 'nothing loaded before');
              const button = p.locator('.chart-box').first().locator('button.chart-explore');
              assert.ok(await button.isVisible(), 'explore button visible');
              await button.focus();
              // A person presses Enter a frame or more after the focus lands, not in the same task.
              await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
              await p.keyboard.press('Enter');
              await assert.doesNotReject(p.locator('.chart-box[data-live="on"]').first().locator('.chart-live svg').waitFor({ state: 'attached' }), 'live chart after Enter');
              const libs = chartLibRequests(r);
              assert.ok(libs.some((q) => ECHARTS_RE.test(q)) && libs.some((q) => PREPARE_RE.test(q)), `echarts and chart-prepare loaded: ${libs.join(', ')}`);
              await assertClean(r, 'after Enter on the explore button');
            });

            await sub(t, 'keyboard: after Enter on the explore button, focus is in the chart (not lost to the page)', async () => {
              const f = await p.evaluate(() => {
                const a = document.activeElement;
                const box = document.querySelector('.chart-box');
                const button = box.querySelector('button.chart-explore');
                return { tag: a ? a.tagName.toLowerCase() : null, cls: a ? a.className : null, inChart: !!a && box.contains(a), live: !!a && a.classList.contains('chart-live'), button: button ? getComputedStyle(button).display : 'gone' };
              });
              assert.ok(f.inChart, `after focusing the explore button and pressing Enter, focus is on <${f.tag} class="${f.cls}">, outside the chart (the button is now display: ${f.button}): a keyboard user loses their place`);
              assert.ok(f.live, `focus is on <${f.tag} class="${f.cls}">, not on the live chart`);
            });
          } finally {
            await p.close();
          }
        }

        // ---- touch: a phone reader taps (a fresh page: touch and mouse input do not mix here)
        await sub(t, 'at 360 px, touch: tapping the first drawing brings the live chart; tapping a bar shows its tooltip with the locale value, cleanly', async () => {
          const { page: p, rec: r } = await open(ctx.phone, `${name} (touch)`);
          try {
            await gotoOk(p, name);
            const img = p.locator('img.chart-static').first();
            await centre(img);
            const b = await img.boundingBox();
            // The top-left corner, outside the plot: this tap only wakes the chart.
            await p.touchscreen.tap(b.x + 2, b.y + 2);
            await assert.doesNotReject(p.locator('.chart-box').first().locator('.chart-live svg').waitFor({ state: 'attached' }), 'live chart after a tap');
            const libs = chartLibRequests(r);
            assert.ok(libs.some((q) => ECHARTS_RE.test(q)) && libs.some((q) => PREPARE_RE.test(q)), `echarts and chart-prepare loaded: ${libs.join(', ')}`);
            await textsSettled(p, '.chart-live svg');
            const before = await liveTexts(p, 0);
            const { index, want } = await tooltipTarget(p, spec, 0);
            const pt = await barPoint(p, 0, index);
            await p.touchscreen.tap(pt.x, pt.y);
            await p.waitForFunction((n) => document.querySelector('.chart-box .chart-live svg').querySelectorAll('text').length > n, before.length, { timeout: 5000 }).catch(() => {});
            const shown = added(before, await liveTexts(p, 0));
            assert.ok(shown.some((s) => s.includes(want)), `${spec.figures[0]}: the tooltip after a tap shows ${JSON.stringify(want)}: ${JSON.stringify(shown)}`);
            await assertClean(r, 'after tapping');
          } finally {
            await p.close();
          }
        });

        // ---- the drawings as documents: text placement, line breaks
        const drawings = [];
        await sub(t, 'chart drawings opened as documents (wide at 1280 px, narrow at 360 px, and the contrast ones): no two texts overlap, none outside the drawing', async () => {
          const { page: p, rec: r } = await open(ctx.main, `${name} (drawings)`);
          try {
            // Chromium asks for /favicon.ico for a document that is not HTML; the site's pages never do.
            await p.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
            const problems = [];
            for (const id of spec.figures) {
              for (const variant of DRAWING_VARIANTS) {
                await p.setViewportSize(variant.includes('narrow') ? { width: 360, height: 740 } : { width: 1280, height: 800 });
                const file = `/${spec.lang}/figures/${id}${variant}.svg`;
                const res = await p.goto(url(file));
                assert.equal(res.status(), 200, file);
                assert.match(res.headers()['content-type'], /^image\/svg\+xml/, file);
                const [d] = await p.evaluate(collectTexts, null);
                d.name = path.basename(file);
                assert.ok(d.texts.length >= 2, `${file}: ${d.texts.length} texts`);
                drawings.push(d);
                problems.push(...textProblems(d));
              }
            }
            t.diagnostic(`${drawings.length} drawings, ${drawings.reduce((n, d) => n + d.texts.length, 0)} texts`);
            assert.deepEqual(problems, [], `text in the drawings:\n  ${problems.join('\n  ')}`);
            await assertClean(r, 'opening the drawings');
          } finally {
            await p.close();
          }
        });

        await sub(t, 'chart drawings: no label line breaks inside a word or starts with punctuation', async () => {
          assert.equal(drawings.length, spec.figures.length * DRAWING_VARIANTS.length, 'every drawing was read');
          // The words of the chart's labels, from the data tables of the page.
          const html = await (await fetch(ctx.server.origin + name)).text();
          const words = new Set([...html.matchAll(/<th[^>]*>([^<]*)</g)].flatMap((m) => m[1].split(/\s+/)));
          const problems = drawings.flatMap((d) => lineBreakProblems(d, words));
          assert.deepEqual(problems, [], `label line breaks:\n  ${problems.join('\n  ')}`);
        });

        // ---- black-and-white drawings for forced colours and more contrast
        for (const [mode, label] of [['forced', 'forced colours (forcedColors: active)'], ['contrast', 'more contrast (contrast: more)']]) {
          for (const width of [1280, 360]) {
            await sub(t, `${label} at ${width} px: every drawing is the ${width === 360 ? '*-narrow-contrast.svg' : '*-contrast.svg'} one, loaded; the live chart too; no error`, async () => {
              const { page: p, rec: r } = await open(ctx[`${mode}${width}`], `${name} (${mode}, ${width})`);
              try {
                await gotoOk(p, name);
                const info = await drawingsLoaded(p, spec.charts);
                for (const [i, c] of info.entries()) {
                  assert.ok(c.complete && c.natural > 0, `${c.id}: drawn`);
                  const want = `/${spec.lang}/figures/${spec.figures[i]}${width === 360 ? '-narrow' : ''}-contrast.svg`;
                  assert.ok(c.src.endsWith(want), `${c.id}: currentSrc ${c.src}, want …${want}`);
                }
                const img = p.locator('img.chart-static').first();
                await centre(img);
                const b = await img.boundingBox();
                await p.mouse.move(b.x + 2, b.y + 2);
                await assert.doesNotReject(p.locator('.chart-box[data-live="on"] .chart-live svg').first().waitFor({ state: 'attached' }), 'live chart on hover');
                if (spec.slug === 'current-situation' && width === 360 && mode === 'forced') {
                  await fullPageShot(p, path.join(SHOTS, `${spec.lang}-${spec.slug}-forced-360.png`));
                }
                await assertClean(r, `under ${label} at ${width} px`);
              } finally {
                await p.close();
              }
            });
          }
        }

        // ---- what a chart page costs, and whether anything moves
        for (const width of [360, 1280]) {
          const { page: p, rec: r } = await open(width === 360 ? ctx.phone : ctx.main, `${name} (weight, shifts, ${width})`);
          try {
            await p.addInitScript(observeLayoutShifts);
            await sub(t, `page weight at ${width} px: loaded without interaction and scrolled to the bottom, <= ${TRANSFER_BUDGET / 1024} KB gzipped in total`, async () => {
              await gotoOk(p, name);
              await scrollSlowly(p);
              await p.waitForLoadState('networkidle');
              await drawingsLoaded(p, spec.charts);
              assert.deepEqual(chartLibRequests(r), [], 'no chart library without interaction');
              const items = await transferred(r);
              const total = items.reduce((n, s) => n + s.gz, 0);
              transfers.push({ page: name, width, total });
              t.diagnostic(`${name} at ${width} px: ${(total / 1024).toFixed(1)} KB gzipped in total (${items.length} responses: ${items.map((s) => `${path.basename(s.path) || s.path} ${s.gz}`).join(', ')})`);
              assert.ok(total <= TRANSFER_BUDGET, `${name} at ${width} px: ${total} bytes gzipped > ${TRANSFER_BUDGET}`);
            });

            await sub(t, `layout shift at ${width} px: scrolling slowly through the page, then hovering the first chart, moves nothing (sum 0)`, async () => {
              if (!p.url().startsWith(ctx.server.origin)) { await gotoOk(p, name); await scrollSlowly(p); }
              const img = p.locator('img.chart-static').first();
              await centre(img);
              const b = await img.boundingBox();
              await p.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
              await p.locator('.chart-box[data-live="on"] .chart-live svg').first().waitFor({ state: 'attached' });
              await textsSettled(p, '.chart-live svg');
              // Layout-shift entries are delivered after the frame that shifted.
              await p.evaluate(() => new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(res, 50)))));
              const shifts = await p.evaluate(() => window.__baspaShifts);
              const counted = shifts.filter((s) => !s.recent);
              const sum = counted.reduce((n, s) => n + s.value, 0);
              t.diagnostic(`layout shift at ${width} px: ${sum.toFixed(5)} (${counted.length} shifts)`);
              assert.equal(sum, 0, `${name} at ${width} px: layout shifts sum to ${sum.toFixed(5)}:\n  ${counted.map((s) => `${s.value.toFixed(5)} at ${s.at} ms: ${s.sources.join('; ')}`).join('\n  ')}`);
              await assertClean(r, `scrolling and hovering at ${width} px`);
            });
          } finally {
            await p.close();
          }
        }
      }

      // ---- dark colour scheme: the other palette must pass axe too
      await sub(t, `dark colour scheme at 1280 px: no axe violation${spec.charts ? ', drawings and live chart inverted by the CSS filter' : ''}`, async () => {
        const { page: p, rec: r } = await open(ctx.dark, `${name} (dark)`);
        try {
          await gotoOk(p, name);
          if (spec.charts) {
            await drawingsLoaded(p, spec.charts);
            const filters = await p.$$eval('img.chart-static', (imgs) => imgs.map((i) => getComputedStyle(i).filter));
            for (const f of filters) assert.match(f, /invert\(1\).*hue-rotate\(180deg\)/, `drawing filter: ${f}`);
            const img = p.locator('img.chart-static').first();
            await centre(img);
            const b = await img.boundingBox();
            await p.mouse.move(b.x + 2, b.y + 2);
            const live = p.locator('.chart-box[data-live="on"] .chart-live').first();
            await live.locator('svg').waitFor({ state: 'attached' });
            assert.match(await live.evaluate((e) => getComputedStyle(e).filter), /invert\(1\).*hue-rotate\(180deg\)/, 'live chart filter');
            if (spec.slug === 'current-situation') await live.screenshot({ path: path.join(SHOTS, `${spec.lang}-${spec.slug}-dark-chart.png`) });
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
            if (spec.charts) await drawingsLoaded(p, spec.charts);
            const file = path.join(SHOTS, `${spec.lang}-${spec.kind === 'landing' ? 'landing' : spec.slug}-1280.png`);
            await fullPageShot(p, file);
            assert.ok(fs.statSync(file).size > 10000, `${file} written`);
            await assertClean(r, 'for the screenshot');
          } finally {
            await p.close();
          }
        });
      }
    });
  }

  test('reader safety: / and /404.html show every language\'s safety text, exit label and help numbers', async (t) => {
    for (const p of ['/', '/404.html']) {
      for (const [label, context] of [['1280', ctx.main], ['360', ctx.phone]]) {
        await sub(t, `${p} at ${label} px: kk, ru and en safety text and quick-exit label, tel: 111, 150, 102, 112`, async () => {
          const { page, rec } = await open(context, `${p} (safety, ${label})`);
          try {
            await gotoOk(page, p);
            for (const lang of LANGS) {
              const want = { text: I18N[lang].safety_text, exit: I18N[lang].quick_exit };
              assert.ok(want.text && want.exit, `${lang}.yaml has safety_text and quick_exit`);
              const text = page.locator(`.safety-bar p.safety-text[lang="${lang}"]`);
              assert.equal(await text.count(), 1, `p.safety-text[lang=${lang}]`);
              assert.equal((await text.textContent()).trim(), want.text, `${lang} safety text`);
              assert.ok(await text.isVisible(), `${lang} safety text visible`);
              const exit = page.locator(`#quick-exit .exit-labels span[lang="${lang}"]`);
              assert.equal(await exit.count(), 1, `.exit-labels span[lang=${lang}] inside the quick exit`);
              assert.equal((await exit.textContent()).trim(), want.exit, `${lang} quick-exit label`);
              assert.ok(await exit.isVisible(), `${lang} quick-exit label visible`);
              for (const n of HELP_NUMBERS) {
                const a = page.locator(`main [lang="${lang}"] a[href="tel:${n}"]`).first();
                assert.ok(await a.isVisible(), `${lang} help section: tel:${n} visible`);
              }
            }
            for (const n of HELP_NUMBERS) {
              const a = page.locator(`.safety-bar ul.safety-lines a[href="tel:${n}"]`);
              assert.equal(await a.count(), 1, `safety bar: tel:${n}`);
              assert.ok(await a.isVisible(), `safety bar: tel:${n} visible`);
              assert.equal((await a.evaluate((e) => e.firstChild.textContent)).trim(), n);
            }
            await assertClean(rec, 'reading the safety bar');
          } finally {
            await page.close();
          }
        });
      }
    }
  });

  test('history: a visit to /en/ and two menu pages, then the quick exit: Back never shows a report page', async (t) => {
    const exitUrl = /data-exit="([^"]+)"/.exec(fs.readFileSync(fileFor('/en/'), 'utf8'))[1].replace(/&amp;/g, '&');
    for (const [label, context] of [['1280', ctx.main], ['360', ctx.phone]]) {
      for (const how of ['click', 'Escape']) {
        await sub(t, `at ${label} px, quick exit by ${how}: one history entry for the whole visit, Back goes to the page before the report`, async () => {
          const { page: p, rec: r } = await open(context, `/en/ visit (${label}, ${how})`);
          try {
            const seen = [];
            await fulfilExits(p, exitUrl, seen);
            await p.goto('data:text/html,<title>start</title>start');
            await gotoOk(p, '/en/');
            await p.waitForLoadState('networkidle');
            const length = await p.evaluate(() => history.length);
            const visited = [p.url()];
            for (const target of ['/en/latent-forms/', '/en/help/']) {
              if (label === '360') {
                await p.click('nav.site-menu details.menu-fold > summary');
              }
              const link = p.locator(`nav.site-menu details.menu-fold ol a[href="${target}"]`);
              assert.ok(await link.isVisible(), `menu link ${target} visible`);
              await Promise.all([p.waitForURL(url(target)), link.click()]);
              await p.waitForLoadState('networkidle');
              visited.push(p.url());
              assert.equal(await p.evaluate(() => history.length), length, `following the menu to ${target} adds no history entry (location.replace)`);
            }
            if (how === 'click') await Promise.all([p.waitForURL((u) => u.href === exitUrl), p.click('#quick-exit')]);
            else await Promise.all([p.waitForURL((u) => u.href === exitUrl), p.keyboard.press('Escape')]);
            assert.equal(await p.title(), 'neutral');
            assert.equal(await p.evaluate(() => history.length), length, 'the quick exit adds no history entry');
            assert.deepEqual(seen.map((s) => [s.url, s.nav, s.referer]), [[exitUrl, true, null]], 'one navigation to the exit URL, fulfilled here, no Referer');
            const shown = [];
            for (let k = 0; k < 3; k++) {
              const res = await p.goBack().catch(() => null);
              const now = p.url();
              shown.push(now);
              assert.ok(!now.startsWith(ctx.server.origin), `Back ${k + 1} shows a report page: ${now} (visited ${visited.join(', ')})`);
              if (!res) break;
            }
            assert.ok(shown[0].startsWith('data:'), `the first Back shows the page before the report, got ${shown[0]}`);
            exitObservations.push(`visit ${label} ${how}: history.length ${length}; Back went to ${shown.map((s) => s.slice(0, 20)).join(' then ')}`);
            const leaked = r.requests.filter((q) => !isLocal(q.url) && !fulfilledExits.has(q.request));
            assert.deepEqual(leaked.map((q) => q.url), [], 'nothing but the fulfilled exit navigation left the machine');
            await assertClean(r, `visit and quick exit by ${how}`);
          } finally {
            await p.close();
          }
        });
      }
    }
  });

  test('Esc leaves for the exit URL even when every script file of the site is blocked', async (t) => {
    for (const p of ['/kk/current-situation/', '/ru/help/', '/en/latent-forms/']) {
      await sub(t, `${p} with *.js aborted: Escape navigates to the exit URL`, async () => {
        const { page, rec } = await open(ctx.main, `${p} (scripts blocked)`);
        try {
          const exitUrl = /data-exit="([^"]+)"/.exec(fs.readFileSync(fileFor(p), 'utf8'))[1].replace(/&amp;/g, '&');
          const seen = [];
          await fulfilExits(page, exitUrl, seen);
          const blocked = [];
          await page.route((u) => u.href.startsWith(ctx.server.origin + '/') && u.pathname.endsWith('.js'), (route) => {
            blocked.push(new URL(route.request().url()).pathname);
            return route.abort('blockedbyclient');
          });
          await gotoOk(page, p);
          await page.waitForLoadState('networkidle'); // the favicon too: leaving cuts short nothing
          assert.ok(blocked.some((q) => /\/baspa\.[0-9a-f]+\.js$/.test(q)), `the site's scripts were blocked: ${blocked.join(', ')}`);
          await Promise.all([page.waitForURL((u) => u.href === exitUrl), page.keyboard.press('Escape')]);
          assert.equal(await page.title(), 'neutral');
          assert.deepEqual(seen.map((s) => [s.url, s.nav]), [[exitUrl, true]], 'one navigation to the exit URL');
          // The blocked scripts fail on purpose; nothing else may.
          rec.failed = rec.failed.filter((f) => !blocked.some((q) => f.startsWith(url(q) + ':')));
          rec.console = rec.console.filter((m) => !/Failed to load resource: net::ERR_BLOCKED_BY_CLIENT/.test(m));
          await assertClean(rec, 'with the scripts blocked');
        } finally {
          await page.close();
        }
      });
    }
  });

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
    // Chromium asks for /favicon.ico for a document that is not HTML (the drawings
    // opened as documents above), from its own favicon fetcher, which page.route does
    // not always catch; the site's pages must never cause one.
    const favicons = ctx.server.log.filter((l) => l.path === '/favicon.ico' && !/\.svg$/.test(new URL(l.referer || 'http://x/').pathname));
    assert.deepEqual(favicons.map((l) => `asked by ${l.referer || 'no referer'}`), [], 'no page asks for /favicon.ico');
    console.log(`# quick exit / history: ${exitObservations.length} runs; e.g. ${exitObservations[0]}`);
    if (weights.length) {
      const max = weights.reduce((a, b) => (b.total > a.total ? b : a));
      console.log(`# heaviest page: ${max.page}, ${(max.total / 1024).toFixed(1)} KB gzipped (HTML + CSS + first-party JS)`);
    }
    for (const w of transfers) console.log(`# transferred before interaction: ${w.page} at ${w.width} px: ${(w.total / 1024).toFixed(1)} KB gzipped (budget ${TRANSFER_BUDGET / 1024} KB)`);
    console.log(`# screenshots: ${SHOTS}`);
    console.log(`# elapsed: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
}
