#!/usr/bin/env bash
# The diagrams measured against Graphviz (issue 17): lays out the corpus of machines in
# tests/diagram_quality.rs with automat-rs and with `dot`, and prints per machine the edge
# crossings (both counted by the same code), our edges through nodes, sizes and render times.
#
#   bash scripts/diagram-quality.sh
#
# Installs Graphviz if it is missing. The same test runs (silently) in `cargo test --workspace`,
# where it fails if any edge of ours passes through a node.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dot >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq graphviz >/dev/null
fi
cargo test --quiet --release --test diagram_quality -- --nocapture 2>/dev/null | grep '^|'
