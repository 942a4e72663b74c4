#!/usr/bin/env node
// Benchmarks the wasm build the page ships (www/pkg, after scripts/build-site) in headless
// Chromium: builds a corpus in the page by repeating and varying the samples, then times the
// two halves of the work the worker does:
//   add    Session.addFile per document: decode, segment, entity recognition;
//   report Session.report: boilerplate, duplicates, entity merging, and the crossing into JS.
// Prints MB/s per stage and the .wasm size, raw and compressed.
//
// Usage: node scripts/bench-wasm.mjs [MB]   (default 50; e.g. 5 for a quick run)
// This is a benchmark, not a test: it asserts nothing.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { launch, openPage, startServer, WWW } from '../e2e/helpers.mjs';

const targetMb = Number(process.argv[2] ?? 50);
if (!(targetMb > 0)) {
  console.error('usage: node scripts/bench-wasm.mjs [MB]');
  process.exit(2);
}

const wasm = readFileSync(join(WWW, 'pkg', 'gleaner_bg.wasm'));
const server = await startServer();
const browser = await launch();
try {
  const { page } = await openPage(browser.context, server.origin);
  page.setDefaultTimeout(0); // a 50 MB run takes minutes on a small machine
  const result = await page.evaluate(async (targetBytes) => {
    const names = ['000_e77f80073e250d68.txt', '001_2d5d7ecc40b0869e.txt', '002_57c6f618b57d03d3.txt',
      '003_e558128c81437959.txt', '004_84f77ece8fe89074.txt'];
    const samples = await Promise.all(names.map(async (n) => (await fetch(`samples/${n}`)).text()));

    // A deterministic generator, so runs compare.
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const words = samples.join(' ').split(/\s+/).filter((w) => /^[A-Za-z]{4,}$/.test(w));
    const capitalized = [...new Set(words.filter((w) => /^[A-Z]/.test(w)))];

    // Documents come in story groups of about ten: a group's documents are variants of one
    // sample (lines shuffled and dropped, some words swapped, a new sentence with a name and a
    // number; one in ten an exact copy of another member). Every word of four letters or more
    // gets a suffix naming the group, so documents of different groups share no vocabulary and
    // the duplicate stage links what a real collection would link, not everything with
    // everything (all five samples tell one story).
    const GROUP = 10;
    const suffix = (g) => {
      let s = '';
      for (let n = g + 1; n > 0; n = Math.floor(n / 26)) s += String.fromCharCode(97 + (n % 26));
      return s;
    };
    const encoder = new TextEncoder();
    const docs = [];
    let bytes = 0;
    let groupTexts = [];
    while (bytes < targetBytes) {
      const g = Math.floor(docs.length / GROUP);
      if (docs.length % GROUP === 0) groupTexts = [];
      const base = samples[g % samples.length];
      let text;
      if (groupTexts.length > 1 && rand() < 0.1) {
        text = groupTexts[Math.floor(rand() * groupTexts.length)];
      } else {
        const lines = base.split('\n');
        const kept = lines.filter(() => rand() > 0.15).sort(() => rand() - 0.5);
        const sx = suffix(g);
        text = kept.map((line) => line
          .replace(/\b[a-z]{5,}\b/g, (w) => (rand() < 0.08 ? words[Math.floor(rand() * words.length)] : w))
          .replace(/\b([A-Za-z]{4,})\b/g, `$1${sx}`))
          .join('\n')
          + `\n\n${capitalized[Math.floor(rand() * capitalized.length)]}${sx} said on day ${docs.length} that ${Math.floor(rand() * 1e6)} people were affected.\n`;
      }
      groupTexts.push(text);
      const data = encoder.encode(text);
      docs.push({ name: `doc${docs.length}.txt`, text, data });
      bytes += data.length;
    }

    const { default: init, Session } = await import('./pkg/gleaner.js');
    let t = performance.now();
    await init();
    const initMs = performance.now() - t;

    const session = new Session();
    t = performance.now();
    for (const d of docs) session.addFile(d.name, d.data);
    const addMs = performance.now() - t;

    t = performance.now();
    const report = session.report({});
    const reportMs = performance.now() - t;

    t = performance.now();
    session.report({ keep_threshold: 0.6 });
    const rerunMs = performance.now() - t;

    return {
      docs: docs.length, bytes, initMs, addMs, reportMs, rerunMs,
      clusters: report.clusters.filter((c) => c.members.length > 1).length,
      pairs: report.pairs.length,
      entities: report.entities.length,
    };
  }, targetMb * 1e6);

  const mb = result.bytes / 1e6;
  const rate = (ms) => `${(mb / (ms / 1000)).toFixed(2)} MB/s`;
  const line = (label, ms, extra = '') => console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(8)} s  ${extra}`);
  console.log(`gleaner wasm bench, ${new Date().toISOString().slice(0, 10)}, Chromium ${browser.context.browser()?.version() ?? ''}`);
  console.log(`corpus: ${result.docs} documents, ${mb.toFixed(1)} MB (samples varied, in story groups of 10)`);
  line('init (compile + instantiate)', result.initMs);
  line('add (decode+segment+NER)', result.addMs, rate(result.addMs));
  line('report (boilerplate+dedup+merge)', result.reportMs, rate(result.reportMs));
  line('report again (threshold 0.6)', result.rerunMs, rate(result.rerunMs));
  line('total add + report', result.addMs + result.reportMs, rate(result.addMs + result.reportMs));
  console.log(`found: ${result.clusters} duplicate clusters, ${result.pairs} pairs, ${result.entities} entities`);
  const gz = gzipSync(wasm, { level: 9 }).length;
  const br = brotliCompressSync(wasm).length;
  console.log(`www/pkg/gleaner_bg.wasm: ${wasm.length.toLocaleString('en')} B raw, ${gz.toLocaleString('en')} B gzip -9, ${br.toLocaleString('en')} B brotli`);
} finally {
  await browser.stop();
  await server.stop();
}
