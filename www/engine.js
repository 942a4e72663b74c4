// The page's one façade over the analyzer. It owns the module worker (worker.js, which owns the
// wasm), queues requests so exactly one is in flight, and survives crashes: a Rust panic aborts
// the wasm instance, so the engine terminates the worker, starts a fresh one and replays the
// documents it had accepted. A document the core crashed on is left out and listed in `crashed`.
//
// Documents are {name, blob} (a File or Blob: read, then transferred to the worker as bytes, so
// the core decodes it, BOMs and legacy encodings included) or {name, text} (pasted text).
//
// A report comes in two halves: the clusters, then the entities. Big collections use the second
// core for the entity half: a second worker tags part of the new documents while the first tags
// the rest, and its mentions are handed over before the merge. It only saves time: whatever it
// fails to tag, the first worker tags itself.

const BATCH_BYTES = 8 * 1024 * 1024; // read and transfer big drops in slices: bounded memory
const BATCH_DOCS = 50; // also the granularity of Cancel: it stops after the current slice
// At least this much untagged text makes a report share the tagging with the second worker.
const SHARE_TAGGING_FROM_BYTES = 2 * 1024 * 1024;
// The second worker's share: less than half, as it also reads the files again.
const TAGGER_SHARE = 0.45;

export class AnalyzerCrash extends Error {}

export class Engine {
  #workerUrl;
  #worker = null;
  #pending = new Map(); // id → {resolve, reject, onProgress}
  #nextId = 1;
  #queue = Promise.resolve();
  #lastOptions = null; // of the last report: a replacement worker makes it again
  #readyWaiter = null;
  #tagger = null; // the second worker (Tagger), started by the first big report
  #tagged = new WeakSet(); // documents (of `docs`) whose entities the session holds
  /** Documents in the session, in session order (the report's document order). */
  docs = [];
  /** Documents the analyzer crashed on: [{name, message}]. They are not in the session. */
  crashed = [];
  /** The core's version, once the first worker is ready. */
  version = null;

  constructor(workerUrl = new URL('./worker.js', import.meta.url)) {
    this.#workerUrl = workerUrl;
    this.ready = this.#start();
  }

  /**
   * Adds documents; `onProgress(done, total)` is called between them. Resolves to {first,
   * added, cancelled}: the session index of the first one, how many were added (crashed ones
   * excluded), and whether `signal` (an AbortSignal) stopped it: it is checked between slices,
   * so the documents of the slice in flight are still added.
   */
  add(inputs, onProgress = () => {}, signal = null) {
    return this.#enqueue(async () => {
      const first = this.docs.length;
      const total = inputs.length;
      let done = 0;
      let added = 0;
      const slices = [...batches(inputs)];
      // The next slice is read while the worker adds this one.
      let reading = slices.length ? toMessages(slices[0]) : null;
      for (const [i, batch] of slices.entries()) {
        const read = reading;
        reading = i + 1 < slices.length ? toMessages(slices[i + 1]) : null;
        reading?.catch(() => {}); // its error, if any, is thrown when its turn comes
        if (signal?.aborted) return { first, added, cancelled: true };
        let rest = batch;
        while (rest.length > 0) {
          const { messages, transfer } = await (rest === batch ? read : toMessages(rest));
          const base = done;
          try {
            await this.#request('add', { docs: messages }, transfer, (n) => onProgress(base + n, total));
            this.docs.push(...rest);
            added += rest.length;
            done += rest.length;
            rest = [];
          } catch (err) {
            if (!(err instanceof AnalyzerCrash) || err.docIndex == null) throw err;
            // The documents before the culprit are in the crashed session: keep them for the
            // replay, leave the culprit out, and go on with the ones after it.
            const k = err.docIndex;
            this.docs.push(...rest.slice(0, k));
            this.crashed.push({ name: rest[k].name, message: `the analyzer crashed on this file (${err.message})` });
            added += k;
            done += k + 1;
            onProgress(done, total);
            rest = rest.slice(k + 1);
            await this.#restart();
          }
        }
      }
      return { first, added, cancelled: false };
    });
  }

  /**
   * Adds documents, then reports on the whole collection for `options`. Resolves to {report,
   * first, added, cancelled}: `first` is the index of the first added document in
   * `report.documents` (see `add` for the rest).
   */
  async analyze(inputs, options, onProgress, signal = null, onClusters = null) {
    const result = await this.add(inputs, onProgress, signal);
    return { ...result, report: await this.report(options, onProgress, onClusters) };
  }

  /**
   * The report for `options` (the core's Options shape), in its summary shape: each document
   * without `text`, `clean_text`, `blocks` and `mentions` (see `document`), each pair without
   * its `explanation` (see `explanation`). `onProgress(done, total, step)` follows the core's
   * steps ("boilerplate", "articles", "duplicates", "entities").
   * `onClusters(summary)`, if given, gets the summary as soon as the duplicates are found, its
   * entity lists still empty: on a big collection the entities take seconds more.
   */
  report(options, onProgress = null, onClusters = null) {
    // The worker sends the report as JSON text: parsing it once here is cheaper than parsing in
    // the worker and cloning the object across.
    return this.#enqueue(async () => {
      const clusters = JSON.parse(await this.#request('clusters', { options }, [], onProgress));
      onClusters?.(clusters);
      const docs = this.docs.slice();
      await this.#shareTagging(docs, onProgress);
      // The entity half sends only what it changed: each document's entities, and the
      // collection's.
      const { document_entities: byDocument, ...rest } = JSON.parse(await this.#request('entities', {}, [], onProgress));
      clusters.documents.forEach((doc, i) => { doc.entities = withDefaults(byDocument[i], rest.entities); });
      const summary = { ...clusters, ...rest };
      for (const doc of docs) this.#tagged.add(doc);
      this.#lastOptions = options;
      return summary;
    });
  }

  // Tags the documents the session has not tagged yet in two halves at once, one in each
  // worker, when there is enough text for the second worker to be worth it.
  async #shareTagging(docs, onProgress) {
    if ((navigator.hardwareConcurrency ?? 1) < 2) return;
    const untagged = [];
    let bytes = 0;
    docs.forEach((doc, index) => {
      if (this.#tagged.has(doc)) return;
      untagged.push(index);
      bytes += docSize(doc);
    });
    if (bytes < SHARE_TAGGING_FROM_BYTES) return;
    // The last documents, about TAGGER_SHARE of the bytes, go to the second worker.
    let theirs = untagged.length;
    for (let share = 0; theirs > 0 && share + docSize(docs[untagged[theirs - 1]]) <= bytes * TAGGER_SHARE;) {
      theirs--;
      share += docSize(docs[untagged[theirs]]);
    }
    const own = untagged.slice(0, theirs);
    const given = untagged.slice(theirs);
    if (!this.#tagger || this.#tagger.dead) this.#tagger = new Tagger(this.#workerUrl);
    const total = untagged.length;
    onProgress?.(0, total, 'entities');
    const [, mentions] = await Promise.all([
      this.#request('tag', { indices: own }, [], (done) => onProgress?.(done, total, 'entities')),
      this.#tagger.tag(given.map((i) => docs[i])),
    ]);
    if (mentions) {
      await this.#request('setMentions', { indices: given, mentions }, mentions.filter(Boolean).map((m) => m.buffer));
    }
  }

  /** Document `index` of the last report, whole: the CLI's shape of one document. */
  document(index) {
    return this.#enqueue(async () => JSON.parse(await this.#request('document', { index })));
  }

  /** Why pair `index` of the last report was linked (the summary's pairs leave it out). */
  explanation(index) {
    return this.#enqueue(() => this.#request('explanation', { index }));
  }

  /** The last report whole, as the UTF-8 bytes of the JSON `gleaner analyze` prints. */
  reportJson() {
    return this.#enqueue(() => this.#request('reportJson'));
  }

  /** Every analyzed document's cleaned text of the last report, in one file (UTF-8 bytes). */
  cleanTexts() {
    return this.#enqueue(() => this.#request('cleanTexts'));
  }

  /** Shared passages of two texts: the core's Alignment, offsets in code points. */
  align(a, b) {
    return this.#enqueue(async () => JSON.parse(await this.#request('align', { a, b })));
  }

  /** Bytes of wasm memory the analyzer holds: the peak since its worker started. */
  memory() {
    return this.#enqueue(() => this.#request('memory'));
  }

  /** Removes the document at `index`; later indices shift down by one. */
  remove(index) {
    return this.#enqueue(async () => {
      await this.#request('remove', { index });
      this.docs.splice(index, 1);
    });
  }

  clear() {
    return this.#enqueue(async () => {
      await this.#request('clear');
      this.docs = [];
      this.crashed = [];
    });
  }

  // Runs `task` after every earlier one; a failed task does not stop later ones.
  #enqueue(task) {
    const run = this.#queue.then(() => this.ready).then(task);
    this.#queue = run.catch(() => {});
    return run;
  }

  #start() {
    const worker = new Worker(this.#workerUrl, { type: 'module' });
    this.#worker = worker;
    const ready = new Promise((resolve, reject) => { this.#readyWaiter = { resolve, reject }; });
    worker.onmessage = ({ data }) => this.#onMessage(worker, data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.#fail(worker, new AnalyzerCrash(event.message || 'the analyzer worker failed'));
    };
    return ready;
  }

  #onMessage(worker, msg) {
    if (worker !== this.#worker) return; // a terminated worker's last words
    if (msg.type === 'ready') {
      this.version = msg.version;
      this.#readyWaiter.resolve(msg.version);
      return;
    }
    if (msg.id == null) {
      // Only init failures come without an id.
      this.#fail(worker, new Error(msg.message));
      return;
    }
    const pending = this.#pending.get(msg.id);
    if (!pending) return;
    if (msg.type === 'progress') {
      pending.onProgress?.(msg.done, msg.total, msg.step);
    } else if (msg.type === 'result') {
      this.#pending.delete(msg.id);
      pending.resolve(msg.result);
    } else if (msg.type === 'error') {
      this.#pending.delete(msg.id);
      const err = msg.fatal ? new AnalyzerCrash(msg.message) : new Error(msg.message);
      err.docIndex = msg.docIndex;
      pending.reject(err);
    }
  }

  // The worker is gone or unusable: fail whatever waits on it.
  #fail(worker, err) {
    if (worker !== this.#worker) return;
    this.#readyWaiter.reject(err);
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }

  // One request; after a crash the worker is replaced (an 'add' handles its own crashes).
  #request(type, payload, transfer = [], onProgress = null) {
    return this.#send(type, payload, transfer, onProgress).catch(async (err) => {
      if (err instanceof AnalyzerCrash && type !== 'add') await this.#restart();
      throw err;
    });
  }

  #send(type, payload, transfer = [], onProgress = null) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#worker.postMessage({ id, type, payload }, transfer);
    });
  }

  // A fresh worker with the accepted documents replayed, in order.
  async #restart() {
    this.#worker.terminate();
    this.#tagged = new WeakSet(); // the fresh session has tagged nothing
    this.ready = this.#start();
    await this.ready;
    for (const batch of batches(this.docs)) {
      const { messages, transfer } = await toMessages(batch);
      await this.#request('add', { docs: messages }, transfer);
    }
    // `document` and the exports read the last report: have it again. Sent without a restart on
    // a crash: a report that crashes on these documents would otherwise restart forever.
    if (this.#lastOptions) {
      await this.#send('clusters', { options: this.#lastOptions }).then(() => this.#send('entities', {})).catch(() => {});
    }
  }
}

/**
 * The second worker: it tags entities of documents and keeps nothing. It never fails a caller: on
 * any error it resolves to null (the first worker then tags those files itself) and is marked
 * dead, so the next big drop starts a fresh one.
 */
class Tagger {
  dead = false;
  #worker;
  #pending = new Map(); // id → resolve
  #nextId = 1;

  constructor(workerUrl) {
    this.#worker = new Worker(workerUrl, { type: 'module' });
    this.#worker.onmessage = ({ data }) => {
      if (data.type === 'ready' || data.type === 'progress') return;
      if (data.id == null) { this.#die(); return; }
      const resolve = this.#pending.get(data.id);
      this.#pending.delete(data.id);
      resolve?.(data.type === 'result' ? data.result : null);
      if (data.type === 'error' && data.fatal) this.#die();
    };
    this.#worker.onerror = (event) => {
      event.preventDefault();
      this.#die();
    };
  }

  /** Packed mentions per document of `inputs` (null for one it could not tag), or null. */
  async tag(inputs) {
    if (this.dead) return null;
    // The files themselves go across (a cheap handle each): the second worker reads them, so the
    // page's thread does not (joining 5,000 files into one Blob took it ~0.4 s).
    const docs = inputs.map((doc) => (doc.blob !== undefined ? { name: doc.name, blob: doc.blob } : { name: doc.name, text: doc.text }));
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#worker.postMessage({ id, type: 'tagFiles', payload: { docs } });
    });
  }

  #die() {
    this.dead = true;
    this.#worker.terminate();
    for (const resolve of this.#pending.values()) resolve(null);
    this.#pending.clear();
  }
}

// The worker's messages for a slice of documents: `{name, bytes}` (a Uint8Array) or `{name,
// text}`, and the buffer to transfer. The files are read in one go, as one Blob of them all
// (reading 10,000 small files one by one took twice as long), and each document's bytes are a
// view into it, not a copy.
async function toMessages(docs) {
  const blobs = docs.filter((d) => d.blob !== undefined).map((d) => d.blob);
  const all = blobs.length > 0 ? await new Blob(blobs).arrayBuffer() : null;
  let at = 0;
  const messages = docs.map((doc) => {
    if (doc.blob === undefined) return { name: doc.name, text: doc.text };
    at += doc.blob.size;
    return { name: doc.name, bytes: new Uint8Array(all, at - doc.blob.size, doc.blob.size) };
  });
  return { messages, transfer: all ? [all] : [] };
}

// A document's entities as a summary sends them leave out what their collection entity
// (`global`) says: name and label, unless they differ; a null title; aliases that are only the
// name. Whole objects of one shape are made here: adding the fields one by one was twice as slow.
function withDefaults(entities, collection) {
  return entities.map(({ name, label, title = null, aliases, count, global }) => {
    const g = collection[global];
    name ??= g?.name;
    return { name, label: label ?? g?.label, title, aliases: aliases ?? [name], count, global };
  });
}

function docSize(doc) {
  return doc.blob ? doc.blob.size : doc.text.length * 2;
}

function* batches(docs) {
  let batch = [];
  let bytes = 0;
  for (const doc of docs) {
    const size = docSize(doc);
    if (batch.length > 0 && (bytes + size > BATCH_BYTES || batch.length >= BATCH_DOCS)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(doc);
    bytes += size;
  }
  if (batch.length > 0) yield batch;
}
