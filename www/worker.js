// The module worker that owns the wasm core. The page never imports pkg/ itself: it talks to
// this worker through engine.js, so analysis never blocks the UI.
//
// Protocol (page → worker): {id, type, payload}; (worker → page):
//   {type: 'ready', version}                 once, after init()
//   {type: 'progress', id, done, total}      between documents of an 'add' (every 16th)
//   {type: 'progress', id, step, done, total} during a 'clusters' or 'entities'
//   {type: 'result', id, result}             the answer to request `id`
//   {type: 'error', id, message, fatal}      fatal = the wasm instance trapped (a Rust panic
//                                            aborts): its state is unreliable, so the page
//                                            replaces this worker and replays the documents.

// The page runs two of these: one owns the session; a second one, for big reports, only tags
// entities of documents it is sent ('tagFiles'), on the other core, and the page hands the
// mentions to the first ('setMentions').

import init, { Session, align, tagFile, version } from './pkg/gleaner.js';
import { missingSupport } from './support.js';

let session = null;
let memory = null; // the wasm instance's memory: it only grows, so its size is the peak

const handlers = {
  // payload: {docs: [{name, bytes: Uint8Array} | {name, text: string}]} (the bytes of a slice's
  // files are views into one buffer); result: the session's indices of the added documents.
  add({ docs }, id) {
    const indices = [];
    docs.forEach((doc, i) => {
      try {
        indices.push(doc.bytes !== undefined
          ? session.addFile(doc.name, doc.bytes)
          : session.addText(doc.name, doc.text));
      } catch (err) {
        // Tell the page which document the core failed on, so a replay can leave it out.
        err.docIndex = i;
        throw err;
      }
      // Every 16th document: a message per small file cost the page more than the adding.
      if ((i + 1) % 16 === 0 || i + 1 === docs.length) postMessage({ type: 'progress', id, done: i + 1, total: docs.length });
    });
    return indices;
  },
  // payload: {docs: [{name, blob: Blob} | {name, text}]}; result: per document its packed
  // mentions (a Uint32Array, transferred) or null for one the analyzer would skip. The files
  // are read here, in one go, not on the page's thread. Nothing is kept: this is the second
  // worker's whole job.
  async tagFiles({ docs }) {
    const blobs = docs.filter((doc) => doc.blob !== undefined).map((doc) => doc.blob);
    const all = blobs.length ? new Uint8Array(await new Blob(blobs).arrayBuffer()) : null;
    const encoder = new TextEncoder();
    let at = 0;
    return docs.map((doc) => {
      if (doc.blob === undefined) return tagFile(doc.name, encoder.encode(doc.text)) ?? null;
      at += doc.blob.size;
      return tagFile(doc.name, all.subarray(at - doc.blob.size, at)) ?? null;
    });
  },
  // payload: {indices}: documents of the session to tag now (the first worker's share);
  // progress {done, total} every 64.
  tag({ indices }, id) {
    indices.forEach((index, i) => {
      session.tag(index);
      if ((i + 1) % 64 === 0) postMessage({ type: 'progress', id, done: i + 1, total: indices.length });
    });
    return indices.length;
  },
  // payload: {indices, mentions}: packed mentions from the second worker for those documents
  // (null: none); result: how many were taken.
  setMentions({ indices, mentions }) {
    return mentions.reduce((n, m, i) => n + (m && session.setMentions(indices[i], m) ? 1 : 0), 0);
  },
  // payload: {options}: a plain object shaped like the core's Options; result: the report's
  // summary (no texts, blocks or mentions) with the duplicates found and the entity lists still
  // empty, as JSON text, parsed by engine.js. Progress messages carry the step ("boilerplate",
  // "articles", "duplicates").
  clusters({ options }, id) {
    return session.reportClusters(options, (step, done, total) => postMessage({ type: 'progress', id, step, done, total }));
  },
  // result: what the entity step changed in the summary 'clusters' made, as JSON text:
  // {documents, entities} ("entities" step).
  entities(_, id) {
    return session.reportEntities((step, done, total) => postMessage({ type: 'progress', id, step, done, total }));
  },
  // payload: {index}; result: that document of the last report, whole, as JSON text.
  document({ index }) {
    return session.document(index);
  },
  // payload: {index}; result: why that pair of the last report was linked (text).
  explanation({ index }) {
    return session.explanation(index);
  },
  // result: the last report whole, as the bytes of its JSON (the CLI's shape).
  reportJson() {
    return session.reportJson();
  },
  // result: the cleaned texts of the last report in one file, as UTF-8 bytes.
  cleanTexts() {
    return session.cleanTexts();
  },
  // payload: {a, b}: two texts; result: the core's Alignment (code point offsets) as JSON text.
  align({ a, b }) {
    return align(a, b);
  },
  remove({ index }) {
    session.remove(index);
    return session.length;
  },
  clear() {
    session.clear();
    return 0;
  },
  // result: the bytes of wasm memory in use, the peak since the worker started.
  memory() {
    return memory.buffer.byteLength;
  },
};

// Requests are handled strictly in order: the chain starts with init(), so messages that arrive
// while the wasm is still loading wait for it.
let chain = Promise.resolve().then(() => {
  const missing = missingSupport();
  if (missing) throw new Error(missing);
  return init();
}).then((wasm) => {
  memory = wasm.memory;
  session = new Session();
  postMessage({ type: 'ready', version: version() });
});
chain.catch((err) => {
  postMessage({ type: 'error', id: null, message: `could not load the analyzer: ${err?.message ?? err}`, fatal: true });
});

self.onmessage = ({ data: { id, type, payload } }) => {
  chain = chain.then(async () => {
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request type: ${type}`);
    const result = await handler(payload ?? {}, id);
    // Big byte results (the exports, the mentions) move to the page instead of being copied.
    const transfer = result instanceof Uint8Array ? [result.buffer]
      : Array.isArray(result) ? result.filter((r) => r instanceof Uint32Array).map((r) => r.buffer) : [];
    postMessage({ type: 'result', id, result }, transfer);
  }).catch((err) => {
    postMessage({
      type: 'error',
      id,
      message: String(err && err.message ? err.message : err),
      fatal: err instanceof WebAssembly.RuntimeError,
      docIndex: err && Number.isInteger(err.docIndex) ? err.docIndex : null,
    });
  });
};
