#!/usr/bin/env bash
# The benchmark of automat-rs against a hand-written `match`, a table and the peers (rust-fsm,
# smlang, statig), in one command; prints one report (Markdown) and keeps it in
# bench/target/bench-results/report.md. Installs valgrind and bc if missing. Not part of the
# test run. Takes about 10 minutes on 2 cores; QUICK=1 is a smoke run of about 2 minutes with
# small counts (its figures are not worth quoting).
#
#   bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v valgrind >/dev/null || ! command -v bc >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq valgrind bc >/dev/null
fi
if [ -n "${QUICK:-}" ]; then
    inputs=100000 callgrind_inputs=20000 sizes="16 64" runs=1
    criterion=(--warm-up-time 0.1 --measurement-time 0.2 --sample-size 10)
else
    inputs=10000000 callgrind_inputs=1000000 sizes="128 512 2048" runs=3
    criterion=()
fi
out=target/bench-results
rm -rf "$out" target/criterion
mkdir -p "$out"
step() { printf '==> %s\n' "$*" >&2; }

step "building"
cargo build -q --release --bins
bin=target/release/automat-bench
{
    echo "Measured $(date -u +%Y-%m-%d) on $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1) ($(nproc) cores), $(rustc -V)."
    echo "Command: \`bash bench/run.sh\`."
} > "$out/machine.txt"

step "cross-check over $inputs inputs: every implementation ends like the hand-written match; sizes; allocations"
$bin check "$inputs" > "$out/check.tsv"

step "callgrind: instructions per input, counted inside the driver loop only"
for workload in small wide guarded data nested blinky typed async; do
    $bin list "$workload" | while read -r name; do
        collected=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
            --toggle-collect='*run_machine*' --toggle-collect='*run_states*' \
            "$bin" run "$workload" "$name" "$callgrind_inputs" 2>&1 >/dev/null |
            sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
        printf '%s\t%s\t%s\t%s\n' "$workload" "$name" "$collected" "$callgrind_inputs" >> "$out/callgrind.tsv"
    done
done

step "criterion: time per input (median)"
cargo bench -q --bench dispatch -- "${criterion[@]}" >/dev/null

step "expansion cost"
cargo run -q --release --bin expand_cost > "$out/expand.txt"

step "build time (sizes $sizes, median of $runs)"
RUNS=$runs bash build-time.sh $sizes > "$out/build-time.tsv"

$bin report "$out" target/criterion 100000 | tee "$out/report.md"
