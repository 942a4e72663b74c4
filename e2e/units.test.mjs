// The page's pure functions, run in Node (no browser): offset conversion, block grouping, CSV.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePointsToUtf16, groupBlocks, relationLabel } from '../www/render.js';
import { cleanTextBundle, csvCell, entitiesCsv, safeFileName } from '../www/export.js';

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

test('exports: entities CSV rows and the clean text bundle', () => {
  const report = {
    documents: [
      {
        name: 'a.txt', error: null, clean_text: 'Putin met Scholz.',
        entities: [
          { name: 'Vladimir Putin', label: 'PER', title: 'Russian President', aliases: ['Vladimir Putin', 'Putin'], count: 2, global: 0 },
          { name: 'Nobody', label: 'PER', title: null, aliases: ['Nobody'], count: 0, global: 1 },
        ],
      },
      { name: 'b.png', error: 'not a text file', clean_text: '', entities: [] },
    ],
    entities: [
      { name: 'Vladimir Putin', label: 'PER', aliases: ['Vladimir Putin', 'Putin'], count: 5, documents: [0, 2] },
      { name: 'Nobody', label: 'PER', aliases: ['Nobody'], count: 0, documents: [] },
    ],
  };
  assert.equal(entitiesCsv(report),
    'document,entity,type,mentions,title,aliases,collection_mentions,collection_documents\r\n'
    + 'a.txt,Vladimir Putin,PER,2,Russian President,Vladimir Putin; Putin,5,2\r\n');
  assert.equal(cleanTextBundle(report), '=== a.txt ===\n\nPutin met Scholz.\n');
  assert.equal(safeFileName('../etc/pass:wd', 'txt'), '.._etc_pass_wd.txt');
});
