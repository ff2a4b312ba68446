#!/usr/bin/env bash
# Build time of one machine of the wide shape (gen/mod.rs: 4 inputs, one output) declared with
# each implementation, at several sizes: a scratch binary crate whose dependencies are built
# once, then `cargo build` (dev profile) of the crate alone, median of RUNS runs. Its `main` drives
# the machine, so that the machine's code is generated, as in a user's program. Incremental
# compilation is off (every run changes the source anyway). Prints
# `implementation<TAB>states<TAB>seconds` lines; RUNS (default 5) runs per figure; IMPLEMENTATIONS
# (default: all) chooses which.
#
#   bash bench/build-time.sh [sizes...]     # default: 128 512
#   IMPLEMENTATIONS="match automat" RUNS=3 bash bench/build-time.sh 128 512 2048
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_INCREMENTAL=0
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(128 512)
cargo build -q --release --bin automat-bench
bin=$PWD/target/release/automat-bench
root=$(cd .. && pwd)
scratch=$PWD/target/build-time
mkdir -p "$scratch/src"
cat > "$scratch/Cargo.toml" <<TOML
[package]
name = "build-time"
version = "0.0.0"
edition = "2021"
publish = false

[[bin]]
name = "build-time"
path = "src/main.rs"

[dependencies]
automat-rs = { path = "$root" }
rust-fsm = "0.8"
sm = "0.9"
smlang = "0.8"
statig = "0.4"

[workspace]
TOML
cp Cargo.lock "$scratch/Cargo.lock" 2>/dev/null || true
echo "fn main() {}" > "$scratch/src/main.rs"
(cd "$scratch" && cargo build -q 2>/dev/null)   # the dependencies, once

for states in "${sizes[@]}"; do
    for implementation in ${IMPLEMENTATIONS:-match automat automat_typestate rust_fsm smlang statig}; do
        times=()
        for _ in $(seq "${RUNS:-5}"); do
            {
                echo '#![allow(missing_docs, dead_code, clippy::all)]'
                "$bin" source "$implementation" "$states" 4
                echo 'fn main() {'
                echo '    let mut machine = Machine::new();'
                echo '    let accepted = (0..1000_u32).filter(|k| machine.feed((k * 7 % 4) as u8)).count();'
                echo '    println!("{accepted} {} {}", machine.state_index(), machine.outputs());'
                echo '}'
            } > "$scratch/src/main.rs"
            start=$(date +%s.%N)
            (cd "$scratch" && cargo build -q 2>/dev/null)
            end=$(date +%s.%N)
            times+=("$(echo "$end - $start" | bc -l)")
        done
        median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(( (${#times[@]} + 1) / 2 ))p")
        printf '%s\t%s\t%.2f\n' "$implementation" "$states" "$median"
    done
done
