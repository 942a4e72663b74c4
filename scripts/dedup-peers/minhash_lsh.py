"""datasketch MinHashLSH as the peer baseline for Gleaner's dedup (issue 6).

Shingling follows text-dedup's MinHash script: lower-case, split on every character that is not
a letter, digit or underscore, word 5-grams; 128 permutations. Linked pairs are the LSH
candidates (text-dedup also clusters the candidates without verifying them).

  python minhash_lsh.py eval SET.jsonl OUT_DIR       # OUT_DIR/datasketch-0.5.json and -0.8.json
  python minhash_lsh.py bench CORPUS.jsonl [THRESHOLD] # prints one JSON line of timings
"""

import json
import re
import sys
import time

from datasketch import MinHash, MinHashLSH

NON_ALPHA = re.compile(r"[^\w]+", re.UNICODE)
NGRAM = 5
NUM_PERM = 128


def shingles(text):
    tokens = [t for t in NON_ALPHA.split(text.lower()) if t]
    if len(tokens) < NGRAM:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + NGRAM]) for i in range(len(tokens) - NGRAM + 1)}


def minhash(text):
    m = MinHash(num_perm=NUM_PERM)
    m.update_batch([s.encode("utf-8") for s in shingles(text)])
    return m


def link(texts, threshold, hashes=None):
    """Candidate pairs (i < j) of MinHashLSH at this threshold."""
    hashes = hashes or [minhash(t) for t in texts]
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    pairs = set()
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            pairs.add((min(i, j), max(i, j)))
        lsh.insert(i, m)
    return pairs


def clusters(n, pairs):
    parent = list(range(n))

    def root(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(i) for i in range(n)]


def read_texts(path, key=None):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r[key] if key else r for r in rows]


def main():
    mode = sys.argv[1]
    if mode == "eval":
        texts = read_texts(sys.argv[2], "text")
        hashes = [minhash(t) for t in texts]
        for threshold in (0.5, 0.8):
            pairs = sorted(link(texts, threshold, hashes))
            out = f"{sys.argv[3]}/datasketch-{threshold}.json"
            with open(out, "w") as f:
                json.dump({"threshold": threshold, "pairs": pairs}, f)
            print(f"datasketch threshold {threshold}: {len(pairs)} pairs -> {out}")
    elif mode == "bench":
        threshold = float(sys.argv[3]) if len(sys.argv) > 3 else 0.5
        t0 = time.perf_counter()
        texts = read_texts(sys.argv[2])
        t1 = time.perf_counter()
        c1 = time.process_time()
        hashes = [minhash(t) for t in texts]
        t2 = time.perf_counter()
        pairs = link(texts, threshold, hashes)
        roots = clusters(len(texts), pairs)
        t3 = time.perf_counter()
        c3 = time.process_time()
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(json.dumps({
            "docs": len(texts), "mb": round(mb, 2), "threshold": threshold,
            "read_s": round(t1 - t0, 3), "minhash_s": round(t2 - t1, 3),
            "lsh_cluster_s": round(t3 - t2, 3), "total_s": round(t3 - t1, 3),
            "cpu_s": round(c3 - c1, 3),
            "pairs": len(pairs), "clusters": len(set(roots)),
        }))
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
