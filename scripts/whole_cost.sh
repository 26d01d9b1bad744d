#!/usr/bin/env bash
# Instructions a byte of text through the whole process: `analyze --input
# jsonl -j 1` on PolNeAR dev as JSONL, twice over less once (start-up and
# rule loading drop out), divided by the 414,896 bytes of its text.
# callgrind counts are the same whatever else the host is doing, which
# timings on a shared host are not: the measure for a change of a percent.
#
#   scripts/whole_cost.sh [BINARY]   # default target/release/claimtrace
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/claimtrace}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
scripts/dense_news.sh 1 > "$out/1.jsonl"
scripts/dense_news.sh 2 > "$out/2.jsonl"
bytes=$(cat ../shared/corpora/polnear/dev/text/*.txt | wc -c)
total() {
    # Exit 1 means findings, which news has: only 2 (an error) stops here.
    local status=0
    valgrind --tool=callgrind --error-exitcode=3 --callgrind-out-file="$out/cg.$1" \
        "$bin" analyze --input jsonl -j 1 --quiet "$out/$1.jsonl" > /dev/null 2>&1 || status=$?
    if [ "$status" -gt 1 ]; then
        echo "$bin failed (exit $status) on $out/$1.jsonl" >&2
        exit 2
    fi
    # awk reads to the end: a `grep -m1` would leave callgrind_annotate to
    # die of a broken pipe, and `pipefail` to stop the script.
    callgrind_annotate "$out/cg.$1" 2>/dev/null |
        awk '/PROGRAM TOTALS/ && !found { gsub(",", "", $1); print $1; found = 1 }'
}
one=$(total 1)
two=$(total 2)
awk -v a="$one" -v b="$two" -v n="$bytes" \
    'BEGIN { printf "whole process: %.1f instructions a byte of text\n", (b - a) / n }'
