#!/usr/bin/env bash
# Counts instructions per input with callgrind for the generated machine (no observer, and with a
# trivial observer attached) and the hand-written match, after checking that all three end in the
# same state with the same counts. Installs valgrind if missing. Not part of the test run.
#
#   bash bench/run.sh [inputs]     # default 1,000,000 inputs per callgrind run
set -euo pipefail
cd "$(dirname "$0")"
n="${1:-1000000}"
command -v valgrind >/dev/null || { apt-get update -qq && apt-get install -y -qq valgrind >/dev/null; }
cargo build -q --release
bin=target/release/automat-bench

# Same final state, outputs and refusals, over 10 million inputs.
expected=$($bin handwritten 10000000 | cut -d: -f2)
for which in generated observed; do
    got=$($bin $which 10000000 | cut -d: -f2)
    [ "$got" = "$expected" ] || { echo "MISMATCH $which:$got vs handwritten:$expected"; exit 1; }
done
echo "cross-check over 10,000,000 inputs:$expected"

instructions() { # instructions of `bin which n`, from callgrind's summary
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 >/dev/null \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '%-12s %14s %12s %8s\n' implementation instructions "per input" ratio
base=""
for which in handwritten generated observed; do
    empty=$(instructions "$which" 0)
    full=$(instructions "$which" "$n")
    per=$(python3 -c "print(f'{($full - $empty) / $n:.2f}')")
    [ -n "$base" ] || base=$per
    ratio=$(python3 -c "print(f'{$per / $base:.3f}')")
    printf '%-12s %14s %12s %8s\n' "$which" "$full" "$per" "$ratio"
done
