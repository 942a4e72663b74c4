// GitHub Pages serves the site under /<repository>/: every URL the page, its worker and the
// wasm glue use must be relative. Serve a directory holding www/ as /gleaner/ and use the page.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launch, openPage, startServer, waitForDocuments, WWW } from './helpers.mjs';

let dir;
let server;
let browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gleaner-subpath-'));
  symlinkSync(WWW, join(dir, 'gleaner'));
  server = await startServer(dir);
  browser = await launch();
});

after(async () => {
  await browser?.stop();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the page works under a sub-path and requests nothing outside it', async () => {
  const { page, log } = await openPage(browser.context, server.origin, '/gleaner/');
  await page.click('#samples');
  await waitForDocuments(page, 5);
  assert.equal(await page.locator('#article-list li').count(), 5);
  const outside = log.requests.filter((url) => !url.startsWith(`${server.origin}/gleaner/`));
  assert.deepEqual(outside, []);
  assert.ok(log.requests.some((url) => url.endsWith('/gleaner/pkg/gleaner_bg.wasm')), 'the wasm was not requested');
  assert.deepEqual(log.errors, []);
  await page.close();
});
