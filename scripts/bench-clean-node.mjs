#!/usr/bin/env node
// Times the wasm build in www/pkg (after scripts/build-site) cleaning the extraction benchmark's
// 181 pages in Node (V8, Chromium's engine), one `benchCleanPage` call per page as
// scripts/bench-wasm.mjs does in Chromium, without a browser: quick A/B runs of the wasm path.
// Prints the median of RUNS passes over all pages (after one warm-up pass) in pages/s, by the
// wall clock and by the process's CPU time (steadier on a busy machine: time spent waiting for a
// core is not counted).
//
// Usage: node scripts/bench-clean-node.mjs [RUNS] [PKG_DIR]   (defaults: 7, www/pkg)
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 7);
const pkg = resolve(process.argv[3] ?? join(root, 'www', 'pkg'));
const pagesDir = join(root, '..', 'shared', 'data', 'boilerplate', 'html');
const pages = readdirSync(pagesDir).filter((f) => f.endsWith('.html.gz')).sort()
  .map((f) => gunzipSync(readFileSync(join(pagesDir, f))));

const { default: init, benchCleanPage } = await import(pathToFileURL(join(pkg, 'gleaner.js')));
await init({ module_or_path: readFileSync(join(pkg, 'gleaner_bg.wasm')) });

const pass = () => {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let kept = 0;
  for (const p of pages) kept += benchCleanPage(p);
  const cpu = process.cpuUsage(c0);
  return [performance.now() - t0, (cpu.user + cpu.system) / 1000, kept];
};
const [, , kept] = pass();
const wall = [];
const cpu = [];
for (let i = 0; i < runs; i++) {
  const [w, c] = pass();
  wall.push(w);
  cpu.push(c);
}
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [w, c] = [median(wall), median(cpu)];
console.log(`${pages.length} pages, ${kept} blocks kept, median of ${runs}: wall ${w.toFixed(1)} ms `
  + `(${(pages.length / (w / 1000)).toFixed(0)} pages/s), CPU ${c.toFixed(1)} ms (${(pages.length / (c / 1000)).toFixed(0)} pages/s)`);
