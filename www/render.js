// DOM building. Every piece of article data reaches the page through textContent or text nodes
// (`h()` appends strings as text nodes): article data never goes through an HTML parser, and no
// URL comes from data.
// A hostile file is therefore only ever shown as text.

/** The entity types of the report, in legend order, with what they mean. */
export const ENTITY_TYPES = [
  ['PER', 'person'],
  ['ORG', 'organization'],
  ['LOC', 'place'],
  ['MISC', 'other name'],
  ['DATE', 'date'],
  ['TIME', 'time'],
  ['MONEY', 'money'],
  ['PERCENT', 'percentage'],
  ['NUMBER', 'number'],
];

const RELATIONS = {
  exact: ['exact copy', 'exact'],
  near: ['near-duplicate', 'near'],
  excerpt: ['excerpt', 'excerpt'],
  'same-story': ['same story', 'story'],
};

/** "near-duplicate", "same story", ... for a report `relation`. */
export function relationLabel(relation) {
  return RELATIONS[relation]?.[0] ?? String(relation);
}

function relationTag(relation) {
  return RELATIONS[relation]?.[1] ?? String(relation);
}

/**
 * Offsets in the report are Unicode code points into `doc.text`; JS strings index UTF-16 code
 * units, where a character outside the Basic Multilingual Plane (most emoji, some CJK) takes
 * two. This is the one place the page converts between them.
 *
 * Returns a function mapping a code point offset in `text` to the UTF-16 index of the same
 * position; offsets at or past the end map to `text.length`. Linear to build, O(1) per lookup,
 * and the identity (no table at all) when the text has no astral characters.
 *
 *   const u16 = codePointsToUtf16('a😀b');  u16(2) === 3;  'a😀b'.slice(u16(2), u16(3)) === 'b'
 */
export function codePointsToUtf16(text) {
  // No surrogate pair means one code unit per code point.
  if (!/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) {
    return (cp) => Math.min(Math.max(cp, 0), text.length);
  }
  const table = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[cp++] = i;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  table[cp] = text.length;
  const last = cp;
  return (n) => (n >= last ? text.length : n <= 0 ? 0 : table[n]);
}

/**
 * Builds an element. `props`: `class`, `text` (textContent), `dataset`, `on<event>` handlers,
 * anything else as an attribute (true → present, null/false → absent). Children are nodes or
 * strings; strings become text nodes, never markup.
 */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child != null && child !== false) node.append(child);
  }
  return node;
}

/** `container.replaceChildren` that skips null/false children (replaceChildren would print "null"). */
export function fill(container, ...children) {
  container.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false));
}

export function percent(x) {
  return `${Math.round(x * 100)}%`;
}

function plural(n, one, many = `${one}s`) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function truncate(s, n) {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

/**
 * Short names for the clusters with more than one member: cluster index → {name: "C1", hue}.
 * Singletons get none: they are just articles.
 */
export function clusterNames(report) {
  const names = new Map();
  let n = 0;
  report.clusters.forEach((c, i) => {
    if (c.members.length > 1) {
      names.set(i, { name: `C${n + 1}`, hue: n % 8 });
      n++;
    }
  });
  return names;
}

function clusterTag(report, names, clusterIndex) {
  const info = names.get(clusterIndex);
  if (!info) return null;
  const c = report.clusters[clusterIndex];
  return h('span', {
    class: `cluster-tag hue-${info.hue}`,
    title: `Cluster ${info.name}: ${c.members.length} articles, ${relationLabel(c.relation)}, similarity ${percent(c.score)}`,
  }, `${info.name} ${relationTag(c.relation)}`);
}

function typeChip(label) {
  return h('span', { class: `type-chip t-${label}`, title: typeName(label) }, label);
}

function typeName(label) {
  return ENTITY_TYPES.find(([t]) => t === label)?.[1] ?? label;
}

// ---------------------------------------------------------------------------------------------
// Article list

/**
 * The collection's articles (and the skipped files, with why). `ctx`: {report, names, selected,
 * ticked: Set, crashed: [{name, message}], on: {select(i), tick(i, on), remove(i)}}.
 */
/** Rows the article list renders at a time: long collections get "Show more". */
export const LIST_PAGE = 200;

/**
 * Whether `doc` (with its cluster name, if any) matches the list filter `query`: a
 * case-insensitive substring of its name, title, cluster name ("C3") or one of its entities.
 */
export function matchesArticle(doc, clusterName, query) {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const has = (s) => typeof s === 'string' && s.toLowerCase().includes(q);
  return has(doc.name) || has(doc.metadata?.title) || has(clusterName)
    || (doc.entities ?? []).some((e) => e.count > 0 && has(e.name));
}

/**
 * The article list: at most `limit` rows of the documents matching `filter`; `more` (an element
 * after the list) says how many are shown and offers the next page (on.showMore()).
 */
export function renderArticleList(list, ctx) {
  const { report, names, selected, ticked, crashed, on, filter = '', limit = LIST_PAGE, more = null } = ctx;
  const matching = [];
  report.documents.forEach((doc, i) => {
    if (matchesArticle(doc, names.get(doc.cluster)?.name, filter)) matching.push(i);
  });
  const crashedMatching = crashed.filter((c) => matchesArticle({ name: c.name }, null, filter));
  const total = matching.length + crashedMatching.length;
  const items = matching.slice(0, limit).map((i) => {
    const doc = report.documents[i];
    if (doc.error) {
      return h('li', { class: 'article-item skipped' },
        h('div', { class: 'item-main' },
          h('span', { class: 'item-name', title: doc.name }, doc.name),
          h('span', { class: 'item-error' }, `Skipped: ${doc.error}`)),
        removeButton(doc, i, on));
    }
    const kept = doc.words_kept;
    return h('li', { class: `article-item${i === selected ? ' selected' : ''}`, dataset: { index: i } },
      h('input', {
        type: 'checkbox',
        class: 'tick',
        checked: ticked.has(i),
        'aria-label': `Tick ${doc.name} to compare`,
        onchange: (e) => on.tick(i, e.target.checked),
      }),
      h('button', {
        type: 'button',
        class: 'item-main',
        'aria-current': i === selected ? 'true' : null,
        onclick: () => on.select(i),
      },
      h('span', { class: 'item-name', title: doc.name }, doc.name),
      doc.metadata.title ? h('span', { class: 'item-title', title: doc.metadata.title }, doc.metadata.title) : null,
      h('span', { class: 'item-meta' },
        h('span', { class: 'words', title: 'words kept / words in the file' },
          `${kept.toLocaleString('en')} / ${plural(doc.words_total, 'word')}`),
        clusterTag(report, names, doc.cluster),
        report.entitiesPending ? null
          : h('span', { class: 'ent-count' }, plural(doc.entities.filter((e) => e.count > 0).length, 'entity', 'entities')))),
      removeButton(doc, i, on));
  });
  for (const c of crashedMatching.slice(0, Math.max(0, limit - items.length))) {
    items.push(h('li', { class: 'article-item skipped' },
      h('div', { class: 'item-main' },
        h('span', { class: 'item-name' }, c.name),
        h('span', { class: 'item-error' }, `Skipped: ${c.message}`))));
  }
  list.replaceChildren(...items);
  if (more) {
    const all = report.documents.length + crashed.length;
    const shown = items.length;
    const parts = [];
    if (filter.trim() && total === 0) parts.push(h('span', {}, 'No article matches the filter.'));
    else if (shown < all) parts.push(h('span', {}, `Showing ${shown.toLocaleString('en')} of ${total.toLocaleString('en')}`
      + (total < all ? ` matching (${all.toLocaleString('en')} in all)` : '')));
    if (shown < total) {
      const next = Math.min(LIST_PAGE, total - shown);
      parts.push(h('button', { type: 'button', class: 'small', onclick: () => on.showMore() }, `Show ${next.toLocaleString('en')} more`));
    }
    more.replaceChildren(...parts);
    more.hidden = parts.length === 0;
  }
}

function removeButton(doc, i, on) {
  return h('button', {
    type: 'button',
    class: 'icon remove',
    title: `Remove ${doc.name}`,
    'aria-label': `Remove ${doc.name}`,
    onclick: () => on.remove(i),
  }, '×');
}

// ---------------------------------------------------------------------------------------------
// The selected article

/** Paragraphs and removed groups of one article rendered at a time (more on request). */
export const BLOCK_PAGE = 500;

/**
 * Groups a document's blocks for display: runs of kept blocks stay single, consecutive removed
 * blocks with the same label become one group (restored together).
 */
export function groupBlocks(blocks) {
  const groups = [];
  for (const b of blocks) {
    const last = groups[groups.length - 1];
    if (!b.kept && last && !last.kept && last.label === b.label) {
      last.blocks.push(b);
    } else {
      groups.push({ kept: b.kept, label: b.label, blocks: [b] });
    }
  }
  return groups;
}

/**
 * The article view. `ctx`: {report (the summary), names, docIndex, doc (that document whole, from
 * engine.document), options, entity (selected global index or null), blockLimit (groups shown,
 * BLOCK_PAGE by default), on: {showMoreBlocks(), {restore(blockIds), undo(blockIds), threshold(value), selectEntity(g),
 * downloadText(), compare(j)}}.
 */
export function renderArticle(pane, ctx) {
  const { report, doc, on } = ctx;
  const u16 = codePointsToUtf16(doc.text);
  const slice = (start, end) => doc.text.slice(u16(start), u16(end));

  const meta = [];
  const md = doc.metadata;
  if (md.title) meta.push(['Title', md.title]);
  if (md.byline) meta.push(['By', md.byline]);
  if (md.date) meta.push(['Date', md.date]);

  const removedWords = doc.words_total - doc.words_kept;
  const removedBlocks = doc.blocks.filter((b) => !b.kept).length;

  const head = h('header', { class: 'article-head' },
    h('div', { class: 'article-title-row' },
      h('h2', { id: 'article-name' }, doc.name),
      clusterTag(report, ctx.names, doc.cluster)),
    meta.length ? h('dl', { class: 'metadata' }, meta.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null,
    h('p', { class: 'facts' },
      h('span', { id: 'words-kept', dataset: { kept: doc.words_kept, total: doc.words_total } },
        `${doc.words_kept.toLocaleString('en')} of ${plural(doc.words_total, 'word')} kept`),
      ` · ${plural(removedBlocks, 'block')} removed (${plural(removedWords, 'word')})`,
      ` · ${doc.format === 'html' ? 'HTML' : 'text'}, ${doc.encoding}`),
    thresholdControl(ctx.options.keep_threshold, on.threshold),
    h('div', { class: 'article-actions' },
      h('button', { type: 'button', class: 'small', onclick: on.downloadText }, 'Download clean text'),
      relatedButtons(ctx)));

  const body = h('div', { class: 'article-body', id: 'article-body' });
  const mentions = doc.mentions.filter((m) => m.kept);
  let m = 0;
  const groups = groupBlocks(doc.blocks);
  const limit = ctx.blockLimit ?? BLOCK_PAGE;
  for (const group of groups.slice(0, limit)) {
    if (group.kept) {
      const b = group.blocks[0];
      while (m < mentions.length && mentions[m].start < b.start) m++;
      const first = m;
      while (m < mentions.length && mentions[m].end <= b.end) m++;
      const para = h('p', { class: 'block kept', dataset: { block: b.id } },
        highlighted(doc, slice, b, mentions.slice(first, m)));
      if (b.restored) {
        para.classList.add('restored');
        para.prepend(h('span', { class: 'restored-badge' },
          h('span', { class: 'restored-label' }, 'restored'),
          h('button', {
            type: 'button',
            class: 'link undo',
            'aria-label': `Undo restoring: ${truncate(slice(b.start, b.end), 40)}`,
            onclick: () => on.undo([b.id]),
          }, 'undo')));
      }
      body.append(para);
    } else {
      body.append(removedGroup(group, slice, on));
    }
  }
  if (groups.length > limit) {
    // A part of a big dump has thousands of blocks: render them a page at a time.
    const next = Math.min(BLOCK_PAGE, groups.length - limit);
    body.append(h('p', { class: 'more-blocks' },
      `Showing ${limit.toLocaleString('en')} of ${groups.length.toLocaleString('en')} paragraphs and removed groups. `,
      h('button', { type: 'button', class: 'small', onclick: on.showMoreBlocks }, `Show ${next.toLocaleString('en')} more`)));
  }
  if (!doc.blocks.some((b) => b.kept)) {
    body.prepend(h('p', { class: 'empty-note' }, 'Every block of this file was judged boilerplate. Lower the threshold or restore a block to keep it.'));
  }
  pane.replaceChildren(head, body);
  applyEntityHighlight(pane, ctx.entity);
}

function thresholdControl(value, onChange) {
  const out = h('output', { for: 'threshold', id: 'threshold-value' }, value.toFixed(2));
  const input = h('input', {
    type: 'range', id: 'threshold', min: '0', max: '1', step: '0.05', value: String(value),
    'aria-describedby': 'threshold-help',
    oninput: (e) => { out.textContent = Number(e.target.value).toFixed(2); },
    onchange: (e) => onChange(Number(e.target.value)),
  });
  return h('div', { class: 'threshold' },
    h('label', { for: 'threshold' }, 'Keep blocks scoring at least ', out),
    h('div', { class: 'threshold-row' },
      h('span', { class: 'hint' }, 'more text'), input, h('span', { class: 'hint' }, 'less boilerplate')),
    h('span', { id: 'threshold-help', class: 'sr-only' }, 'Lower keeps more of the page (recall); higher removes more boilerplate (precision).'));
}

// Other members of the selected article's cluster, each with a Compare button.
function relatedButtons(ctx) {
  const { report, docIndex, on } = ctx;
  const pairs = report.pairs.filter((p) => p.a === docIndex || p.b === docIndex);
  if (!pairs.length) return null;
  return h('span', { class: 'related' }, 'Compare with: ',
    pairs.slice(0, 6).map((p) => {
      const j = p.a === docIndex ? p.b : p.a;
      return h('button', {
        type: 'button', class: 'small',
        title: `${relationLabel(p.relation)}, ${percent(p.score)}`,
        onclick: () => on.compare(docIndex, j),
      }, `${report.documents[j].name} (${relationTag(p.relation)} ${percent(p.score)})`);
    }));
}

// A block's text with its (kept) mentions wrapped in <mark>s.
function highlighted(doc, slice, block, mentions) {
  const out = [];
  let at = block.start;
  for (const mention of mentions) {
    if (mention.start < at) continue; // overlapping mentions: the first wins
    if (mention.start > at) out.push(slice(at, mention.start));
    const ent = doc.entities[mention.entity];
    const g = ent ? ent.global : -1;
    const title = ent
      ? `${mention.label} · ${ent.name}${ent.title ? ` (${ent.title})` : ''}`
      : mention.label;
    out.push(h('mark', {
      class: `ent t-${mention.label}`,
      dataset: { label: mention.label, global: g },
      title,
    }, slice(mention.start, mention.end)));
    at = mention.end;
  }
  if (at < block.end) out.push(slice(at, block.end));
  return out;
}

function removedGroup(group, slice, on) {
  const scores = group.blocks.map((b) => b.score);
  const lo = scores.reduce((a, b) => Math.min(a, b));
  const hi = scores.reduce((a, b) => Math.max(a, b));
  const score = lo === hi ? `score ${lo.toFixed(2)}` : `scores ${lo.toFixed(2)}–${hi.toFixed(2)}`;
  const first = group.blocks[0];
  const reason = first.reason;
  const n = group.blocks.length;
  return h('div', { class: 'removed-group', dataset: { label: group.label } },
    h('details', {},
      h('summary', {},
        h('span', { class: 'removed-reason' }, reason),
        h('span', { class: 'removed-meta' }, `${n > 1 ? `${n} blocks · ` : ''}${score}`),
        h('span', { class: 'removed-preview' }, truncate(slice(first.start, first.end), 90))),
      h('div', { class: 'removed-body' },
        group.blocks.map((b) => h('del', {
          class: 'block removed',
          dataset: { block: b.id },
          title: `Removed: ${b.reason} (score ${b.score.toFixed(2)})`,
        }, slice(b.start, b.end))))),
    h('button', {
      type: 'button',
      class: 'small restore',
      'aria-label': `Restore ${n > 1 ? `${n} blocks` : 'block'}: ${reason}`,
      onclick: () => on.restore(group.blocks.map((b) => b.id)),
    }, 'Restore'));
}

/** Marks every mention of collection entity `g` (or none) as active. */
export function applyEntityHighlight(root, g) {
  for (const mark of root.querySelectorAll('mark.ent.active')) mark.classList.remove('active');
  if (g == null) return;
  for (const mark of root.querySelectorAll(`mark.ent[data-global="${Number(g)}"]`)) {
    mark.classList.add('active');
  }
}

// ---------------------------------------------------------------------------------------------
// Entities

/** The legend: one toggle per type (hides that type's highlighting), plus the tags toggle. */
export function renderLegend(container, hidden, showTags, on) {
  fill(container, 
    h('ul', { class: 'legend-list' },
      ENTITY_TYPES.map(([label, name]) => h('li', {},
        h('label', { class: 'legend-item' },
          h('input', {
            type: 'checkbox',
            checked: !hidden.has(label),
            onchange: (e) => on.toggleType(label, e.target.checked),
          }),
          h('mark', { class: `ent t-${label}`, dataset: { label } }, name))))),
    h('label', { class: 'tags-toggle' },
      h('input', { type: 'checkbox', checked: showTags, onchange: (e) => on.toggleTags(e.target.checked) }),
      ' Show type tags on highlights'));
}

/** The selected article's entities (kept mentions only). */
export function renderDocEntities(container, doc, selectedGlobal, on) {
  const ents = doc.entities.filter((e) => e.count > 0);
  if (!ents.length) {
    fill(container, h('p', { class: 'muted' }, 'No entities in the kept text.'));
    return;
  }
  // Most mentioned first: past 200 (a part of a big dump) the rest are only counted.
  const shown = ents.slice(0, 200);
  fill(container, h('ul', { class: 'entity-list' },
    shown.map((e) => entityRow(e.name, e.label, e.count, null, e.aliases, e.title, e.global, selectedGlobal, on))),
  ents.length > shown.length ? h('p', { class: 'muted' }, `…and ${ents.length - shown.length} more, mentioned less often.`) : null);
}

/** The collection's entities, filtered by `filter` (a substring of the name or an alias). */
export function renderCollectionEntities(container, report, filter, selectedGlobal, on) {
  const f = filter.trim().toLowerCase();
  const all = report.entities
    .map((e, g) => [e, g])
    .filter(([e]) => e.count > 0)
    .filter(([e]) => !f || e.name.toLowerCase().includes(f) || e.aliases.some((a) => a.toLowerCase().includes(f)));
  const shown = all.slice(0, 200);
  fill(container, 
    h('ul', { class: 'entity-list' },
      shown.map(([e, g]) => entityRow(e.name, e.label, e.count, e.documents.length, e.aliases, null, g, selectedGlobal, on))),
    all.length > shown.length ? h('p', { class: 'muted' }, `…and ${all.length - shown.length} more; filter to find them.`) : null,
    all.length === 0 ? h('p', { class: 'muted' }, f ? 'No entity matches.' : 'No entities yet.') : null);
}

function entityRow(name, label, count, docs, aliases, title, g, selectedGlobal, on) {
  const others = aliases.filter((a) => a !== name);
  const tip = [
    title ? `Title: ${title}` : null,
    others.length ? `Also: ${others.join(', ')}` : null,
  ].filter(Boolean).join('\n');
  return h('li', {},
    h('button', {
      type: 'button',
      class: `entity-row${g === selectedGlobal ? ' active' : ''}`,
      'aria-pressed': g === selectedGlobal ? 'true' : 'false',
      title: tip || null,
      dataset: { global: g },
      onclick: () => on.selectEntity(g === selectedGlobal ? null : g),
    },
    typeChip(label),
    h('span', { class: 'entity-name' }, name, others.length ? h('span', { class: 'aliases' }, ` +${others.length}`) : null),
    h('span', { class: 'entity-count', title: 'mentions in kept text' }, String(count)),
    docs != null ? h('span', { class: 'entity-docs', title: 'articles' }, `${docs} art.`) : null));
}

/** Details of one collection entity: aliases and the articles it occurs in. */
export function renderEntityDetail(container, report, g, on) {
  const e = report.entities[g];
  const perDoc = e.documents.map((d) => {
    const doc = report.documents[d];
    const local = doc.entities.find((x) => x.global === g);
    return [d, doc, local ? local.count : 0];
  });
  fill(container, 
    h('p', { class: 'entity-detail-name' }, typeChip(e.label), ' ', h('strong', {}, e.name)),
    e.aliases.length > 1 ? h('p', { class: 'muted' }, `Also written: ${e.aliases.filter((a) => a !== e.name).join(', ')}`) : null,
    h('p', {}, `${plural(e.count, 'mention')} in ${plural(e.documents.length, 'article')}:`),
    h('ul', { class: 'occurs-in' },
      perDoc.map(([d, doc, n]) => h('li', {},
        h('button', { type: 'button', class: 'link', onclick: () => on.select(d) }, doc.name),
        ` (${n})`))),
    h('button', { type: 'button', class: 'small', onclick: () => on.selectEntity(null) }, 'Clear highlight'));
}

// ---------------------------------------------------------------------------------------------
// Duplicates

/**
 * The Duplicates panel: the near and same-story threshold sliders (on.dupThreshold), a button
 * for the similarity overview (on.overview), the clusters of two or more, then the linked pairs
 * with a Compare button each; both lists a page at a time (on.moreClusters, on.morePairs).
 */
export function renderDuplicates(container, report, names, on, { clusterLimit = CLUSTER_PAGE, pairLimit = PAIR_PAGE } = {}) {
  const controls = dupThresholds(report.options, on);
  const multi = report.clusters.map((c, i) => [c, i]).filter(([c]) => c.members.length > 1);
  if (!multi.length) {
    const n = report.documents.filter((d) => !d.error).length;
    fill(container, controls, h('p', { class: 'muted' },
      n < 2 ? 'Add two or more articles to find copies and retellings.' : 'No duplicates: every article tells its own story.'));
    return;
  }
  const more = (shown, total, what, onMore) => (shown < total
    ? h('p', { class: 'list-more' },
      h('span', {}, `Showing ${shown.toLocaleString('en')} of ${total.toLocaleString('en')} ${what}`),
      h('button', { type: 'button', class: 'small', onclick: onMore }, `Show ${Math.min(shown, total - shown).toLocaleString('en')} more`))
    : null);
  const clusters = multi.slice(0, clusterLimit);
  const pairs = report.pairs.slice(0, pairLimit);
  fill(container,
    controls,
    h('div', { class: 'dup-actions' },
      h('button', { type: 'button', class: 'small', id: 'open-overview', onclick: on.overview }, 'Similarity overview')),
    h('ul', { class: 'cluster-list' },
      clusters.map(([c, i]) => h('li', { class: 'cluster' },
        h('div', { class: 'cluster-head' },
          clusterTag(report, names, i),
          h('span', {}, `${relationLabel(c.relation)} · ${percent(c.score)}`)),
        h('ol', { class: 'members' },
          c.members.map((d, k) => h('li', {},
            h('button', { type: 'button', class: 'link', onclick: () => on.select(d) }, report.documents[d].name),
            k === 0 ? h('span', { class: 'muted', title: 'earliest date, else the longest' }, ' likely original') : null)))))),
    more(clusters.length, multi.length, 'clusters', on.moreClusters),
    h('h3', {}, `Linked pairs (${report.pairs.length.toLocaleString('en')})`),
    h('ul', { class: 'pair-list' },
      pairs.map((p, index) => {
        const [A, B] = [report.documents[p.a].name, report.documents[p.b].name];
        // The explanation is fetched when "Why" is first opened: the summary leaves it out.
        const why = h('span', { class: 'explanation-text' }, '…');
        const explain = (e) => {
          if (!e.target.open || why.dataset.loaded) return;
          why.dataset.loaded = 'yes';
          on.explain(index).then((text) => { why.textContent = text; }, () => { why.textContent = '(not available)'; });
        };
        return h('li', { class: 'pair' },
          h('div', { class: 'pair-head' },
            h('span', { class: `relation rel-${p.relation}` }, relationLabel(p.relation)),
            h('span', { class: 'pair-score', title: 'similarity' }, percent(p.score)),
            h('button', {
              type: 'button',
              class: 'small',
              'aria-label': `Compare ${A} and ${B}`,
              onclick: () => on.compare(p.a, p.b),
            }, 'Compare')),
          h('div', { class: 'pair-names' },
            h('span', { class: 'pair-name', title: A }, A),
            h('span', { class: 'pair-name', title: B }, h('span', { 'aria-hidden': 'true' }, '↔ '), B)),
          h('details', { class: 'why', ontoggle: explain },
            h('summary', {}, 'Why'),
            h('p', { class: 'explanation' },
              `${percent(p.contained_a_in_b)} of the first is in the second, ${percent(p.contained_b_in_a)} the other way. `,
              why)));
      })),
    more(pairs.length, report.pairs.length, 'pairs', on.morePairs));
}

/** Clusters and pairs listed at a time (more on request): 10,000 articles can have 45,000 pairs. */
export const CLUSTER_PAGE = 100;
export const PAIR_PAGE = 200;

// The two duplicate thresholds, re-run on release like the keep threshold.
function dupThresholds(options, on) {
  const slider = (key, id, label, help) => {
    const value = options[key];
    const out = h('output', { for: id }, value.toFixed(2));
    return h('label', { for: id, title: help },
      `${label} `,
      h('input', {
        type: 'range', id, min: '0.05', max: '1', step: '0.05', value: String(value),
        oninput: (e) => { out.textContent = Number(e.target.value).toFixed(2); },
        onchange: (e) => on.dupThreshold(key, Number(e.target.value)),
      }),
      out);
  };
  return h('div', { class: 'dup-thresholds' },
    slider('near_threshold', 'near-threshold', 'Near copy at', 'Share of 5-word passages two texts must have in common to be near-duplicates'),
    slider('story_threshold', 'story-threshold', 'Same story at', 'Score two differently worded texts need to be linked as one story'));
}

// ---------------------------------------------------------------------------------------------
// Compare two articles

/**
 * Two cleaned texts side by side. With an alignment (the core's `align`: sentence ranges of each
 * text, `matches` between them with the words only one side has), matched sentences are shown
 * on one row, in the first text's order, with differing words marked; unmatched sentences get a
 * row of their own. Without one, the two texts are shown in two columns. `ctx`: {docs (the two
 * documents whole), alignment, pair, on: {close()}}.
 */
export function renderCompare(section, ctx) {
  const { docs: [A, B], alignment, pair, on } = ctx;
  const head = h('header', { class: 'compare-head' },
    h('h2', { id: 'compare-h' }, 'Compare'),
    h('p', { class: 'compare-names' },
      h('span', { class: 'side-a' }, A.name), ' ↔ ', h('span', { class: 'side-b' }, B.name)),
    h('button', { type: 'button', class: 'small', onclick: on.close, 'aria-label': 'Close the comparison' }, 'Close'),
    pair ? h('p', { class: 'muted pair-explanation' }, `${relationLabel(pair.relation)}, similarity ${percent(pair.score)}. ${pair.explanation ?? ''}`) : null);

  const ta = A.clean_text;
  const tb = B.clean_text;
  const ok = alignment && Array.isArray(alignment.a) && Array.isArray(alignment.b) && Array.isArray(alignment.matches);
  if (!ok) {
    section.replaceChildren(head, h('div', { class: 'compare-grid plain' },
      h('div', { class: 'compare-col' }, ta), h('div', { class: 'compare-col' }, tb)));
    return;
  }
  const ua = codePointsToUtf16(ta);
  const ub = codePointsToUtf16(tb);
  const sentence = (text, u, [s, e], only) => {
    const out = [];
    let at = s;
    for (const [os, oe] of only) {
      if (os < at || oe > e) continue;
      if (os > at) out.push(text.slice(u(at), u(os)));
      out.push(h('mark', { class: 'diff', title: 'only in this text' }, text.slice(u(os), u(oe))));
      at = oe;
    }
    if (at < e) out.push(text.slice(u(at), u(e)));
    return out;
  };

  const matchOfA = new Map(alignment.matches.map((m) => [m.a, m]));
  const matchedB = new Set(alignment.matches.map((m) => m.b));
  const rows = [];
  alignment.a.forEach((range, i) => {
    const m = matchOfA.get(i);
    if (m) {
      rows.push(h('div', { class: 'compare-row shared', title: `shared sentence, ${percent(m.score)} of words in common` },
        h('div', { class: 'compare-cell' }, sentence(ta, ua, range, m.a_only)),
        h('div', { class: 'compare-cell' }, sentence(tb, ub, alignment.b[m.b], m.b_only))));
    } else {
      rows.push(h('div', { class: 'compare-row only-a' },
        h('div', { class: 'compare-cell' }, sentence(ta, ua, range, [])),
        h('div', { class: 'compare-cell empty' }, h('span', { class: 'sr-only' }, 'not in the second text'))));
    }
  });
  alignment.b.forEach((range, j) => {
    if (matchedB.has(j)) return;
    rows.push(h('div', { class: 'compare-row only-b' },
      h('div', { class: 'compare-cell empty' }, h('span', { class: 'sr-only' }, 'not in the first text')),
      h('div', { class: 'compare-cell' }, sentence(tb, ub, range, []))));
  });
  const shared = alignment.matches.length;
  const stats = h('p', { class: 'compare-stats' },
    h('span', { class: 'swatch shared' }), ` ${shared} shared sentences: ${percent(shared / Math.max(1, alignment.a.length))} of the first, `,
    `${percent(shared / Math.max(1, alignment.b.length))} of the second. `,
    h('mark', { class: 'diff' }, 'marked'), ' words differ. Sentences only one side has stand alone; the second text\'s own sentences come last.');
  section.replaceChildren(head, stats,
    h('div', { class: 'compare-grid', role: 'group', 'aria-label': 'Sentences side by side' },
      h('div', { class: 'compare-row header' },
        h('div', { class: 'compare-cell' }, A.name), h('div', { class: 'compare-cell' }, B.name)),
      rows));
}
