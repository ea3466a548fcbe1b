#!/usr/bin/env python3
"""Deterministic text corpus for the extraction benchmark (Scripts/bench-extract.sh).

    python3 Scripts/make-extract-corpus.py OUT_DIR [--mib 20]

Builds, from the repository's own texts (seeds/*.txt and Tests/DevSet/texts/*.txt; never
Tests/HoldOut, which must stay unseen during development):

  OUT_DIR/docs/NNNNN.txt   documents of 2-5 KB, at least --mib MiB in all. Each document is a
                           run of paragraphs: some are paragraphs of one source text (sentences
                           kept in order), others mix sentences drawn from all the source texts,
                           so the documents are varied and not copies of each other.
  OUT_DIR/patho/           word-3MiB.txt    one run of letters, no space, 3 MiB
                           line-12MiB.txt   one line of words and commas, no full stop, no newline, 12 MiB
                           names-50000.txt  50,000 sentences "Professor First Last of the X University."
                                            each naming a different person and university (~3 MB)
  OUT_DIR/growth/          names-00500.txt .. names-04000.txt: the first 500, 1000, 2000, 4000 of
                           those sentences, to see how time grows with the number of names in one
                           document.
  OUT_DIR/STAMP            written last: the parameters, so a caller can tell a finished corpus.

The output is the same bytes on every run (fixed seeds, sorted inputs, no time stamps), whatever
the machine. Standard library only.
"""
import argparse
import glob
import os
import random
import re
import shutil
import sys

VERSION = 1
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = ["seeds/*.txt", "Tests/DevSet/texts/*.txt"]
MIB = 1 << 20

DOC_MIN, DOC_MAX = 2048, 5120

# A sentence ends at . ! or ? (optionally followed by a closing quote or bracket) before a space
# and something that can start a sentence. Abbreviations like "Dr." or "U.S." may be cut wrongly;
# for a benchmark corpus that is harmless.
SENTENCE_END = re.compile(r'(?<=[.!?])(?:["\u201d\u2019)\]]?)\s+(?=["\u201c(\[]?[A-Z0-9])')


def read_sources():
    texts = []
    for pattern in SOURCES:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            if "HoldOut" in path:  # belt and braces: the hold-out set is never used
                continue
            with open(path, encoding="utf-8") as f:
                texts.append((os.path.relpath(path, ROOT), f.read()))
    if not texts:
        sys.exit("make-extract-corpus: no source texts found under %s" % ROOT)
    return texts


def split_sentences(line):
    out = []
    start = 0
    for m in SENTENCE_END.finditer(line):
        out.append(line[start:m.start() + len(m.group(0).rstrip())].strip())
        start = m.end()
    out.append(line[start:].strip())
    return [s for s in out if s]


def paragraphs_of(text):
    """Paragraphs as lists of sentences. A blank line or a line break ends a paragraph (the seed
    texts use both); headings and list items are one-sentence paragraphs."""
    paras = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        sents = split_sentences(line)
        if sents:
            paras.append(sents)
    return paras


def make_docs(texts, target_bytes, rng):
    by_source = [paragraphs_of(t) for _, t in texts]
    prose = [[s for s in p if len(s) > 40 and s[-1:] in '.!?"\u201d)'] for p in sum(by_source, [])]
    pool = [s for p in prose for s in p]  # sentences of all sources, for mixed paragraphs
    headings = [p[0] for p in sum(by_source, []) if len(p) == 1 and len(p[0]) < 80]
    if not pool:
        sys.exit("make-extract-corpus: no sentences in the source texts")

    docs, total = [], 0
    while total < target_bytes:
        limit = rng.randint(DOC_MIN, DOC_MAX)
        src = rng.randrange(len(by_source))
        parts, size, misses = [], 0, 0
        while True:
            kind = rng.random()
            if kind < 0.1 and headings:
                para = [rng.choice(headings)]
            elif kind < 0.5:
                # a paragraph of one source text, mostly the document's own source
                source = by_source[src] if rng.random() < 0.7 else rng.choice(by_source)
                para = list(rng.choice(source))
            else:
                # a paragraph of sentences permuted across all the source texts
                para = [rng.choice(pool) for _ in range(rng.randint(2, 7))]
            # cut at a sentence boundary so the document stays within its limit
            while para:
                candidate = " ".join(para)
                extra = len(candidate.encode("utf-8")) + (2 if parts else 0)
                if size + extra <= limit:
                    break
                para.pop()
            if not para:
                misses += 1
                if size >= DOC_MIN or misses > 50:
                    break
                continue  # too long for what is left, and the document is still too short: try another
            parts.append(" ".join(para))
            size += extra
            if size >= max(DOC_MIN, limit - 200):
                break
        body = "\n\n".join(parts) + "\n"
        docs.append(body)
        total += len(body.encode("utf-8"))
    return docs


SYLLABLES = ["ka", "lo", "mi", "re", "to", "sa", "vi", "na", "do", "be", "ru", "fe", "li", "mo",
             "ta", "ne", "go", "pa", "si", "ku", "ve", "ra", "zo", "hi", "du", "le", "mar", "len",
             "dor", "ban", "tis", "wel", "cor", "ash", "fin", "gar"]


def pronounceable(rng, lo, hi):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(lo, hi))).capitalize()


def name_sentences(count, rng):
    """`count` sentences, each with a person and a university not named before."""
    seen_people, seen_places, out = set(), set(), []
    while len(out) < count:
        first, last = pronounceable(rng, 2, 4), pronounceable(rng, 3, 5)
        place = pronounceable(rng, 3, 5)
        if (first, last) in seen_people or place in seen_places:
            continue
        seen_people.add((first, last))
        seen_places.add(place)
        out.append("Professor %s %s of the %s University." % (first, last, place))
    return out


def words_of(texts):
    words = []
    for _, t in texts:
        for w in t.split():
            w = re.sub(r"[.!?;:\u2026]", "", w)  # no sentence end anywhere
            w = w.strip(",")
            if w:
                words.append(w)
    return words


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--mib", type=float, default=20.0, help="size of docs/ in MiB (at least)")
    args = ap.parse_args()
    if args.mib <= 0:
        ap.error("--mib must be positive")

    texts = read_sources()
    out = args.out_dir
    for sub in ("docs", "patho", "growth"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    if os.path.exists(os.path.join(out, "STAMP")):
        os.remove(os.path.join(out, "STAMP"))
    for sub in ("docs", "patho", "growth"):
        os.makedirs(os.path.join(out, sub))

    # 1. ordinary documents
    docs = make_docs(texts, int(args.mib * MIB), random.Random(42))
    width = max(5, len(str(len(docs) - 1)))
    for i, body in enumerate(docs):
        write(os.path.join(out, "docs", "%0*d.txt" % (width, i)), body)
    docs_bytes = sum(len(d.encode("utf-8")) for d in docs)

    # 2. pathological documents
    letters = re.sub(r"[^A-Za-z]", "", "".join(t for _, t in texts))
    word = (letters * (3 * MIB // len(letters) + 1))[:3 * MIB]
    write(os.path.join(out, "patho", "word-3MiB.txt"), word)

    rng = random.Random(43)
    words = words_of(texts)
    chunks, size, since_comma = [], 0, 0
    while size < 12 * MIB:
        w = rng.choice(words)
        since_comma += 1
        if since_comma >= rng.randint(4, 14):
            w += ","
            since_comma = 0
        chunks.append(w)
        size += len(w.encode("utf-8")) + 1
    line = " ".join(chunks)
    line = line.encode("utf-8")[:12 * MIB].decode("utf-8", "ignore").rstrip(", ")
    write(os.path.join(out, "patho", "line-12MiB.txt"), line)

    names = name_sentences(50000, random.Random(44))

    def names_doc(sentences):
        # paragraphs of 20 sentences, so the document has ordinary line structure
        return "\n\n".join(" ".join(sentences[i:i + 20]) for i in range(0, len(sentences), 20)) + "\n"

    write(os.path.join(out, "patho", "names-50000.txt"), names_doc(names))
    for n in (500, 1000, 2000, 4000):
        write(os.path.join(out, "growth", "names-%05d.txt" % n), names_doc(names[:n]))

    stamp = "make-extract-corpus v%d mib=%s docs=%d bytes=%d sources=%s\n" % (
        VERSION, args.mib, len(docs), docs_bytes, ",".join(p for p, _ in texts))
    write(os.path.join(out, "STAMP"), stamp)
    print("%d documents, %d bytes (%.2f MiB) in %s/docs; pathological documents in %s/patho and %s/growth"
          % (len(docs), docs_bytes, docs_bytes / MIB, out, out, out))


if __name__ == "__main__":
    main()
