// The report's PDF download, tested in a real browser, on its own:
//
//   BASPA_BIN=target/release/baspa node tests/browser/pdf.mjs
//
// Builds the shipped report into a temporary folder (with BASPA_BIN, or `cargo run --release`),
// serves it as a static host would (tests/browser/server.mjs), and opens every page in the
// system Chromium (/usr/bin/chromium, or BASPA_CHROMIUM) through playwright-core. On every page
// the footer has exactly one link to the PDF of the page's language, and the landing pages one
// more at the top; the link names the file's size; following it downloads a PDF (`%PDF-`, the
// same bytes as the built file); the host serves it as `application/pdf`. Exits non-zero on
// any failure, naming the page.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const CHROMIUM = process.env.BASPA_CHROMIUM || '/usr/bin/chromium';
const LANGS = ['kk', 'ru', 'en'];
const SLUGS = ['', 'current-situation/', 'latent-forms/', 'effectiveness/', 'prevention-practices/', 'methodology/', 'help/', 'search/'];
// The size as each language writes it (decimal units, no-break space): whole
// kilobytes, rounded up, below 1 MB (`268 КБ`, `250 kB`), else megabytes to one
// decimal (`2,1 МБ`, `2.1 MB`).
const size = (lang, bytes) => {
  const [kb, mb] = lang === 'en' ? ['kB', 'MB'] : ['КБ', 'МБ'];
  if (bytes < 1e6) return `${Math.max(1, Math.ceil(bytes / 1000))}\u00a0${kb}`;
  const n = (bytes / 1e6).toFixed(1);
  return `${lang === 'en' ? n : n.replace('.', ',')}\u00a0${mb}`;
};

const failures = [];
const check = (ok, message) => { if (!ok) failures.push(message); };

const server = await startServer();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'baspa-pdf-'));
const site = path.join(tmp, 'site');
let browser;
try {
  const args = ['build', '--quiet', '--root', REPO, '--out', site, '--base-url', server.origin + '/'];
  const r = process.env.BASPA_BIN
    ? spawnSync(process.env.BASPA_BIN, args, { cwd: REPO, encoding: 'utf8' })
    : spawnSync('cargo', ['run', '--release', '--quiet', '--', ...args], { cwd: REPO, encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`building the site failed: ${r.error?.message || r.stderr}`);
  server.setRoot(site);
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'], headless: true });
  const context = await browser.newContext({ baseURL: server.origin, acceptDownloads: true });
  context.setDefaultTimeout(20000);
  const downloaded = new Map(); // href → bytes, one download per file

  const pages = [{ path: '/', lang: 'kk' }, { path: '/404.html', lang: 'kk' }, ...LANGS.flatMap((lang) => [...SLUGS.map((s) => ({ path: `/${lang}/${s}`, lang })), { path: `/${lang}/404.html`, lang }])];
  for (const { path: p, lang } of pages) {
    const page = await context.newPage();
    const res = await page.goto(p);
    check(res?.status() === 200, `${p}: answered ${res?.status()}`);
    const footer = page.locator('footer .pdf-download a');
    const count = await footer.count();
    check(count === 1, `${p}: ${count} PDF links in the footer, expected 1`);
    if (count !== 1) { await page.close(); continue; }
    const href = await footer.getAttribute('href');
    const file = path.join(site, decodeURIComponent(new URL(href, server.origin).pathname));
    check(href === `/${lang}/report-2025-${lang}.pdf`, `${p}: the link leads to ${href}, not the ${lang} PDF`);
    check(fs.existsSync(file), `${p}: ${href} is not a file of the site`);
    if (!fs.existsSync(file)) { await page.close(); continue; }
    const bytes = fs.readFileSync(file);
    const label = await footer.innerText();
    const expected = size(lang, bytes.length);
    check(label.includes('PDF') && label.includes(expected), `${p}: the link says "${label}", expected the size ${expected}`);
    if (p === `/${lang}/`) {
      check(await page.locator('article .pdf-download a').count() === 1, `${p}: the landing page has no PDF link at the top`);
    }
    if (!downloaded.has(href)) {
      const [download] = await Promise.all([page.waitForEvent('download'), footer.click()]);
      const saved = path.join(tmp, `download-${lang}.pdf`);
      await download.saveAs(saved);
      const got = fs.readFileSync(saved);
      check(got.subarray(0, 5).toString() === '%PDF-', `${p}: the download is not a PDF`);
      check(Buffer.compare(got, bytes) === 0, `${p}: the download differs from ${href}`);
      check(download.suggestedFilename() === path.basename(file), `${p}: the download is named ${download.suggestedFilename()}`);
      const response = await context.request.get(href);
      check(response.status() === 200, `${href}: answered ${response.status()}`);
      check(response.headers()['content-type'] === 'application/pdf', `${href}: served as ${response.headers()['content-type']}`);
      downloaded.set(href, got.length);
    }
    await page.close();
  }
  check(downloaded.size === LANGS.length, `downloaded ${downloaded.size} PDFs, expected ${LANGS.length}`);
  console.log(`checked ${pages.length} pages; downloaded ${[...downloaded].map(([h, n]) => `${h} (${n} bytes)`).join(', ')}`);
} catch (e) {
  failures.push(String(e?.stack || e));
} finally {
  await browser?.close().catch(() => {});
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`PDF download: ${failures.length} failure(s):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('PDF download: every page links to its language\'s PDF, and it downloads');
