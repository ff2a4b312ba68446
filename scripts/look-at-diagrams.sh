#!/usr/bin/env bash
# Looks at the diagrams the way a person does: renders the examples' SVGs and the generated
# rustdoc page of a machine in headless Chromium, takes screenshots, and checks from the page's
# DOM that each shows an SVG diagram holding every state's name.
#
#   bash scripts/look-at-diagrams.sh        # screenshots land in target/screenshots/
#
# Installs Debian's chromium if it is missing. Not part of the default test run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi

out=target/screenshots
mkdir -p "$out"
cargo run -q --example export_diagrams --features registry >/dev/null
cargo doc -q --no-deps --example coffee_brewer

profile=$(mktemp -d)
chrome() {
    chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" "$@" 2>/dev/null
}

status=0
check() { # check NAME URL MERMAID_FILE: screenshot the page, then check its DOM
    local name=$1 url=$2 states_from=$3
    chrome --window-size=1200,1400 --screenshot="$out/$name.png" "$url" >/dev/null
    chrome --dump-dom "$url" > "$out/$name.dom.html"
    if python3 - "$out/$name.dom.html" "$states_from" <<'PY'
import re, sys
from html.parser import HTMLParser

dom, mermaid = open(sys.argv[1]).read(), open(sys.argv[2]).read()
states = re.findall(r'^\s*state "([^"]+)" as s\d+$', mermaid, re.M)

class Diagram(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth, self.found, self.texts = 0, False, []
    def handle_starttag(self, tag, attrs):
        if tag == "svg" and "automat-diagram" in (dict(attrs).get("class") or ""):
            self.found, self.depth = True, 1
        elif self.depth and tag == "svg":
            self.depth += 1
    def handle_endtag(self, tag):
        if self.depth and tag == "svg":
            self.depth -= 1
    def handle_data(self, data):
        if self.depth:
            self.texts.append(data.strip())

page = Diagram()
page.feed(dom)
missing = [s for s in states if s not in page.texts]
if not page.found or not states or missing:
    print(f"  no diagram, or states missing: found={page.found} missing={missing}")
    sys.exit(1)
print(f"  svg diagram with all {len(states)} states: {', '.join(states)}")
PY
    then echo "ok   $name -> $out/$name.png"; else echo "FAIL $name"; status=1; fi
}

for machine in Turnstile CoffeeBrewer GarageDoor; do
    check "$machine" "file://$PWD/target/diagrams/$machine.svg" "target/diagrams/$machine.mmd"
done
check "rustdoc-CoffeeBrewer" "file://$PWD/target/doc/coffee_brewer/struct.CoffeeBrewer.html" "target/diagrams/CoffeeBrewer.mmd"
rm -rf "$profile"
exit $status
