// The session kept across reloads, in IndexedDB: the added documents ({name, blob} as the Blob
// itself, or {name, text}) in session order, and one `meta` record (options, selection, paste
// count). Everything here is best effort: private windows, a full disk or a blocked database
// must never break the page, so each call resolves (to false/null on failure) and never throws.
// Bounded: past MAX_DOCS documents or MAX_BYTES bytes the session is no longer kept at all
// (a partial copy would restore the wrong collection).

const DB_NAME = 'gleaner';
const DB_VERSION = 1;
export const MAX_DOCS = 5000;
export const MAX_BYTES = 200 * 1024 * 1024;

let dbPromise = null;

function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('docs')) db.createObjectStore('docs', { autoIncrement: true });
        if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      };
      req.onsuccess = () => {
        const db = req.result;
        db.onversionchange = () => db.close();
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('the saved session is open in an older tab'));
    });
    dbPromise.catch(() => { dbPromise = null; });
  }
  return dbPromise;
}

// Runs `fn(stores)` in one transaction; resolves to fn's result once the transaction commits.
async function tx(names, mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(names, mode);
    const stores = Object.fromEntries(names.map((n) => [n, t.objectStore(n)]));
    let result;
    try {
      result = fn(stores);
    } catch (err) {
      t.abort();
      reject(err);
      return;
    }
    t.oncomplete = () => resolve(result);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error ?? new Error('the save was aborted'));
  });
}

const size = (doc) => (doc.blob ? doc.blob.size : doc.text.length * 2);

export class Store {
  /** Keys of the saved documents, parallel to the engine's documents. */
  #keys = [];
  #bytes = 0;
  /** False once saving failed or the session grew past the bounds: nothing is kept then. */
  enabled = true;
  /** Why saving stopped, for the status line. */
  reason = null;
  // Writes in order: a remove must not overtake the add it refers to.
  #chain = Promise.resolve();

  #run(task) {
    const run = this.#chain.then(() => (this.enabled ? task() : false));
    this.#chain = run.catch(() => {});
    return run.catch((err) => this.#disable(err));
  }

  async #disable(err) {
    this.enabled = false;
    this.reason = err?.name === 'QuotaExceededError'
      ? 'the browser ran out of storage for it'
      : (err?.message || String(err));
    this.#keys = [];
    // Leave nothing half-saved behind.
    try {
      await tx(['docs', 'meta'], 'readwrite', (s) => { s.docs.clear(); s.meta.clear(); });
    } catch { /* storage is unusable: nothing to clear either */ }
    return false;
  }

  /** The saved session: {docs: [{name, blob} | {name, text}], meta} or null. */
  async load() {
    try {
      return await tx(['docs', 'meta'], 'readonly', (s) => {
        const out = { docs: [], meta: null };
        const cursor = s.docs.openCursor();
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c) return;
          this.#keys.push(c.key);
          this.#bytes += size(c.value);
          out.docs.push(c.value);
          c.continue();
        };
        const meta = s.meta.get('state');
        meta.onsuccess = () => { out.meta = meta.result ?? null; };
        return out;
      });
    } catch (err) {
      await this.#disable(err);
      return null;
    }
  }

  /** Appends documents (already accepted by the engine, in its order). */
  add(docs) {
    return this.#run(async () => {
      const bytes = docs.reduce((n, d) => n + size(d), 0);
      if (this.#keys.length + docs.length > MAX_DOCS || this.#bytes + bytes > MAX_BYTES) {
        throw new Error(`the collection is larger than this page keeps (${MAX_DOCS.toLocaleString('en')} files, `
          + `${Math.round(MAX_BYTES / 1024 / 1024)} MB)`);
      }
      const keys = await tx(['docs'], 'readwrite', (s) => {
        const out = [];
        for (const doc of docs) {
          const value = doc.blob ? { name: doc.name, blob: doc.blob } : { name: doc.name, text: doc.text };
          const req = s.docs.add(value);
          req.onsuccess = () => { out.push(req.result); };
        }
        return out;
      });
      this.#keys.push(...keys);
      this.#bytes += bytes;
      return true;
    });
  }

  /** Forgets the document at session index `index`. */
  remove(index, doc) {
    return this.#run(async () => {
      const [key] = this.#keys.splice(index, 1);
      if (key === undefined) return false;
      this.#bytes -= doc ? size(doc) : 0;
      await tx(['docs'], 'readwrite', (s) => s.docs.delete(key));
      return true;
    });
  }

  saveMeta(meta) {
    return this.#run(() => tx(['meta'], 'readwrite', (s) => s.meta.put(meta, 'state')).then(() => true));
  }

  /** Empties the saved session, and starts keeping the next one again. */
  async clear() {
    await this.#chain;
    this.#keys = [];
    this.#bytes = 0;
    this.enabled = true;
    this.reason = null;
    try {
      await tx(['docs', 'meta'], 'readwrite', (s) => { s.docs.clear(); s.meta.clear(); });
      return true;
    } catch (err) {
      return this.#disable(err);
    }
  }
}
