#!/usr/bin/env python3
"""Writes a JSONL archive made from the corpus articles to standard output,
for scripts/bench.sh and scripts/spark_smoke.sh: one document a line,
`{"id", "publication", "date", "text"}`. Deterministic: the same arguments
give the same bytes. Every third document is two articles, so documents
are 1 to 2.5 KB.

    scripts/make_archive.py --docs 300
    scripts/make_archive.py --bytes 100000000
"""

import argparse
import json
import pathlib
import sys

PUBLICATIONS = ["Halvik Courier", "Nordby Gazette", "The Harbour Post", "Eastern Wire"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--docs", type=int, help="number of documents")
    size.add_argument("--bytes", type=int, help="stop once the archive is at least this large")
    args = parser.parse_args()
    corpus = pathlib.Path(__file__).resolve().parent.parent / "corpus"
    articles = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    out = sys.stdout.buffer
    written = 0
    i = 0
    while (args.docs is not None and i < args.docs) or (args.bytes is not None and written < args.bytes):
        text = articles[i % len(articles)]
        if i % 3 == 0:
            text += "\n\n" + articles[(i * 7 + 5) % len(articles)]
        doc = {
            "id": i + 1,
            "publication": PUBLICATIONS[i % len(PUBLICATIONS)],
            "date": f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            "text": text,
        }
        line = (json.dumps(doc, ensure_ascii=False) + "\n").encode("utf-8")
        out.write(line)
        written += len(line)
        i += 1


if __name__ == "__main__":
    main()
