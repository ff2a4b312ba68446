#!/usr/bin/env bash
# Packages the publishable crates and verifies each package builds on its own (what
# `cargo publish` would upload), then checks that every package holds its README and licences.
# CI runs it; `publish = false` crates (tests, bench, fuzz) are not packaged.
set -euo pipefail
cd "$(dirname "$0")/.."
crates=(automat-core automat-macros automat-store automat-rs)
args=()
for crate in "${crates[@]}"; do args+=(-p "$crate"); done
version=$(cargo metadata --format-version 1 --no-deps --locked \
    | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="automat-rs"))')
# Cargo unpacks the packages it verifies against into a registry of the package directory's own
# (`registry/src/-<hash>/`), once per name and version: a later run from the same directory
# (CI's clone is always at the same path) would build against the sources of an earlier one.
for crate in "${crates[@]}"; do
    rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/"$crate-$version"
done
# Packaged together, so each verification finds the others' packages, not crates.io's.
cargo package --locked "${args[@]}" "$@"
status=0
for crate in "${crates[@]}"; do
    file="target/package/$crate-$version.crate"
    listing=$(tar -tzf "$file")
    for needed in Cargo.toml README.md LICENSE-MIT LICENSE-APACHE src/lib.rs; do
        if ! grep -qx "$crate-$version/$needed" <<<"$listing"; then
            echo "$file lacks $needed"
            status=1
        fi
    done
    printf '%s: %s files, %s bytes\n' "$file" "$(wc -l <<<"$listing")" "$(stat -c %s "$file")"
done
exit "$status"
