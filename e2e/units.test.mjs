// The page's pure functions, run in Node (no browser): offset conversion, block grouping, CSV.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePointsToUtf16, groupBlocks, relationLabel } from '../www/render.js';
import { cleanText, csvCell, entitiesCsv, safeFileName } from '../www/export.js';
import { splitLarge, splitRecords } from '../www/parts.js';
import { missingSupport, SIMD_PROBE } from '../www/support.js';

/** Slices `text` by code point offsets through the page's one conversion function. */
function slice(text, start, end) {
  const u16 = codePointsToUtf16(text);
  return text.slice(u16(start), u16(end));
}

test('codePointsToUtf16: identity without astral characters', () => {
  const text = 'Kyiv’s “relationship” — €5';
  const u16 = codePointsToUtf16(text);
  for (let i = 0; i <= text.length; i++) assert.equal(u16(i), i);
  assert.equal(u16(999), text.length);
});

test('codePointsToUtf16: emoji, flags, skin tones and math letters take two code units', () => {
  const text = 'a😀b 🇺🇦 👍🏽 𝒜x';
  const cps = [...text];
  for (let s = 0; s <= cps.length; s++) {
    for (let e = s; e <= cps.length; e++) {
      assert.equal(slice(text, s, e), cps.slice(s, e).join(''), `[${s}, ${e})`);
    }
  }
  const u16 = codePointsToUtf16(text);
  assert.equal(u16(2), 3); // after "a😀"
  assert.equal(u16(cps.length), text.length);
  assert.equal(u16(cps.length + 5), text.length);
});

test('codePointsToUtf16: a lone surrogate counts as one code point', () => {
  const text = 'a\uD800b😀';
  const cps = [...text];
  assert.equal(cps.length, 4);
  assert.equal(slice(text, 2, 3), 'b');
  assert.equal(slice(text, 3, 4), '😀');
});

test('groupBlocks: consecutive removed blocks with one label form one group', () => {
  const b = (id, kept, label) => ({ id, kept, label });
  const groups = groupBlocks([
    b(0, false, 'title'), b(1, true, 'article'), b(2, true, 'article'),
    b(3, false, 'headline-list'), b(4, false, 'headline-list'), b(5, false, 'comment-form'),
  ]);
  assert.deepEqual(groups.map((g) => [g.kept, g.label, g.blocks.map((x) => x.id)]), [
    [false, 'title', [0]], [true, 'article', [1]], [true, 'article', [2]],
    [false, 'headline-list', [3, 4]], [false, 'comment-form', [5]],
  ]);
});

test('relationLabel names every relation', () => {
  assert.equal(relationLabel('exact'), 'exact copy');
  assert.equal(relationLabel('near'), 'near-duplicate');
  assert.equal(relationLabel('excerpt'), 'excerpt');
  assert.equal(relationLabel('same-story'), 'same story');
});

test('csvCell quotes and defuses formulas', () => {
  assert.equal(csvCell('Putin'), 'Putin');
  assert.equal(csvCell('Scholz, Olaf'), '"Scholz, Olaf"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  assert.equal(csvCell('-5'), "'-5");
  assert.equal(csvCell(-5), '-5');
  assert.equal(csvCell('a\nb'), '"a\nb"');
});

test('exports: entities CSV rows from the summary, one clean text, file names', () => {
  const report = {
    documents: [
      {
        name: 'a.txt', error: null,
        entities: [
          { name: 'Vladimir Putin', label: 'PER', title: 'Russian President', aliases: ['Vladimir Putin', 'Putin'], count: 2, global: 0 },
          { name: 'Nobody', label: 'PER', title: null, aliases: ['Nobody'], count: 0, global: 1 },
        ],
      },
      { name: 'b.png', error: 'not a text file', entities: [] },
    ],
    entities: [
      { name: 'Vladimir Putin', label: 'PER', aliases: ['Vladimir Putin', 'Putin'], count: 5, documents: [0, 2] },
      { name: 'Nobody', label: 'PER', aliases: ['Nobody'], count: 0, documents: [] },
    ],
  };
  assert.equal(entitiesCsv(report),
    'document,entity,type,mentions,title,aliases,collection_mentions,collection_documents\r\n'
    + 'a.txt,Vladimir Putin,PER,2,Russian President,Vladimir Putin; Putin,5,2\r\n');
  assert.equal(cleanText({ clean_text: 'Putin met Scholz.' }), 'Putin met Scholz.\n');
  assert.equal(cleanText({ clean_text: 'Two\n\nparagraphs\n' }), 'Two\n\nparagraphs\n');
  assert.equal(safeFileName('../etc/pass:wd', 'txt'), '.._etc_pass_wd.txt');
});

test('splitLarge: small inputs stay whole; big ones are cut at blank lines into named parts', async () => {
  const small = { name: 'a.txt', blob: new Blob(['short']) };
  assert.deepEqual(await splitLarge(small, 100), [small]);

  const paragraph = (i) => `Paragraph ${i} has a few words in it.\nAnd a second line.\n\n`;
  const text = Array.from({ length: 40 }, (_, i) => paragraph(i)).join('');
  const parts = await splitLarge({ name: 'dump.txt', blob: new Blob([text]) }, 400);
  assert.ok(parts.length >= 4, `${parts.length} parts`);
  assert.deepEqual(parts.map((p) => p.name), parts.map((_, i) => `dump.txt (part ${i + 1} of ${parts.length})`));
  const texts = await Promise.all(parts.map((p) => p.blob.text()));
  assert.equal(texts.join(''), text, 'the parts do not add up to the file');
  for (const t of texts.slice(0, -1)) assert.ok(t.endsWith('\n\n'), `a part ends mid-paragraph: ${JSON.stringify(t.slice(-20))}`);

  // Pasted text the same way.
  const pasted = await splitLarge({ name: 'Pasted 1', text }, 400);
  assert.equal(pasted.map((p) => p.text).join(''), text);
  assert.ok(pasted.length >= 8);
});

test('splitLarge: UTF-16 parts keep the byte order mark; UTF-8 is never cut inside a character', async () => {
  const line = 'Zoë und Jürgen trafen sich in Köln.\n';
  const body = line.repeat(60);
  const le = new Uint8Array(2 + body.length * 2);
  le.set([0xff, 0xfe]);
  for (let i = 0; i < body.length; i++) le[2 + 2 * i] = body.charCodeAt(i); // Latin-1 range only
  const parts = await splitLarge({ name: 'u16.txt', blob: new Blob([le]) }, 600);
  assert.ok(parts.length >= 3);
  const decoded = await Promise.all(parts.map(async (p) => new TextDecoder('utf-16le').decode(await p.blob.arrayBuffer())));
  for (const [i, d] of decoded.entries()) {
    const bytes = new Uint8Array(await parts[i].blob.slice(0, 2).arrayBuffer());
    assert.deepEqual([...bytes], [0xff, 0xfe], `part ${i + 1} has no BOM`);
    assert.ok(d.endsWith('\n'), `part ${i + 1} is cut inside a line`);
  }
  assert.equal(decoded.join(''), body);

  // One long UTF-8 line with no break: cut before a lead byte.
  const emoji = '😀é'.repeat(400);
  const u8 = await splitLarge({ name: 'one-line.txt', blob: new Blob([emoji]) }, 500);
  const back = await Promise.all(u8.map((p) => p.blob.arrayBuffer()));
  for (const b of back) new TextDecoder('utf-8', { fatal: true }).decode(b); // throws if cut mid-character
  assert.equal(back.map((b) => new TextDecoder().decode(b)).join(''), emoji);
});

test('splitRecords: a JSON Lines dump becomes one input per record, named by its title', async () => {
  const lines = [
    { title: 'Scholz in Moscow', text: 'German Chancellor Olaf Scholz met Vladimir Putin.', url: 'https://a.example/1' },
    { url: 'https://b.example/2', content: 'Ein zweiter Artikel über Ursula von der Leyen. 😀' },
    { id: 7, body: 'Third article, named by its id.' },
  ];
  const text = `${lines.map((l) => JSON.stringify(l)).join('\n')}\n\n`;
  const records = await splitRecords({ name: 'dump.jsonl', blob: new Blob([text]) });
  assert.deepEqual(records, [
    { name: 'dump.jsonl › Scholz in Moscow', text: lines[0].text },
    { name: 'dump.jsonl › https://b.example/2', text: lines[1].content },
    { name: 'dump.jsonl › 7', text: lines[2].body },
  ]);
  // Not a dump: another extension, a line that is not JSON, a record without a text field.
  assert.equal(await splitRecords({ name: 'dump.txt', blob: new Blob([text]) }), null);
  assert.equal(await splitRecords({ name: 'a.jsonl', blob: new Blob(['{"text": "ok"}\nnot json\n']) }), null);
  assert.equal(await splitRecords({ name: 'a.ndjson', blob: new Blob(['{"title": "no text"}\n']) }), null);
  assert.equal(await splitRecords({ name: 'pasted', text }), null);
});

test('missingSupport: this runtime has WebAssembly SIMD; its absence is named', () => {
  assert.equal(missingSupport(), null);
  assert.equal(WebAssembly.validate(SIMD_PROBE), true);
  // The probe returns a v128 (type 0x7b) made by SIMD instructions (prefix 0xfd): a browser
  // without SIMD cannot validate it.
  assert.ok(SIMD_PROBE.includes(0x7b) && SIMD_PROBE.includes(0xfd));
  assert.match(missingSupport({ validate: () => false }), /lacks WebAssembly SIMD/);
  assert.match(missingSupport(null), /no WebAssembly/);
});
