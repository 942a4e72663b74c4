// The similarity overview: every linked article on both axes of a matrix, ordered cluster by
// cluster (largest first), so clusters show as squares on the diagonal and each linked pair as a
// cell coloured by its level, darker for a higher score. Drawn on a canvas: a thousand articles
// are a million cells, too many for DOM elements, and a canvas reads no markup from data.
// Pointing at a cell names the two articles; clicking it opens Compare; clicking inside a
// cluster's square without a pair zooms into that cluster. The pair list in the Duplicates panel
// holds the same facts for keyboard and screen reader users.

import { fill, h, percent, relationLabel } from './render.js';

/** Matrix side in CSS pixels: big enough to read, small enough to fit the page. */
const MAX_SIDE = 720;
const MIN_SIDE = 240;

/**
 * The linked articles in matrix order: `docs` (document indices), `at` (document → position)
 * and `blocks`: one [start, end, clusterIndex] per cluster of two or more.
 */
export function overviewOrder(report, only = null) {
  const multi = report.clusters
    .map((c, i) => [c, i])
    .filter(([c, i]) => c.members.length > 1 && (only == null || i === only))
    .sort(([a, i], [b, j]) => b.members.length - a.members.length || i - j);
  const docs = [];
  const blocks = [];
  for (const [c, i] of multi) {
    blocks.push([docs.length, docs.length + c.members.length, i]);
    docs.push(...c.members);
  }
  return { docs, at: new Map(docs.map((d, k) => [d, k])), blocks };
}

/**
 * Draws the overview into `section`: all clusters, or only cluster `zoom` (a report cluster
 * index). `on`: {compare(a, b), zoom(clusterIndex or null), close()}.
 */
export function renderOverview(section, { report, names, on, zoom = null }) {
  const { docs, at, blocks } = overviewOrder(report, zoom);
  const head = h('header', { class: 'compare-head' },
    h('h2', { id: 'overview-h' }, zoom == null ? 'Similarity overview' : `Similarity overview: cluster ${names.get(zoom)?.name ?? ''}`),
    zoom == null ? null : h('button', { type: 'button', class: 'small', id: 'overview-all', onclick: () => on.zoom(null) }, 'All clusters'),
    h('button', { type: 'button', class: 'small', onclick: on.close, 'aria-label': 'Close the overview' }, 'Close'));
  if (docs.length === 0) {
    fill(section, head, h('p', { class: 'muted' }, 'No linked articles yet.'));
    return;
  }
  const n = docs.length;
  const side = Math.max(MIN_SIDE, Math.min(MAX_SIDE, n * 8));
  const cell = side / n;
  const dpr = globalThis.devicePixelRatio || 1;
  const canvas = h('canvas', {
    class: 'overview-canvas',
    width: String(Math.round(side * dpr)),
    height: String(Math.round(side * dpr)),
    role: 'img',
    'aria-label': `Similarity matrix of ${n} linked articles in ${blocks.length} clusters. `
      + 'The list of linked pairs in the Duplicates panel gives the same information.',
  });
  canvas.style.width = `${side}px`;
  canvas.style.height = `${side}px`;
  const readout = h('p', { class: 'overview-readout', 'aria-live': 'polite' },
    zoom == null && blocks.length > 1
      ? 'Point at a cell to see the two articles; click it to compare them, or click inside a square to zoom into its cluster.'
      : 'Point at a cell to see the two articles; click it to compare them.');

  const css = getComputedStyle(section);
  const colour = (name) => css.getPropertyValue(name).trim() || '#888';
  const levels = ['exact', 'near', 'excerpt', 'same-story'];
  const colours = Object.fromEntries(levels.map((l) => [l, colour(`--rel-${l}`)]));
  const ctx = canvas.getContext('2d');
  ctx.scale(dpr, dpr);
  ctx.fillStyle = colour('--surface-2');
  ctx.fillRect(0, 0, side, side);
  // Clusters: a tinted square on the diagonal, in the cluster's tag colour.
  for (const [start, end, c] of blocks) {
    ctx.globalAlpha = 0.18;
    ctx.fillStyle = colour(`--hue-${names.get(c)?.hue ?? 7}`);
    ctx.fillRect(start * cell, start * cell, (end - start) * cell, (end - start) * cell);
  }
  // Pairs: both cells, at least one pixel wide.
  const pairAt = new Map();
  const w = Math.max(cell, 1);
  for (const p of report.pairs) {
    const i = at.get(p.a);
    const j = at.get(p.b);
    if (i === undefined || j === undefined) continue;
    pairAt.set(i * n + j, p);
    pairAt.set(j * n + i, p);
    ctx.globalAlpha = 0.35 + 0.65 * Math.max(0, Math.min(1, p.score));
    ctx.fillStyle = colours[p.relation] ?? colour('--muted');
    ctx.fillRect(j * cell, i * cell, w, w);
    ctx.fillRect(i * cell, j * cell, w, w);
  }
  ctx.globalAlpha = 1;

  const cellAt = (event) => {
    const box = canvas.getBoundingClientRect();
    const i = Math.floor(((event.clientY - box.top) / box.height) * n);
    const j = Math.floor(((event.clientX - box.left) / box.width) * n);
    return i >= 0 && j >= 0 && i < n && j < n ? [i, j] : null;
  };
  const name = (k) => report.documents[docs[k]].name;
  canvas.addEventListener('mousemove', (event) => {
    const ij = cellAt(event);
    if (!ij) return;
    const [i, j] = ij;
    const p = pairAt.get(i * n + j);
    const cluster = names.get(report.documents[docs[i]].cluster)?.name;
    readout.textContent = i === j ? `${name(i)} (cluster ${cluster})`
      : p ? `${name(i)} ↔ ${name(j)}: ${relationLabel(p.relation)}, ${percent(p.score)}. Click to compare.`
        : `${name(i)} ↔ ${name(j)}: not linked directly`
          + (report.documents[docs[i]].cluster === report.documents[docs[j]].cluster ? `, both in ${cluster}.` : '.');
  });
  canvas.addEventListener('click', (event) => {
    const ij = cellAt(event);
    if (!ij) return;
    const [i, j] = ij;
    if (i !== j && pairAt.has(i * n + j)) {
      on.compare(docs[i], docs[j]);
    } else if (zoom == null && blocks.length > 1) {
      const block = blocks.find(([start, end]) => i >= start && i < end && j >= start && j < end);
      if (block) on.zoom(block[2]);
    }
  });

  const legend = h('p', { class: 'overview-legend' },
    levels.map((l) => h('span', { class: 'overview-key' },
      h('span', { class: 'swatch', dataset: { rel: l } }), ` ${relationLabel(l)}`)),
    h('span', { class: 'muted' }, ` · ${n.toLocaleString('en')} linked articles in ${blocks.length.toLocaleString('en')} clusters,`
      + ' largest first; tinted squares are clusters, darker cells higher scores.'));
  fill(section, head, legend, h('div', { class: 'overview-frame' }, canvas), readout);
}
