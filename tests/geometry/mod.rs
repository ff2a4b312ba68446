//! The geometry of the SVGs we draw, read back from their text: shapes, edges as cubic curves,
//! and the checks and counts over them (`tests/diagrams.rs`, `tests/diagram_quality.rs`).

#![allow(dead_code)] // each test uses its part

/// The text between `before` and the next `"` after it.
pub fn attribute<'a>(svg: &'a str, before: &str) -> Option<&'a str> {
    let start = svg.find(before)? + before.len();
    svg[start..].split('"').next()
}

/// A shape an edge must not cross: a state's ellipse (or a history circle), or a transition's box.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    Ellipse { cx: f64, cy: f64, rx: f64, ry: f64 },
    Rect { x: f64, y: f64, w: f64, h: f64 },
}

impl Shape {
    /// Whether `(px, py)` is inside the shape grown by `margin` (negative: shrunk).
    pub fn contains(self, (px, py): (f64, f64), margin: f64) -> bool {
        match self {
            Shape::Ellipse { cx, cy, rx, ry } => {
                let (rx, ry) = (rx + margin, ry + margin);
                rx > 0.0 && ry > 0.0 && ((px - cx) / rx).powi(2) + ((py - cy) / ry).powi(2) < 1.0
            }
            Shape::Rect { x, y, w, h } => {
                px > x - margin && px < x + w + margin && py > y - margin && py < y + h + margin
            }
        }
    }
}

/// The numbers of the attributes `names` of an SVG tag.
pub fn tag_numbers(tag: &str, names: &[&str]) -> Option<Vec<f64>> {
    names
        .iter()
        .map(|name| attribute(tag, &format!(" {name}=\"")).and_then(|v| v.parse().ok()))
        .collect()
}

/// A cubic curve: its start, two control points and end.
pub type Curve = [(f64, f64); 4];

/// The states, history nodes and transition boxes of an SVG of ours (not the compounds' boxes,
/// which edges enter and leave by design), and each edge as its cubic curves.
pub fn geometry(svg: &str) -> (Vec<Shape>, Vec<Vec<Curve>>) {
    let mut shapes = Vec::new();
    for tag in svg.split('<').skip(1) {
        // A circle is an ellipse whose two radii are its `r`.
        let ellipse = if tag.starts_with("ellipse ") {
            Some(["cx", "cy", "rx", "ry"])
        } else if tag.starts_with("circle ") {
            Some(["cx", "cy", "r", "r"])
        } else {
            None
        };
        if let Some(names) = ellipse {
            if let Some(v) = tag_numbers(tag, &names) {
                shapes.push(Shape::Ellipse {
                    cx: v[0],
                    cy: v[1],
                    rx: v[2],
                    ry: v[3],
                });
            }
        } else if tag.starts_with("rect ") {
            let compound = attribute(tag, " rx=\"") == Some("10");
            if let (false, Some(v)) = (compound, tag_numbers(tag, &["x", "y", "width", "height"])) {
                shapes.push(Shape::Rect {
                    x: v[0],
                    y: v[1],
                    w: v[2],
                    h: v[3],
                });
            }
        }
    }
    let edges_start = svg
        .find("<g class=\"automat-edges\"")
        .expect("an edges group");
    let edges_end = edges_start + svg[edges_start..].find("</g>").expect("its end");
    let mut edges = Vec::new();
    for path in svg[edges_start..edges_end].split("<path d=\"").skip(1) {
        let d = path.split('"').next().unwrap_or_default();
        let v: Vec<f64> = d
            .split([' ', 'M', 'C'])
            .filter_map(|part| part.parse().ok())
            .collect();
        let mut curves = Vec::new();
        let mut at = (v[0], v[1]);
        for c in v[2..].chunks_exact(6) {
            let end = (c[4], c[5]);
            curves.push([at, (c[0], c[1]), (c[2], c[3]), end]);
            at = end;
        }
        edges.push(curves);
    }
    (shapes, edges)
}

/// How many times an edge passes through a shape it neither starts nor ends at (each pair of
/// edge and shape counted once).
pub fn edges_through_nodes(svg: &str) -> Vec<String> {
    let (shapes, edges) = geometry(svg);
    let mut found = Vec::new();
    for (k, curves) in edges.iter().enumerate() {
        let (Some(first), Some(last)) = (curves.first(), curves.last()) else {
            continue;
        };
        let (start, end) = (first[0], last[3]);
        for shape in &shapes {
            // The shapes the edge leaves and enters (its ends lie on their borders).
            if shape.contains(start, 3.0) || shape.contains(end, 3.0) {
                continue;
            }
            let through = curves.iter().any(|&curve| {
                (0..=64).any(|i| shape.contains(at(curve, f64::from(i) / 64.0), -1.5))
            });
            if through {
                found.push(format!(
                    "edge {k} from {start:?} to {end:?} through {shape:?}"
                ));
            }
        }
    }
    found
}

/// The point of `curve` at `t` (0 at its start, 1 at its end).
fn at([start, c1, c2, end]: Curve, t: f64) -> (f64, f64) {
    let rest = 1.0 - t;
    let weights = [
        rest.powi(3),
        3.0 * rest * rest * t,
        3.0 * rest * t * t,
        t.powi(3),
    ];
    let points = [start, c1, c2, end];
    let mix = |pick: fn((f64, f64)) -> f64| {
        weights
            .iter()
            .zip(points)
            .map(|(w, p)| w * pick(p))
            .sum::<f64>()
    };
    (mix(|p| p.0), mix(|p| p.1))
}

/// An edge as a polyline: each curve sampled at `SAMPLES` steps.
fn polyline(curves: &[Curve]) -> Vec<(f64, f64)> {
    const SAMPLES: u32 = 16;
    let mut points = Vec::new();
    for &curve in curves {
        let first = u32::from(!points.is_empty());
        points.extend((first..=SAMPLES).map(|i| at(curve, f64::from(i) / f64::from(SAMPLES))));
    }
    points
}

/// Where segments `p1-p2` and `q1-q2` cross, if they do.
fn cross(p1: (f64, f64), p2: (f64, f64), q1: (f64, f64), q2: (f64, f64)) -> Option<(f64, f64)> {
    let along_p = (p2.0 - p1.0, p2.1 - p1.1);
    let along_q = (q2.0 - q1.0, q2.1 - q1.1);
    let denominator = along_p.0 * along_q.1 - along_p.1 * along_q.0;
    if denominator.abs() < 1e-9 {
        return None;
    }
    let between = (q1.0 - p1.0, q1.1 - p1.1);
    let on_p = (between.0 * along_q.1 - between.1 * along_q.0) / denominator;
    let on_q = (between.0 * along_p.1 - between.1 * along_p.0) / denominator;
    ((0.0..1.0).contains(&on_p) && (0.0..1.0).contains(&on_q))
        .then_some((p1.0 + on_p * along_p.0, p1.1 + on_p * along_p.1))
}

/// How many times two edges cross, summed over every pair of edges. Edges that meet where they
/// start or end (at a node both attach to) do not cross there: points within 6 units of either
/// edge's ends are not counted, and hits closer than that to one another count once.
pub fn crossings(edges: &[Vec<Curve>]) -> usize {
    let lines: Vec<Vec<(f64, f64)>> = edges.iter().map(|e| polyline(e)).collect();
    let boxes: Vec<[f64; 4]> = lines
        .iter()
        .map(|line| {
            line.iter().fold(
                [f64::MAX, f64::MAX, f64::MIN, f64::MIN],
                |[x0, y0, x1, y1], &(x, y)| [x0.min(x), y0.min(y), x1.max(x), y1.max(y)],
            )
        })
        .collect();
    let near = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1) < 6.0;
    let mut count = 0;
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            let ([ax0, ay0, ax1, ay1], [bx0, by0, bx1, by1]) = (boxes[i], boxes[j]);
            if ax1 < bx0 || bx1 < ax0 || ay1 < by0 || by1 < ay0 {
                continue;
            }
            let (a, b) = (&lines[i], &lines[j]);
            let (Some((&a0, &a1)), Some((&b0, &b1))) =
                (a.first().zip(a.last()), b.first().zip(b.last()))
            else {
                continue;
            };
            let ends = [a0, a1, b0, b1];
            let mut hits: Vec<(f64, f64)> = Vec::new();
            for p in a.windows(2) {
                for q in b.windows(2) {
                    if let Some(hit) = cross(p[0], p[1], q[0], q[1]) {
                        if !ends.iter().any(|&e| near(e, hit))
                            && !hits.iter().any(|&h| near(h, hit))
                        {
                            hits.push(hit);
                        }
                    }
                }
            }
            count += hits.len();
        }
    }
    count
}
