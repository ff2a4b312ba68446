//! Random hierarchical machines × random inputs: the flattened model (`Machine::plans`, which
//! transition a leaf takes, and `Machine::path`, what it exits and enters) agrees step by step
//! with a small reference interpreter of the statechart rules (PRODUCT.md, steps 1, 3 and 6)
//! written here over the declared tree, not over the model. The generated code runs exactly
//! those plans and paths (`tests/hierarchy.rs` checks its action order on a fixed machine).
//! More cases: `PROPTEST_CASES=20000 cargo test -p automat-macros hierarchy_props`.

use std::fmt::Write as _;

use proptest::prelude::*;

use super::errors::Errors;
use super::model::{Machine, Node};

/// A state of the declared tree.
#[derive(Clone, Debug)]
struct Decl {
    children: Vec<Decl>,
    /// Which child is `initial` (for a compound).
    initial: usize,
}

fn tree(depth: u32) -> impl Strategy<Value = Decl> {
    let leaf = Just(Decl {
        children: Vec::new(),
        initial: 0,
    });
    leaf.prop_recursive(depth, 24, 3, |inner| {
        (
            prop::collection::vec(inner, 1..=3),
            any::<prop::sample::Index>(),
        )
            .prop_map(|(children, initial)| Decl {
                initial: initial.index(children.len()),
                children,
            })
    })
}

/// The reference's view of the tree: each node's name, parent, children and initial child, in
/// declaration order (names `N0`, `N1`, ...).
#[derive(Default, Debug)]
struct Tree {
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    initial: Vec<usize>,
}

impl Tree {
    fn add(&mut self, decl: &Decl, parent: Option<usize>) -> usize {
        let id = self.parent.len();
        self.parent.push(parent);
        self.children.push(Vec::new());
        self.initial.push(0);
        let kids: Vec<usize> = decl
            .children
            .iter()
            .map(|c| self.add(c, Some(id)))
            .collect();
        if !kids.is_empty() {
            self.initial[id] = kids[decl.initial];
        }
        self.children[id] = kids;
        id
    }

    /// `node` and its ancestors, innermost first.
    fn chain(&self, node: usize) -> Vec<usize> {
        let mut chain = vec![node];
        while let Some(p) = self.parent[*chain.last().unwrap()] {
            chain.push(p);
        }
        chain
    }

    fn is_proper_descendant(&self, node: usize, of: usize) -> bool {
        self.chain(node)[1..].contains(&of)
    }

    fn descend(&self, mut node: usize, entered: &mut Vec<usize>) -> usize {
        loop {
            entered.push(node);
            if self.children[node].is_empty() {
                return node;
            }
            node = self.initial[node];
        }
    }
}

/// One declared transition: from node `source` on input `input` to `target` (`None`: `_`).
#[derive(Clone, Debug)]
struct Row {
    source: usize,
    input: usize,
    target: Option<usize>,
    reenter: bool,
}

/// The reference step: which row, and the nodes exited and entered, and the new leaf.
fn reference(
    tree: &Tree,
    rows: &[Row],
    leaf: usize,
    input: usize,
) -> Option<(usize, Vec<usize>, Vec<usize>, usize)> {
    // Step 1: the leaf, then its compounds, innermost first; the first declared row wins.
    let chain = tree.chain(leaf);
    let (index, row) = chain.iter().find_map(|&node| {
        rows.iter()
            .enumerate()
            .find(|(_, r)| r.source == node && r.input == input)
    })?;
    let Some(target) = row.target else {
        return Some(if row.reenter {
            (index, vec![leaf], vec![leaf], leaf)
        } else {
            (index, Vec::new(), Vec::new(), leaf)
        });
    };
    if target == row.source && !row.reenter {
        return Some((index, Vec::new(), Vec::new(), leaf));
    }
    let domain = if target == row.source {
        tree.parent[row.source]
    } else if tree.is_proper_descendant(target, row.source) && !row.reenter {
        Some(row.source)
    } else {
        // The innermost compound strictly holding both.
        tree.chain(row.source)[1..]
            .iter()
            .copied()
            .find(|&c| tree.is_proper_descendant(target, c))
    };
    // Exited: the active nodes strictly inside the domain, innermost first.
    let exits: Vec<usize> = chain
        .iter()
        .copied()
        .filter(|&n| domain.is_none_or(|d| tree.is_proper_descendant(n, d)))
        .collect();
    let mut entries: Vec<usize> = tree
        .chain(target)
        .into_iter()
        .skip(1)
        .filter(|&n| domain.is_none_or(|d| tree.is_proper_descendant(n, d)))
        .collect();
    entries.reverse();
    let new_leaf = tree.descend(target, &mut entries);
    Some((index, exits, entries, new_leaf))
}

/// The machine's source: nodes `N<k>` with entry and exit actions `en<k>`/`ex<k>`.
fn source(decls: &[Decl], top_initial: usize, tree: &Tree, rows: &[Row], inputs: usize) -> String {
    fn write_decl(out: &mut String, decl: &Decl, id: &mut usize, initial: bool) {
        let me = *id;
        *id += 1;
        let mark = if initial { "initial " } else { "" };
        let _ = write!(out, "{mark}state N{me} {{ entry en{me}; exit ex{me}; ");
        for (k, child) in decl.children.iter().enumerate() {
            write_decl(out, child, id, k == decl.initial);
        }
        out.push_str("} ");
    }
    let mut out = String::from("machine M { ");
    let mut id = 0;
    for (k, decl) in decls.iter().enumerate() {
        write_decl(&mut out, decl, &mut id, k == top_initial);
    }
    for i in 0..inputs {
        let _ = write!(out, "input i{i}(); ");
    }
    for n in 0..tree.parent.len() {
        let _ = write!(out, "output en{n}(); output ex{n}(); ");
    }
    for row in rows {
        let target = row
            .target
            .map_or_else(|| "_".to_owned(), |t| format!("N{t}"));
        let reenter = if row.reenter { "reenter " } else { "" };
        let _ = write!(
            out,
            "N{} + i{} => {reenter}{target}; ",
            row.source, row.input
        );
    }
    out.push('}');
    out
}

/// Node `N<k>` of the model, by name.
fn node_id(m: &Machine, node: Node) -> usize {
    m.node_name(node).to_string()[1..].parse().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn flattened_steps_agree_with_the_statechart_rules(
        decls in prop::collection::vec(tree(3), 1..=3),
        top in any::<prop::sample::Index>(),
        raw_rows in prop::collection::vec(
            (any::<prop::sample::Index>(), 0..3usize, any::<Option<prop::sample::Index>>(), any::<bool>()),
            0..12,
        ),
        inputs in prop::collection::vec(0..3usize, 1..24),
    ) {
        let mut tree = Tree::default();
        for decl in &decls {
            tree.add(decl, None);
        }
        let nodes = tree.parent.len();
        // One row per (source, input): an unguarded second one would be shadowed.
        let mut rows: Vec<Row> = Vec::new();
        for (source, input, target, reenter) in raw_rows {
            let source = source.index(nodes);
            if rows.iter().any(|r| r.source == source && r.input == input) {
                continue;
            }
            let target = target.map(|t| t.index(nodes));
            // `reenter` is for a self-loop (`_` or the source itself), as `check` requires, or
            // on a compound (which it then leaves and re-enters).
            let compound = !tree.children[source].is_empty();
            let reenter = reenter && (compound || target.is_none_or(|t| t == source));
            rows.push(Row { source, input, target, reenter });
        }
        let top_initial = top.index(decls.len());
        let text = source(&decls, top_initial, &tree, &rows, 3);
        let tokens: proc_macro2::TokenStream = text.parse().unwrap();
        let syntax = syn::parse2::<super::parse::MachineDef>(tokens).unwrap();
        prop_assert!(syntax.errors.is_empty());
        let mut errors = Errors::default();
        let m = Machine::from_syntax(syntax, &mut errors, false);
        prop_assert!(errors.into_result().is_ok(), "{}", text);
        let plans = m.plans();

        // The model's leaves, by node id, and the initial leaf.
        let leaf_of = |id: usize| (0..m.states.len()).find(|&s| node_id(&m, Node::Leaf(s)) == id);
        let top_node = tree.parent.iter().enumerate().filter(|(_, p)| p.is_none()).nth(top_initial).unwrap().0;
        let mut entered = Vec::new();
        let start = tree.descend(top_node, &mut entered);
        let mut leaf = leaf_of(start).unwrap();
        prop_assert_eq!(m.initial_state(), Some(leaf), "{}", text);

        for input in inputs {
            let id = node_id(&m, Node::Leaf(leaf));
            let expected = reference(&tree, &rows, id, input);
            let plan = &plans[leaf * m.inputs.len() + input];
            match (expected, plan.first()) {
                (None, None) => {}
                (Some((row, exits, entries, next)), Some(&t)) => {
                    // Rows are declared in order, one transition each.
                    prop_assert_eq!(t, row, "{}", text);
                    let path = m.path(&m.transitions[t], leaf, false);
                    let got_exits: Vec<usize> = path.exits.iter().map(|&n| node_id(&m, n)).collect();
                    let got_entries: Vec<usize> = path.entries.iter().map(|&n| node_id(&m, n)).collect();
                    prop_assert_eq!(got_exits, exits, "{} from N{} on i{}", text, id, input);
                    prop_assert_eq!(got_entries, entries, "{} from N{} on i{}", text, id, input);
                    let to = m.transitions[t].target_from(leaf);
                    prop_assert_eq!(node_id(&m, Node::Leaf(to)), next, "{}", text);
                    leaf = to;
                }
                (expected, plan) => {
                    prop_assert!(false, "{}: from N{} on i{}: reference {:?}, model {:?}", text, id, input, expected, plan);
                }
            }
        }
    }
}
