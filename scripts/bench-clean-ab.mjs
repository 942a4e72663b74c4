#!/usr/bin/env node
// Interleaved A/B of two or more wasm builds (www/pkg copies made by scripts/build-site) cleaning
// the extraction benchmark's 181 pages in one Node process, as scripts/bench-clean-node.mjs does
// for one build: every round runs one pass of each build in turn, so load on a shared machine
// falls on all of them alike. Prints each build's minimum and median CPU time per pass (the
// process's user+sys time, which a wait for a core does not count) and the blocks kept, which
// must agree.
//
// Usage: node scripts/bench-clean-ab.mjs ROUNDS PKG_DIR_A PKG_DIR_B [...]
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const rounds = Number(process.argv[2] ?? 15);
const pkgs = process.argv.slice(3).map((p) => resolve(p));
const pagesDir = join(root, '..', 'shared', 'data', 'boilerplate', 'html');
const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html.gz')).sort()
  .map((f) => gunzipSync(readFileSync(join(pagesDir, f))));

// Each build is its own module instance (the query string keeps the imports apart).
const builds = [];
for (const pkg of pkgs) {
  const m = await import(`${pathToFileURL(join(pkg, 'gleaner.js'))}?${builds.length}`);
  await m.default({ module_or_path: readFileSync(join(pkg, 'gleaner_bg.wasm')) });
  builds.push(m.benchCleanPage);
}

const pass = (clean) => {
  const c0 = process.cpuUsage();
  let kept = 0;
  for (const p of pages) kept += clean(p);
  const c = process.cpuUsage(c0);
  return [(c.user + c.system) / 1000, kept];
};
// Two warm-up passes each.
builds.forEach((clean) => { pass(clean); pass(clean); });
const cpu = builds.map(() => []);
const kept = builds.map(() => 0);
for (let r = 0; r < rounds; r++) {
  builds.forEach((clean, i) => {
    const [c, k] = pass(clean);
    cpu[i].push(c);
    kept[i] = k;
  });
}
cpu.forEach((xs, i) => {
  xs.sort((a, b) => a - b);
  const median = xs[xs.length >> 1];
  console.log(`${pkgs[i]}: ${pages.length} pages, ${kept[i]} blocks kept, CPU min ${xs[0].toFixed(1)} `
    + `median ${median.toFixed(1)} ms of ${rounds} (${(pages.length / (median / 1000)).toFixed(0)} pages/s)`);
});
