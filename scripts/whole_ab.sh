#!/usr/bin/env bash
# Two builds of the binary through the whole process, runs taking turns, N
# of each: `analyze --input jsonl -j 1` over dense real news (PolNeAR dev
# as JSONL 100 times over, 43 MB, made under the target directory) or a
# JSONL file given. On a shared host only interleaved runs compare.
# Prints the median and best MB/s of input of each, by wall time and by
# CPU time (user + system), and the ratio of the medians (B over A).
#
#   scripts/whole_ab.sh N BINARY_A BINARY_B [FILE.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
n=$1 a=$2 b=$3
file=${4:-${CARGO_TARGET_DIR:-target}/bench/polnear-dev-x100.jsonl}
if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time: apt-get update && apt-get install -y time" >&2
    exit 2
fi
if [ ! -s "$file" ]; then
    mkdir -p "$(dirname "$file")"
    scripts/dense_news.sh 100 > "$file"
fi
size=$(stat -c %s "$file")
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for _ in $(seq "$n"); do
    for k in A B; do
        bin=$a
        [ "$k" = B ] && bin=$b
        # Exit 1 means findings, which news has: only 2 (an error) stops.
        status=0
        /usr/bin/time -f "$k %e %U %S" -o "$times" "$bin" analyze --input jsonl -j 1 --quiet "$file" > /dev/null || status=$?
        if [ "$status" -gt 1 ]; then
            echo "$bin failed (exit $status) on $file" >&2
            exit 2
        fi
        tail -1 "$times"
    done
done | python3 -c '
import statistics as st, sys
size = int(sys.argv[1])
runs = {"A": ([], []), "B": ([], [])}
for line in sys.stdin:
    k, wall, user, system = line.split()
    runs[k][0].append(size / float(wall) / 1e6)
    runs[k][1].append(size / (float(user) + float(system)) / 1e6)
if not (runs["A"][0] and runs["B"][0]):
    sys.exit(2)  # a build failed: its error is above
for k, (wall, cpu) in sorted(runs.items()):
    print(f"{k}: wall median {st.median(wall):.1f} best {max(wall):.1f}  cpu median {st.median(cpu):.1f} best {max(cpu):.1f}  MB/s ({len(wall)} runs)")
a, b = runs["A"], runs["B"]
print(f"B/A medians: wall {st.median(b[0]) / st.median(a[0]):.3f}  cpu {st.median(b[1]) / st.median(a[1]):.3f}")
' "$size"
