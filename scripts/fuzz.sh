#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60) with cargo-fuzz.
# New inputs go to fuzz/work/<target> (not in git); the seeds in
# fuzz/corpus/<target> stay as committed. Crashes land in fuzz/artifacts/.
# Needs `cargo install cargo-fuzz` and a nightly toolchain, or stable with
# RUSTC_BOOTSTRAP=1 (used when `+nightly` is not installed).
set -euo pipefail
seconds="${1:-60}"
cd "$(dirname "$0")/../fuzz"
if rustup run nightly rustc --version >/dev/null 2>&1; then
    toolchain=(+nightly)
else
    toolchain=()
    export RUSTC_BOOTSTRAP=1
fi
targets=(analyze rules policy pattern markup jsonl)
cargo "${toolchain[@]}" fuzz build -O
for t in "${targets[@]}"; do
    mkdir -p "work/$t"
    echo "== $t: ${seconds}s"
    cargo "${toolchain[@]}" fuzz run -O "$t" "work/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 2>&1 |
        grep -E "^(Done|stat::number_of_executed_units|==|SUMMARY|artifact_prefix)|panicked|ERROR" || true
done
