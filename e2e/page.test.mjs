// Browser tests of the page as Pages serves it: real Chromium, the optimized wasm, the worker.
// Each test opens a fresh page and ends by checking that the console showed no error and that
// no request left the origin.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import {
  dropFiles, longestFrameGap, openPage, sample, SAMPLE_NAMES, screenshot, servePageInChromium, waitForDocuments,
  watchFrames,
} from './helpers.mjs';

const site = servePageInChromium();

/** Runs `fn({page, log})` on a fresh page, then checks the console and the requests. */
async function withPage(fn, { viewport } = {}) {
  const { page, log } = await openPage(site.browser.context, site.server.origin);
  try {
    if (viewport) await page.setViewportSize(viewport);
    await fn({ page, log });
    await page.waitForTimeout(50); // let late console messages arrive
    assert.deepEqual(log.errors, [], 'the console showed errors');
    const offOrigin = log.requests.filter((url) => !url.startsWith(`${site.server.origin}/`) && !url.startsWith('blob:'));
    assert.deepEqual(offOrigin, [], 'requests left the origin');
  } finally {
    await page.close();
  }
}

async function paste(page, text) {
  await page.fill('#paste-text', text);
  await page.click('#analyze');
}

async function loadSamples(page) {
  await page.click('#samples');
  await waitForDocuments(page, 5);
}

/** The page's report: the summary, without texts, blocks and mentions. */
const report = (page) => page.evaluate(() => window.gleaner.report);
/** Document `i` of the page's last report, whole. */
const documentOf = (page, i) => page.evaluate((j) => window.gleaner.document(j), i);

describe('adding articles', () => {
  test('a pasted article is cleaned: boilerplate struck through with its reason, names highlighted', () => withPage(async ({ page }) => {
    await paste(page, sample('003_e558128c81437959.txt').toString('utf8'));
    await waitForDocuments(page, 1);
    assert.equal(await page.textContent('#article-list li .item-name'), 'Pasted 1');

    // "Leave a Reply" is page furniture: shown struck through (a <del>) under a removed group
    // that says why, and absent from the clean text.
    const group = page.locator('.removed-group', { has: page.locator('del', { hasText: 'Leave a Reply' }) });
    assert.equal(await group.count(), 1, '"Leave a Reply" is not in a removed group');
    const reason = (await group.locator('.removed-reason').textContent()).trim();
    assert.ok(reason.length > 0 && reason !== 'article text', `reason: ${reason}`);
    assert.match(await group.locator('.removed-meta').textContent(), /score/);
    assert.ok(!(await documentOf(page, 0)).clean_text.includes('Leave a Reply'));

    // Entities: "Vladimir Putin" is a PER mark, with the type tag as a second cue.
    const putin = page.locator('#article-body mark.t-PER', { hasText: /^Vladimir Putin$/ });
    assert.ok(await putin.count() >= 1, 'no PER mark on "Vladimir Putin"');
    assert.equal(await putin.first().getAttribute('data-label'), 'PER');
    await screenshot(page, 'paste-article');

    // A second paste accumulates.
    await paste(page, 'German Chancellor Olaf Scholz met Emmanuel Macron in Paris on Monday to discuss energy prices and the war in Ukraine.');
    await waitForDocuments(page, 2);
    assert.deepEqual(await page.locator('#article-list li .item-name').allTextContents(), ['Pasted 1', 'Pasted 2']);
  }));

  test('two files dropped together are clustered as near-duplicates (samples 000 and 001)', () => withPage(async ({ page }) => {
    await dropFiles(page, '#dropzone', [
      { name: '000_e77f80073e250d68.txt', buffer: sample('000_e77f80073e250d68.txt') },
      { name: '001_2d5d7ecc40b0869e.txt', buffer: sample('001_2d5d7ecc40b0869e.txt') },
    ]);
    await waitForDocuments(page, 2);
    const r = await report(page);
    assert.deepEqual(r.documents.map((d) => d.name), ['000_e77f80073e250d68.txt', '001_2d5d7ecc40b0869e.txt']);
    assert.equal(r.documents[0].cluster, r.documents[1].cluster, 'not in one cluster');
    const pair = r.pairs.find((p) => (p.a === 0 && p.b === 1) || (p.a === 1 && p.b === 0));
    assert.ok(pair, 'no pair linking 000 and 001');
    assert.equal(pair.relation, 'near');
    // Both list items carry the same cluster tag, and the duplicates panel names the relation.
    const tags = await page.locator('#article-list .cluster-tag').allTextContents();
    assert.deepEqual(tags, ['C1 near', 'C1 near']);
    assert.match(await page.textContent('#duplicates'), /near-duplicate/);
  }));

  test('files picked with the file button are analyzed, HTML included', () => withPage(async ({ page }) => {
    const html = '<!doctype html><html><head><title>Scholz in Moscow</title></head><body>'
      + '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
      + '<article><h1>Scholz meets Putin in Moscow</h1>'
      + '<p>German Chancellor Olaf Scholz met Russian President Vladimir Putin in Moscow on Tuesday, '
      + 'as Western leaders pressed for a diplomatic end to the standoff over Ukraine.</p>'
      + '<p>The two leaders spoke for more than three hours, officials said after the meeting.</p></article>'
      + '<footer>© 2022 Example News. All rights reserved.</footer></body></html>';
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#dropzone')]);
    await chooser.setFiles([
      { name: 'moscow.html', mimeType: 'text/html', buffer: Buffer.from(html) },
      { name: '002_57c6f618b57d03d3.txt', mimeType: 'text/plain', buffer: sample('002_57c6f618b57d03d3.txt') },
    ]);
    await waitForDocuments(page, 2);
    const r = await report(page);
    assert.equal(r.documents[0].format, 'html');
    assert.equal(r.documents[0].error, null);
    const html0 = await documentOf(page, 0);
    assert.ok(html0.clean_text.includes('three hours'));
    assert.ok(!html0.text.includes('<p>'), 'HTML tags leaked into the text');
    assert.equal(r.documents[1].format, 'text');
    assert.match(await page.textContent('#article-body'), /Olaf Scholz met Russian President/);

    // setInputFiles on the hidden input works the same way.
    await page.setInputFiles('#file-input', [
      { name: '004_84f77ece8fe89074.txt', mimeType: 'text/plain', buffer: sample('004_84f77ece8fe89074.txt') },
    ]);
    await waitForDocuments(page, 3);
  }));

  test('a large drop shows progress between documents, and the page stays responsive', () => withPage(async ({ page }) => {
    await page.evaluate(() => {
      window.__progress = [];
      const bar = document.getElementById('progress');
      new MutationObserver(() => window.__progress.push([bar.value, bar.max, !bar.parentElement.hidden]))
        .observe(bar, { attributes: true, attributeFilter: ['value'] });
    });
    await watchFrames(page);
    const files = [];
    for (let i = 0; i < 60; i++) {
      const name = SAMPLE_NAMES[i % SAMPLE_NAMES.length];
      files.push({ name: `${String(i).padStart(2, '0')}_${name}`, buffer: Buffer.concat([sample(name), Buffer.from(`\n\nCopy ${i}.\n`)]) });
    }
    await dropFiles(page, '#dropzone', files);
    await waitForDocuments(page, 60);
    const progress = await page.evaluate(() => window.__progress);
    assert.ok(progress.some(([v, max, shown]) => shown && max === 60 && v > 0 && v < 60), `no intermediate progress: ${JSON.stringify(progress.slice(0, 5))}`);
    assert.equal(await page.isHidden('#progress-wrap'), true, 'the progress bar stays after the work');
    const gap = await longestFrameGap(page);
    assert.ok(gap < 2000, `the page froze for ${Math.round(gap)} ms`);
  }));

  test('a JSON Lines dump is analyzed as one article per record', () => withPage(async ({ page }) => {
    const records = SAMPLE_NAMES.slice(0, 3).map((name, i) => JSON.stringify({ title: `Story ${i + 1}`, text: sample(name).toString('utf8') }));
    await dropFiles(page, '#dropzone', [{ name: 'scraped.jsonl', type: 'application/json', buffer: Buffer.from(`${records.join('\n')}\n`) }]);
    await waitForDocuments(page, 3);
    const r = await report(page);
    assert.deepEqual(r.documents.map((d) => d.name), ['scraped.jsonl › Story 1', 'scraped.jsonl › Story 2', 'scraped.jsonl › Story 3']);
    assert.match(await page.textContent('#status'), /split into their 3 records/);
    // 000 and 001 are near-duplicates as records too.
    assert.ok(r.pairs.some((p) => p.a + p.b === 1 && p.relation === 'near'));
    assert.match(await page.textContent('#article-body'), /Vladimir Putin/);
  }));

  test('a binary file is skipped with "not a text file" while the others are analyzed', () => withPage(async ({ page }) => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d6e1d80000000049454e44ae426082', 'hex');
    await dropFiles(page, 'body', [
      { name: 'photo.png', type: 'image/png', buffer: png },
      { name: '000_e77f80073e250d68.txt', buffer: sample('000_e77f80073e250d68.txt') },
    ]);
    await waitForDocuments(page, 2);
    const skipped = page.locator('#article-list li.skipped');
    assert.equal(await skipped.count(), 1);
    assert.match(await skipped.textContent(), /photo\.png/);
    assert.match(await skipped.textContent(), /not a text file/);
    const r = await report(page);
    assert.equal(r.documents[1].error, null);
    assert.ok(r.documents[1].words_kept > 100);
    // The analyzed one is selected and shown.
    assert.equal(await page.textContent('#article-name'), '000_e77f80073e250d68.txt');
    await screenshot(page, 'binary-skipped');
  }));

  test('hostile HTML is never run, only shown as text', () => withPage(async ({ page, log }) => {
    const hostile = '<p>Hostile paragraph: the quick brown fox jumps over the lazy dog near the river bank today.</p>'
      + '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
      + '<svg onload="window.__pwned=1"></svg><a href="javascript:window.__pwned=1">click</a>'
      + '<iframe src="https://example.com/"></iframe>';
    await paste(page, hostile);
    await waitForDocuments(page, 1);
    await dropFiles(page, '#dropzone', [
      { name: 'hostile.html', type: 'text/html', buffer: Buffer.from(`<!doctype html><html><body>${hostile}</body></html>`) },
      { name: 'hostile.txt', buffer: Buffer.from(`Plain text that mentions markup: ${hostile}\n\nA second paragraph of ordinary prose follows here.`) },
    ]);
    await waitForDocuments(page, 3);
    for (const i of [0, 1, 2]) {
      await page.click(`#article-list li:nth-child(${i + 1}) .item-main`);
      await page.waitForTimeout(100);
      assert.match(await page.textContent('#article-body'), /quick brown fox/);
    }
    // The .txt file shows the markup literally, as text.
    assert.match(await page.textContent('#article-body'), /<script>window\.__pwned=1<\/script>|quick brown fox/);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('#workspace img, #workspace script, #workspace svg, #workspace iframe, #workspace a[href]').count(), 0);
    assert.ok(!log.requests.some((url) => /\/x$/.test(url)), 'the <img src=x> was requested');
  }));

  test('offsets survive emoji and other astral characters', () => withPage(async ({ page }) => {
    await paste(page, '😀 Russian President Vladimir Putin 👍🏽 met German Chancellor Olaf Scholz in Moscow on Tuesday 🇺🇦, the Kremlin said.\n\n'
      + '𝒜𝓁𝓈ℴ: Ukraine and NATO 🛡️ were discussed for 3 hours by Putin and Scholz in the Kremlin.');
    await waitForDocuments(page, 1);
    const doc = await documentOf(page, 0);
    const kept = doc.mentions.filter((m) => m.kept);
    assert.ok(kept.length >= 3, 'too few mentions to check');
    // Every mark shows exactly the text the report says the mention covers.
    const marks = await page.locator('#article-body mark.ent').allTextContents();
    assert.deepEqual(marks, kept.map((m) => m.text));
    // And the report's text slices agree with the code point offsets.
    const chars = [...doc.text];
    for (const m of kept) assert.equal(chars.slice(m.start, m.end).join(''), m.text);
  }));
});

describe('the collection', () => {
  test('the samples: five articles, 000/001 near-duplicates, 003/004 the same story; compare them', () => withPage(async ({ page }) => {
    await loadSamples(page);
    assert.equal(await page.locator('#article-list li').count(), 5);
    const r = await report(page);
    const link = (a, b) => r.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
    assert.equal(link(0, 1)?.relation, 'near', '000/001');
    assert.equal(link(3, 4)?.relation, 'same-story', '003/004');
    assert.equal(r.documents[3].cluster, r.documents[4].cluster);
    assert.equal(r.documents[0].cluster, r.documents[1].cluster);
    assert.match(await page.textContent('#duplicates'), /same story/);
    await screenshot(page, 'samples');

    // "Why" fetches the pair's explanation: what was compared and what the two share.
    const storyPair = page.locator('.pair', { hasText: '003_e558128c81437959.txt' }).filter({ hasText: '004_84f77ece8fe89074.txt' });
    await storyPair.locator('summary', { hasText: 'Why' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('.pair .explanation-text')].some((e) => e.textContent.length > 20));
    const why = await storyPair.locator('.explanation-text').textContent();
    assert.match(why, /shar/i, why);
    assert.match(why, /cleaned text/, why);

    // Compare 003 and 004 from the pair list: the two texts side by side, with the explanation.
    await storyPair.getByRole('button', { name: /Compare/ }).click();
    await page.waitForSelector('#compare:not([hidden]) .compare-grid');
    assert.match(await page.textContent('#compare .compare-names'), /003_e558128c81437959\.txt.*004_84f77ece8fe89074\.txt|004.*003/);
    assert.equal(await page.textContent('#compare .pair-explanation'), `same story, similarity ${Math.round(link(3, 4).score * 100)}%. ${why}`);
    await page.keyboard.press('Escape');
    assert.equal(await page.isHidden('#compare'), true);

    // Ticking two articles compares them too: 000 and 001 share most of their sentences.
    await page.check('#article-list li:nth-child(1) .tick');
    await page.check('#article-list li:nth-child(2) .tick');
    await page.click('#compare-selected');
    await page.waitForSelector('#compare:not([hidden]) .compare-grid');
    assert.match(await page.textContent('#compare .compare-names'), /000_e77f80073e250d68\.txt.*001_2d5d7ecc40b0869e\.txt/);
    const shared = await page.locator('#compare .compare-row.shared').count();
    assert.ok(shared >= 5, `only ${shared} shared sentences shown for two near-duplicates`);
    await screenshot(page, 'compare', '#compare');
  }));

  test('restoring a removed block keeps it, and undo removes it again', () => withPage(async ({ page }) => {
    await dropFiles(page, '#dropzone', [{ name: '004_84f77ece8fe89074.txt', buffer: sample('004_84f77ece8fe89074.txt') }]);
    await waitForDocuments(page, 1);
    const before = (await report(page)).documents[0];
    const group = page.locator('.removed-group').first();
    assert.ok(await group.count() === 1, 'nothing was removed, so nothing can be restored');
    const ids = (await group.locator('del').evaluateAll((els) => els.map((e) => Number(e.dataset.block))));
    await group.getByRole('button', { name: /Restore/ }).click();
    await page.waitForFunction((n) => window.gleaner.report.documents[0].words_kept > n, before.words_kept);
    const after = await report(page);
    assert.deepEqual(after.options.restored, ids.map((block) => ({ doc: 0, block })));
    const blocks = (await documentOf(page, 0)).blocks;
    for (const id of ids) {
      assert.equal(blocks[id].kept, true);
      assert.equal(blocks[id].restored, true);
    }
    const kept = Number(await page.getAttribute('#words-kept', 'data-kept'));
    assert.ok(kept > before.words_kept, 'words kept did not increase on the page');
    assert.equal(await page.locator('.block.restored .restored-label').first().textContent(), 'restored');
    await screenshot(page, 'restored');

    await page.locator('.block.restored').first().getByRole('button', { name: /Undo/ }).click();
    await page.waitForFunction((n) => window.gleaner.report.options.restored.length === n, ids.length - 1);
  }));

  test('the threshold slider re-runs the report', () => withPage(async ({ page }) => {
    await loadSamples(page);
    const setThreshold = async (value) => {
      await page.locator('#threshold').evaluate((el, v) => {
        el.value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
      await page.waitForFunction((v) => window.gleaner.report.options.keep_threshold === v, value);
      return report(page);
    };
    const all = await setThreshold(0);
    for (const d of all.documents) assert.equal(d.words_kept, d.words_total, `${d.name} at threshold 0`);
    const strict = await setThreshold(1);
    const mid = await setThreshold(0.5);
    const sum = (r) => r.documents.reduce((n, d) => n + d.words_kept, 0);
    assert.ok(sum(strict) <= sum(mid) && sum(mid) <= sum(all));
    assert.ok(sum(mid) < sum(all), 'the default threshold removed nothing from the samples');
    assert.equal(await page.textContent('#threshold-value'), '0.50');
  }));

  test('the similarity overview maps the linked pairs; the duplicate thresholds re-run the report', () => withPage(async ({ page }) => {
    await loadSamples(page);
    await page.click('#open-overview');
    await page.waitForSelector('#overview:not([hidden]) canvas.overview-canvas');
    const linked = (await report(page)).clusters.filter((c) => c.members.length > 1);
    const members = linked.reduce((k, c) => k + c.members.length, 0);
    assert.ok(members >= 4 && linked.length >= 2);
    assert.match(await page.textContent('#overview .overview-legend'), new RegExp(`${members} linked articles in ${linked.length} clusters`));
    // The cell of 000 × 001 names the pair; clicking it opens Compare.
    const { i, j, n } = await page.evaluate(async () => {
      const { overviewOrder } = await import('./overview.js');
      const order = overviewOrder(window.gleaner.report);
      return { i: order.at.get(0), j: order.at.get(1), n: order.docs.length };
    });
    const canvas = page.locator('#overview canvas');
    const box = await canvas.boundingBox();
    const position = { x: ((j + 0.5) / n) * box.width, y: ((i + 0.5) / n) * box.height };
    await canvas.hover({ position });
    assert.match(await page.textContent('#overview .overview-readout'), /000_e77f80073e250d68\.txt ↔ 001_2d5d7ecc40b0869e\.txt: near-duplicate/);
    await screenshot(page, 'overview', '#overview');
    await canvas.click({ position });
    await page.waitForSelector('#compare:not([hidden]) .compare-grid');
    assert.match(await page.textContent('#compare .compare-names'), /000_e77f80073e250d68\.txt.*001_2d5d7ecc40b0869e\.txt/);
    await page.keyboard.press('Escape');
    // Clicking inside a cluster's square (the cell of 000 with itself) zooms into the cluster.
    await canvas.click({ position: { x: ((i + 0.5) / n) * box.width, y: ((i + 0.5) / n) * box.height } });
    await page.waitForSelector('#overview-all');
    assert.match(await page.textContent('#overview h2'), /cluster C\d/);
    assert.doesNotMatch(await page.textContent('#overview .overview-legend'), new RegExp(`${members} linked articles`));
    await page.click('#overview-all');
    await page.waitForSelector('#overview-all', { state: 'detached' });
    await page.keyboard.press('Escape');
    assert.equal(await page.isHidden('#overview'), true);

    // A same-story threshold of 1 unlinks 003/004; the near threshold leaves 000/001 alone.
    const setRange = async (id, value) => {
      await page.locator(`#${id}`).evaluate((el, v) => {
        el.value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }, value);
    };
    await setRange('story-threshold', 1);
    await page.waitForFunction(() => window.gleaner.report.options.story_threshold === 1);
    let r = await report(page);
    assert.ok(!r.pairs.some((p) => p.relation === 'same-story'), 'same-story pairs at threshold 1');
    assert.ok(r.pairs.some((p) => p.relation === 'near'));
    await setRange('story-threshold', 0.45);
    await page.waitForFunction(() => window.gleaner.report.options.story_threshold === 0.45);
    r = await report(page);
    assert.ok(r.pairs.some((p) => p.relation === 'same-story' && p.a + p.b === 7), '003/004 not linked again');
  }));

  test('clicking an entity highlights its mentions and lists its articles', () => withPage(async ({ page }) => {
    await loadSamples(page);
    const r = await report(page);
    const g = r.entities.findIndex((e) => e.label === 'PER' && /Putin/.test(e.name));
    assert.ok(g >= 0, 'no PER entity for Putin in the collection');
    await page.locator(`#all-entities .entity-row[data-global="${g}"]`).click();
    const active = await page.locator('#article-body mark.ent.active').count();
    assert.ok(active >= 1, 'no mention highlighted');
    assert.equal(await page.isVisible('#entity-detail-panel'), true);
    assert.equal(await page.locator('#entity-detail .occurs-in li').count(), r.entities[g].documents.length);
    assert.ok(r.entities[g].documents.length >= 4, 'Putin is in every sample');
    await screenshot(page, 'entity-selected');
  }));
});

describe('exports', () => {
  test('JSON report, clean text and entities CSV download with the right shape', () => withPage(async ({ page }) => {
    await loadSamples(page);
    const grab = async (button) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
      return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
    };
    const json = await grab('#export-json');
    assert.equal(json.name, 'gleaner-report.json');
    const r = JSON.parse(json.text);
    for (const key of ['version', 'options', 'documents', 'clusters', 'pairs', 'entities']) assert.ok(key in r, key);
    assert.equal(r.documents.length, 5);
    const doc = r.documents[0];
    for (const key of ['name', 'stem', 'error', 'encoding', 'format', 'metadata', 'text', 'clean_text', 'blocks',
      'words_total', 'words_kept', 'cluster', 'mentions', 'entities']) assert.ok(key in doc, `documents[].${key}`);
    for (const key of ['id', 'start', 'end', 'kept', 'restored', 'label', 'reason', 'score']) assert.ok(key in doc.blocks[0], `blocks[].${key}`);
    // The page holds the summary of the same report (no texts, blocks, mentions or pair
    // explanations; a document's entities only if mentioned in its kept text), and fetches any
    // document whole.
    const summary = JSON.parse(JSON.stringify(r, (key, v) => (['text', 'clean_text', 'blocks', 'mentions', 'explanation'].includes(key) ? undefined : v)));
    for (const d of summary.documents) d.entities = d.entities.filter((e) => e.count > 0);
    assert.ok(r.documents.some((d) => d.entities.some((e) => e.count === 0)), 'no entity only in boilerplate');
    assert.ok(r.pairs.every((p) => p.explanation.length > 0));
    assert.deepEqual(summary, await report(page));
    assert.deepEqual(r.documents[3], await documentOf(page, 3));

    const text = await grab('#export-text');
    assert.equal(text.name, 'gleaner-clean-text.txt');
    assert.equal((text.text.match(/^=== .* ===$/gm) ?? []).length, 5);

    const csv = await grab('#export-csv');
    assert.equal(csv.name, 'gleaner-entities.csv');
    const lines = csv.text.trim().split('\r\n');
    assert.equal(lines[0], 'document,entity,type,mentions,title,aliases,collection_mentions,collection_documents');
    assert.ok(lines.length > 5);
    assert.ok(lines.some((l) => /^004_84f77ece8fe89074\.txt,.*,PER,/.test(l)));

    const one = await grab('#article .article-actions button');
    assert.equal(one.name, '000_e77f80073e250d68.txt');
    assert.equal(one.text.trim(), r.documents[0].clean_text.trim());
  }));
});

describe('looks and access', () => {
  test('keyboard: the drop zone is a button that opens the file picker; Tab reaches the articles', () => withPage(async ({ page }) => {
    await loadSamples(page);
    await page.focus('#dropzone');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    assert.ok(chooser.isMultiple());
    await page.focus('#article-list li:nth-child(3) .item-main');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('article-name')?.textContent === '002_57c6f618b57d03d3.txt');
    // Focus is visible: the focused control gets an outline.
    await page.focus('#samples');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
  }));

  test('phone width and dark mode render without horizontal scrolling', () => withPage(async ({ page }) => {
    await loadSamples(page);
    await screenshot(page, 'desktop-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'desktop-dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.notEqual(bg, 'rgb(246, 247, 249)', 'dark mode did not change the background');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(100);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at phone width`);
    await screenshot(page, 'phone');
    await screenshot(page, 'phone-top', { clip: { x: 0, y: 0, width: 390, height: 1800 } });
  }));
});
