// Times gleaner's dedup::link alone, compiled to wasm, in Node (V8, the engine of Chromium).
//   node wasm-link.mjs PKG_DIR CORPUS.jsonl
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const [pkg, corpus] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const harness = require(`${pkg}/gleaner_dedup_wasm_bench.js`);
const texts = readFileSync(corpus, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
const t0 = performance.now();
const pairs = harness.link(texts);
const s = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ docs: texts.length, mb: +mb.toFixed(2), seconds: +s.toFixed(3), docs_per_s: Math.round(texts.length / s), mb_per_s: +(mb / s).toFixed(1), pairs }));
