// Times the real wasm build on a scale corpus in Node (V8, the engine of Chromium):
// Session.addText for every document (decode, segment, entities), then Session.report (template
// lines, boilerplate, dedup, entity merging, conversion to JS values).
//   node wasm-bench.mjs PKG_DIR CORPUS.jsonl
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const [pkg, corpus] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const gleaner = require(`${pkg}/gleaner.js`);
const texts = readFileSync(corpus, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
const session = new gleaner.Session();
let t0 = performance.now();
texts.forEach((t, i) => session.addText(`doc${i}.txt`, t));
const add = (performance.now() - t0) / 1000;
t0 = performance.now();
const report = session.report(undefined);
const rep = (performance.now() - t0) / 1000;
const multi = report.clusters.filter((c) => c.members.length > 1).length;
console.log(JSON.stringify({ docs: texts.length, mb: +mb.toFixed(2), add_s: +add.toFixed(3), report_s: +rep.toFixed(3), total_s: +(add + rep).toFixed(3), pairs: report.pairs.length, clusters_with_copies: multi }));
