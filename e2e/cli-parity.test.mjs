// One shape of the report: the page's exported report on the samples equals what
// `gleaner analyze` prints for the same files (numbers compared to 6 significant digits: the CLI prints f32s
// shortest-form, the page sees them widened to f64). Uses the debug binary that `cargo test`
// builds (scripts/test runs it first); skipped when there is none.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  openPage, ROOT, SAMPLE_NAMES, servePageInChromium, waitForDocuments, WWW,
} from './helpers.mjs';

const CLI = process.env.GLEANER_CLI ?? join(ROOT, 'target', 'debug', 'gleaner');

const site = servePageInChromium();

const normalize = (value) => JSON.parse(JSON.stringify(value, (_key, v) => (
  typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v)));

/** Paths where `a` and `b` differ, as "path: a-value | b-value". */
function differences(a, b, path = '$', out = []) {
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences(a[k], b[k], `${path}.${k}`, out);
  } else if (JSON.stringify(a) !== JSON.stringify(b)) {
    const show = (v) => (JSON.stringify(v) ?? 'undefined').slice(0, 80);
    out.push(`${path}: ${show(a)} | ${show(b)}`);
  }
  return out;
}

test('the page and `gleaner analyze` give the same report on the samples', async (t) => {
  if (!existsSync(CLI)) {
    t.skip(`no CLI at ${CLI} (run cargo build)`);
    return;
  }
  const wasm = join(WWW, 'pkg', 'gleaner_bg.wasm');
  if (statSync(CLI).mtimeMs < statSync(wasm).mtimeMs - 10 * 60_000) {
    t.diagnostic('the CLI binary is much older than the wasm build; a mismatch may only mean a stale binary');
  }
  const cli = JSON.parse(execFileSync(CLI, ['analyze', ...SAMPLE_NAMES], {
    cwd: join(WWW, 'samples'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  }));
  const { page, log } = await openPage(site.browser.context, site.server.origin);
  await page.click('#samples');
  await waitForDocuments(page, 5);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const web = JSON.parse(await readFile(await download.path(), 'utf8'));
  const diffs = differences(normalize(web), normalize(cli));
  assert.deepEqual(diffs.slice(0, 20), [], `${diffs.length} differences (page vs CLI)`);
  assert.deepEqual(log.errors, []);
  await page.close();
});
