// engine.js against a stand-in worker that speaks worker.js's protocol and "panics" on demand:
// the page must replace a crashed worker, replay the documents it had, and leave out the one
// the core crashed on. (A real Rust panic cannot be provoked from the page on purpose.)

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openPage, startServer } from './helpers.mjs';

const FAKE_WORKER = `
const id = Math.random().toString(36).slice(2);
const docs = [];
postMessage({ type: 'ready', version: 'fake-' + id });
onmessage = ({ data: { id: req, type, payload } }) => {
  const crash = (message, docIndex = null) =>
    postMessage({ type: 'error', id: req, message, fatal: true, docIndex });
  if (type === 'add') {
    for (const [i, d] of payload.docs.entries()) {
      if (d.name.startsWith('crash')) return crash('RuntimeError: unreachable', i);
      docs.push(d.bytes ? new TextDecoder().decode(d.bytes) : d.text);
      postMessage({ type: 'progress', id: req, done: i + 1, total: payload.docs.length });
    }
    postMessage({ type: 'result', id: req, result: docs.length });
  } else if (type === 'report') {
    if (payload.options.panic || docs.includes('poison')) return crash('RuntimeError: unreachable');
    postMessage({ type: 'result', id: req, result: JSON.stringify({ worker: id, documents: docs.slice() }) });
  } else {
    postMessage({ type: 'error', id: req, message: 'unknown request type: ' + type, fatal: false });
  }
};`;

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
  await browser.context.route('**/fake-worker.js', (route) => route.fulfill({
    status: 200, contentType: 'text/javascript', body: FAKE_WORKER,
  }));
});

after(async () => {
  await browser?.stop();
  await server?.stop();
});

test('a crashed worker is replaced, its documents replayed, the culprit left out', async () => {
  const { page } = await openPage(browser.context, server.origin);
  const result = await page.evaluate(async () => {
    const { Engine, AnalyzerCrash } = await import('./engine.js');
    const engine = new Engine(new URL('./fake-worker.js', location.href));
    const first = await engine.ready;
    const progress = [];
    const added = await engine.add([
      { name: 'a.txt', blob: new Blob(['alpha']) },
      { name: 'crash.txt', text: 'boom' },
      { name: 'b.txt', text: 'beta' },
    ], (done, total) => progress.push(`${done}/${total}`));
    const report = await engine.report({});
    let crashedReport = null;
    try {
      await engine.report({ panic: true });
    } catch (err) {
      crashedReport = { crash: err instanceof AnalyzerCrash, message: err.message };
    }
    const afterCrash = await engine.report({});
    let unknown = null;
    try {
      await engine.align('x', 'y');
    } catch (err) {
      unknown = { crash: err instanceof AnalyzerCrash, message: err.message };
    }
    return {
      first, version: engine.version, added, progress, report, crashedReport, afterCrash, unknown,
      docs: engine.docs.map((d) => d.name), crashed: engine.crashed,
    };
  });
  assert.deepEqual(result.added, { first: 0, added: 2, cancelled: false });
  assert.deepEqual(result.docs, ['a.txt', 'b.txt']);
  assert.equal(result.crashed.length, 1);
  assert.equal(result.crashed[0].name, 'crash.txt');
  assert.match(result.crashed[0].message, /crashed.*unreachable/);
  assert.notEqual(result.version, result.first, 'the crashed worker was not replaced');
  assert.deepEqual(result.report.documents, ['alpha', 'beta'], 'a.txt was not replayed (bytes) before b.txt');
  assert.ok(result.progress.includes('3/3'));
  assert.deepEqual(result.crashedReport, { crash: true, message: 'RuntimeError: unreachable' });
  assert.deepEqual(result.afterCrash.documents, ['alpha', 'beta']);
  assert.notEqual(result.afterCrash.worker, result.report.worker, 'no fresh worker after a crash in report');
  assert.deepEqual(result.unknown, { crash: false, message: 'unknown request type: align' });
  await page.close();
});

test('a report that crashes on the documents themselves fails once, without restarting forever', async () => {
  const { page } = await openPage(browser.context, server.origin);
  const result = await page.evaluate(async () => {
    const { Engine, AnalyzerCrash } = await import('./engine.js');
    const engine = new Engine(new URL('./fake-worker.js', location.href));
    await engine.ready;
    await engine.add([{ name: 'a.txt', text: 'alpha' }]);
    await engine.report({});
    const versions = new Set([engine.version]);
    await engine.add([{ name: 'p.txt', text: 'poison' }]);
    let error = null;
    try {
      await engine.report({});
    } catch (err) {
      error = { crash: err instanceof AnalyzerCrash, message: err.message };
    }
    await engine.ready;
    versions.add(engine.version);
    // The engine still answers: the documents are kept, and another report fails the same way.
    let again = null;
    try {
      await engine.report({});
    } catch (err) {
      again = err instanceof AnalyzerCrash;
    }
    return { error, again, docs: engine.docs.map((d) => d.name), workers: versions.size };
  });
  assert.deepEqual(result.error, { crash: true, message: 'RuntimeError: unreachable' });
  assert.equal(result.again, true);
  assert.deepEqual(result.docs, ['a.txt', 'p.txt']);
  assert.equal(result.workers, 2, 'the crashed worker was not replaced exactly once');
  await page.close();
});
