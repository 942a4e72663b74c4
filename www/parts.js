// Big inputs are analyzed as parts. A 100 MB dump as one document would make one article of
// millions of lines: too big to show, to compare or to hold twice in the worker. Cutting it at
// blank lines (else at line ends) into parts of about PART_BYTES keeps every step bounded, and
// the parts are lazy Blob slices, so nothing is read before the worker needs it. A JSON Lines
// dump is better: it is split into its records, one article each.

export const PART_BYTES = 2 * 1024 * 1024;
/** Fields of a JSON Lines record that hold the article, and that name it, in order of preference. */
const TEXT_FIELDS = ['text', 'content', 'body', 'article', 'maintext', 'full_text'];
const NAME_FIELDS = ['title', 'headline', 'url', 'id'];
// JSON Lines files are read in slices of this size, letting the page breathe between them.
const READ_BYTES = 4 * 1024 * 1024;
// How far back from a cut point a line break is looked for.
const WINDOW = 64 * 1024;

/**
 * `input` ({name, blob} or {name, text}) as a list of inputs: itself when small, else parts
 * named "name (part i of n)". UTF-16 files keep their byte order mark on every part, so each part
 * decodes alone; UTF-8 and single-byte files are cut only between characters.
 */
export async function splitLarge(input, partBytes = PART_BYTES) {
  if (input.blob !== undefined) {
    if (input.blob.size <= partBytes * 1.5) return [input];
    return name(input.name, await blobParts(input.blob, partBytes));
  }
  if (input.text.length <= (partBytes / 2) * 1.5) return [input];
  return name(input.name, textParts(input.text, partBytes / 2).map((text) => ({ text })));
}

/**
 * A JSON Lines file (.jsonl, .ndjson) of scraped articles as one input per record: the text from
 * its first string field among TEXT_FIELDS, named "file › title" (NAME_FIELDS, else the line
 * number). Returns null when the file is not such a dump (a line that is not a JSON object with
 * a text field), so the caller treats it as text.
 */
export async function splitRecords(input) {
  if (input.blob === undefined || !/\.(jsonl|ndjson)$/i.test(input.name)) return null;
  const decoder = new TextDecoder();
  const records = [];
  let rest = '';
  let line = 0;
  const take = (raw) => {
    line++;
    if (!raw.trim()) return true;
    let value;
    try {
      value = JSON.parse(raw);
    } catch {
      return false;
    }
    if (!value || typeof value !== 'object') return false;
    const text = TEXT_FIELDS.map((f) => value[f]).find((v) => typeof v === 'string');
    if (text === undefined) return false;
    const label = NAME_FIELDS.map((f) => value[f]).find((v) => typeof v === 'string' || typeof v === 'number');
    records.push({ name: `${input.name} › ${label !== undefined ? String(label).slice(0, 120) : `line ${line}`}`, text });
    return true;
  };
  for (let at = 0; at < input.blob.size; at += READ_BYTES) {
    const chunk = decoder.decode(await input.blob.slice(at, at + READ_BYTES).arrayBuffer(), { stream: true });
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const raw of lines) if (!take(raw)) return null;
  }
  if (!take(rest + decoder.decode())) return null;
  return records.length ? records : null;
}

function name(base, parts) {
  return parts.map((part, i) => ({ ...part, name: `${base} (part ${i + 1} of ${parts.length})` }));
}

async function blobParts(blob, partBytes) {
  const head = new Uint8Array(await blob.slice(0, 2).arrayBuffer());
  const utf16 = head[0] === 0xff && head[1] === 0xfe ? 'le' : head[0] === 0xfe && head[1] === 0xff ? 'be' : null;
  const cuts = [0];
  while (blob.size - cuts[cuts.length - 1] > partBytes * 1.5) {
    const target = cuts[cuts.length - 1] + partBytes;
    const from = Math.max(cuts[cuts.length - 1] + 1, target - WINDOW);
    const bytes = new Uint8Array(await blob.slice(from, target).arrayBuffer());
    cuts.push(from + cutIn(bytes, utf16, from));
  }
  cuts.push(blob.size);
  const parts = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const slice = blob.slice(cuts[i], cuts[i + 1]);
    parts.push({ blob: i > 0 && utf16 ? new Blob([head, slice]) : slice });
  }
  return parts;
}

/**
 * Where to cut in `bytes` (the window before a cut point; `offset` is its position in the file):
 * after the last blank line, else after the last line break, else at the last character
 * boundary. Returns an index into `bytes`, above 0.
 */
export function cutIn(bytes, utf16, offset = 0) {
  if (utf16) {
    const nl = utf16 === 'le' ? [0x0a, 0x00] : [0x00, 0x0a];
    // Code units start at even file offsets.
    const first = (offset % 2 === 0 ? 0 : 1);
    let line = -1;
    for (let i = bytes.length - 2; i >= first; i--) {
      if ((i - first) % 2 !== 0 || bytes[i] !== nl[0] || bytes[i + 1] !== nl[1]) continue;
      if (line < 0) line = i + 2;
      const prev = i - 2;
      if (prev >= first && bytes[prev] === nl[0] && bytes[prev + 1] === nl[1]) return i + 2;
    }
    if (line > 0) return line;
    const even = bytes.length - ((bytes.length - first) % 2);
    return Math.max(first + 2, even);
  }
  let line = -1;
  for (let i = bytes.length - 1; i > 0; i--) {
    if (bytes[i] !== 0x0a) continue;
    if (line < 0) line = i + 1;
    // "\n\n" or "\n\r\n": a blank line.
    if (bytes[i - 1] === 0x0a || (bytes[i - 1] === 0x0d && i > 1 && bytes[i - 2] === 0x0a)) return i + 1;
  }
  if (line > 0) return line;
  // No line break at all: cut before a UTF-8 lead byte (harmless for single-byte encodings).
  let i = bytes.length - 1;
  while (i > 1 && (bytes[i] & 0xc0) === 0x80) i--;
  return i;
}

function textParts(text, partChars) {
  const parts = [];
  let start = 0;
  while (text.length - start > partChars * 1.5) {
    const target = start + partChars;
    const from = Math.max(start + 1, target - WINDOW);
    let cut = text.lastIndexOf('\n\n', target);
    if (cut >= from) cut += 2;
    else {
      cut = text.lastIndexOf('\n', target);
      if (cut >= from) cut += 1;
      else {
        cut = target;
        // Not between the two halves of a surrogate pair.
        const c = text.charCodeAt(cut);
        if (c >= 0xdc00 && c <= 0xdfff) cut--;
      }
    }
    parts.push(text.slice(start, cut));
    start = cut;
  }
  parts.push(text.slice(start));
  return parts;
}
