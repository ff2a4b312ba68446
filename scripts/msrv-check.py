#!/usr/bin/env python3
"""Checks the `rust-version` the publishable crates declare against what they depend on.

Only one toolchain can be installed on our machines, so the MSRV cannot be proven by building
with it. What can be checked, and is here: every crate a publishable crate depends on (with all
its features, normal and build dependencies, as resolved in Cargo.lock) declares a
`rust-version` no newer than ours, or none. Clippy's `incompatible_msrv` lint (on in CI's
`cargo clippy`, which reads `rust-version`) checks our own code against the standard library
of that version. Together they cover the API and the dependency floor; a language feature newer
than the MSRV would still slip through, which is why the README says so.

Run: `python3 scripts/msrv-check.py` (CI runs it). Prints each offender; exits 1 if any.
"""
import json
import subprocess
import sys

PUBLISHED = {"automat-rs", "automat-core", "automat-macros", "automat-store"}


def version(v):
    return tuple(int(p) for p in v.split("."))


def main():
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    ours = {}
    for p in meta["packages"]:
        if p["name"] in PUBLISHED and p["source"] is None:
            ours[p["id"]] = version(p["rust_version"])
    msrv = max(ours.values())
    if len(set(ours.values())) != 1:
        print("the publishable crates declare different rust-versions:", ours)
        return 1
    # Everything reachable from our crates through normal and build dependencies.
    seen, todo, parents = set(), list(ours), {}
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for dep in nodes[pid]["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            if kinds & {None, "build"}:
                parents.setdefault(dep["pkg"], pid)
                todo.append(dep["pkg"])
    bad = []
    for pid in sorted(seen):
        p = packages[pid]
        rv = p.get("rust_version")
        if rv and version(rv) > msrv:
            via = packages[parents.get(pid, pid)]["name"]
            bad.append(f"{p['name']} {p['version']} needs Rust {rv} (through {via})")
    print(f"rust-version {'.'.join(map(str, msrv))}: {len(seen)} crates checked, {len(bad)} newer")
    for line in bad:
        print("  " + line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
