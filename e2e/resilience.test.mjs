// The page under bad conditions and at scale: the session survives a reload (IndexedDB), the
// page works offline after the first visit (service worker), a large drop can be cancelled, and
// a long article list stays filterable.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dropFiles, openPage, screenshot, servePageInChromium, waitForDocuments,
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
    out.push({ name: `${prefix}-${String(i).padStart(4, '0')}.txt`, buffer: Buffer.from(text) });
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

    await page.reload();
    await ready(page);
    await waitForDocuments(page, 6);
    const restored = await page.evaluate(() => window.gleaner.report);
    assert.deepEqual(restored.documents.map((d) => d.name), before.documents.map((d) => d.name));
    assert.equal(restored.documents[5].clean_text, before.documents[5].clean_text);
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
    await dropFiles(page, '#dropzone', files(300, 'big', 400));
    await page.waitForSelector('#progress-wrap:not([hidden])');
    await page.click('#cancel');
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

test('1,000 files: the list shows 200 rows at a time and filters by name, cluster or entity', async () => {
  const { page, log } = await openPage(site.browser.context, site.server.origin);
  try {
    await dropFiles(page, '#dropzone', files(1000, 'doc', 12));
    await page.waitForFunction(() => window.gleaner.busy === 0 && window.gleaner.report?.documents.length === 1000,
      null, { timeout: 120_000 });
    assert.equal(await page.locator('#article-list li').count(), 200);
    assert.match(await page.textContent('#article-more'), /Showing 200 of 1,000/);
    await page.click('#article-more button');
    assert.equal(await page.locator('#article-list li').count(), 400);

    await page.fill('#article-filter', 'doc-0777');
    await page.waitForFunction(() => document.querySelectorAll('#article-list li').length === 1);
    assert.equal(await page.textContent('#article-list li .item-name'), 'doc-0777.txt');
    await page.click('#article-list li .item-main');
    assert.match(await page.textContent('#article'), /Report doc number 777/);
    await screenshot(page, 'filtered-1000');

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
