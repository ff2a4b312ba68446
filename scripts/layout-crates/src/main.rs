//! The pure-Rust layered-layout crates, measured on automat-rs's diagram corpus
//! (`tests/corpus/`) and on the 16/64 and 64/256 synthetic machines of the SVG bench: dagre (a
//! port of dagre.js, which Mermaid uses) and rust-sugiyama. Each lays out the graph our SVG
//! draws (a state per node, a box per declared transition, an edge into the box from each
//! source and one out to the target); crossings are counted by the same code as
//! `tests/diagram_quality.rs`, on dagre's edge points and on rust-sugiyama's straight lines
//! between node centres (it routes no edges).
//!
//!   cargo run --release --manifest-path scripts/layout-crates/Cargo.toml
#![allow(dead_code)] // the corpus and geometry modules are shared with the tests
#![allow(clippy::cast_precision_loss, clippy::cast_possible_truncation)]

#[path = "../../../tests/corpus/mod.rs"]
mod corpus;
#[path = "../../../tests/geometry/mod.rs"]
mod geometry;
use automat_rs::Description;
use dagre::graph::{Graph, GraphOptions};
use dagre::{layout, EdgeLabel, NodeLabel};
use std::time::Instant;

/// A graph to lay out: node sizes, and edges between node indices.
pub struct G {
    sizes: Vec<(f64, f64)>,
    edges: Vec<(usize, usize)>,
}

fn graph(d: &Description<'_>) -> G {
    let mut sizes: Vec<(f64, f64)> = d
        .states
        .iter()
        .map(|s| (s.name.len() as f64 * 7.44 + 32.0, 36.0))
        .collect();
    let mut edges = Vec::new();
    let mut any = None;
    for rule in d.rules() {
        let t = rule.transition();
        let head =
            d.inputs.get(t.input).map_or(0, |i| i.name.len()) + t.guard.map_or(0, |g| g.len() + 3);
        let outs: usize = t
            .outputs
            .iter()
            .map(|&o| d.outputs[o].label.len() + 2)
            .sum();
        let b = sizes.len();
        sizes.push((
            (head as f64 * 7.44).max(outs as f64 * 6.2) + 16.0,
            if t.outputs.is_empty() { 22.0 } else { 38.0 },
        ));
        if t.wildcard {
            let a = *any.get_or_insert_with(|| {
                sizes.push((100.0, 30.0));
                sizes.len() - 1
            });
            edges.push((a, b));
        } else {
            for s in rule.sources() {
                edges.push((s, b));
            }
        }
        if !rule.stays_in_many() {
            edges.push((b, t.target));
        }
    }
    G { sizes, edges }
}

fn dagre_layout(g: &G) -> (Vec<Vec<geometry::Curve>>, (f64, f64)) {
    let mut gr = Graph::with_options(GraphOptions {
        directed: true,
        multigraph: true,
        compound: false,
    });
    for (i, &(w, h)) in g.sizes.iter().enumerate() {
        let mut n = NodeLabel::default();
        n.width = w;
        n.height = h;
        gr.set_node(format!("n{i}"), Some(n));
    }
    for (k, &(a, b)) in g.edges.iter().enumerate() {
        gr.set_edge(
            &format!("n{a}"),
            &format!("n{b}"),
            Some(EdgeLabel::default()),
            Some(&format!("e{k}")),
        );
    }
    layout(&mut gr, None);
    let mut curves = Vec::new();
    for (k, &(a, b)) in g.edges.iter().enumerate() {
        let e = gr
            .edge(&format!("n{a}"), &format!("n{b}"), Some(&format!("e{k}")))
            .unwrap();
        let pts: Vec<(f64, f64)> = e.points.iter().map(|p| (p.x, p.y)).collect();
        curves.push(pts.windows(2).map(|w| [w[0], w[0], w[1], w[1]]).collect());
    }
    let (mut w, mut h) = (0.0f64, 0.0f64);
    for i in 0..g.sizes.len() {
        let n = gr.node(&format!("n{i}")).unwrap();
        w = w.max(n.x.unwrap() + n.width / 2.0);
        h = h.max(n.y.unwrap() + n.height / 2.0);
    }
    (curves, (w, h))
}

fn sugiyama_layout(g: &G) -> (Vec<Vec<geometry::Curve>>, (f64, f64)) {
    let vertices: Vec<(u32, (f64, f64))> = g
        .sizes
        .iter()
        .enumerate()
        .map(|(i, &s)| (i as u32, s))
        .collect();
    let edges: Vec<(u32, u32)> = g.edges.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
    let layouts = rust_sugiyama::from_vertices_and_edges(
        &vertices,
        &edges,
        &rust_sugiyama::configure::Config::default(),
    );
    let mut pos = vec![(0.0, 0.0); g.sizes.len()];
    let mut dx = 0.0;
    let (mut w, mut h) = (0.0f64, 0.0f64);
    for (coords, width, _height) in layouts {
        for (id, (x, y)) in coords {
            pos[id] = (x + dx, y);
            w = w.max(x + dx);
            h = h.max(y);
        }
        dx += width as f64 * 100.0;
    }
    let curves = g
        .edges
        .iter()
        .map(|&(a, b)| vec![[pos[a], pos[a], pos[b], pos[b]]])
        .collect();
    (curves, (w, h))
}

fn main() {
    for (s, t) in [(16, 64), (64, 256)] {
        let g = synthetic(s, t);
        let a = Instant::now();
        dagre_layout(&g);
        let x = a.elapsed();
        let a = Instant::now();
        sugiyama_layout(&g);
        println!(
            "synthetic {s}/{t}: dagre {:.1} ms, rust-sugiyama {:.1} ms",
            x.as_secs_f64() * 1e3,
            a.elapsed().as_secs_f64() * 1e3
        );
    }
    println!("| machine | ours: crossings | size | ms | dagre: crossings | size | ms | rust-sugiyama: crossings (straight) | ms |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let (mut ot, mut dt, mut st) = (0, 0, 0);
    for d in corpus::corpus() {
        let g = graph(d);
        let t = Instant::now();
        let (c, size) = dagre_layout(&g);
        let dm = t.elapsed();
        let t = Instant::now();
        let (c2, _) = sugiyama_layout(&g);
        let sm = t.elapsed();
        let t = Instant::now();
        let svg = d.svg().to_string();
        let om = t.elapsed();
        let ours = geometry::crossings(&geometry::geometry(&svg).1);
        let number = |name: &str| {
            geometry::attribute(&svg, &format!(" {name}=\""))
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or_default()
        };
        let (x, y) = (geometry::crossings(&c), geometry::crossings(&c2));
        ot += ours;
        dt += x;
        st += y;
        println!(
            "| {} | {ours} | {:.0} × {:.0} | {:.2} | {x} | {:.0} × {:.0} | {:.2} | {y} | {:.2} |",
            d.name,
            number("width"),
            number("height"),
            om.as_secs_f64() * 1e3,
            size.0,
            size.1,
            dm.as_secs_f64() * 1e3,
            sm.as_secs_f64() * 1e3
        );
    }
    println!("| **all** | **{ot}** | | | **{dt}** | | | **{st}** | |");
}

pub fn synthetic(states: usize, transitions: usize) -> G {
    let mut sizes: Vec<(f64, f64)> = (0..states).map(|_| (90.0, 36.0)).collect();
    let mut edges = Vec::new();
    let mut seed: u64 = 7;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for k in 0..transitions {
        let s = k % states;
        let t = next() % states;
        let b = sizes.len();
        sizes.push((80.0, 38.0));
        edges.push((s, b));
        edges.push((b, t));
    }
    G { sizes, edges }
}
