//! The examples' diagrams are valid Graphviz, drawn from the declaration, byte-for-byte stable.
//!
//! Every DOT text is parsed by `graphviz-rust`'s DOT parser. When Graphviz's `dot` is installed
//! (`.ci/run` installs it; under `CI` it must be there) each is also rendered with `dot -Tsvg`.

#![allow(missing_docs)]
// Each example is included (in corpus/) with its own `mod support;`: copies, on purpose.
#![allow(clippy::duplicate_mod)]

use std::io::Write as _;
use std::process::{Command, Stdio};

use automat_rs::Description;

mod corpus;
mod geometry;
use corpus::{coffee_brewer, dishwasher, examples, garage_door, http2_stream, tcp, turnstile};
use geometry::{attribute, edges_through_nodes};

// States inside compound states are in (nested) clusters.
fn count_nodes(stmts: &[graphviz_rust::dot_structures::Stmt]) -> usize {
    stmts
        .iter()
        .map(|s| match s {
            graphviz_rust::dot_structures::Stmt::Node(_) => 1,
            graphviz_rust::dot_structures::Stmt::Subgraph(sub) => count_nodes(&sub.stmts),
            _ => 0,
        })
        .sum()
}

#[test]
fn example_diagrams_parse_as_dot() {
    // The parser is strict enough for this test to mean something.
    assert!(graphviz_rust::parse("digraph \"X\" { \"a\" -> ; }").is_err());
    assert!(graphviz_rust::parse("digraph \"X\" { \"a\" [label=<<b>unclosed</b>]; }").is_err());
    for description in examples() {
        let dot = description.dot().to_string();
        let graph = graphviz_rust::parse(&dot)
            .unwrap_or_else(|e| panic!("{}: {e}\n{dot}", description.name));
        let graphviz_rust::dot_structures::Graph::DiGraph { stmts, .. } = graph else {
            panic!("{} is not a digraph", description.name)
        };
        let nodes = count_nodes(&stmts);
        let edges = stmts
            .iter()
            .filter(|s| matches!(s, graphviz_rust::dot_structures::Stmt::Edge(_)))
            .count();
        // One node per state and per declared transition (and an "any state" node for
        // wildcards, a node per history a transition enters); an edge into each table from each
        // state it applies to (or from "any state", or from a compound's cluster), and one out
        // of it; an edge per eventless transition and state (once from a compound's cluster).
        let rules: Vec<_> = description.rules().collect();
        let any = usize::from(rules.iter().any(|r| r.transition().wildcard));
        let histories = (0..description.compounds.len())
            .flat_map(|c| [false, true].map(|deep| description.enters_history(c, deep)))
            .filter(|&h| h)
            .count();
        assert_eq!(
            nodes,
            description.states.len() + rules.len() + any + histories,
            "{}",
            description.name
        );
        let eventless: usize = description
            .eventless_rules()
            .map(|(rule, e)| {
                if e.within.is_some() {
                    1
                } else {
                    description.eventless_entries(rule).count()
                }
            })
            .sum();
        let edges_drawn: usize = rules
            .iter()
            .map(|r| {
                // A wildcard's table, and a compound's (from the cluster), have one edge in.
                let into = if r.transition().wildcard || r.transition().within.is_some() {
                    1
                } else {
                    r.sources().count()
                };
                into + usize::from(!r.stays_in_many())
            })
            .sum();
        assert_eq!(edges, edges_drawn + eventless, "{}", description.name);
    }
}

#[test]
fn example_diagrams_render_with_graphviz() {
    let available = Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "Graphviz `dot` must be installed under CI (.ci/run installs it)"
        );
        eprintln!("skipped: Graphviz `dot` is not installed (the DOT is still checked by the parser test)");
        return;
    }
    let mut texts: Vec<(&Description<'static>, String)> = examples()
        .iter()
        .map(|d| (*d, d.dot().to_string()))
        .collect();
    texts.push((
        Escapes::description(),
        Escapes::description().dot().to_string(),
    ));
    let brewer = coffee_brewer::CoffeeBrewer::description();
    texts.push((
        brewer,
        brewer
            .dot()
            .highlight(coffee_brewer::CoffeeBrewerState::Empty)
            .to_string(),
    ));
    for (description, dot) in texts {
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("dot starts");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(dot.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.trim().is_empty(),
            "{}: dot said: {stderr}",
            description.name
        );
        let svg = String::from_utf8(out.stdout).unwrap();
        assert!(svg.contains("<svg"), "{}", description.name);
        if let Err(why) = shows_the_whole_drawing(&svg) {
            panic!("{}: Graphviz's SVG {why}", description.name);
        }
        for state in description.states {
            assert!(
                svg.contains(&format!(">{}</text>", state.name)),
                "{} lacks state {}",
                description.name,
                state.name
            );
        }
        for input in description.inputs {
            // The input's name heads its tables (followed by a guard, when guarded).
            assert!(
                svg.contains(&format!(">{}</text>", input.name))
                    || svg.contains(&format!(">{} [", input.name)),
                "{} lacks input {}",
                description.name,
                input.name
            );
        }
    }
}

fn numbers(text: &str) -> Vec<f64> {
    text.split([' ', ',', '(', ')'])
        .filter_map(|part| part.parse().ok())
        .collect()
}

/// Graphviz's SVG shows all of its drawing: its size is its `viewBox`'s, and the drawing's
/// background (the graph's first polygon), scaled by the root group's transform, fits inside.
fn shows_the_whole_drawing(svg: &str) -> Result<(), String> {
    let view = attribute(svg, "viewBox=\"")
        .map(numbers)
        .ok_or("has no viewBox")?;
    let [_, _, view_w, view_h] = view[..] else {
        return Err(format!("has a viewBox of {} numbers", view.len()));
    };
    let size = |name: &str| {
        attribute(svg, &format!("<svg {name}=\""))
            .or_else(|| attribute(svg, &format!(" {name}=\"")))
            .and_then(|value| value.trim_end_matches("pt").parse::<f64>().ok())
    };
    let (width, height) = (size("width"), size("height"));
    // Graphviz rounds the size to whole points.
    let near = |size: Option<f64>, view: f64| size.is_some_and(|size| (size - view).abs() < 1.0);
    if !near(width, view_w) || !near(height, view_h) {
        return Err(format!(
            "is {width:?} x {height:?} pt around a viewBox of {view_w} x {view_h}"
        ));
    }
    let scale = attribute(svg, "transform=\"scale(")
        .map(numbers)
        .ok_or("has no scale")?;
    let points = attribute(
        svg,
        "<polygon fill=\"white\" stroke=\"transparent\" points=\"",
    )
    .map(numbers)
    .ok_or("has no background")?;
    let span = |axis: usize| {
        let values: Vec<f64> = points.iter().skip(axis).step_by(2).copied().collect();
        let max = values.iter().copied().fold(f64::MIN, f64::max);
        let min = values.iter().copied().fold(f64::MAX, f64::min);
        max - min
    };
    let (drawn_w, drawn_h) = (span(0) * scale[0], span(1) * scale[1]);
    if drawn_w > view_w + 1.0 || drawn_h > view_h + 1.0 {
        return Err(format!(
            "draws {drawn_w:.0} x {drawn_h:.0} into a viewBox of {view_w} x {view_h}: \
             part of the drawing is cut off"
        ));
    }
    Ok(())
}

#[test]
fn the_whole_drawing_check_sees_a_cut_off_svg() {
    // What Graphviz 2.43 writes for a graph with `dpi="100"`: scaled, with the viewBox not.
    let cut = r#"<svg width="124pt" height="361pt"
 viewBox="0.00 0.00 89.00 260.00" xmlns="http://www.w3.org/2000/svg">
<g id="graph0" class="graph" transform="scale(1.39 1.39) rotate(0) translate(4 256)">
<polygon fill="white" stroke="transparent" points="-4,4 -4,-256 85,-256 85,4 -4,4"/>"#;
    assert!(shows_the_whole_drawing(cut).is_err());
    let whole = cut
        .replace("124pt", "89pt")
        .replace("361pt", "260pt")
        .replace("scale(1.39 1.39)", "scale(1 1)");
    assert_eq!(shows_the_whole_drawing(&whole), Ok(()));
}

#[test]
fn diagrams_are_drawn_in_automats_style_and_deterministically() {
    let d = coffee_brewer::CoffeeBrewer::description();
    let dot = d.dot().to_string();
    assert_eq!(dot, d.dot().to_string());
    assert!(dot.starts_with("digraph \"CoffeeBrewer\" {\n"));
    assert!(
        dot.contains("\"Empty\" [shape=\"ellipse\", color=\"blue\", style=\"bold\""),
        "the initial state is bold"
    );
    assert!(
        !dot.contains("\"Ready\" [shape=\"ellipse\", color=\"blue\", style=\"bold\""),
        "only the initial state is bold"
    );
    assert!(
        dot.contains("\"Broken\" [shape=\"ellipse\", color=\"blue\", peripheries=\"2\""),
        "a final state is doubled"
    );
    // The transition `Empty + put_in_beans => Ready / log_beans, save_beans`: input over outputs.
    assert!(dot.contains(
        "<td port=\"tableport\" color=\"purple\" colspan=\"2\"><font face=\"Menlo-Italic\">put_in_beans</font></td></tr>\
         <tr><td color=\"pink\"><font point-size=\"9\">log_beans</font></td>\
         <td color=\"pink\"><font point-size=\"9\">save_beans</font></td></tr>"
    ));
    assert!(dot.contains("\"Empty\" -> \"t#0\":tableport:w [arrowhead=\"none\"];\n    \"t#0\":tableport:e -> \"Ready\";"));
    // Wildcard `_ + kick` is one rule, drawn once, from the "any state" node; never from the
    // final state.
    assert_eq!(dot.matches(">kick</font>").count(), 1);
    assert!(dot.contains(
        "\"*\" [shape=\"ellipse\", style=\"dashed\", color=\"gray\", label=\"any state\"];"
    ));
    assert!(dot.contains("\"*\" -> \"t#3\":tableport:w [arrowhead=\"none\"];\n    \"t#3\":tableport:e -> \"Broken\";"));
    assert!(!dot.contains("\"Broken\" -> "));
}

#[test]
fn example_main_functions_run_and_write_their_diagrams() {
    turnstile::main().unwrap();
    coffee_brewer::main().unwrap();
    garage_door::main().unwrap();
    tcp::main().unwrap();
    http2_stream::main().unwrap();
    dishwasher::main().unwrap();
}

/// The boxes (state ellipses and transition rectangles) of an SVG, as `(left, top, right, bottom)`.
fn boxes(svg: &roxmltree::Document<'_>) -> Vec<(String, [f64; 4])> {
    let number = |node: roxmltree::Node<'_, '_>, attribute: &str| {
        node.attribute(attribute).unwrap().parse::<f64>().unwrap()
    };
    let mut boxes = Vec::new();
    for node in svg.descendants() {
        let parent = node
            .parent_element()
            .and_then(|p| p.attribute("class"))
            .unwrap_or_default();
        if node.has_tag_name("ellipse") && parent.starts_with("automat-state") {
            // Only the outer ellipse of a final state: the inner one is inside it.
            if node
                .prev_sibling_element()
                .is_some_and(|s| s.has_tag_name("ellipse"))
            {
                continue;
            }
            let (cx, cy, rx, ry) = (
                number(node, "cx"),
                number(node, "cy"),
                number(node, "rx"),
                number(node, "ry"),
            );
            let name = node
                .parent_element()
                .unwrap()
                .attribute("data-state")
                .unwrap()
                .to_owned();
            boxes.push((name, [cx - rx, cy - ry, cx + rx, cy + ry]));
        } else if node.has_tag_name("ellipse") && parent == "automat-any" {
            let (cx, cy, rx, ry) = (
                number(node, "cx"),
                number(node, "cy"),
                number(node, "rx"),
                number(node, "ry"),
            );
            boxes.push(("any state".to_owned(), [cx - rx, cy - ry, cx + rx, cy + ry]));
        } else if node.has_tag_name("circle") && parent == "automat-history" {
            let (cx, cy, r) = (number(node, "cx"), number(node, "cy"), number(node, "r"));
            boxes.push(("history".to_owned(), [cx - r, cy - r, cx + r, cy + r]));
        } else if node.has_tag_name("rect")
            && (parent == "automat-transition" || parent == "automat-eventless-transition")
        {
            let (x, y, w, h) = (
                number(node, "x"),
                number(node, "y"),
                number(node, "width"),
                number(node, "height"),
            );
            boxes.push((format!("transition {}", boxes.len()), [x, y, x + w, y + h]));
        }
    }
    boxes
}

#[test]
fn svg_diagrams_are_valid_xml_with_every_name_and_no_overlapping_boxes() {
    for description in examples() {
        let svg = description.svg().to_string();
        assert_eq!(
            svg,
            description.svg().to_string(),
            "byte-identical across runs"
        );
        assert!(
            !svg.contains("\n\n"),
            "no blank lines, so it can be inlined into Markdown"
        );
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{}: {e}", description.name));
        let texts: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        for state in description.states {
            assert!(
                texts.contains(&state.name),
                "{} lacks state {}",
                description.name,
                state.name
            );
        }
        for input in description.inputs {
            assert!(
                texts
                    .iter()
                    .any(|t| *t == input.name || t.starts_with(&format!("{} [", input.name))),
                "{} lacks input {}",
                description.name,
                input.name
            );
        }
        let boxes = boxes(&doc);
        let rules: Vec<_> = description.rules().collect();
        let any = usize::from(rules.iter().any(|r| r.transition().wildcard));
        let histories = (0..description.compounds.len())
            .flat_map(|c| [false, true].map(|deep| description.enters_history(c, deep)))
            .filter(|&h| h)
            .count();
        assert_eq!(
            boxes.len(),
            description.states.len()
                + rules.len()
                + any
                + description.eventless_rules().count()
                + histories
        );
        for (i, (a, ra)) in boxes.iter().enumerate() {
            for (b, rb) in &boxes[i + 1..] {
                let overlap = ra[0] < rb[2] && rb[0] < ra[2] && ra[1] < rb[3] && rb[1] < ra[3];
                assert!(
                    !overlap,
                    "{}: {a} {ra:?} overlaps {b} {rb:?}",
                    description.name
                );
            }
        }
    }
}

#[test]
fn mermaid_diagrams_have_one_line_per_state_and_transition() {
    for d in examples() {
        let mermaid = d.mermaid().to_string();
        assert_eq!(mermaid, d.mermaid().to_string());
        let lines: Vec<&str> = mermaid.lines().collect();
        assert_eq!(lines[0], "stateDiagram-v2");
        for (i, state) in d.states.iter().enumerate() {
            assert_eq!(
                lines
                    .iter()
                    .filter(|l| l.trim() == format!("state \"{}\" as s{i}", state.name))
                    .count(),
                1
            );
        }
        let initial = d.states.iter().position(|s| s.initial).unwrap();
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.trim().starts_with("[*] -->"))
                .collect::<Vec<_>>(),
            [&format!("    [*] --> s{initial}")]
        );
        // One labelled arrow per declared transition: from its state, from "any state" for a
        // wildcard, from the composite state it is declared on, or from the `<<join>>` bar of a
        // transition with several sources.
        // And one per eventless transition and state with a guard or outputs (once from the
        // composite state it is declared on).
        let rules: Vec<_> = d.rules().collect();
        let labelled = lines
            .iter()
            .filter(|l| l.contains(" --> ") && l.contains(" : "))
            .count();
        let eventless: usize = d
            .eventless_rules()
            .filter(|(_, e)| e.guard.is_some() || !e.outputs.is_empty())
            .map(|(rule, e)| {
                if e.within.is_some() {
                    1
                } else {
                    d.eventless_entries(rule).count()
                }
            })
            .sum();
        assert_eq!(labelled, rules.len() + eventless);
        for rule in rules {
            let t = rule.transition();
            let from = if t.wildcard {
                "any".to_owned()
            } else if let Some(c) = t.within {
                format!("c{c}")
            } else if rule.sources().count() > 1 {
                format!("r{}", rule.index())
            } else {
                format!("s{}", t.source)
            };
            // A history target points at the compound's `H` (`H*`) state.
            let to = match t.history {
                Some(h) if h.deep => format!("hd{}", h.compound),
                Some(h) => format!("h{}", h.compound),
                None => format!("s{}", t.target),
            };
            let label = format!("{from} --> {to} : {}", d.inputs[t.input].name);
            assert!(
                lines.iter().any(|l| l.trim().starts_with(&label)),
                "{}: missing `{label}`",
                d.name
            );
        }
        let finals = d.states.iter().filter(|s| s.is_final).count();
        assert_eq!(
            lines.iter().filter(|l| l.ends_with("--> [*]")).count(),
            finals
        );
    }
}

#[test]
fn transition_tables_have_one_row_per_transition() {
    let d = coffee_brewer::CoffeeBrewer::description();
    let table = d.table().to_string();
    let rows: Vec<&str> = table.lines().collect();
    assert_eq!(rows[0], "| state | input | next | outputs |");
    assert_eq!(rows.len(), 2 + d.rules().count());
    assert_eq!(
        rows[2],
        "| `Empty` (initial) | `put_in_beans` | `Ready` | `log_beans`, `save_beans` |"
    );
    assert!(rows.contains(&"| any state | `kick` | `Broken` (final) | `complain` |"));
}

#[test]
fn highlighting_marks_exactly_the_current_state_in_every_format() {
    use automat_rs::MachineState as _;
    use coffee_brewer::{Beans, CoffeeBrewer, CoffeeBrewerState, Hardware};

    let mut brewer = CoffeeBrewer::new(Hardware::default());
    brewer.put_in_beans(Beans("arabica")).unwrap();
    let d = CoffeeBrewer::description();
    let current = brewer.state();
    assert_eq!(current, CoffeeBrewerState::Ready);

    let svg = d.svg().highlight(current).to_string();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let marked: Vec<&str> = doc
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == "automat-current"))
        })
        .filter_map(|n| n.attribute("data-state"))
        .collect();
    assert_eq!(marked, ["Ready"]);
    assert_eq!(svg.matches("#fff3b0").count(), 1);

    let dot = d.dot().highlight(current).to_string();
    let filled: Vec<&str> = dot.lines().filter(|l| l.contains("fillcolor")).collect();
    assert_eq!(filled.len(), 1);
    assert!(filled[0].trim_start().starts_with("\"Ready\""));
    assert!(graphviz_rust::parse(&dot).is_ok());

    let mermaid = d.mermaid().highlight(current).to_string();
    assert_eq!(
        mermaid
            .lines()
            .filter(|l| l.trim().starts_with("class ") && l.ends_with(" current"))
            .collect::<Vec<_>>(),
        [&format!("    class s{} current", current.index())]
    );

    let table = d.table().highlight(current).to_string();
    let marked_rows: Vec<&str> = table.lines().filter(|l| l.contains('▶')).collect();
    assert_eq!(
        marked_rows.len(),
        2,
        "Ready has its own transition and the wildcard: {table}"
    );
    assert!(marked_rows[0].starts_with("| ▶ `Ready` | `brew`"));
    assert!(marked_rows[1].starts_with("| ▶ any state | `kick`"));

    // Without a highlight nothing is marked; an index out of range marks nothing either.
    assert!(!d.svg().to_string().contains("automat-current"));
    assert!(!d
        .dot()
        .highlight_index(99)
        .to_string()
        .contains("fillcolor"));
    assert!(!d
        .mermaid()
        .highlight_index(99)
        .to_string()
        .contains(" current"));
}

automat_rs::machine! {
    /// A machine whose docs "quote", <tag> & \backslash everything a renderer must escape.
    machine Escapes {
        /// A "state" with <markup> & a \ and
        /// a second line.
        initial state A;
        /// Final | with a pipe; and # hash.
        final state B;
        /// An input's "docs".
        input go();
        /// A transition's <docs>.
        A + go => B;
    }
}

#[test]
fn names_and_docs_are_escaped_in_every_format() {
    let d = Escapes::description();
    assert!(d.states[0]
        .docs
        .contains("\"state\" with <markup> & a \\ and\na second line"));
    let dot = d.dot().to_string();
    assert!(
        dot.contains(r#"tooltip="A \"state\" with <markup> & a \\ and\na second line.""#),
        "{dot}"
    );
    assert!(graphviz_rust::parse(&dot).is_ok(), "{dot}");
    let svg = d.svg().to_string();
    roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    assert!(svg.contains("&lt;markup&gt; &amp; a"));
    let table = d.table().to_string();
    assert_eq!(table.lines().count(), 3);
}

#[test]
fn the_readme_image_is_what_the_renderer_draws_today() {
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/coffee_brewer.svg"
    ))
    .unwrap();
    let drawn = coffee_brewer::CoffeeBrewer::description().svg().to_string();
    assert!(
        committed == drawn,
        "docs/coffee_brewer.svg is stale: run `cargo run --example export_diagrams --features registry` \
         and copy target/diagrams/CoffeeBrewer.svg to docs/coffee_brewer.svg"
    );
}

/// A payment that did not go through.
pub struct Declined;

automat_rs::machine! {
    /// Every v0.2 construct a diagram shows.
    machine Checkout {
        initial state Cart { exit save_cart; }
        state Addressed;
        state Paid { entry send_receipt, notify; }
        state Failed;
        final state Cancelled;
        input address();
        input pay(amount: u32);
        input ping();
        input cancel();
        input retry();
        guard valid(amount: u32);
        output save_cart();
        output send_receipt();
        output notify();
        output charge(amount: u32) -> Result<(), Declined>;
        output log_failure(error: &Declined);
        output pong();
        Cart | Addressed + address => Addressed;
        Addressed + pay [valid] => Paid / charge? else Failed / log_failure;
        Failed + retry => Addressed;
        Cart | Addressed + ping => _ / pong;
        _ + cancel => Cancelled;
    }
}

#[test]
fn diagrams_show_guards_fallible_outputs_else_routes_actions_and_one_rule_per_declaration() {
    let d = Checkout::description();
    assert_eq!(d.rules().count(), 6, "five declarations and one else route");

    let dot = d.dot().to_string();
    assert!(graphviz_rust::parse(&dot).is_ok(), "{dot}");
    // Entry and exit actions inside the state.
    assert!(
        dot.contains(r#"label=<Cart<br/><font point-size="9">exit / save_cart</font>>"#),
        "{dot}"
    );
    assert!(dot
        .contains(r#"label=<Paid<br/><font point-size="9">entry / send_receipt, notify</font>>"#));
    // The guard after the input, `?` on the fallible output.
    assert!(dot.contains(">pay [valid]</font>"), "{dot}");
    assert!(dot.contains(r#"<font point-size="9">charge?</font>"#));
    // The else route: dashed, headed by what failed.
    assert!(dot.contains(">charge ✗</font>"), "{dot}");
    let else_rule = d.rules().find(|r| r.transition().else_route).unwrap();
    let n = else_rule.index();
    assert!(dot.contains(&format!(
        "\"Addressed\" -> \"t#{n}\":tableport:w [arrowhead=\"none\", style=\"dashed\"];\n    \"t#{n}\":tableport:e -> \"Failed\" [style=\"dashed\"];"
    )));
    // `Cart | Addressed + address`: one table, an edge in from each source, one edge out.
    assert_eq!(dot.matches(">address</font>").count(), 1);
    assert!(dot.contains("\"Cart\" -> \"t#0\":tableport:w [arrowhead=\"none\"];\n    \"Addressed\" -> \"t#0\":tableport:w [arrowhead=\"none\"];\n    \"t#0\":tableport:e -> \"Addressed\";"));
    // A stay from two states: one table, edges in, none out.
    assert_eq!(dot.matches(">ping ↺</font>").count(), 1);
    let ping = d
        .rules()
        .find(|r| d.inputs[r.transition().input].name == "ping")
        .unwrap();
    assert!(!dot.contains(&format!("\"t#{}\":tableport:e", ping.index())));

    let mermaid = d.mermaid().to_string();
    assert!(mermaid.contains("    s0 : exit / save_cart\n"), "{mermaid}");
    assert!(mermaid.contains("    s2 : entry / send_receipt, notify\n"));
    assert!(
        mermaid.contains(
            "    state r0 <<join>>\n    s0 --> r0\n    s1 --> r0\n    r0 --> s1 : address\n"
        ),
        "{mermaid}"
    );
    assert!(mermaid.contains("    s1 --> s2 : pay [valid] / charge?\n"));
    assert!(mermaid.contains("    s1 --> s3 : charge ✗ / log_failure\n"));
    assert!(
        mermaid.contains(&format!(
            "    state \"ping ↺ / pong\" as r{}\n",
            ping.index()
        )),
        "{mermaid}"
    );
    assert!(mermaid.contains("    any --> s4 : cancel\n"));

    let table = d.table().to_string();
    for row in [
        "| `Cart` (initial), `Addressed` | `address` | `Addressed` |  |",
        "| `Addressed` | `pay` [`valid`] | `Paid` | `charge`? |",
        "| `Addressed` | `charge` ✗ | `Failed` | `log_failure` |",
        "| `Cart` (initial), `Addressed` | `ping` | (stays) | `pong` |",
        "| any state | `cancel` | `Cancelled` (final) |  |",
        "| `Cart` |  | `save_cart` |",
        "| `Paid` | `send_receipt`, `notify` |  |",
    ] {
        assert!(table.lines().any(|l| l == row), "missing {row}:\n{table}");
    }

    let svg = d.svg().to_string();
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for text in [
        "pay [valid]",
        "charge?",
        "charge ✗",
        "ping ↺",
        "exit / save_cart",
        "entry / send_receipt, notify",
        "any state",
    ] {
        assert!(texts.contains(&text), "SVG lacks {text:?}: {texts:?}");
    }
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("stroke-dasharray").is_some())
            .count(),
        1,
        "the else route's box is dashed"
    );
    let boxes = boxes(&doc);
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            let overlap = ra[0] < rb[2] && rb[0] < ra[2] && ra[1] < rb[3] && rb[1] < ra[3];
            assert!(!overlap, "{a} {ra:?} overlaps {b} {rb:?}");
        }
    }
}

/// Each compound's box in the SVG holds exactly the states inside it: every one of them, and no
/// other state's ellipse touches it (compounds take bands of their own across every row).
#[test]
fn svg_compound_boxes_hold_their_states_and_no_others() {
    let d = dishwasher::Dishwasher::description();
    let svg = d.svg().to_string();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let states: std::collections::HashMap<String, [f64; 4]> = boxes(&doc)
        .into_iter()
        .filter(|(name, _)| d.state_index(name).is_some())
        .collect();
    let number = |node: roxmltree::Node<'_, '_>, attribute: &str| {
        node.attribute(attribute).unwrap().parse::<f64>().unwrap()
    };
    let mut seen = 0;
    for group in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("automat-compound"))
    {
        let name = group.attribute("data-compound").unwrap();
        let compound = d.compounds.iter().position(|c| c.name == name).unwrap();
        let rect = group.children().find(|n| n.has_tag_name("rect")).unwrap();
        let (x, y) = (number(rect, "x"), number(rect, "y"));
        let area = [x, y, x + number(rect, "width"), y + number(rect, "height")];
        for (state, b) in &states {
            let inside = d
                .ancestors(d.state_index(state).unwrap())
                .any(|a| a == compound);
            let within = area[0] <= b[0] && area[1] <= b[1] && b[2] <= area[2] && b[3] <= area[3];
            let touches = area[0] < b[2] && b[0] < area[2] && area[1] < b[3] && b[1] < area[3];
            if inside {
                assert!(within, "{state} {b:?} is outside {name} {area:?}");
            } else {
                assert!(!touches, "{state} {b:?} is drawn in {name} {area:?}");
            }
        }
        seen += 1;
    }
    assert_eq!(seen, d.compounds.len());
    // The deep history `DoorOpen + close` enters is drawn, inside `On`.
    assert!(svg.contains("<g class=\"automat-history\" data-compound=\"On\">"));
}

/// Mermaid refuses a description on a composite state ("Group nodes can only have label", found
/// by rendering the corpus with the Mermaid CLI in `scripts/diagram-quality.sh`): a compound's
/// actions are a note beside it, a leaf's stay its description.
#[test]
fn mermaid_writes_a_compounds_actions_as_a_note() {
    let mermaid = dishwasher::Dishwasher::description().mermaid().to_string();
    assert!(mermaid.contains(
        "    note right of c0\n        entry / power_on\n        exit / power_off\n    end note\n"
    ));
    assert!(mermaid.contains("    s4 : entry / fan_on\n"));
    for line in mermaid.lines() {
        let line = line.trim_start();
        assert!(
            !(line.starts_with('c') && line.contains(" : ") && !line.contains("-->")),
            "a description on a composite state: {line}"
        );
    }
}

#[test]
fn no_edge_passes_through_a_node() {
    let mut report = Vec::new();
    for d in examples() {
        let found = edges_through_nodes(&d.svg().to_string());
        eprintln!("{}: {} edge-node intersections", d.name, found.len());
        report.extend(found.into_iter().map(|f| format!("{}: {f}", d.name)));
        // With the self-loops inside the states, too.
        let collapsed = edges_through_nodes(&d.svg().collapse_self_loops().to_string());
        report.extend(
            collapsed
                .into_iter()
                .map(|f| format!("{} (collapsed): {f}", d.name)),
        );
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn the_intersection_check_sees_an_edge_through_a_node() {
    let svg = r#"<svg><ellipse cx="50.0" cy="50.0" rx="20.0" ry="10.0"/>
<rect x="0.0" y="0.0" width="10.0" height="10.0" rx="3"/>
<g class="automat-edges"><path d="M5.0 10.0 C5.0 50.0 95.0 50.0 95.0 90.0"/></g>"#;
    assert_eq!(edges_through_nodes(svg).len(), 1);
    let around = svg.replace("C5.0 50.0 95.0 50.0", "C5.0 90.0 5.0 90.0");
    assert_eq!(
        edges_through_nodes(&around).len(),
        0,
        "{:?}",
        edges_through_nodes(&around)
    );
}

/// `hide_inputs` leaves out the transitions on the inputs it names, in every format: the
/// coffee brewer without its `kick` wildcard has no `kick` and no "any state", every other
/// transition and every state still drawn, and no edge through a node.
#[test]
fn hidden_inputs_are_left_out_of_every_format() {
    let d = coffee_brewer::CoffeeBrewer::description();
    let hidden: &[&str] = &["kick"];
    let dot = d.dot().hide_inputs(hidden).to_string();
    let mermaid = d.mermaid().hide_inputs(hidden).to_string();
    let table = d.table().hide_inputs(hidden).to_string();
    let svg = d.svg().hide_inputs(hidden).to_string();
    // The input `kick`, not the word in `Broken`'s docs ("Someone kicked it").
    let has_kick = |text: &str| {
        text.match_indices("kick")
            .any(|(at, _)| !text[at + 4..].starts_with("ed"))
    };
    for (format, text, full) in [
        ("dot", &dot, d.dot().to_string()),
        ("mermaid", &mermaid, d.mermaid().to_string()),
        ("table", &table, d.table().to_string()),
        ("svg", &svg, d.svg().to_string()),
    ] {
        assert!(has_kick(&full), "{format}: the full drawing has `kick`");
        assert!(!has_kick(text), "{format}: `kick` is hidden:\n{text}");
        assert!(!text.contains("any state"), "{format}: no wildcard is left");
        for input in ["put_in_beans", "brew", "done"] {
            assert!(text.contains(input), "{format}: `{input}` is still drawn");
        }
        // The pictures keep every state (the table lists transitions only).
        for state in d.states.iter().filter(|_| format != "table") {
            assert!(
                text.contains(state.name),
                "{format}: state `{}` stays",
                state.name
            );
        }
    }
    graphviz_rust::parse(&dot).expect("the DOT still parses");
    roxmltree::Document::parse(&svg).expect("the SVG is still XML");
    assert_eq!(edges_through_nodes(&svg), Vec::<String>::new());
    // Nothing hidden: the same bytes as before.
    assert_eq!(d.dot().hide_inputs(&[]).to_string(), d.dot().to_string());
}

automat_rs::machine! {
    /// States that answer inputs in place: self-loops of every kind.
    machine Chatty {
        initial state Idle;
        state Work {
            initial state Busy;
            state Paused;
        }
        final state Done;
        input tick();
        input go();
        input pause();
        input refresh();
        input status();
        input finish();
        input ping();
        output count();
        output redraw();
        output report();
        output pong();
        Idle + tick => Idle / count;
        Idle + go => Work;
        Busy + pause => Paused;
        Paused + refresh => reenter Paused / redraw;
        Work + status => _ / report;
        Work + finish => Done;
        _ + ping => _ / pong;
    }
}

/// The self-loops of `Chatty`, and its other transitions.
const LOOPS: [&str; 4] = ["tick", "refresh", "status", "ping"];
const ARROWS: [&str; 3] = ["go", "pause", "finish"];

/// `collapse_self_loops` lists each self-loop once inside where it belongs (a state's own in the
/// state, a compound's in its label, a wildcard's in "any state") instead of drawing it, in
/// DOT, Mermaid and SVG; the other transitions are drawn as before, and without the option the
/// bytes are the same as ever.
#[test]
fn collapsed_self_loops_are_lines_inside_their_states() {
    let d = Chatty::description();
    let (loops, arrows) = (LOOPS, ARROWS);

    let dot = d.dot().collapse_self_loops().to_string();
    graphviz_rust::parse(&dot).expect("the collapsed DOT parses");
    assert!(
        dot.contains(r#"label=<Idle<br/><font point-size="9">↺ tick / count</font>>"#),
        "{dot}"
    );
    assert!(
        dot.contains(r#"<font point-size="9">↺ refresh (reenter) / redraw</font>"#),
        "{dot}"
    );
    assert!(
        dot.contains(r#"label=<Work<br/><font point-size="9">↺ status / report</font>>"#),
        "the compound's own loop in its label: {dot}"
    );
    assert!(
        dot.contains(r#"label=<any state<br/><font point-size="9">↺ ping / pong</font>>"#),
        "{dot}"
    );
    // No table node (transition box) for a collapsed rule, one for each other rule.
    let tables = dot.lines().filter(|l| l.contains("tableport\"")).count();
    assert_eq!(tables, arrows.len(), "{dot}");
    for input in loops {
        assert_eq!(
            dot.matches(&format!("↺ {input}")).count(),
            1,
            "{input}: {dot}"
        );
    }
    let full = d.dot().to_string();
    assert_eq!(
        full.lines().filter(|l| l.contains("tableport\"")).count(),
        arrows.len() + loops.len()
    );
}

/// Mermaid: the self-loops are state descriptions (the compound's in its note), no arrow.
#[test]
fn collapsed_self_loops_are_descriptions_in_mermaid() {
    let d = Chatty::description();
    let (loops, arrows) = (LOOPS, ARROWS);
    let mermaid = d.mermaid().collapse_self_loops().to_string();
    assert!(mermaid.contains("    s0 : ↺ tick / count\n"), "{mermaid}");
    assert!(mermaid.contains("    any : ↺ ping / pong\n"), "{mermaid}");
    assert!(
        mermaid.contains("    note right of c0\n        ↺ status / report\n    end note\n"),
        "{mermaid}"
    );
    for input in loops {
        assert_eq!(
            mermaid.matches(&format!("{input} ")).count(),
            1,
            "{input}: {mermaid}"
        );
        assert!(
            !mermaid.contains(&format!(": {input}")),
            "{input} has no arrow: {mermaid}"
        );
    }
    for input in arrows {
        assert!(
            mermaid.contains(&format!(": {input}")),
            "{input}: {mermaid}"
        );
    }
}

/// SVG: the self-loops are lines inside the ellipses, the compound's label and "any state";
/// only the other rules get a box, and no edge crosses a node.
#[test]
fn collapsed_self_loops_are_lines_in_the_svg() {
    let d = Chatty::description();
    let (loops, arrows) = (LOOPS, ARROWS);
    let svg = d.svg().collapse_self_loops().to_string();
    let doc = roxmltree::Document::parse(&svg).expect("the collapsed SVG is XML");
    let transitions: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("automat-transition"))
        .filter_map(|n| n.attribute("data-input").map(str::to_owned))
        .collect();
    assert_eq!(transitions, arrows, "only the other rules get a box");
    let text_in = |class: &str, key: Option<(&str, &str)>| -> String {
        doc.descendants()
            .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with(class)))
            .filter(|n| key.is_none_or(|(k, v)| n.attribute(k) == Some(v)))
            .flat_map(|n| n.descendants().filter_map(|t| t.text()))
            .collect::<Vec<_>>()
            .join("|")
    };
    assert!(
        text_in("automat-state", Some(("data-state", "Idle"))).contains("↺ tick / count"),
        "{svg}"
    );
    assert!(text_in("automat-state", Some(("data-state", "Paused")))
        .contains("↺ refresh (reenter) / redraw"));
    assert!(
        text_in("automat-compound", Some(("data-compound", "Work"))).contains("↺ status / report")
    );
    assert!(
        text_in("automat-any", None).contains("↺ ping / pong"),
        "{svg}"
    );
    assert_eq!(edges_through_nodes(&svg), Vec::<String>::new());

    // Hidden inputs are hidden from the lists too; nothing collapsed is the same bytes.
    let quiet = d
        .svg()
        .collapse_self_loops()
        .hide_inputs(&["ping"])
        .to_string();
    assert!(
        !quiet.contains("any state") && !quiet.contains("pong"),
        "{quiet}"
    );
    let none = d.svg().hide_inputs(&loops).to_string();
    assert_eq!(
        d.svg()
            .hide_inputs(&loops)
            .collapse_self_loops()
            .to_string(),
        none
    );
    assert_eq!(
        d.dot()
            .hide_inputs(&loops)
            .collapse_self_loops()
            .to_string(),
        d.dot().hide_inputs(&loops).to_string()
    );
}

/// After the order, nodes move toward their neighbours: the coffee brewer's `kick` box sits
/// right over `Broken`, its only target, so the edge between them runs straight down (packed
/// rows alone put `Broken` under the middle of the picture, 100 px to the side).
#[test]
fn svg_nodes_sit_over_what_they_lead_to() {
    let svg = coffee_brewer::CoffeeBrewer::description().svg().to_string();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let centre = |class: &str, key: &str, name: &str| -> f64 {
        let group = doc
            .descendants()
            .find(|n| {
                n.attribute("class").is_some_and(|c| c.starts_with(class))
                    && n.attribute(key) == Some(name)
            })
            .unwrap_or_else(|| panic!("{name} is drawn"));
        let shape = group
            .children()
            .find(|n| n.has_tag_name("rect") || n.has_tag_name("ellipse"))
            .unwrap();
        let number = |a: &str| shape.attribute(a).unwrap().parse::<f64>().unwrap();
        if shape.has_tag_name("rect") {
            number("x") + number("width") / 2.0
        } else {
            number("cx")
        }
    };
    let kick = centre("automat-transition", "data-input", "kick");
    let broken = centre("automat-state", "data-state", "Broken");
    assert!(
        (kick - broken).abs() < 8.0,
        "kick at {kick}, Broken at {broken}"
    );
}

/// A long chain of states would be a thin strip; it wraps onto columns side by side: the first
/// half of the ranks on the left, the rest on the right, the picture within 1:3, the edge from
/// one column to the next up between them, and no edge through a node.
#[test]
fn a_tall_machine_wraps_onto_columns() {
    let d = corpus::Fulfilment::description();
    let svg = d.svg().to_string();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let number = |name: &str| {
        attribute(&svg, &format!(" {name}=\""))
            .unwrap()
            .parse::<f64>()
            .unwrap()
    };
    let (width, height) = (number("width"), number("height"));
    assert!(height <= 3.0 * width, "{width} × {height}");
    let place = |name: &str| -> (f64, f64) {
        let ellipse = doc
            .descendants()
            .find(|n| n.attribute("data-state") == Some(name))
            .and_then(|g| g.children().find(|n| n.has_tag_name("ellipse")))
            .unwrap_or_else(|| panic!("{name} is drawn"));
        let at = |a: &str| ellipse.attribute(a).unwrap().parse::<f64>().unwrap();
        (at("cx"), at("cy"))
    };
    let left = [
        "Received",
        "Validated",
        "Priced",
        "Reserved",
        "Charged",
        "Picked",
    ];
    let right = ["Packed", "Labelled", "Shipped", "Delivered"];
    let rightmost_left = left.iter().map(|s| place(s).0).fold(f64::MIN, f64::max);
    let leftmost_right = right.iter().map(|s| place(s).0).fold(f64::MAX, f64::min);
    assert!(
        rightmost_left < leftmost_right,
        "two columns: {rightmost_left} < {leftmost_right}"
    );
    // Each column reads top down, and the second starts at the top again.
    for column in [&left[..], &right[..]] {
        for pair in column.windows(2) {
            assert!(
                place(pair[0]).1 < place(pair[1]).1,
                "{} above {}",
                pair[0],
                pair[1]
            );
        }
    }
    assert!(place("Packed").1 < place("Validated").1);
    assert_eq!(edges_through_nodes(&svg), Vec::<String>::new());
}
