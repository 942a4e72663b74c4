// The module worker that owns the wasm core. The page never imports pkg/ itself: it talks to
// this worker through engine.js, so analysis never blocks the UI.
//
// Protocol (page → worker): {id, type, payload}; (worker → page):
//   {type: 'ready', version}                 once, after init()
//   {type: 'progress', id, done, total}      between documents of an 'add'
//   {type: 'progress', id, step, done, total} during a 'report'
//   {type: 'result', id, result}             the answer to request `id`
//   {type: 'error', id, message, fatal}      fatal = the wasm instance trapped (a Rust panic
//                                            aborts): its state is unreliable, so the page
//                                            replaces this worker and replays the documents.

import init, { Session, align, version } from './pkg/gleaner.js';

let session = null;
let memory = null; // the wasm instance's memory: it only grows, so its size is the peak

const handlers = {
  // payload: {docs: [{name, bytes: ArrayBuffer} | {name, text: string}]}; result: the session's
  // indices of the added documents.
  add({ docs }, id) {
    const indices = [];
    docs.forEach((doc, i) => {
      try {
        indices.push(doc.bytes !== undefined
          ? session.addFile(doc.name, new Uint8Array(doc.bytes))
          : session.addText(doc.name, doc.text));
      } catch (err) {
        // Tell the page which document the core failed on, so a replay can leave it out.
        err.docIndex = i;
        throw err;
      }
      doc.bytes = null; // let the buffer go as soon as the core has its copy
      postMessage({ type: 'progress', id, done: i + 1, total: docs.length });
    });
    return indices;
  },
  // payload: {options}: a plain object shaped like the core's Options; result: the report's
  // summary (no texts, blocks or mentions) as JSON text, parsed by engine.js. Progress messages
  // carry the step ("boilerplate", "articles", "duplicates", "entities").
  report({ options }, id) {
    return session.report(options, (step, done, total) => postMessage({ type: 'progress', id, step, done, total }));
  },
  // payload: {index}; result: that document of the last report, whole, as JSON text.
  document({ index }) {
    return session.document(index);
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
let chain = init().then((wasm) => {
  memory = wasm.memory;
  session = new Session();
  postMessage({ type: 'ready', version: version() });
});
chain.catch((err) => {
  postMessage({ type: 'error', id: null, message: `could not load the analyzer: ${err}`, fatal: true });
});

self.onmessage = ({ data: { id, type, payload } }) => {
  chain = chain.then(() => {
    const handler = handlers[type];
    if (!handler) throw new Error(`unknown request type: ${type}`);
    const result = handler(payload ?? {}, id);
    // Big byte results (the exports) move to the page instead of being copied.
    postMessage({ type: 'result', id, result }, result instanceof Uint8Array ? [result.buffer] : []);
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
