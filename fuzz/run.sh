#!/usr/bin/env bash
# Fuzzes the macro pipeline with cargo-fuzz for N seconds (default 300), starting from the seeds.
# Needs `cargo install cargo-fuzz`; the machine's stable toolchain is enough (RUSTC_BOOTSTRAP lets
# cargo-fuzz pass its coverage flags; no sanitizer is used, since the pipeline has no unsafe code).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-300}"
mkdir -p corpus/expand
cp -n seeds/*.txt corpus/expand/ 2>/dev/null || true
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none expand corpus/expand -- -max_total_time="$seconds" -max_len=4096
