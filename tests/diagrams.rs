//! The examples' diagrams are valid Graphviz, drawn from the declaration, byte-for-byte stable.
//!
//! Every DOT text is parsed by `graphviz-rust`'s DOT parser. When Graphviz's `dot` is installed
//! (`.ci/run` installs it; under `CI` it must be there) each is also rendered with `dot -Tsvg`.

#![allow(missing_docs)]
// Each example is included below with its own `mod support;`: three copies, on purpose.
#![allow(clippy::duplicate_mod)]

use std::io::Write as _;
use std::process::{Command, Stdio};

use automat_rs::Description;

#[allow(dead_code)]
#[path = "../examples/coffee_brewer.rs"]
mod coffee_brewer;
#[allow(dead_code)]
#[path = "../examples/garage_door.rs"]
mod garage_door;
#[allow(dead_code)]
#[path = "../examples/turnstile.rs"]
mod turnstile;

fn examples() -> [&'static Description; 3] {
    [
        turnstile::Turnstile::description(),
        coffee_brewer::CoffeeBrewer::description(),
        garage_door::GarageDoor::description(),
    ]
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
        let nodes = stmts
            .iter()
            .filter(|s| matches!(s, graphviz_rust::dot_structures::Stmt::Node(_)))
            .count();
        let edges = stmts
            .iter()
            .filter(|s| matches!(s, graphviz_rust::dot_structures::Stmt::Edge(_)))
            .count();
        // One node per state and per transition; two edges per transition (into and out of its table).
        assert_eq!(
            nodes,
            description.states.len() + description.transitions.len(),
            "{}",
            description.name
        );
        assert_eq!(
            edges,
            2 * description.transitions.len(),
            "{}",
            description.name
        );
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
    for description in examples() {
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
            .write_all(description.dot().to_string().as_bytes())
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
        for state in description.states {
            assert!(
                svg.contains(&format!(">{}</text>", state.name)),
                "{} lacks state {}",
                description.name,
                state.name
            );
        }
        for input in description.inputs {
            assert!(
                svg.contains(&format!(">{}</text>", input.name)),
                "{} lacks input {}",
                description.name,
                input.name
            );
        }
    }
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
    // Wildcard `_ + kick` is drawn once per state it applies to, and never from the final state.
    assert_eq!(dot.matches(">kick</font>").count(), 3);
    assert!(!dot.contains("\"Broken\" -> "));
}

#[test]
fn example_main_functions_run_and_write_their_diagrams() {
    turnstile::main().unwrap();
    coffee_brewer::main().unwrap();
    garage_door::main().unwrap();
}
