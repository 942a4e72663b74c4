// engine.js against a stand-in worker that speaks worker.js's protocol and "panics" on demand:
// the page must replace a crashed worker, replay the documents it had, and leave out the one
// the core crashed on. (A real Rust panic cannot be provoked from the page on purpose.)

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openPage, startServer } from './helpers.mjs';

const FAKE_WORKER = `
const id = Math.random().toString(36).slice(2);
const docs = [];
const tagged = {};
let last = null;
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
  } else if (type === 'clusters') {
    if (payload.options.panic || docs.includes('poison')) return crash('RuntimeError: unreachable');
    last = { worker: id, documents: docs.map((text) => ({ text, entities: [] })) };
    postMessage({ type: 'result', id: req, result: JSON.stringify({ ...last, stage: 'clusters' }) });
  } else if (type === 'entities') {
    // Like the core: each document's entities, without what its collection entity says (name,
    // label), a null title or aliases that are only the name; the other fields of the documents
    // are not sent again.
    const document_entities = last.documents.map((d) => [{ count: 1, global: 0 }, { name: d.text, count: 2, global: 1 }]);
    const entities = [{ name: 'Berlin', label: 'LOC', aliases: ['Berlin'], count: 2, documents: [0, 1] },
      { name: 'Alpha Beta', label: 'PER', aliases: ['Alpha Beta', 'alpha', 'beta'], count: 4, documents: [0, 1] }];
    postMessage({ type: 'result', id: req, result: JSON.stringify({ document_entities, entities, stage: 'entities', tagged: { ...tagged } }) });
  } else if (type === 'tagFiles') {
    // The second worker: one "mention" per file, its byte length (it is sent the files).
    if (payload.docs.some((d) => d.name.startsWith('tagcrash'))) return crash('RuntimeError: unreachable');
    const result = payload.docs.map((d) => new Uint32Array([d.blob.size, 0, 0]));
    postMessage({ type: 'result', id: req, result }, result.map((r) => r.buffer));
  } else if (type === 'tag') {
    for (const i of payload.indices) tagged[i] = 'own';
    postMessage({ type: 'result', id: req, result: payload.indices.length });
  } else if (type === 'setMentions') {
    payload.mentions.forEach((m, i) => { tagged[payload.indices[i]] = m ? m[0] : null; });
    postMessage({ type: 'result', id: req, result: payload.mentions.length });
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
  assert.deepEqual(result.report.documents.map((d) => d.text), ['alpha', 'beta'], 'a.txt was not replayed (bytes) before b.txt');
  // The entity half is merged into the documents, its left-out fields filled in.
  assert.deepEqual(result.report.documents[1].entities, [
    { name: 'Berlin', label: 'LOC', count: 1, global: 0, title: null, aliases: ['Berlin'] },
    { name: 'beta', label: 'PER', count: 2, global: 1, title: null, aliases: ['beta'] },
  ]);
  assert.ok(result.progress.includes('3/3'));
  assert.deepEqual(result.crashedReport, { crash: true, message: 'RuntimeError: unreachable' });
  assert.deepEqual(result.afterCrash.documents.map((d) => d.text), ['alpha', 'beta']);
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

test('a big report shares the tagging with a second worker; a failing one costs nothing', async () => {
  const { page } = await openPage(browser.context, server.origin);
  const result = await page.evaluate(async () => {
    const { Engine } = await import('./engine.js');
    const mb = (name) => ({ name, blob: new Blob([new Uint8Array(1024 * 1024)]) });
    const run = async (inputs) => {
      const engine = new Engine(new URL('./fake-worker.js', location.href));
      await engine.ready;
      const early = [];
      const { report } = await engine.analyze(inputs, {}, () => {}, null, (r) => early.push(r.stage));
      // A second report: everything is tagged already, nothing is shared.
      await engine.add([mb('d.txt')]);
      const again = await engine.report({});
      return { early, stage: report.stage, tagged: report.tagged, again: again.tagged };
    };
    return {
      big: await run([mb('a.txt'), mb('b.txt'), mb('c.txt'), mb('e.txt')]),
      failing: await run([mb('a.txt'), mb('b.txt'), mb('c.txt'), mb('tagcrash.txt')]),
      small: await run([{ name: 's.txt', blob: new Blob(['small']) }]),
    };
  });
  const size = 1024 * 1024;
  // The first worker tags the first documents, the second one the last 45 % of the bytes.
  assert.deepEqual(result.big, {
    early: ['clusters'], stage: 'entities', tagged: { 0: 'own', 1: 'own', 2: 'own', 3: size }, again: { 0: 'own', 1: 'own', 2: 'own', 3: size },
  });
  assert.deepEqual(result.failing, {
    early: ['clusters'], stage: 'entities', tagged: { 0: 'own', 1: 'own', 2: 'own' }, again: { 0: 'own', 1: 'own', 2: 'own' },
  });
  assert.deepEqual(result.small, { early: ['clusters'], stage: 'entities', tagged: {}, again: {} });
  await page.close();
});
