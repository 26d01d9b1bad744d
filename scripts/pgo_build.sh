#!/usr/bin/env bash
# Builds a profile-guided (PGO) release binary of claimtrace: an
# instrumented build analyses a training set of news articles, and the
# counts it records (which branches go which way, which calls are hot) steer
# the optimised build. The output is byte-for-byte that of the plain
# release build; only its speed differs (docs/performance.md, Archive
# scale, "profile-guided build").
#
#   scripts/pgo_build.sh              # train on PolNeAR train if present, else corpus/
#   scripts/pgo_build.sh DIR          # train on the .txt articles under DIR
#
# Writes $CARGO_TARGET_DIR/pgo/claimtrace (default target/pgo/claimtrace)
# and prints its path last. Two release builds: about 7 minutes on 2 cores.
# RUSTFLAGS already set are kept, in both builds.
# Needs this toolchain's llvm-profdata: `rustup component add llvm-tools`.
set -euo pipefail
cd "$(dirname "$0")/.."

target=$(realpath -m "${CARGO_TARGET_DIR:-target}")
work=$target/pgo
host=$(rustc -vV | sed -n 's/^host: //p')
profdata=$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata
if [ ! -x "$profdata" ]; then
    echo "pgo_build.sh: needs llvm-profdata of this toolchain: rustup component add llvm-tools" >&2
    exit 2
fi

# The training set: real news unless told otherwise. The benchmarks run on
# corpus/ (scripts/bench.sh) and PolNeAR dev, so training on PolNeAR train
# keeps them out of the profile.
train=${1:-}
if [ -z "$train" ]; then
    train=../shared/corpora/polnear/train/text
    [ -d "$train" ] || train=corpus
fi
mapfile -t articles < <(find "$train" -name '*.txt' | LC_ALL=C sort)
if [ "${#articles[@]}" -eq 0 ]; then
    echo "pgo_build.sh: no .txt articles under $train" >&2
    exit 2
fi
echo "training on ${#articles[@]} articles under $train" >&2

# `--target` keeps build scripts and proc macros uninstrumented (RUSTFLAGS
# then applies to the target's code only); separate target directories keep
# the plain release build untouched.
rm -rf "$work/profiles"
mkdir -p "$work/profiles"
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-generate=$work/profiles" \
    cargo build --release --locked --quiet --target "$host" --target-dir "$work/generate"
instrumented=$work/generate/$host/release/claimtrace

# Every path a user runs, in proportion: the archive filter (JSONL in and
# out) most, then reports on files and the CI gate.
python3 - "${articles[@]}" > "$work/train.jsonl" <<'EOF'
import json, sys
for i, path in enumerate(sys.argv[1:]):
    with open(path, encoding="utf-8") as f:
        print(json.dumps({"id": i, "text": f.read()}, ensure_ascii=False))
EOF
"$instrumented" analyze --input jsonl --quiet -j 1 "$work/train.jsonl" > /dev/null
"$instrumented" analyze --format jsonl "${articles[@]}" > /dev/null
"$instrumented" analyze "${articles[@]}" > /dev/null
"$instrumented" check --format json "${articles[@]}" > /dev/null || [ $? -eq 1 ]

"$profdata" merge -o "$work/merged.profdata" "$work/profiles"
# Named by its content: cargo does not watch the file, but it rebuilds when
# RUSTFLAGS change, so a new profile rebuilds everything it steers.
profile=$work/claimtrace-$(md5sum < "$work/merged.profdata" | cut -c1-12).profdata
rm -f "$work"/claimtrace-*.profdata
mv "$work/merged.profdata" "$profile"
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-use=$profile" \
    cargo build --release --locked --quiet --target "$host" --target-dir "$work/use"
optimised=$work/use/$host/release/claimtrace

# Optimisation must not change a byte: the two builds agree on the corpus.
# (The instrumented build's counts of this run land in $work/profiles,
# after the merge; the next run clears them.)
if ! cmp -s <("$instrumented" analyze --format jsonl corpus/*.txt) \
    <("$optimised" analyze --format jsonl corpus/*.txt); then
    echo "pgo_build.sh: the optimised build's output differs from the instrumented build's" >&2
    exit 1
fi
cp "$optimised" "$work/claimtrace"
echo "$work/claimtrace"
