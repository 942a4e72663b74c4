#!/usr/bin/env node
// Benchmarks the wasm build the page ships (www/pkg, after scripts/build-site) in headless
// Chromium on the corpus the native bench wrote (artifacts/bench-corpus.json: the samples
// repeated and varied), timing the two halves of the work the worker does:
//   add    Session.addFile per document: decode, segment;
//   report Session.report: boilerplate, duplicates (the summary is handed over: the page shows
//          the clusters), then entity recognition and merging, and the crossing into JS (the
//          report's summary, as the page receives it).
// Prints MB/s per stage, one 100 KB HTML page's cleaning time, the peak wasm memory and the
// .wasm size, raw and compressed.
//
// Usage: scripts/bench [MB]   (runs the native bench, which writes the corpus, then this)
// This is a benchmark, not a test: it asserts nothing.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { launch, openPage, ROOT, startServer, WWW } from '../e2e/helpers.mjs';

const corpusPath = join(ROOT, 'artifacts', 'bench-corpus.json');
if (!existsSync(corpusPath)) {
  console.error('scripts/bench-wasm.mjs: no artifacts/bench-corpus.json; run scripts/bench (the native bench writes it)');
  process.exit(2);
}

const wasm = readFileSync(join(WWW, 'pkg', 'gleaner_bg.wasm'));
// The extraction benchmark's 181 pages (../shared/data/boilerplate/html), if present: cleaned in
// wasm one by one, for pages/s beside the native eval_boilerplate and trafilatura.
const pagesDir = join(ROOT, '..', 'shared', 'data', 'boilerplate', 'html');
const benchPages = existsSync(pagesDir)
  ? readdirSync(pagesDir).filter((f) => f.endsWith('.html.gz')).sort()
    .map((f) => gunzipSync(readFileSync(join(pagesDir, f))))
  : [];
const server = await startServer();
const browser = await launch();
try {
  // The page itself first, in a fresh browser (the stage timings below leave a big wasm heap):
  // paste a 5,000-word article and time until its first highlighted name shows (worker
  // start-up excluded: the page is ready first).
  const words = JSON.parse(readFileSync(corpusPath, 'utf8')).slice(0, 60).map((d) => d.text).join('\n\n')
    .split(/(?<=\s)/).filter((w) => w.trim()).slice(0, 5000).join('');
  // Three times, each in a browser of its own: one run varies with the machine's load.
  const firstHighlightMs = [];
  for (let run = 0; run < 3; run++) {
    const own = run === 0 ? browser : await launch();
    const { page: typing } = await openPage(own.context, server.origin);
    await typing.fill('#paste-text', words);
    const pasted = Date.now();
    await typing.click('#analyze');
    await typing.waitForSelector('#article-body mark.ent', { timeout: 120_000 });
    firstHighlightMs.push(Date.now() - pasted);
    await typing.close();
    if (own !== browser) await own.stop();
  }

  // The page itself on the whole corpus: every document dropped as a file, as a user would, and
  // timed until the clusters show (the list is filled while the entity panel still says
  // "Finding entities…") and until the report is whole. Here the second worker tags entities.
  const { page: dropping } = await openPage(browser.context, server.origin);
  dropping.setDefaultTimeout(0);
  await dropping.route('**/bench-corpus.json', (route) => route.fulfill({ path: corpusPath, contentType: 'application/json' }));
  const drop = await dropping.evaluate(async () => {
    const corpus = await (await fetch('bench-corpus.json')).json();
    const dt = new DataTransfer();
    for (const { name, text } of corpus) dt.items.add(new File([text], `${name}.txt`, { type: 'text/plain' }));
    const all = document.getElementById('all-entities');
    let clustersMs = null;
    let addedMs = null;
    let maxGap = 0;
    let stop = false;
    let last = performance.now();
    const frame = (now) => { maxGap = Math.max(maxGap, now - last); last = now; if (!stop) requestAnimationFrame(frame); };
    requestAnimationFrame(frame);
    const t0 = performance.now();
    new MutationObserver(() => {
      if (clustersMs == null && /Finding entities/.test(all.textContent)) clustersMs = performance.now() - t0;
    }).observe(all, { childList: true, subtree: true });
    // The report's first step on the status line: the files are all added.
    const status = document.getElementById('status');
    new MutationObserver(() => {
      if (addedMs == null && /Finding boilerplate/.test(status.textContent)) addedMs = performance.now() - t0;
    }).observe(status, { childList: true, characterData: true, subtree: true });
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    await new Promise((resolve) => {
      const poll = () => (window.gleaner.busy === 0 && window.gleaner.report?.documents.length === corpus.length
        ? resolve() : setTimeout(poll, 50));
      setTimeout(poll, 50);
    });
    const doneMs = performance.now() - t0;
    stop = true;
    return { docs: corpus.length, addedMs, clustersMs, doneMs, maxGap };
  });
  await dropping.close();

  const { page } = await openPage(browser.context, server.origin);
  page.setDefaultTimeout(0); // a 50 MB run takes minutes on a small machine
  // The corpus the native bench wrote: both sides measure the same input.
  await page.route('**/bench-corpus.json', (route) => route.fulfill({ path: corpusPath, contentType: 'application/json' }));
  await page.route('**/bench-pages/*', (route) => route.fulfill({
    body: benchPages[Number(new URL(route.request().url()).pathname.split('/').pop())], contentType: 'text/html',
  }));
  const result = await page.evaluate(async (pageCount) => {
    const corpusText = await (await fetch('bench-corpus.json')).text();
    const corpus = JSON.parse(corpusText);
    const encoder = new TextEncoder();
    const docs = corpus.map(({ name, text }) => ({ name, data: encoder.encode(text) }));
    const bytes = docs.reduce((n, d) => n + d.data.length, 0);

    const {
      default: init, Session, benchStages, benchHtmlPage, benchCleanPage,
    } = await import('./pkg/gleaner.js');
    let t = performance.now();
    const wasm = await init();
    const initMs = performance.now() - t;
    // wasm memory only grows: its size after a step is the peak so far.
    const memoryMb = () => wasm.memory.buffer.byteLength / 1024 / 1024;

    // The native bench's ~100 KB HTML page: cleaned alone (median of 21), then end to end
    // (decode, parse, classify, entities, report: what the page does for one dropped page).
    const htmlBytes = encoder.encode(benchHtmlPage(JSON.stringify(corpus.slice(0, 400))));
    const cleanRuns = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      benchCleanPage(htmlBytes);
      cleanRuns.push(performance.now() - t0);
    }
    cleanRuns.sort((a, b) => a - b);
    const htmlRuns = [];
    for (let i = 0; i < 5; i++) {
      const one = new Session();
      const t0 = performance.now();
      one.addFile('page.html', htmlBytes);
      JSON.parse(one.report({}));
      htmlRuns.push(performance.now() - t0);
      one.free();
    }
    htmlRuns.sort((a, b) => a - b);
    const htmlPage = { bytes: htmlBytes.length, medianMs: htmlRuns[2], cleanMs: cleanRuns[10] };

    // The benchmark's real pages: all of them cleaned (pages/s), and the one nearest 100 KB.
    const pages = await Promise.all(Array.from({ length: pageCount },
      async (_, i) => new Uint8Array(await (await fetch(`bench-pages/${i}`)).arrayBuffer())));
    let realPages = null;
    if (pages.length) {
      // Six passes over all pages: the first runs partly in V8's baseline tier while its
      // optimizing tier compiles the hot functions in the background; the median of the other
      // five is the steady state, what a long drop runs at.
      const passMs = [];
      let t0;
      for (let pass = 0; pass < 6; pass++) {
        t0 = performance.now();
        for (const p of pages) benchCleanPage(p);
        passMs.push(performance.now() - t0);
      }
      const firstMs = passMs[0];
      const allMs = passMs.slice(1).sort((a, b) => a - b)[2];
      const near = pages.reduce((a, b) => (Math.abs(b.length - 100_000) < Math.abs(a.length - 100_000) ? b : a));
      const runs = [];
      for (let i = 0; i < 21; i++) {
        t0 = performance.now();
        benchCleanPage(near);
        runs.push(performance.now() - t0);
      }
      runs.sort((a, b) => a - b);
      realPages = {
        count: pages.length, mb: pages.reduce((n, p) => n + p.length, 0) / 1e6, allMs, firstMs, nearBytes: near.length, nearMs: runs[10],
      };
    }

    // The page's path first, so that the memory after it is the page's own peak.
    const session = new Session();
    t = performance.now();
    for (const d of docs) session.addFile(d.name, d.data);
    const addMs = performance.now() - t;

    t = performance.now();
    // Where the report's time goes: the first progress call of each step starts it; the summary
    // (JSON text and its parse) is what follows the last step.
    const stepStart = {};
    const onProgress = (step) => { if (!(step in stepStart)) stepStart[step] = performance.now(); };
    // In two halves, as the page asks: the clusters (what the page shows first), then the
    // entities.
    const clusters = JSON.parse(session.reportClusters({}, onProgress));
    const clustersMs = performance.now() - t;
    const report = { ...clusters, ...JSON.parse(session.reportEntities(onProgress)) };
    const reportMs = performance.now() - t;
    const order = Object.keys(stepStart);
    const steps = order.map((step, i) => [step, (i + 1 < order.length ? stepStart[order[i + 1]] : t + reportMs) - stepStart[step]]);
    steps.unshift(['templates', stepStart[order[0]] - t]);

    t = performance.now();
    JSON.parse(session.report({ keep_threshold: 0.6 }));
    const rerunMs = performance.now() - t;
    const sessionMemoryMb = memoryMb();
    session.free();

    // Each stage alone, with the native bench's code (gleaner::bench::run_stages).
    const stages = JSON.parse(benchStages(corpusText));

    return {
      docs: docs.length, bytes, initMs, addMs, reportMs, clustersMs, steps, rerunMs, stages, htmlPage, realPages, sessionMemoryMb,
      peakMemoryMb: memoryMb(),
      clusters: report.clusters.filter((c) => c.members.length > 1).length,
      pairs: report.pairs.length,
      entities: report.entities.length,
    };
  }, benchPages.length);
  // Its wasm memory (the stage timings' peak) must not weigh on the pages timed next.
  await page.close();


  const mb = result.bytes / 1e6;
  const rate = (ms) => `${(mb / (ms / 1000)).toFixed(2)} MB/s`;
  const line = (label, ms, extra = '') => console.log(`${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(8)} s  ${extra}`);
  console.log(`gleaner wasm bench, ${new Date().toISOString().slice(0, 10)}, Chromium ${browser.context.browser()?.version() ?? ''}`);
  console.log(`corpus: ${result.docs} documents, ${mb.toFixed(1)} MB (artifacts/bench-corpus.json, the native bench's)`);
  line('init (compile + instantiate)', result.initMs);
  console.log(`${'stage (wasm, as the native bench)'.padEnd(34)} ${'seconds'.padStart(8)}    MB/s`);
  for (const [stage, secs] of result.stages.stages) line(`  ${stage}`, secs * 1000, rate(secs * 1000));
  const entitySecs = result.stages.stages.find(([s]) => s === 'entities')[1];
  console.log(`  entities: ${Math.round(result.stages.tokens / entitySecs).toLocaleString('en')} tokens/s`);
  const kb = Math.round(result.htmlPage.bytes / 1000);
  console.log(`one ${kb} KB HTML page cleaned (decode, parse, classify; median of 21): ${result.htmlPage.cleanMs.toFixed(2)} ms`);
  console.log(`the same page end to end (entities and report too; median of 5): ${result.htmlPage.medianMs.toFixed(1)} ms`);
  if (result.realPages) {
    const r = result.realPages;
    const perSecond = (ms) => (r.count / (ms / 1000)).toFixed(0);
    console.log(`the extraction benchmark's ${r.count} pages (${r.mb.toFixed(1)} MB) cleaned: ${(r.allMs / 1000).toFixed(2)} s, `
      + `${perSecond(r.allMs)} pages/s (median of passes 2-6; the first pass ${perSecond(r.firstMs)} pages/s); `
      + `its page nearest 100 KB (${Math.round(r.nearBytes / 1000)} KB): ${r.nearMs.toFixed(2)} ms (median of 21)`);
    // scripts/bench runs trafilatura on the same pages first and passes its pages/s on.
    const trafilatura = Number(process.env.TRAFILATURA_PAGES_PER_S);
    if (trafilatura > 0) {
      console.log(`wasm: ${(r.count / (r.allMs / 1000) / trafilatura).toFixed(1)}x trafilatura (${trafilatura} pages/s)`);
    }
  }
  console.log(`the page: a pasted 5,000-word article shows its first highlight after ${firstHighlightMs.join(', ')} ms (three fresh browsers)`);
  console.log(`the page: ${drop.docs.toLocaleString('en')} files dropped: added after ${(drop.addedMs / 1000).toFixed(1)} s, `
    + `clusters shown after ${(drop.clustersMs / 1000).toFixed(1)} s, `
    + `the whole report after ${(drop.doneMs / 1000).toFixed(1)} s; longest frame gap ${Math.round(drop.maxGap)} ms`);
  console.log('the worker\'s path (Session, as the page uses it):');
  line('add (decode+segment)', result.addMs, rate(result.addMs));
  line('report (boilerplate+dedup+entities)', result.reportMs, rate(result.reportMs));
  for (const [step, ms] of result.steps) line(`  ${step}${step === 'entities' ? ' (tag, merge, summary JSON)' : ''}`, ms);
  line('report again (threshold 0.6)', result.rerunMs, rate(result.rerunMs));
  line('clusters shown (add + report to clusters)', result.addMs + result.clustersMs, rate(result.addMs + result.clustersMs));
  line('total add + report', result.addMs + result.reportMs, rate(result.addMs + result.reportMs));
  console.log(`found: ${result.clusters} duplicate clusters, ${result.pairs} pairs, ${result.entities} entities`);
  console.log(`wasm memory: ${Math.round(result.sessionMemoryMb)} MB after the worker's path (its peak), `
    + `${Math.round(result.peakMemoryMb)} MB after the stage timings too`);
  const gz = gzipSync(wasm, { level: 9 }).length;
  const br = brotliCompressSync(wasm).length;
  console.log(`www/pkg/gleaner_bg.wasm: ${wasm.length.toLocaleString('en')} B raw, ${gz.toLocaleString('en')} B gzip -9, ${br.toLocaleString('en')} B brotli`);
} finally {
  await browser.stop();
  await server.stop();
}
