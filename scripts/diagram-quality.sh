#!/usr/bin/env bash
# The diagrams measured against Graphviz, checked by Mermaid and looked at (issue 17):
#
# 1. lays out the corpus of machines in tests/diagram_quality.rs with automat-rs and with `dot`,
#    and prints per machine the edge crossings (both counted by the same code), our edges through
#    nodes, sizes and render times;
# 2. renders every corpus machine's Mermaid with the real Mermaid CLI (`@mermaid-js/mermaid-cli`,
#    with Debian's chromium as its browser): a parse error fails the script;
# 3. takes screenshots in headless Chromium of every corpus machine's SVG and of the rustdoc
#    pages of two machines, into target/diagram-quality/screenshots/.
#
#   bash scripts/diagram-quality.sh
#
# Installs Graphviz, chromium and (under target/tools/) the Mermaid CLI if they are missing. The
# measuring test runs (silently) in `cargo test --workspace`, where it fails if any edge of ours
# passes through a node.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ((${#missing[@]})); then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

dir=$PWD/target/diagram-quality
rm -rf "$dir"
mkdir -p "$dir/screenshots"
AUTOMAT_DIAGRAM_DIR=$dir cargo test --quiet --release --test diagram_quality -- --nocapture 2>/dev/null \
    | grep '^|'

echo
echo "Mermaid, rendered by the Mermaid CLI:"
tools=$PWD/target/tools/mermaid-cli
mmdc=$tools/node_modules/.bin/mmdc
if [[ ! -x $mmdc ]]; then
    mkdir -p "$tools"
    # Its own browser download is skipped: it runs Debian's chromium.
    (cd "$tools" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund \
        @mermaid-js/mermaid-cli@11.17.0 >/dev/null)
fi
printf '{"executablePath": "%s", "args": ["--no-sandbox", "--disable-gpu"]}' \
    "$(command -v chromium)" > "$tools/puppeteer.json"
status=0
for mmd in "$dir"/*.mmd; do
    name=$(basename "$mmd" .mmd)
    if "$mmdc" -q -p "$tools/puppeteer.json" -i "$mmd" -o "$dir/$name.mermaid.svg" \
        >"$dir/$name.mermaid.log" 2>&1; then
        echo "ok   $name ($(stat -c %s "$dir/$name.mermaid.svg") bytes of SVG)"
    else
        echo "FAIL $name: $(grep -m1 -A2 'Error' "$dir/$name.mermaid.log" | tr '\n' ' ')"
        status=1
    fi
done

echo
echo "Screenshots, in headless Chromium:"
profile=$(mktemp -d)
shoot() { # shoot NAME URL WIDTH HEIGHT
    chromium --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --window-size="$3,$4" --screenshot="$dir/screenshots/$1.png" \
        "$2" >/dev/null 2>&1
    echo "ok   $1 -> target/diagram-quality/screenshots/$1.png ($3 × $4)"
}
for svg in "$dir"/*.svg; do
    name=$(basename "$svg" .svg)
    [[ $name == *.mermaid ]] && continue
    # The window fits the picture (its width and height attributes), within 4,000 px.
    read -r width height < <(python3 - "$svg" <<'PY'
import re, sys
head = open(sys.argv[1]).read(2000)
size = [min(4000, int(float(re.search(f' {a}="([0-9.]+)"', head).group(1))) + 16) for a in ("width", "height")]
print(*size)
PY
)
    shoot "$name" "file://$svg" "$width" "$height"
done
cargo doc -q --no-deps --example coffee_brewer --example tcp 2>/dev/null
shoot rustdoc-CoffeeBrewer "file://$PWD/target/doc/coffee_brewer/struct.CoffeeBrewer.html" 1200 1600
shoot rustdoc-Connection "file://$PWD/target/doc/tcp/struct.Connection.html" 1200 1600
rm -rf "$profile"
exit $status
