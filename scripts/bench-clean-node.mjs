#!/usr/bin/env node
// Times wasm builds (www/pkg after scripts/build-site, or copies of it) cleaning the extraction
// benchmark's 181 pages in Node (V8, Chromium's engine), one `benchCleanPage` call per page as
// scripts/bench-wasm.mjs does in Chromium, without a browser: quick A/B runs of the wasm path.
// With several builds, each is its own module instance and every round runs one pass of each in
// turn, so load on a shared machine falls on all of them alike. Prints, per build, the median
// of RUNS passes (after warm-up) in pages/s by the wall clock and by the process's CPU time
// (steadier on a busy machine: time spent waiting for a core is not counted), the fastest CPU
// pass, and the blocks kept, which must agree between builds of the same model.
//
// Usage: node scripts/bench-clean-node.mjs [RUNS] [PKG_DIR ...]   (defaults: 7, www/pkg)
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 7);
const dirs = process.argv.slice(3);
const pkgs = (dirs.length ? dirs : [join(root, 'www', 'pkg')]).map((p) => resolve(p));
const pagesDir = join(root, '..', 'shared', 'data', 'boilerplate', 'html');
const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html.gz')).sort()
  .map((f) => gunzipSync(readFileSync(join(pagesDir, f))));

// The query string keeps the builds' imports apart.
const builds = [];
for (const pkg of pkgs) {
  const m = await import(`${pathToFileURL(join(pkg, 'gleaner.js'))}?${builds.length}`);
  await m.default({ module_or_path: readFileSync(join(pkg, 'gleaner_bg.wasm')) });
  builds.push({ pkg, clean: m.benchCleanPage, wall: [], cpu: [], kept: 0 });
}

const pass = (clean) => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let kept = 0;
  for (const p of pages) kept += clean(p);
  const cpu = process.cpuUsage(c0);
  return [performance.now() - t0, (cpu.user + cpu.system) / 1000, kept];
};
for (const b of builds) [, , b.kept] = pass(b.clean); // warm-up
for (let i = 0; i < runs; i++) {
  for (const b of builds) {
    const [w, c] = pass(b.clean);
    b.wall.push(w);
    b.cpu.push(c);
  }
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (ms) => (pages.length / (ms / 1000)).toFixed(0);
for (const b of builds) {
  const [w, c] = [median(b.wall), median(b.cpu)];
  const name = builds.length > 1 ? `${b.pkg}: ` : '';
  console.log(`${name}${pages.length} pages, ${b.kept} blocks kept, median of ${runs}: wall ${w.toFixed(1)} ms `
    + `(${rate(w)} pages/s), CPU ${c.toFixed(1)} ms (${rate(c)} pages/s); fastest CPU pass ${b.cpu[0].toFixed(1)} ms`);
}
