#!/usr/bin/env bash
# Whole-process benchmark of the archive path (issue 5): a 100 MB JSONL
# archive made from corpus/ (generated under the target directory, never
# committed) through `claimtrace analyze --input jsonl`, on one thread and
# on every core: MB/s, documents/s and peak RSS (GNU time); then the
# start-up time of `claimtrace analyze` on a 2 KB article (hyperfine, else
# a loop). With ../shared present, dense real news too: PolNeAR dev's
# articles twenty times over as JSONL (8.6 MB, made under the target
# directory), on one thread and on every core. Figures and the machine go
# in docs/performance.md, "Archive scale (issue 5)". A benchmark, not a
# test: nothing here fails on a figure.
#
#   scripts/bench.sh              # 100 MB
#   BENCH_MB=20 scripts/bench.sh  # a quicker run
#   BENCH_PGO=1 scripts/bench.sh  # also the profile-guided build
#
# With BENCH_PGO=1 the profile-guided binary (scripts/pgo_build.sh, about 9
# minutes) is measured too, the two builds taking turns for BENCH_ROUNDS
# rounds (default 3): on a shared host only interleaved runs compare.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${CARGO_TARGET_DIR:-target}
mb=${BENCH_MB:-100}
if [ ! -x /usr/bin/time ]; then
    echo "needs GNU time for peak RSS: apt-get update && apt-get install -y time" >&2
    exit 2
fi
cargo build --release --locked --quiet
builds=("release=$target/release/claimtrace")
rounds=${BENCH_ROUNDS:-1}
if [ "${BENCH_PGO:-0}" = 1 ]; then
    builds+=("pgo=$(scripts/pgo_build.sh | tail -1)")
    rounds=${BENCH_ROUNDS:-3}
fi
dir=$target/bench
mkdir -p "$dir"
archive=$dir/archive-${mb}MB.jsonl
if [ ! -s "$archive" ]; then
    python3 scripts/make_archive.py --bytes $((mb * 1000 * 1000)) > "$archive"
fi
cores=$(nproc)
echo "machine: $cores cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "archive: $archive, $(stat -c %s "$archive") bytes, $(wc -l < "$archive") documents"
# Dense real news: PolNeAR's articles hold about four attributions a
# kilobyte, and their JSON records run to nearly four times their text.
news=$dir/polnear-dev-x20.jsonl
polnear=../shared/corpora/polnear/dev/text
if [ -d "$polnear" ] && [ ! -s "$news" ]; then
    scripts/dense_news.sh 20 > "$news"
fi
inputs=("archive=$archive")
if [ -s "$news" ]; then
    echo "dense news: $news, $(stat -c %s "$news") bytes, $(wc -l < "$news") documents"
    inputs+=("news=$news")
fi

# Wall time from `date` (nanoseconds); peak RSS from GNU time.
# Prints one line per run and appends "build jobs MB/s" to $dir/rates.txt.
run() {
    local name=$1 exe=$2 jobs=$3 input=$4
    local start end rss cpu bytes docs
    bytes=$(stat -c %s "$input")
    docs=$(wc -l < "$input")
    start=$(date +%s%N)
    /usr/bin/time -v -o "$dir/time-j$jobs.txt" \
        "$exe" analyze --input jsonl --quiet -j "$jobs" "$input" > /dev/null
    end=$(date +%s%N)
    rss=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$dir/time-j$jobs.txt")
    # The share of the cores the run got: on a shared host, -j 2 at 120%
    # means the other core was busy.
    cpu=$(awk -F: '/Percent of CPU/ { gsub(/ /, "", $2); print $2 }' "$dir/time-j$jobs.txt")
    awk -v n="$name" -v j="$jobs" -v ns=$((end - start)) -v b="$bytes" -v d="$docs" -v rss="$rss" -v cpu="$cpu" -v rates="$dir/rates.txt" 'BEGIN {
        s = ns / 1e9
        printf "%-12s -j %s: %6.2f s  %6.1f MB/s  %7.0f documents/s  peak RSS %5.1f MiB  CPU %s\n", n, j, s, b / 1e6 / s, d / s, rss / 1024, cpu
        printf "%s %s %.2f\n", n, j, b / 1e6 / s >> rates
    }'
}
: > "$dir/rates.txt"
for _ in $(seq "$rounds"); do
    for input in "${inputs[@]}"; do
        for build in "${builds[@]}"; do
            # Runs on the dense news are named build/news.
            name=${build%%=*}
            [ "${input%%=*}" = archive ] || name=$name/${input%%=*}
            run "$name" "${build#*=}" 1 "${input#*=}"
            run "$name" "${build#*=}" "$cores" "${input#*=}"
        done
    done
done
if [ "${#builds[@]}" -gt 1 ] || [ "$rounds" -gt 1 ] || [ "${#inputs[@]}" -gt 1 ]; then
    echo "medians of $rounds rounds:"
    sort -k1,1 -k2,2n -k3,3g "$dir/rates.txt" | awk '
        function flush() { if (n) printf "%-12s -j %s: %6.1f MB/s\n", key1, key2, n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
        $1 != key1 || $2 != key2 { flush(); key1 = $1; key2 = $2; n = 0 }
        { v[++n] = $3 }
        END { flush() }'
fi

# Start-up: one 2 KB article (the first two corpus articles, cut at 2048
# bytes on a line end), the whole process.
article=$dir/article-2KB.txt
cat corpus/01-harbour-strike.txt corpus/02-river-flood.txt |
    LC_ALL=C awk '{ n += length($0) + 1; if (n > 2048) exit; print }' > "$article"
echo "start-up on $(stat -c %s "$article") bytes:"
for build in "${builds[@]}"; do
    bin=${build#*=}
    echo "${build%%=*}:"
    if command -v hyperfine > /dev/null; then
        hyperfine --warmup 5 --runs 100 -N "$bin analyze --format json $article" 2>&1 | sed -n '2,4p'
    else
        start=$(date +%s%N)
        for _ in $(seq 100); do "$bin" analyze --format json "$article" > /dev/null; done
        end=$(date +%s%N)
        awk -v ns=$((end - start)) 'BEGIN { printf "  mean of 100 runs: %.2f ms\n", ns / 100 / 1e6 }'
    fi
done
