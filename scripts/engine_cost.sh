#!/usr/bin/env bash
# What one pass of the engine over PolNeAR dev costs, per byte, by
# callgrind with cache and branch simulation: instructions, D1 misses, last
# level misses, mispredicted branches, and a weighted sum (a D1 miss as 12
# instructions, a misprediction as 15: a rough model for ranking changes,
# not a speed). Deterministic for one binary and input, whatever else the
# host is doing, which timings on a shared host are not.
#
#   scripts/engine_cost.sh [PROFILE_BINARY]   # default target/release/examples/profile
#
# The pass is the difference of a 4-pass and a 2-pass run, so rule loading
# and start-up drop out. Needs valgrind and ../shared.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/examples/profile}
dev=../shared/corpora/polnear/dev/text
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bytes=$(cat "$dev"/*.txt | wc -c)
totals() {
    valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
        --callgrind-out-file="$out/cg.$1" "$bin" "$dev" "$1" >/dev/null 2>&1
    callgrind_annotate "$out/cg.$1" 2>/dev/null | grep -m1 'PROGRAM TOTALS'
}
python3 - "$(totals 2)" "$(totals 4)" "$bytes" <<'PY'
import re, sys
names = "Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw Bc Bcm Bi Bim".split()
def counts(line):
    return dict(zip(names, (int(x.replace(",", "")) for x in re.findall(r"([\d,]+) \(", line))))
two, four, size = counts(sys.argv[1]), counts(sys.argv[2]), int(sys.argv[3])
d = {k: (four[k] - two[k]) / 2 / size for k in names}
d1 = d["D1mr"] + d["D1mw"]
ll = d["DLmr"] + d["DLmw"]
mis = d["Bcm"] + d["Bim"]
print(f"per byte: instructions {d['Ir']:.1f}, I1 misses {d['I1mr']:.3f}, D1 misses {d1:.3f}, LL misses {ll:.4f}, "
      f"mispredicted {mis:.3f}, weighted {d['Ir'] + 12 * d1 + 15 * mis:.1f}")
PY
