#!/usr/bin/env bash
# Two builds of examples/profile over PolNeAR dev (10 passes a run), runs
# taking turns, N of each: on a shared host only interleaved runs compare.
# Prints median, third quartile and best MB/s of each, and the ratio of
# the medians (B over A).
#
#   scripts/engine_ab.sh N PROFILE_A PROFILE_B
set -euo pipefail
cd "$(dirname "$0")/.."
n=$1 a=$2 b=$3
dev=../shared/corpora/polnear/dev/text
rate() { "$1" "$dev" 10 2>&1 | grep -o '[0-9.]* MB/s' | cut -d' ' -f1; }
for _ in $(seq "$n"); do
    echo "A $(rate "$a")"
    echo "B $(rate "$b")"
done | python3 -c '
import statistics as st, sys
runs = {"A": [], "B": []}
for line in sys.stdin:
    k, v = line.split()
    runs[k].append(float(v))
for k, x in sorted(runs.items()):
    x.sort()
    print(f"{k}: median {st.median(x):.1f}  p75 {x[int(len(x) * 0.75)]:.1f}  best {x[-1]:.1f}  MB/s ({len(x)} runs)")
ratio = st.median(runs["B"]) / st.median(runs["A"])
print(f"B/A medians: {ratio:.3f}")
'
