#!/usr/bin/env bash
# Digests of what a claimtrace binary prints over a fixed set of inputs, so
# that a change meant to keep the output (a speed-up, a refactor) is shown
# to keep it byte for byte: run it with the build before and after the
# change and compare the two lists.
#
#   scripts/output_digest.sh [BINARY]       # default target/release/claimtrace
#
# Inputs: corpus/, the seed article, PolNeAR dev and train (when ../shared
# is present), a JSONL archive of 2,000 documents (scripts/make_archive.py),
# and `check` under the three built-in policies.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/claimtrace}
shared=../shared
archive=$(mktemp)
trap 'rm -f "$archive"' EXIT
python3 scripts/make_archive.py --docs 2000 >"$archive"

digest() {
    local name=$1
    shift
    # Exit 1 means findings, not an error.
    local sum
    sum=$("$@" 2>&1 | md5sum | cut -c1-32) || true
    printf '%s  %s\n' "$sum" "$name"
}

digest corpus-jsonl "$bin" analyze --format jsonl corpus
digest archive-jsonl "$bin" analyze --input jsonl --format jsonl "$archive"
if [ -d "$shared/seed" ]; then
    digest seed-json "$bin" analyze --format json "$shared/seed/article.txt"
fi
if [ -d "$shared/corpora/polnear" ]; then
    digest polnear-dev-jsonl "$bin" analyze --format jsonl "$shared/corpora/polnear/dev/text"
    digest polnear-train-jsonl "$bin" analyze --format jsonl "$shared/corpora/polnear/train/text"
    for policy in default strict wikipedia; do
        digest "check-$policy-dev" "$bin" check --policy "$policy" --format json "$shared/corpora/polnear/dev/text"
    done
fi
for policy in default strict wikipedia; do
    digest "check-$policy-corpus" "$bin" check --policy "$policy" --format json corpus
done
