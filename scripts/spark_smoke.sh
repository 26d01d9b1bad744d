#!/usr/bin/env bash
# Runs the PySpark example of docs/scaling.md (the ```python block, as
# written there) in Spark local mode on 300 documents made from corpus/,
# and checks that its output equals `claimtrace analyze --input jsonl` on
# the same archive. Needs pyspark (pip install pyspark) and Java 17; takes
# about 25 seconds, most of it starting Spark, so it is not part of .ci/run. Exit 0 when equal.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import pyspark' 2> /dev/null; then
    echo "needs pyspark: pip install pyspark (and Java 17)" >&2
    exit 2
fi
# Local mode: keep Spark's driver and executors on the loopback interface.
export SPARK_LOCAL_IP=127.0.0.1
target=${CARGO_TARGET_DIR:-target}
cargo build --release --locked --quiet
bin=$(realpath "$target/release/claimtrace")
dir=$(realpath -m "$target/spark-smoke")
rm -rf "$dir"
mkdir -p "$dir"
awk '/^```python$/ { on = 1; next } /^```$/ { on = 0 } on' docs/scaling.md > "$dir/claimtrace_spark.py"
python3 scripts/make_archive.py --docs 300 > "$dir/archive.jsonl"
echo "archive: $(wc -l < "$dir/archive.jsonl") documents, $(stat -c %s "$dir/archive.jsonl") bytes"

start=$(date +%s%N)
python3 "$dir/claimtrace_spark.py" "$bin" "$dir/archive.jsonl" "$dir/spark-out" 4
end=$(date +%s%N)
awk -v ns=$((end - start)) 'BEGIN { printf "spark local mode: %.1f s\n", ns / 1e9 }'

"$bin" analyze --input jsonl --quiet "$dir/archive.jsonl" > "$dir/cli.jsonl"
cat "$dir"/spark-out/part-* > "$dir/spark.jsonl"
parts=$(ls "$dir"/spark-out/part-* | wc -l)
if cmp "$dir/cli.jsonl" "$dir/spark.jsonl"; then
    echo "OK: Spark ($parts partitions) and the CLI wrote the same $(wc -l < "$dir/cli.jsonl") records"
else
    echo "FAIL: Spark's output differs from the CLI's ($dir/spark.jsonl, $dir/cli.jsonl)" >&2
    exit 1
fi
