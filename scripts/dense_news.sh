#!/usr/bin/env bash
# Writes PolNeAR dev's 84 articles as JSONL ({"id", "text"} a line), N
# times over (default 1), to standard output: the dense real news of the
# whole-process measures (scripts/whole_ab.sh, scripts/whole_cost.sh).
# Made from ../shared when needed, never committed.
#
#   scripts/dense_news.sh [N] > dense.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
dev=../shared/corpora/polnear/dev/text
if [ ! -d "$dev" ]; then
    echo "needs $dev" >&2
    exit 2
fi
python3 - "$dev" "${1:-1}" <<'PY'
import json, pathlib, sys
paths = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
for round in range(int(sys.argv[2])):
    for p in paths:
        text = p.read_text(encoding="utf-8")
        print(json.dumps({"id": f"{round}-{p.stem}", "text": text}))
PY
