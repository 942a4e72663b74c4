// Accessibility: axe-core's WCAG 2 A/AA rules on the empty page, the samples loaded, a
// comparison open, in light and dark. axe is evaluated through the DevTools protocol, so the
// page's CSP (no inline script) stays in force.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { openPage, servePageInChromium, waitForDocuments } from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const site = servePageInChromium();

async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    // The drop overlay is hidden; open <details> are checked too.
  }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`axe finds no WCAG A/AA violations (${scheme})`, async () => {
    const { page, log } = await openPage(site.browser.context, site.server.origin);
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await violations(page), [], 'empty page');

    await page.click('#samples');
    await waitForDocuments(page, 5);
    await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
    assert.deepEqual(await violations(page), [], 'samples loaded');

    await page.check('#article-list li:nth-child(4) .tick');
    await page.check('#article-list li:nth-child(5) .tick');
    await page.click('#compare-selected');
    await page.waitForSelector('#compare:not([hidden]) .compare-grid');
    assert.deepEqual(await violations(page), [], 'comparison open');
    assert.deepEqual(log.errors, []);
    await page.close();
  });
}
