//! Writes `machines.rs`: `MACHINES` random hierarchical machines (nested compounds with entry
//! and exit actions, transitions between any two states, self-loops with and without `reenter`,
//! shallow and deep history targets, guarded eventless transitions), each with its spec for the
//! reference interpreter in `lib.rs`. Seeded: the same machines on every build.

use std::fmt::Write as _;

const MACHINES: u64 = 48;
const GUARDS: usize = 4;
/// Random inputs `i0`..`i2`; `i3` resets (a wildcard to the initial state).
const INPUTS: usize = 3;

struct Tree {
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
}

impl Tree {
    fn grow(&mut self, rng: &mut fastrand::Rng, parent: Option<usize>, depth: usize) -> usize {
        let id = self.parent.len();
        self.parent.push(parent);
        self.children.push(Vec::new());
        let compound = depth < 3 && self.parent.len() < 14 && rng.u8(0..100) < 55;
        if compound {
            for _ in 0..rng.usize(1..=3) {
                let child = self.grow(rng, Some(id), depth + 1);
                self.children[id].push(child);
            }
        }
        id
    }

    fn is_compound(&self, node: usize) -> bool {
        !self.children[node].is_empty()
    }
}

enum Target {
    Node(usize),
    Stay,
    History(usize, bool),
}

fn target_text(target: &Target) -> String {
    match target {
        Target::Node(n) => format!("N{n}"),
        Target::Stay => "_".to_owned(),
        Target::History(c, false) => format!("N{c}.history"),
        Target::History(c, true) => format!("N{c}.history*"),
    }
}

fn target_spec(target: &Target) -> String {
    match target {
        Target::Node(n) => format!("Target::Node({n})"),
        Target::Stay => "Target::Stay".to_owned(),
        Target::History(c, deep) => format!("Target::History({c}, {deep})"),
    }
}

fn random_target(rng: &mut fastrand::Rng, tree: &Tree, stay: bool) -> Target {
    let nodes = tree.parent.len();
    let compounds: Vec<usize> = (0..nodes).filter(|&n| tree.is_compound(n)).collect();
    match rng.u8(0..100) {
        0..=11 if stay => Target::Stay,
        12..=41 if !compounds.is_empty() => {
            Target::History(compounds[rng.usize(0..compounds.len())], rng.bool())
        }
        _ => Target::Node(rng.usize(0..nodes)),
    }
}

fn machine(k: u64, out: &mut String) {
    let mut rng = fastrand::Rng::with_seed(0x5eed_0000 + k);
    let mut tree = Tree {
        parent: Vec::new(),
        children: Vec::new(),
    };
    let tops: Vec<usize> = (0..rng.usize(1..=3))
        .map(|_| tree.grow(&mut rng, None, 0))
        .collect();
    let nodes = tree.parent.len();
    let initial: Vec<usize> = (0..nodes)
        .map(|n| {
            let kids = &tree.children[n];
            if kids.is_empty() {
                usize::MAX
            } else {
                kids[rng.usize(0..kids.len())]
            }
        })
        .collect();
    let top_initial = tops[rng.usize(0..tops.len())];

    // Transitions: one per (source, input), so none shadows another.
    let mut rows: Vec<(usize, usize, Target, bool)> = Vec::new();
    for _ in 0..rng.usize(4..28) {
        let (source, input) = (rng.usize(0..nodes), rng.usize(0..INPUTS));
        if rows.iter().any(|r| r.0 == source && r.1 == input) {
            continue;
        }
        let target = random_target(&mut rng, &tree, true);
        // `reenter` on a self-loop (`_` or the source itself), or from a compound.
        let self_loop = match target {
            Target::Stay => true,
            Target::Node(t) => t == source,
            Target::History(..) => false,
        };
        let reenter = rng.bool()
            && (self_loop || (tree.is_compound(source) && !matches!(target, Target::History(..))));
        rows.push((source, input, target, reenter));
    }
    // Eventless transitions, each guarded (no unguarded cycle can form).
    let mut eventless: Vec<(usize, usize, Target)> = Vec::new();
    for _ in 0..rng.usize(0..5) {
        let source = rng.usize(0..nodes);
        let target = random_target(&mut rng, &tree, false);
        // One that stays where it is is an error (it would be taken again at once).
        if matches!(target, Target::Node(t) if t == source) {
            continue;
        }
        eventless.push((source, rng.usize(0..GUARDS), target));
    }

    // The machine.
    let _ = writeln!(out, "/// Random machine {k}.\npub mod m{k} {{");
    let _ = writeln!(out, "    #[allow(unused_imports)]\n    use super::{{Act, Core, ERow, Row, Source, Spec, Target}};");
    let mut text =
        String::from("        #[derive_input(Debug, Clone, Copy)]\n        pub machine M {\n");
    fn decl(
        tree: &Tree,
        initial: &[usize],
        node: usize,
        is_initial: bool,
        text: &mut String,
        depth: usize,
    ) {
        let pad = "    ".repeat(depth + 2);
        let mark = if is_initial { "initial " } else { "" };
        let allow = if tree.children[node].is_empty() {
            "#[allow(unreachable)] "
        } else {
            ""
        };
        let _ = write!(
            text,
            "{pad}{allow}{mark}state N{node} {{ entry en{node}; exit ex{node};"
        );
        if tree.children[node].is_empty() {
            text.push_str(" }\n");
            return;
        }
        text.push('\n');
        for &child in &tree.children[node] {
            decl(
                tree,
                initial,
                child,
                child == initial[node],
                text,
                depth + 1,
            );
        }
        let _ = writeln!(text, "{pad}}}");
    }
    for &top in &tops {
        decl(&tree, &initial, top, top == top_initial, &mut text, 1);
    }
    for i in 0..INPUTS {
        let _ = writeln!(text, "            #[allow(unused)] input i{i}();");
    }
    let _ = writeln!(text, "            input i{INPUTS}();");
    for g in 0..GUARDS {
        let _ = writeln!(text, "            #[allow(unused)] guard g{g}();");
    }
    for n in 0..nodes {
        let _ = writeln!(text, "            output en{n}(); output ex{n}();");
    }
    for (source, input, target, reenter) in &rows {
        let reenter = if *reenter { "reenter " } else { "" };
        let _ = writeln!(
            text,
            "            N{source} + i{input} => {reenter}{};",
            target_text(target)
        );
    }
    for (source, guard, target) in &eventless {
        let _ = writeln!(
            text,
            "            N{source} [g{guard}] => {};",
            target_text(target)
        );
    }
    let _ = writeln!(text, "            _ + i{INPUTS} => N{top_initial};");
    text.push_str("        }\n");
    let _ = writeln!(out, "    automat_rs::machine! {{\n{text}    }}");
    // Its core.
    let _ = writeln!(out, "    impl MOutputs for Core {{");
    for g in 0..GUARDS {
        let _ = writeln!(out, "        fn g{g}(&self) -> bool {{ self.flags[{g}] }}");
    }
    for n in 0..nodes {
        let _ = writeln!(
            out,
            "        fn en{n}(&mut self) {{ self.log.push(Act::En({n})); }}\n        fn ex{n}(&mut self) {{ self.log.push(Act::Ex({n})); }}"
        );
    }
    out.push_str("    }\n");
    // Its spec.
    let parents: Vec<String> = tree
        .parent
        .iter()
        .map(|p| p.map_or_else(|| "None".to_owned(), |p| format!("Some({p})")))
        .collect();
    let children: Vec<String> = tree.children.iter().map(|c| format!("&{c:?}")).collect();
    let initial: Vec<String> = initial
        .iter()
        .map(|&i| {
            if i == usize::MAX {
                "usize::MAX".to_owned()
            } else {
                i.to_string()
            }
        })
        .collect();
    let mut row_specs: Vec<String> = rows
        .iter()
        .map(|(source, input, target, reenter)| {
            format!(
                "Row {{ source: Source::Node({source}), input: {input}, target: {}, reenter: {reenter} }}",
                target_spec(target)
            )
        })
        .collect();
    row_specs.push(format!(
        "Row {{ source: Source::Any, input: {INPUTS}, target: Target::Node({top_initial}), reenter: false }}"
    ));
    let eventless_specs: Vec<String> = eventless
        .iter()
        .map(|(source, guard, target)| {
            format!(
                "ERow {{ source: {source}, guard: {guard}, target: {} }}",
                target_spec(target)
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "    /// What the reference interpreter runs.\n    pub static SPEC: Spec = Spec {{\n        source: {source:?},\n        parent: &[{}],\n        children: &[{}],\n        initial: &[{}],\n        top_initial: {top_initial},\n        rows: &[{}],\n        eventless: &[{}],\n    }};",
        parents.join(", "),
        children.join(", "),
        initial.join(", "),
        row_specs.join(", "),
        eventless_specs.join(", "),
        source = text,
    );
    let _ = writeln!(
        out,
        "    /// The generated machine, as a subject.\n    pub fn subject() -> Box<dyn super::Subject> {{\n        Box::new(super::Generated {{ machine: M::new(Core::default()), spec: &SPEC, input: |i| [MInput::I0, MInput::I1, MInput::I2, MInput::I3][i] }})\n    }}\n}}"
    );
}

fn main() {
    let mut out = String::from("// Generated by build.rs.\n");
    for k in 0..MACHINES {
        machine(k, &mut out);
    }
    let subjects: Vec<String> = (0..MACHINES).map(|k| format!("m{k}::subject")).collect();
    let _ = writeln!(
        out,
        "/// Every machine's subject maker.\npub static SUBJECTS: &[fn() -> Box<dyn Subject>] = &[{}];",
        subjects.join(", ")
    );
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("machines.rs");
    std::fs::write(path, out).unwrap();
    println!("cargo:rerun-if-changed=build.rs");
}
