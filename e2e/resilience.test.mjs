// The page under bad conditions and at scale: the session survives a reload (IndexedDB), the
// page works offline after the first visit (service worker), a large drop can be cancelled,
// 20,000 files at once stay listable and filterable, and a 100 MB file is analyzed in parts with
// the analyzer's memory bounded.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  dropFiles, longestFrameGap, openPage, sample, SAMPLE_NAMES, screenshot, servePageInChromium, waitForDocuments,
  watchFrames,
} from './helpers.mjs';

const site = servePageInChromium();

function checkLog(log) {
  assert.deepEqual(log.errors, [], 'the console showed errors');
  const offOrigin = log.requests.filter((url) => !url.startsWith(`${site.server.origin}/`) && !url.startsWith('blob:'));
  assert.deepEqual(offOrigin, [], 'requests left the origin');
}

const ready = (page) => page.waitForFunction(() => /^v\d/.test(document.getElementById('version')?.textContent ?? ''));

// Small distinct texts: a few invented words per file so they do not all cluster together.
function files(n, prefix, words = 40) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const vocab = Array.from({ length: words }, (_, j) => `w${i.toString(36)}x${(j * 7919 + i) % 997}`);
    const text = `Report ${prefix} number ${i}. ${vocab.join(' ')}. The committee met on Monday to discuss it.\n`;
    out.push({ name: `${prefix}-${String(i).padStart(5, '0')}.txt`, buffer: Buffer.from(text) });
  }
  return out;
}

test('the session survives a reload, and Clear all really clears it', async () => {
  const { page, log } = await openPage(site.browser.context, site.server.origin);
  try {
    await page.click('#samples');
    await waitForDocuments(page, 5);
    await page.fill('#paste-text', 'Olaf Scholz met Emmanuel Macron in Paris on Monday to discuss energy prices.');
    await page.click('#analyze');
    await waitForDocuments(page, 6);
    // A threshold and a selection, saved with the documents.
    await page.click('#article-list li:nth-child(4) .item-main');
    const before = await page.evaluate(() => window.gleaner.report);
    const pastedBefore = await page.evaluate(() => window.gleaner.document(5));

    await page.reload();
    await ready(page);
    await waitForDocuments(page, 6);
    const restored = await page.evaluate(() => window.gleaner.report);
    assert.deepEqual(restored.documents.map((d) => d.name), before.documents.map((d) => d.name));
    assert.deepEqual(await page.evaluate(() => window.gleaner.document(5)), pastedBefore);
    assert.equal(await page.getAttribute('#article-list li.selected .item-name', 'title'), before.documents[3].name);
    assert.match(await page.textContent('#status'), /Restored/);
    // Pasted names go on from where they were.
    await page.fill('#paste-text', 'Emmanuel Macron spoke in Berlin on Tuesday.');
    await page.click('#analyze');
    await waitForDocuments(page, 7);
    assert.equal(await page.textContent('#article-list li:nth-child(7) .item-name'), 'Pasted 2');

    await page.click('#clear');
    await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Cleared'));
    await page.reload();
    await ready(page);
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.gleaner.report), null);
    assert.ok(await page.locator('#workspace').isHidden());
    checkLog(log);
  } finally {
    await page.close();
  }
});

test('offline after the first visit: the page, the analyzer and the samples come from the cache', async () => {
  const { page, log } = await openPage(site.browser.context, site.server.origin);
  try {
    // Wait for the service worker to be active, then reload so it controls the page.
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.reload();
    await ready(page);
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), 'the page is not controlled');

    await site.browser.context.setOffline(true);
    try {
      await page.reload();
      await ready(page);
      await page.click('#samples');
      await waitForDocuments(page, 5);
      const r = await page.evaluate(() => window.gleaner.report);
      assert.equal(r.documents.filter((d) => !d.error).length, 5);
      assert.equal(await page.locator('#article-list li').count(), 5);
    } finally {
      await site.browser.context.setOffline(false);
    }
    const offOrigin = log.requests.filter((url) => !url.startsWith(`${site.server.origin}/`) && !url.startsWith('blob:'));
    assert.deepEqual(offOrigin, []);
    assert.deepEqual(log.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), []);
  } finally {
    await page.close();
  }
});

test('Cancel stops a 300-file drop after the current slice; what was added stays', async () => {
  const { page, log } = await openPage(site.browser.context, site.server.origin);
  try {
    // Cancel is pressed the moment the first files are in: adding 300 small files takes well
    // under a second, too little for a click from outside the page.
    await page.evaluate(() => {
      const status = document.getElementById('status');
      const cancel = document.getElementById('cancel');
      new MutationObserver((_, observer) => {
        if (/Analyzing: [1-9]\d* of 300/.test(status.textContent) && !cancel.disabled) {
          cancel.click();
          observer.disconnect();
        }
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await dropFiles(page, '#dropzone', files(300, 'big', 400));
    await page.waitForFunction(() => /Cancelled/.test(document.getElementById('status').textContent)
      && window.gleaner.busy === 0);
    const n = await page.evaluate(() => window.gleaner.report.documents.length);
    assert.ok(n > 0 && n < 300, `${n} documents after Cancel`);
    assert.match(await page.textContent('#status'), new RegExp(`Cancelled: ${n} of 300`));
    assert.ok(await page.locator('#progress-wrap').isHidden());
    // The page still works.
    await page.fill('#paste-text', 'Olaf Scholz met Emmanuel Macron in Paris on Monday.');
    await page.click('#analyze');
    await waitForDocuments(page, n + 1);
    checkLog(log);
  } finally {
    await page.close();
  }
});

test('20,000 files at once: analyzed, the list shows 200 rows at a time and filters by name', async () => {
  const { page, log } = await openPage(site.browser.context, site.server.origin);
  try {
    await page.evaluate(() => {
      window.__statuses = [];
      const status = document.getElementById('status');
      new MutationObserver(() => window.__statuses.push(status.textContent))
        .observe(status, { childList: true, characterData: true, subtree: true });
      // The clusters show before the entities: list rows while the entity panel still waits.
      window.__early = [];
      const all = document.getElementById('all-entities');
      new MutationObserver(() => {
        if (/Finding entities…/.test(all.textContent)) window.__early.push(document.querySelectorAll('#article-list li').length);
      }).observe(all, { childList: true, subtree: true });
    });
    await dropFiles(page, '#dropzone', files(20_000, 'doc', 12));
    await page.waitForFunction(() => window.gleaner.busy === 0 && window.gleaner.report?.documents.length === 20_000,
      null, { timeout: 600_000, polling: 1000 });
    // The report's steps showed on the progress line too, not only the adding.
    const statuses = await page.evaluate(() => window.__statuses);
    for (const step of [/Finding boilerplate: [\d,]+ of 20,000 articles/, /Cleaning the articles: [\d,]+ of 20,000/, /Linking duplicates…/,
      /Finding entities: [\d,]+ of 20,000/]) {
      assert.ok(statuses.some((t) => step.test(t)), `no status like ${step}`);
    }
    assert.ok((await page.evaluate(() => window.__early)).includes(200), 'the list was not shown before the entities');
    assert.doesNotMatch(await page.textContent('#all-entities'), /Finding entities/);
    assert.ok(await page.locator('#all-entities .entity-list li').count() > 0);
    const r = await page.evaluate(() => window.gleaner.report);
    assert.equal(r.documents.filter((d) => d.error).length, 0);
    // 20,000 one-line files are ~3 MB of text; the analyzer holds ~450 MB (per-document
    // structures and the report), and must stay well below the 4 GB a wasm instance can have.
    await page.waitForFunction(() => /\d/.test(document.getElementById('memory').textContent));
    const memory = Number((await page.textContent('#memory')).replace(/[^0-9]/g, ''));
    assert.ok(memory > 0 && memory < 700, `the analyzer holds ${memory} MB`);
    assert.equal(await page.locator('#article-list li').count(), 200);
    assert.match(await page.textContent('#article-more'), /Showing 200 of 20,000/);
    await page.click('#article-more button');
    assert.equal(await page.locator('#article-list li').count(), 400);

    await page.fill('#article-filter', 'doc-17777');
    await page.waitForFunction(() => document.querySelectorAll('#article-list li').length === 1);
    assert.equal(await page.textContent('#article-list li .item-name'), 'doc-17777.txt');
    await page.click('#article-list li .item-main');
    await page.waitForFunction(() => /Report doc number 17777/.test(document.getElementById('article').textContent));
    await screenshot(page, 'filtered-20000');

    await page.fill('#article-filter', 'no such article');
    await page.waitForFunction(() => document.querySelectorAll('#article-list li').length === 0);
    assert.match(await page.textContent('#article-more'), /No article matches/);
    await page.fill('#article-filter', '');
    await page.waitForFunction(() => document.querySelectorAll('#article-list li').length === 200);
    checkLog(log);
  } finally {
    await page.close();
  }
});

test('the article filter matches entities and clusters', async () => {
  const { page, log } = await openPage(site.browser.context, site.server.origin);
  try {
    await page.click('#samples');
    await waitForDocuments(page, 5);
    await page.fill('#article-filter', 'C1');
    await page.waitForFunction(() => document.querySelectorAll('#article-list li').length < 5);
    assert.ok(await page.locator('#article-list li').count() >= 2);
    await page.fill('#article-filter', 'putin');
    await page.waitForFunction(() => document.querySelectorAll('#article-list li').length >= 4);
    checkLog(log);
  } finally {
    await page.close();
  }
});

test('a 100 MB file is cut into parts at blank lines and analyzed, with bounded memory', async () => {
  // The samples over and over, each copy made distinct, to 100 MB.
  const dir = mkdtempSync(join(tmpdir(), 'gleaner-huge-'));
  const path = join(dir, 'dump.txt');
  const chunks = [];
  let size = 0;
  for (let i = 0; size < 100 * 1024 * 1024; i++) {
    const text = sample(SAMPLE_NAMES[i % SAMPLE_NAMES.length]).toString('utf8');
    const chunk = Buffer.from(`Copy ${i} of the dump.\n\n${text}\n\n`);
    chunks.push(chunk);
    size += chunk.length;
  }
  writeFileSync(path, Buffer.concat(chunks));
  chunks.length = 0;
  const { page, log } = await openPage(site.browser.context, site.server.origin);
  try {
    await page.evaluate(() => {
      window.__shown = false;
      const wrap = document.getElementById('progress-wrap');
      new MutationObserver(() => { if (!wrap.hidden) window.__shown = true; })
        .observe(wrap, { attributes: true, attributeFilter: ['hidden'] });
    });
    await watchFrames(page);
    await page.setInputFiles('#file-input', path);
    await page.waitForFunction(() => window.gleaner.busy === 0 && (window.gleaner.report?.documents.length ?? 0) > 0,
      null, { timeout: 900_000, polling: 1000 });
    const gap = await longestFrameGap(page);
    const r = await page.evaluate(() => window.gleaner.report);
    const n = r.documents.length;
    assert.ok(n >= 40 && n <= 60, `${n} parts`);
    assert.deepEqual(r.documents.map((d) => d.name), r.documents.map((_, i) => `dump.txt (part ${i + 1} of ${n})`));
    assert.equal(r.documents.filter((d) => d.error).length, 0);
    assert.match(await page.textContent('#status'), new RegExp(`one file as ${n} parts`));
    assert.ok(await page.evaluate(() => window.__shown), 'no progress bar');
    assert.ok(gap < 2000, `the page froze for ${Math.round(gap)} ms`);

    // The last part holds the dump's last copies, whole.
    const last = await page.evaluate((i) => window.gleaner.document(i), n - 1);
    assert.match(last.text, /Copy \d+ of the dump/);
    const memory = Number((await page.textContent('#memory')).replace(/[^0-9]/g, ''));
    assert.ok(memory > 0 && memory < 2048, `the analyzer holds ${memory} MB`);
    // A part has thousands of paragraphs: they are shown a page at a time.
    await page.click('#article-list li:nth-child(3) .item-main');
    await page.waitForFunction(() => /part 3 of/.test(document.getElementById('article-name')?.textContent ?? ''));
    const blocks = () => page.locator('#article-body > .block, #article-body > .removed-group').count();
    const before = await blocks();
    assert.equal(before, 500);
    await page.click('#article-body .more-blocks button');
    await page.waitForFunction(() => document.querySelectorAll('#article-body > .block, #article-body > .removed-group').length > 500);
    assert.equal(await blocks(), 1000);
    checkLog(log);
  } finally {
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
