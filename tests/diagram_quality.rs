//! The diagrams measured against Graphviz (issue 17): for a corpus of machines, the SVG we draw
//! and Graphviz's layout of the DOT we emit, side by side. Prints, per machine, edge crossings
//! (both counted by the same code over the curves: ours from our SVG, Graphviz's from its
//! `-Tjson`), our edges through nodes, sizes and render times; asserts what is a rule today: no
//! edge of ours passes through a node, and no picture is wider than three times its height. Run it with `bash scripts/diagram-quality.sh`.

#![allow(missing_docs)]
#![allow(clippy::duplicate_mod)]

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod corpus;
mod geometry;
use corpus::corpus;
use geometry::{attribute, crossings, edges_through_nodes, geometry, Curve};

/// The median time of `f` over 11 runs.
fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..11)
        .map(|_| {
            let started = Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Graphviz's layout: its edges' curves, its width and height, and how long `dot -Tjson` took
/// (a process start included).
type Layout = (Vec<Vec<Curve>>, (f64, f64), Duration);

/// Graphviz's layout of `dot`.
fn graphviz(dot: &str) -> Option<Layout> {
    let started = Instant::now();
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(dot.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let elapsed = started.elapsed();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    let bb: Vec<f64> = json["bb"]
        .as_str()?
        .split(',')
        .filter_map(|v| v.parse().ok())
        .collect();
    let size = (bb[2] - bb[0], bb[3] - bb[1]);
    let mut edges = Vec::new();
    for edge in json["edges"].as_array()? {
        let mut curves = Vec::new();
        for op in edge["_draw_"].as_array().into_iter().flatten() {
            if op["op"] != "b" {
                continue;
            }
            let points: Vec<(f64, f64)> = op["points"]
                .as_array()?
                .iter()
                .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
                .collect();
            let mut at = points[0];
            for c in points[1..].chunks_exact(3) {
                curves.push([at, c[0], c[1], c[2]]);
                at = c[2];
            }
        }
        edges.push(curves);
    }
    Some((edges, size, elapsed))
}

#[test]
fn diagrams_measured_against_graphviz() {
    let has_dot = Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        has_dot || std::env::var_os("CI").is_none(),
        "Graphviz `dot` must be installed under CI"
    );
    println!(
        "| machine | transitions | crossings (ours) | crossings (Graphviz) | edges through nodes (ours) \
         | size (ours) | size (Graphviz) | render (ours) | render (dot -Tjson) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let (mut ours_total, mut theirs_total) = (0, 0);
    let mut through_total = Vec::new();
    let mut too_wide = Vec::new();
    // `scripts/diagram-quality.sh` asks for the files, to render the Mermaid with Mermaid and
    // to take screenshots.
    let files = std::env::var_os("AUTOMAT_DIAGRAM_DIR");
    for d in corpus() {
        if let Some(dir) = &files {
            automat_rs::export::write_diagrams(dir, d.name, d)
                .expect("the diagram files are written");
            if d.rules().any(|rule| rule.is_self_loop()) {
                // Its self-loops listed inside the states, to be checked by Mermaid and looked
                // at too.
                let dir = std::path::Path::new(dir);
                let name = format!("{}-collapsed", d.name);
                std::fs::write(
                    dir.join(format!("{name}.svg")),
                    d.svg().collapse_self_loops().to_string(),
                )
                .expect("the collapsed SVG is written");
                std::fs::write(
                    dir.join(format!("{name}.mmd")),
                    d.mermaid().collapse_self_loops().to_string(),
                )
                .expect("the collapsed Mermaid is written");
            }
        }
        let svg = d.svg().to_string();
        let render = median(|| drop(d.svg().to_string()));
        let (_, edges) = geometry(&svg);
        let ours = crossings(&edges);
        let through = edges_through_nodes(&svg);
        let size = |name: &str| {
            attribute(&svg, &format!(" {name}=\""))
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or_default()
        };
        let (w, h) = (size("width"), size("height"));
        if w > 3.0 * h || h > 3.0 * w {
            too_wide.push(format!("{}: {w:.0} × {h:.0}", d.name));
        }
        let theirs = has_dot.then(|| graphviz(&d.dot().to_string())).flatten();
        let (their_crossings, their_size, their_time) = match &theirs {
            Some((edges, (tw, th), time)) => (
                crossings(edges).to_string(),
                format!("{tw:.0} × {th:.0}"),
                format!("{:.1} ms", time.as_secs_f64() * 1e3),
            ),
            None => ("-".into(), "-".into(), "-".into()),
        };
        ours_total += ours;
        theirs_total += theirs.as_ref().map_or(0, |(edges, _, _)| crossings(edges));
        println!(
            "| {} | {} | {ours} | {their_crossings} | {} | {w:.0} × {h:.0} | {their_size} | {:.2} ms | {their_time} |",
            d.name,
            d.transitions.len(),
            through.len(),
            render.as_secs_f64() * 1e3,
        );
        through_total.extend(through.into_iter().map(|t| format!("{}: {t}", d.name)));
    }
    println!(
        "| **all** | | **{ours_total}** | **{theirs_total}** | **{}** | | | | |",
        through_total.len()
    );
    assert!(through_total.is_empty(), "{}", through_total.join("\n"));
    // Issue 17's bound: a wide machine folds its rows of boxes instead of growing into a strip,
    // a tall one wraps onto columns.
    assert!(
        too_wide.is_empty(),
        "wider than 3× their height, or higher than 3× their width: {too_wide:?}"
    );
}
