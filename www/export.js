// What the export buttons produce from the page's report summary. Pure functions (no DOM), so the
// shapes are easy to check; main.js turns them into downloads. The whole report and the bundle
// of cleaned texts come from the core (engine.reportJson, engine.cleanTexts).

/** One document's cleaned text. */
export function cleanText(doc) {
  return doc.clean_text.endsWith('\n') ? doc.clean_text : `${doc.clean_text}\n`;
}

/**
 * One row per entity per document: document, entity, type, mentions (in kept text), title,
 * aliases (separated by "; "), the collection-wide count and the number of documents.
 */
export function entitiesCsv(report) {
  const rows = [['document', 'entity', 'type', 'mentions', 'title', 'aliases', 'collection_mentions', 'collection_documents']];
  report.documents.forEach((d) => {
    for (const e of d.entities) {
      if (e.count === 0) continue;
      const g = report.entities[e.global];
      rows.push([d.name, e.name, e.label, e.count, e.title ?? '', e.aliases.join('; '),
        g ? g.count : '', g ? g.documents.length : '']);
    }
  });
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One RFC 4180 cell. Text that a spreadsheet would run as a formula (starting with = + - @ or a
 * tab/CR) gets a leading apostrophe: an article can contain anything.
 */
export function csvCell(value) {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A file name from a document stem: no path separators, nothing a file system would refuse. */
export function safeFileName(stem, ext) {
  const base = stem.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').slice(0, 120) || 'article';
  return `${base}.${ext}`;
}
