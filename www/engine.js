// The page's one façade over the analyzer. It owns the module worker (worker.js, which owns the
// wasm), queues requests so exactly one is in flight, and survives crashes: a Rust panic aborts
// the wasm instance, so the engine terminates the worker, starts a fresh one and replays the
// documents it had accepted. A document the core crashed on is left out and listed in `crashed`.
//
// Documents are {name, blob} (a File or Blob: read, then transferred to the worker as bytes, so
// the core decodes it, BOMs and legacy encodings included) or {name, text} (pasted text).

const BATCH_BYTES = 8 * 1024 * 1024; // read and transfer big drops in slices: bounded memory
const BATCH_DOCS = 50; // also the granularity of Cancel: it stops after the current slice

export class AnalyzerCrash extends Error {}

export class Engine {
  #workerUrl;
  #worker = null;
  #pending = new Map(); // id → {resolve, reject, onProgress}
  #nextId = 1;
  #queue = Promise.resolve();
  #lastOptions = null; // of the last report: a replacement worker makes it again
  #readyWaiter = null;
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
      for (const batch of batches(inputs)) {
        if (signal?.aborted) return { first, added, cancelled: true };
        let rest = batch;
        while (rest.length > 0) {
          const docs = await Promise.all(rest.map(toMessage));
          const transfer = docs.filter((d) => d.bytes).map((d) => d.bytes);
          const base = done;
          try {
            await this.#request('add', { docs }, transfer, (n) => onProgress(base + n, total));
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
  async analyze(inputs, options, onProgress, signal = null) {
    const result = await this.add(inputs, onProgress, signal);
    return { ...result, report: await this.report(options, onProgress) };
  }

  /**
   * The report for `options` (the core's Options shape), in its summary shape: each document
   * without `text`, `clean_text`, `blocks` and `mentions` (see `document`). `onProgress(done,
   * total, step)` follows the core's steps ("boilerplate", "articles", "duplicates", "entities").
   */
  report(options, onProgress = null) {
    // The worker sends the report as JSON text: parsing it once here is cheaper than parsing in
    // the worker and cloning the object across.
    return this.#enqueue(async () => {
      const summary = JSON.parse(await this.#request('report', { options }, [], onProgress));
      this.#lastOptions = options;
      return summary;
    });
  }

  /** Document `index` of the last report, whole: the CLI's shape of one document. */
  document(index) {
    return this.#enqueue(async () => JSON.parse(await this.#request('document', { index })));
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
    this.ready = this.#start();
    await this.ready;
    for (const batch of batches(this.docs)) {
      const docs = await Promise.all(batch.map(toMessage));
      await this.#request('add', { docs }, docs.filter((d) => d.bytes).map((d) => d.bytes));
    }
    // `document` and the exports read the last report: have it again. Sent without a restart on
    // a crash: a report that crashes on these documents would otherwise restart forever.
    if (this.#lastOptions) await this.#send('report', { options: this.#lastOptions }).catch(() => {});
  }
}

async function toMessage(doc) {
  return doc.blob !== undefined
    ? { name: doc.name, bytes: await doc.blob.arrayBuffer() }
    : { name: doc.name, text: doc.text };
}

function* batches(docs) {
  let batch = [];
  let bytes = 0;
  for (const doc of docs) {
    const size = doc.blob ? doc.blob.size : doc.text.length * 2;
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
