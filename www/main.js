// Wiring: page events → engine (the worker) → render. Holds the page state; never touches the
// wasm directly (see engine.js) and never builds markup from data (see render.js).

import { Engine } from './engine.js';
import { PART_BYTES, splitLarge, splitRecords } from './parts.js';
import { Store } from './store.js';
import {
  applyEntityHighlight, BLOCK_PAGE, CLUSTER_PAGE, clusterNames, LIST_PAGE, PAIR_PAGE, renderArticle, renderArticleList, renderCollectionEntities,
  renderCompare, renderDocEntities, renderDuplicates, renderEntityDetail, renderLegend,
} from './render.js';
import { cleanText, entitiesCsv, safeFileName } from './export.js';
import { renderOverview } from './overview.js';

/** The sample articles shipped in www/samples/, fetched by relative URL. */
const SAMPLES = [
  '000_e77f80073e250d68.txt',
  '001_2d5d7ecc40b0869e.txt',
  '002_57c6f618b57d03d3.txt',
  '003_e558128c81437959.txt',
  '004_84f77ece8fe89074.txt',
];

const $ = (id) => document.getElementById(id);

const state = {
  /** The report's summary: documents without text, blocks and mentions (engine.report). */
  report: null,
  /** The selected document whole, {index, doc}, fetched from the worker when shown. */
  detail: null,
  /** Sent to the core as Options: missing fields take the core's defaults. */
  options: { restored: [] },
  selected: null, // document index
  entityKey: null, // the selected entity as "LABEL\0name": indices change between reports
  ticked: new Set(),
  hiddenTypes: new Set(),
  showTags: true,
  entityFilter: '',
  pasteCount: 0,
  compare: null, // [a, b]
  articleFilter: '',
  articleLimit: LIST_PAGE, // rows of the article list rendered (grows with "Show more")
  blockLimit: BLOCK_PAGE, // block groups of the shown article rendered (grows with "Show more")
  clusterLimit: CLUSTER_PAGE, // clusters and pairs listed in the Duplicates panel
  pairLimit: PAIR_PAGE,
  overview: false, // the similarity overview is open
  overviewZoom: null, // the cluster it shows alone (a report cluster index), or null for all
};

/** The session saved in IndexedDB, restored on load (store.js; best effort). */
const store = new Store();
let storeWarned = false;

const engine = new Engine();
engine.ready.then(
  (version) => {
    $('version').textContent = `v${version}`;
    restoreSession();
  },
  (err) => showError(`The analyzer could not start: ${err.message}`),
);

// ---------------------------------------------------------------------------------------------
// Status and progress

let statusTimer = null;
function showStatus(text, { error = false } = {}) {
  clearTimeout(statusTimer);
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', error);
}

function showError(text) {
  showStatus(text, { error: true });
  console.warn(text); // a warning, not an error: the page handled it
}

/** What the report's steps are called on the page (engine.report's progress). */
const STEPS = {
  boilerplate: 'Finding boilerplate',
  articles: 'Cleaning the articles',
  duplicates: 'Linking duplicates',
  entities: 'Finding entities',
};
// Below this many documents a report is too quick for a bar.
const REPORT_PROGRESS_FROM = 200;

/** Adding: `done` of `total` files. Reporting: `step` is one of STEPS. */
function showProgress(done, total, step = null) {
  const wrap = $('progress-wrap');
  const bar = $('progress');
  if (step) {
    if (engine.docs.length < REPORT_PROGRESS_FROM) return;
    wrap.hidden = false;
    $('cancel').disabled = true; // a report runs to its end
    if (total > 1) {
      bar.max = total;
      bar.value = done;
      showStatus(`${STEPS[step] ?? step}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} articles…`);
    } else {
      bar.removeAttribute('value'); // one unit of work: an indeterminate bar
      showStatus(`${STEPS[step] ?? step}…`);
    }
    return;
  }
  wrap.hidden = total <= 1;
  bar.max = Math.max(total, 1);
  bar.value = done;
  if (total > 1) showStatus(`Analyzing: ${done} of ${total} files…`);
}

function hideProgress() {
  $('progress-wrap').hidden = true;
}

// ---------------------------------------------------------------------------------------------
// The saved session

async function restoreSession() {
  const saved = await store.load();
  if (!saved || saved.docs.length === 0) {
    if (!store.enabled) storeUnavailable();
    return;
  }
  const meta = saved.meta ?? {};
  if (meta.options && typeof meta.options === 'object') {
    state.options = { ...meta.options, restored: Array.isArray(meta.options.restored) ? meta.options.restored : [] };
  }
  state.pasteCount = Number.isInteger(meta.pasteCount) ? meta.pasteCount : 0;
  state.selected = Number.isInteger(meta.selected) ? meta.selected : null;
  await addDocuments(saved.docs, { restoring: true });
}

function saveMeta() {
  store.saveMeta({ options: state.options, selected: state.selected, pasteCount: state.pasteCount })
    .then((ok) => { if (!ok) storeUnavailable(); });
}

// Saving failed (private window, quota, too big): say so once, gently; the page goes on.
function storeUnavailable() {
  if (storeWarned || store.enabled) return;
  storeWarned = true;
  const status = $('status');
  const note = `This session will not be kept after a reload (${store.reason}).`;
  status.textContent = status.textContent ? `${status.textContent} ${note}` : note;
}

// ---------------------------------------------------------------------------------------------
// Adding documents

let adding = null; // the AbortController of the add in progress (Cancel aborts it)

/**
 * `split`: how many more inputs than files the splitting made; `records`: how many inputs are
 * JSON Lines records; `cut`: whether big files were cut into parts (all said in the status).
 */
async function addDocuments(inputs, { restoring = false, split = 0, records = 0, cut = false } = {}) {
  if (!inputs.length) return;
  busy++;
  const t0 = performance.now();
  const files = inputs.length - split;
  const what = restoring ? 'the saved session'
    : split ? `${files === 1 ? 'one file' : `${files} files`} as ${inputs.length} ${records ? 'documents' : 'parts'}`
      : inputs.length === 1 ? inputs[0].name : `${inputs.length} files`;
  showStatus(restoring ? `Restoring the saved session (${inputs.length} files)…` : `Analyzing ${what}…`);
  const controller = new AbortController();
  adding = controller;
  $('cancel').disabled = false;
  showProgress(0, inputs.length);
  try {
    const token = ++refreshToken;
    const { report, first, added, cancelled } = await engine.analyze(inputs, state.options, showProgress, controller.signal,
      earlyClusters(token, restoring ? null : engine.docs.length));
    if (!restoring && added > 0) {
      store.add(engine.docs.slice(first)).then((ok) => { if (!ok) storeUnavailable(); });
    } else if (restoring && added < inputs.length) {
      // A cancelled (or crashed) restore: keep what the page now has, not the old list.
      store.clear().then(() => store.add(engine.docs)).then((ok) => { if (ok) saveMeta(); else storeUnavailable(); });
    }
    if (token === refreshToken) await applyReport(report, { selectFrom: restoring ? null : first });
    const ms = Math.round(performance.now() - t0);
    const skipped = state.report.documents.slice(first).filter((d) => d.error).length + engine.crashed.length;
    const verb = restoring ? 'Restored' : 'Added';
    showStatus((cancelled
      ? `Cancelled: ${added.toLocaleString('en')} of ${inputs.length.toLocaleString('en')} files were added.`
      : `${verb} ${what} in ${ms} ms.`)
      + (records ? ` JSON Lines files were split into their ${records.toLocaleString('en')} records.` : '')
      + (cut ? ` Big files are analyzed in parts of about ${PART_BYTES / 1024 / 1024} MB, cut at blank lines.` : '')
      + (skipped ? ` ${skipped} skipped: see the list.` : ''));
    storeWarned = false;
    storeUnavailable();
  } catch (err) {
    showError(`Analysis failed: ${err.message}`);
    await refresh().catch(() => {});
  } finally {
    if (adding === controller) adding = null;
    hideProgress();
    busy--;
  }
}

function cancelAdding() {
  if (!adding) return;
  adding.abort();
  $('cancel').disabled = true;
  showStatus('Cancelling after the current slice of files…');
}

async function addFiles(fileList) {
  const files = [...fileList];
  let records = 0;
  let cut = false;
  const inputs = (await Promise.all(files.map(async (file) => {
    const input = { name: file.name, blob: file };
    const dump = await splitRecords(input).catch(() => null);
    if (dump) {
      records += dump.length;
      return dump;
    }
    const parts = await splitLarge(input);
    if (parts.length > 1) cut = true;
    return parts;
  }))).flat();
  return addDocuments(inputs, { split: inputs.length - files.length, records, cut });
}

async function addSamples() {
  const button = $('samples');
  button.disabled = true;
  try {
    const inputs = await Promise.all(SAMPLES.map(async (name) => {
      const response = await fetch(`samples/${name}`);
      if (!response.ok) throw new Error(`samples/${name}: HTTP ${response.status}`);
      return { name, blob: await response.blob() };
    }));
    await addDocuments(inputs);
  } catch (err) {
    showError(`Could not load the samples: ${err.message}`);
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------------------------------------
// Re-running and rendering

let refreshToken = 0;
let busy = 0; // requests in flight, for the browser tests (window.gleaner.busy)
async function refresh() {
  const token = ++refreshToken;
  busy++;
  let report;
  try {
    report = await engine.report(state.options, showProgress, earlyClusters(token));
  } finally {
    hideProgress();
    busy--;
  }
  if (token === refreshToken) await applyReport(report); // else a newer report is on its way
}

// A big collection's clusters come seconds before its entities: show them at once, with the
// entity panels saying they are on their way. The full report replaces this one.
function earlyClusters(token, selectFrom = null) {
  return (summary) => {
    if (token !== refreshToken || summary.documents.length < REPORT_PROGRESS_FROM) return;
    state.report = { ...summary, entitiesPending: true };
    if (selectFrom != null) state.articleLimit = LIST_PAGE;
    if (state.selected != null && !summary.documents[state.selected]) state.selected = null;
    renderAll();
  };
}

async function applyReport(report, { selectFrom = null } = {}) {
  state.report = report;
  const shown = state.selected;
  if (selectFrom != null) state.articleLimit = LIST_PAGE;
  if (selectFrom != null) {
    // Show the first new article that could be analyzed.
    const i = report.documents.findIndex((d, j) => j >= selectFrom && !d.error);
    if (i >= 0) state.selected = i;
  }
  if (state.selected != null && !report.documents[state.selected]) state.selected = null;
  if (state.selected == null || report.documents[state.selected]?.error) {
    const i = report.documents.findIndex((d) => !d.error);
    state.selected = i >= 0 ? i : null;
  }
  if (state.selected !== shown) state.blockLimit = BLOCK_PAGE;
  await loadDetail();
  renderAll();
  saveMeta();
  showMemory();
  if (state.compare) openCompare(...state.compare, { focus: false });
}

// The analyzer's memory in the footer: wasm memory only grows, so this is its peak.
function showMemory() {
  engine.memory().then((bytes) => {
    $('memory').textContent = `, using ${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB`;
  }, () => {});
}

// Fetches the selected document whole: the report only holds summaries.
let detailToken = 0;
async function loadDetail() {
  const token = ++detailToken;
  const index = state.selected;
  const doc = index == null ? null : await engine.document(index);
  if (token === detailToken) state.detail = doc ? { index, doc } : null;
}

function selectedGlobal() {
  if (!state.entityKey || !state.report) return null;
  const g = state.report.entities.findIndex((e) => `${e.label}\0${e.name}` === state.entityKey);
  return g >= 0 ? g : null;
}

const handlers = {
  select,
  tick(i, on) {
    if (on) state.ticked.add(i); else state.ticked.delete(i);
    $('compare-selected').disabled = state.ticked.size !== 2;
  },
  remove: removeDocument,
  restore(blockIds) {
    const doc = state.selected;
    for (const block of blockIds) {
      if (!state.options.restored.some((r) => r.doc === doc && r.block === block)) {
        state.options.restored.push({ doc, block });
      }
    }
    rerun('Restored.');
  },
  undo(blockIds) {
    const doc = state.selected;
    state.options.restored = state.options.restored.filter((r) => !(r.doc === doc && blockIds.includes(r.block)));
    rerun('Restore undone.');
  },
  threshold(value) {
    state.options.keep_threshold = value;
    rerun(`Keeping blocks that score at least ${value.toFixed(2)}.`);
  },
  selectEntity(g) {
    const e = g == null ? null : state.report.entities[g];
    state.entityKey = e ? `${e.label}\0${e.name}` : null;
    renderEntities();
    applyEntityHighlight($('article'), selectedGlobal());
    const first = $('article').querySelector('mark.ent.active');
    if (first) first.scrollIntoView({ block: 'nearest' });
  },
  toggleType(label, on) {
    if (on) state.hiddenTypes.delete(label); else state.hiddenTypes.add(label);
    $('article').classList.toggle(`hide-${label}`, !on);
  },
  toggleTags(on) {
    state.showTags = on;
    document.body.classList.toggle('no-tags', !on);
  },
  downloadText() {
    const doc = state.detail?.doc;
    if (doc) download(safeFileName(doc.stem, 'txt'), 'text/plain;charset=utf-8', cleanText(doc));
  },
  compare: (a, b) => openCompare(a, b),
  showMore() {
    state.articleLimit += LIST_PAGE;
    renderList();
  },
  showMoreBlocks() {
    state.blockLimit += BLOCK_PAGE;
    renderArticleView();
  },
  dupThreshold(key, value) {
    state.options[key] = value;
    rerun(`${key === 'near_threshold' ? 'Near-duplicates' : 'Same-story links'} now need at least ${value.toFixed(2)}.`);
  },
  overview: () => openOverview(),
  explain: (index) => engine.explanation(index),
  moreClusters() {
    state.clusterLimit += CLUSTER_PAGE;
    renderDuplicatesPanel();
  },
  morePairs() {
    state.pairLimit += PAIR_PAGE;
    renderDuplicatesPanel();
  },
};

async function rerun(message) {
  try {
    await refresh();
    showStatus(message);
  } catch (err) {
    showError(`Analysis failed: ${err.message}`);
  }
}

// A user picked an article: show it and move the focus there (keyboard users land on it).
async function select(i) {
  state.selected = i;
  state.blockLimit = BLOCK_PAGE;
  busy++;
  try {
    await loadDetail();
  } catch (err) {
    showError(`Could not show the article: ${err.message}`);
  } finally {
    busy--;
  }
  if (state.selected !== i) return; // another article was picked meanwhile
  renderAll();
  saveMeta();
  $('article').focus({ preventScroll: true });
}

async function removeDocument(i) {
  const doc = engine.docs[i];
  try {
    await engine.remove(i);
    store.remove(i, doc);
  } catch (err) {
    showError(`Could not remove: ${err.message}`);
    return;
  }
  // Block references and ticks name documents by index: shift the later ones down.
  state.options.restored = state.options.restored
    .filter((r) => r.doc !== i)
    .map((r) => (r.doc > i ? { ...r, doc: r.doc - 1 } : r));
  state.ticked = new Set([...state.ticked].filter((t) => t !== i).map((t) => (t > i ? t - 1 : t)));
  if (state.selected === i) state.selected = null;
  else if (state.selected > i) state.selected--;
  closeCompare();
  await rerun('Removed.');
}

async function clearAll() {
  try {
    await engine.clear();
  } catch (err) {
    showError(`Could not clear: ${err.message}`);
    return;
  }
  Object.assign(state, {
    report: null, detail: null, options: { restored: [] }, selected: null, entityKey: null, ticked: new Set(), compare: null,
    pasteCount: 0, articleFilter: '', articleLimit: LIST_PAGE, clusterLimit: CLUSTER_PAGE, pairLimit: PAIR_PAGE,
  });
  $('article-filter').value = '';
  closeCompare();
  closeOverview();
  renderAll();
  const cleared = await store.clear();
  showStatus(cleared ? 'Cleared.' : 'Cleared (the saved copy could not be removed from this browser).');
  storeWarned = false;
}

function renderAll() {
  const report = state.report;
  const has = !!report && (report.documents.length > 0 || engine.crashed.length > 0);
  $('workspace').hidden = !has;
  for (const id of ['export-json', 'export-text', 'export-csv', 'clear']) $(id).disabled = !has;
  if (report?.entitiesPending) $('export-csv').disabled = true; // the entities are on their way
  if (!has) return;
  const names = clusterNames(report);
  renderList(names);
  $('compare-selected').disabled = state.ticked.size !== 2;
  renderDuplicatesPanel(names);
  if (state.overview) drawOverview(names);
  renderLegend($('legend'), state.hiddenTypes, state.showTags, handlers);
  renderArticleView(names);
  renderEntities();
}

function renderDuplicatesPanel(names = clusterNames(state.report)) {
  renderDuplicates($('duplicates'), state.report, names, handlers,
    { clusterLimit: state.clusterLimit, pairLimit: state.pairLimit });
}

function renderArticleView(names = clusterNames(state.report)) {
  const report = state.report;
  if (state.selected != null && state.detail?.index === state.selected) {
    renderArticle($('article'), {
      report, names, docIndex: state.selected, doc: state.detail.doc, options: report.options,
      entity: selectedGlobal(), blockLimit: state.blockLimit, on: handlers,
    });
  } else if (report.entitiesPending) {
    $('article').replaceChildren(Object.assign(document.createElement('p'), {
      className: 'muted pending', textContent: 'The articles open once their entities are found…',
    }));
  } else {
    $('article').replaceChildren();
  }
}

function renderList(names = clusterNames(state.report)) {
  renderArticleList($('article-list'), {
    report: state.report, names, selected: state.selected, ticked: state.ticked, crashed: engine.crashed, on: handlers,
    filter: state.articleFilter, limit: state.articleLimit, more: $('article-more'),
  });
}

function renderEntities() {
  const report = state.report;
  if (report.entitiesPending) {
    for (const id of ['doc-entities', 'all-entities']) {
      $(id).replaceChildren(Object.assign(document.createElement('p'), { className: 'muted pending', textContent: 'Finding entities…' }));
    }
    $('entity-detail-panel').hidden = true;
    return;
  }
  const g = selectedGlobal();
  const doc = state.selected != null ? report.documents[state.selected] : null;
  if (doc) renderDocEntities($('doc-entities'), doc, g, handlers);
  else $('doc-entities').replaceChildren();
  renderCollectionEntities($('all-entities'), report, state.entityFilter, g, handlers);
  $('entity-detail-panel').hidden = g == null;
  if (g != null) renderEntityDetail($('entity-detail'), report, g, handlers);
}

// ---------------------------------------------------------------------------------------------
// Compare

async function openCompare(a, b, { focus = true } = {}) {
  const report = state.report;
  if (!report.documents[a] || !report.documents[b] || report.documents[a].error || report.documents[b].error) return;
  state.compare = [a, b];
  const section = $('compare');
  let docs;
  try {
    docs = await Promise.all([engine.document(a), engine.document(b)]);
  } catch (err) {
    showError(`Could not compare: ${err.message}`);
    return;
  }
  let alignment = null;
  try {
    alignment = await engine.align(docs[0].clean_text, docs[1].clean_text);
  } catch (err) {
    showError(`Could not align the two texts: ${err.message}`);
  }
  const index = report.pairs.findIndex((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  let pair = null;
  if (index >= 0) {
    const explanation = await engine.explanation(index).catch(() => null);
    pair = { ...report.pairs[index], explanation };
  }
  renderCompare(section, { docs, alignment, pair, on: { close: closeCompare } });
  section.hidden = false;
  if (focus) {
    section.scrollIntoView({ block: 'start' });
    section.focus({ preventScroll: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Similarity overview

const overviewHandlers = {
  compare: (a, b) => openCompare(a, b),
  zoom(cluster) {
    state.overviewZoom = cluster;
    drawOverview();
  },
  close: closeOverview,
};

function drawOverview(names = clusterNames(state.report)) {
  // Cluster indices change between reports: a zoomed cluster that is gone shows all again.
  if (!names.has(state.overviewZoom)) state.overviewZoom = null;
  renderOverview($('overview'), { report: state.report, names, on: overviewHandlers, zoom: state.overviewZoom });
}

function openOverview() {
  state.overview = true;
  state.overviewZoom = null;
  const section = $('overview');
  drawOverview();
  section.hidden = false;
  section.scrollIntoView({ block: 'start' });
  section.focus({ preventScroll: true });
}

function closeOverview() {
  state.overview = false;
  $('overview').hidden = true;
  $('overview').replaceChildren();
}

function closeCompare() {
  state.compare = null;
  $('compare').hidden = true;
  $('compare').replaceChildren();
}

// ---------------------------------------------------------------------------------------------
// Downloads

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---------------------------------------------------------------------------------------------
// Events

$('paste-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const box = $('paste-text');
  const text = box.value;
  if (!text.trim()) {
    showStatus('Paste some text first.');
    box.focus();
    return;
  }
  box.value = '';
  state.pasteCount++;
  splitLarge({ name: `Pasted ${state.pasteCount}`, text })
    .then((inputs) => addDocuments(inputs, { split: inputs.length - 1, cut: inputs.length > 1 }));
});
$('paste-text').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('paste-form').requestSubmit();
});

$('dropzone').addEventListener('click', () => $('file-input').click());
$('file-input').addEventListener('change', (e) => {
  const files = [...e.target.files];
  e.target.value = '';
  addFiles(files);
});
$('samples').addEventListener('click', addSamples);
$('cancel').addEventListener('click', cancelAdding);
let filterTimer = null;
$('article-filter').addEventListener('input', (e) => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => {
    state.articleFilter = e.target.value;
    state.articleLimit = LIST_PAGE;
    if (state.report) renderList();
  }, 80);
});

// Files can be dropped anywhere on the page.
let dragDepth = 0;
const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
document.addEventListener('dragenter', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth++;
  $('drop-overlay').hidden = false;
});
document.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) $('drop-overlay').hidden = true;
});
document.addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.dataTransfer.dropEffect = 'copy';
});
document.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  $('drop-overlay').hidden = true;
  const files = e.dataTransfer?.files;
  if (files && files.length) addFiles(files);
});

// The whole report and the texts come from the worker as bytes: a big collection's would not
// fit in one JS string.
async function exportFrom(request, name, type) {
  try {
    download(name, type, await request());
  } catch (err) {
    showError(`Could not export: ${err.message}`);
  }
}
$('export-json').addEventListener('click', () => {
  exportFrom(() => engine.reportJson(), 'gleaner-report.json', 'application/json');
});
$('export-text').addEventListener('click', () => {
  exportFrom(() => engine.cleanTexts(), 'gleaner-clean-text.txt', 'text/plain;charset=utf-8');
});
$('export-csv').addEventListener('click', () => {
  download('gleaner-entities.csv', 'text/csv;charset=utf-8', entitiesCsv(state.report));
});
$('clear').addEventListener('click', clearAll);
$('compare-selected').addEventListener('click', () => {
  const [a, b] = [...state.ticked].sort((x, y) => x - y);
  openCompare(a, b);
});
$('entity-filter').addEventListener('input', (e) => {
  state.entityFilter = e.target.value;
  renderCollectionEntities($('all-entities'), state.report, state.entityFilter, selectedGlobal(), handlers);
});
$('article').addEventListener('click', (e) => {
  const mark = e.target.closest('mark.ent[data-global]');
  if (!mark) return;
  const g = Number(mark.dataset.global);
  if (g >= 0) handlers.selectEntity(g === selectedGlobal() ? null : g);
});
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  if (state.compare) closeCompare();
  else if (state.overview) closeOverview();
});

// Offline after the first visit (sw.js). Relative URL and scope: works under /REPO/ too. A
// failure (an insecure origin, a browser setting) only costs the offline copy.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js', { scope: './' }).catch((err) => {
      console.warn(`Offline use is not available: ${err.message}`);
    });
  });
}

// For the browser tests and the curious: the current report's summary and the shown document,
// read-only by convention; document(i) fetches any document whole.
Object.defineProperty(window, 'gleaner', {
  value: {
    get report() { return state.report; },
    get detail() { return state.detail; },
    document: (i) => engine.document(i),
    get busy() { return busy; },
    get engine() { return engine; },
  },
});
