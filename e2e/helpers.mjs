// Shared set-up for the browser tests: a static server on a free port over www/ (exactly what
// Pages serves, so scripts/build-site must have run) and Debian's Chromium driven by
// playwright-core, with every request, console message and page error recorded.

import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WWW = join(ROOT, 'www');
export const SCREENSHOTS = join(ROOT, 'artifacts', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const SAMPLE_NAMES = [
  '000_e77f80073e250d68.txt',
  '001_2d5d7ecc40b0869e.txt',
  '002_57c6f618b57d03d3.txt',
  '003_e558128c81437959.txt',
  '004_84f77ece8fe89074.txt',
];

export function sample(name) {
  return readFileSync(join(WWW, 'samples', name));
}

/**
 * `python3 -m http.server 0` over `dir` (www/ by default); resolves to {origin, stop()}.
 */
export function startServer(dir = WWW) {
  if (!existsSync(join(WWW, 'pkg', 'gleaner_bg.wasm'))) {
    throw new Error('www/pkg is missing: run scripts/build-site first');
  }
  const proc = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${out}`)), 10_000);
    proc.on('exit', (code) => reject(new Error(`http.server exited (${code}): ${out}`)));
    proc.stderr.on('data', () => {}); // the access log
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({
          origin: `http://127.0.0.1:${m[1]}`,
          stop: () => new Promise((done) => { proc.once('exit', done); proc.kill(); }),
        });
      }
    });
  });
}

/** A fresh Chromium profile; resolves to {context, stop()}. */
/**
 * Registers node:test hooks that start the static server and Chromium before a file's tests and
 * stop both after them. Returns an object whose `server` and `browser` are set once `before` ran.
 */
export function servePageInChromium() {
  const site = { server: null, browser: null };
  before(async () => {
    site.server = await startServer();
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.stop();
    await site.server?.stop();
  });
  return site;
}

export async function launch() {
  const profile = mkdtempSync(join(tmpdir(), 'gleaner-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    stop: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the page and waits until the analyzer is ready. The returned `log` collects console
 * messages of type error, page errors (uncaught exceptions, CSP violations reach the console as
 * errors) and every request URL, from the page and from its worker.
 */
export async function openPage(context, origin, path = '/', { keepStorage = false } = {}) {
  const page = await context.newPage();
  if (!keepStorage) await clearStorage(page, origin);
  const log = { errors: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => log.errors.push(`pageerror: ${err.message}`));
  // On the context, not the page: that also sees the worker's requests (the .wasm fetch).
  const onRequest = (req) => log.requests.push(req.url());
  context.on('request', onRequest);
  page.once('close', () => context.off('request', onRequest));
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') log.errors.push(`worker console: ${msg.text()}`);
    });
  });
  // Listening early turns on file chooser interception well before a test clicks: enabling it
  // is asynchronous, and a click right after `waitForEvent('filechooser')` can beat it.
  page.on('filechooser', () => {});
  await page.goto(origin + path);
  await page.waitForFunction(() => /^v\d/.test(document.getElementById('version')?.textContent ?? ''));
  return { page, log };
}

/**
 * Forgets what earlier tests left for `origin` (the saved session in IndexedDB, the service
 * worker and its caches), so each test starts as a first visit. `page` must not be on `origin`.
 */
export async function clearStorage(page, origin) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Storage.clearDataForOrigin', {
      origin, storageTypes: 'indexeddb,service_workers,cache_storage,local_storage',
    });
  } finally {
    await cdp.detach();
  }
}

/**
 * Waits until the page shows a report with `n` documents (analyzed or skipped); the list renders
 * at most 200 rows at a time.
 */
export async function waitForDocuments(page, n) {
  await page.waitForFunction((count) => window.gleaner.busy === 0
    && (window.gleaner.report?.documents.length ?? 0) === count
    && document.querySelectorAll('#article-list li').length >= Math.min(count, 200), n);
}

/**
 * Saves artifacts/screenshots/<name>.png: the full page, only the element matching `target` (a
 * selector), or the page's `target.clip` rectangle.
 */
export async function screenshot(page, name, target = null) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  if (typeof target === 'string') await page.locator(target).screenshot({ path });
  else if (target?.clip) await page.screenshot({ path, fullPage: true, clip: target.clip });
  else await page.screenshot({ path, fullPage: true });
}

/** Drops files on `selector` with a real DataTransfer, as a user's drag and drop would. */
export async function dropFiles(page, selector, files) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const { name, type, bytes } of list) {
      dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
    }
    return dt;
  }, files.map(({ name, type = 'text/plain', buffer }) => ({ name, type, bytes: [...buffer] })));
  await page.dispatchEvent(selector, 'dragenter', { dataTransfer });
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}

/**
 * Starts measuring the longest gap between animation frames in `page`: a frozen main thread
 * shows as a long gap. `longestFrameGap` stops it and returns the gap in ms.
 */
export async function watchFrames(page) {
  await page.evaluate(() => {
    window.__maxGap = 0;
    let last = performance.now();
    const tick = (now) => {
      window.__maxGap = Math.max(window.__maxGap, now - last);
      last = now;
      if (!window.__stopFrames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export function longestFrameGap(page) {
  return page.evaluate(() => {
    window.__stopFrames = true;
    return window.__maxGap;
  });
}
