// compromise and wink-nlp (wink-eng-lite-web-model) on the documents of peers.py docs (stdin);
// prints predictions as JSON lines. JS offsets are UTF-16 units: converted to code points.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const require = createRequire(process.env.NODE_PATH + "/");
const nlp = require("compromise");
const winkNLP = require("wink-nlp");
const model = require("wink-eng-lite-web-model");
const wink = winkNLP(model);
const its = wink.its;

const winkTypes = {};

function toSentence(doc, start, end) {
  const starts = doc.starts;
  let s = 0;
  for (let i = 0; i < starts.length; i++) if (starts[i] <= start) s = i;
  const sentEnd = s + 1 < starts.length ? starts[s + 1] - 1 : doc.cpLength;
  const a = start - starts[s], b = Math.min(end, sentEnd) - starts[s];
  return a < b ? [s, a, b] : null;
}

const out = [];
for (const line of readFileSync(0, "utf8").split("\n")) {
  if (!line) continue;
  const doc = JSON.parse(line);
  const text = doc.text;
  // UTF-16 index -> code point index.
  const cp = new Array(text.length + 1);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    cp[i] = k;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) { cp[i + 1] = k; i++; }
    k++;
  }
  cp[text.length] = k;
  doc.cpLength = k;
  const emit = (system, s16, e16, label) => {
    const span = toSentence(doc, cp[s16], cp[e16]);
    if (span) out.push(JSON.stringify({ system, set: doc.set, doc: doc.doc, sent: span[0], start: span[1], end: span[2], label }));
  };
  const c = nlp(text);
  for (const [method, label] of [["people", "PER"], ["organizations", "ORG"], ["places", "LOC"]]) {
    for (const m of c[method]().json({ offset: true })) {
      const o = m.offset;
      // compromise includes trailing punctuation in some matches: trim it.
      let s = o.start, e = o.start + o.length;
      while (e > s && /[\s.,;:!?'"’)\]]/.test(text[e - 1])) e--;
      emit("compromise", s, e, label);
    }
  }
  // wink-eng-lite-web-model recognizes dates, numbers, e-mails, URLs, hashtags… but no
  // person, organization or place: count what it finds, to show it, and score nothing.
  wink.readDoc(text).entities().each((e) => {
    const t = e.out(its.type);
    winkTypes[t] = (winkTypes[t] || 0) + 1;
  });
}
process.stdout.write(out.join("\n") + (out.length ? "\n" : ""));
process.stderr.write(`wink-nlp entity types found (none are names): ${JSON.stringify(winkTypes)}\n`);
