//! Random hierarchical machines (`build.rs` writes 48 of them: nested compound states with entry
//! and exit actions, transitions between any two states, self-loops with and without `reenter`,
//! shallow and deep history targets, guarded eventless transitions, a wildcard reset), each
//! compiled by `machine!` and run, input by input, next to [`Reference`]: a small interpreter of
//! the statechart rules (PRODUCT.md, steps 1, 3, 6 and 7) over the declared tree. The test
//! (`tests/agree.rs`) checks that both accept the same inputs, run the same entry and exit
//! actions in the same order, and end in the same state, step by step.
//!
//! More cases: `PROPTEST_CASES=20000 cargo test -p automat-statechart-tests`.

use automat_rs::{Machine, MachineState};

/// An entry (`En(n)`) or exit (`Ex(n)`) action of node `n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    En(usize),
    Ex(usize),
}

/// The core of every generated machine: the actions it ran, and the guards' values.
#[derive(Default, Debug)]
pub struct Core {
    pub log: Vec<Act>,
    pub flags: [bool; 4],
}

/// Where a transition goes.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    Node(usize),
    /// `_`.
    Stay,
    /// `N<c>.history` (`false`) or `N<c>.history*` (`true`).
    History(usize, bool),
}

/// Where a transition is declared.
#[derive(Clone, Copy, Debug)]
pub enum Source {
    Node(usize),
    /// `_`: every leaf without a transition of its own (or of a compound around it).
    Any,
}

/// A transition on an input.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    pub source: Source,
    pub input: usize,
    pub target: Target,
    pub reenter: bool,
}

/// An eventless transition, guarded by flag `guard`.
#[derive(Clone, Copy, Debug)]
pub struct ERow {
    pub source: usize,
    pub guard: usize,
    pub target: Target,
}

/// A machine as declared: nodes `N0`, `N1`, ... with their parents, children (in order) and
/// initial children (`usize::MAX` for a leaf).
#[derive(Debug)]
pub struct Spec {
    /// The `machine!` source, for failure messages.
    pub source: &'static str,
    pub parent: &'static [Option<usize>],
    pub children: &'static [&'static [usize]],
    pub initial: &'static [usize],
    pub top_initial: usize,
    pub rows: &'static [Row],
    pub eventless: &'static [ERow],
}

impl Spec {
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

    /// Enters `node` down its initial children; returns the leaf.
    fn descend(&self, mut node: usize, entered: &mut Vec<usize>) -> usize {
        loop {
            entered.push(node);
            if self.children[node].is_empty() {
                return node;
            }
            node = self.initial[node];
        }
    }

    fn leaves(&self) -> usize {
        self.children.iter().filter(|c| c.is_empty()).count()
    }
}

/// The reference interpreter: one leaf, the recorded history of every compound, the guards'
/// flags, and the actions run.
pub struct Reference {
    spec: &'static Spec,
    leaf: usize,
    /// Per node, the leaf it was last left from (its initial leaf before).
    history: Vec<usize>,
    pub flags: [bool; 4],
    pub log: Vec<Act>,
}

impl Reference {
    /// A new machine: the initial configuration is entered, outermost first, then the initial
    /// leaf's eventless transitions are taken.
    pub fn new(spec: &'static Spec) -> Self {
        let history = (0..spec.parent.len())
            .map(|n| spec.descend(n, &mut Vec::new()))
            .collect();
        let mut entered = Vec::new();
        let leaf = spec.descend(spec.top_initial, &mut entered);
        let mut reference = Reference {
            spec,
            leaf,
            history,
            flags: [false; 4],
            log: entered.into_iter().map(Act::En).collect(),
        };
        reference.complete();
        reference
    }

    pub fn leaf(&self) -> usize {
        self.leaf
    }

    /// Step 1 to 7 for `input`; `false` when no transition takes it (nothing happens then).
    pub fn step(&mut self, input: usize) -> bool {
        let chain = self.spec.chain(self.leaf);
        let own = chain.iter().find_map(|&node| {
            self.spec
                .rows
                .iter()
                .find(|r| matches!(r.source, Source::Node(s) if s == node) && r.input == input)
                .map(|r| (node, *r))
        });
        let wildcard = || {
            self.spec
                .rows
                .iter()
                .find(|r| matches!(r.source, Source::Any) && r.input == input)
                .map(|r| (self.leaf, *r))
        };
        let Some((source, row)) = own.or_else(wildcard) else {
            return false;
        };
        self.transition(source, row.target, row.reenter);
        self.complete();
        true
    }

    /// Step 7: eventless transitions, innermost declaration first, while a guard holds (at most
    /// as many as there are leaves).
    fn complete(&mut self) {
        for _ in 0..self.spec.leaves() {
            let chain = self.spec.chain(self.leaf);
            let taken = chain.iter().find_map(|&node| {
                self.spec
                    .eventless
                    .iter()
                    .find(|e| e.source == node && self.flags[e.guard])
                    .map(|e| (node, e.target))
            });
            let Some((source, target)) = taken else {
                return;
            };
            self.transition(source, target, false);
        }
    }

    /// Steps 3 to 6 of a transition declared on `source` to `target`.
    fn transition(&mut self, source: usize, target: Target, reenter: bool) {
        let spec = self.spec;
        let (target, reenter, history) = match target {
            Target::Stay => {
                if reenter {
                    self.log.push(Act::Ex(self.leaf));
                    self.log.push(Act::En(self.leaf));
                }
                return;
            }
            Target::Node(t) => (t, reenter, None),
            // A history target leaves its compound and enters it again.
            Target::History(c, deep) => (c, true, Some(deep)),
        };
        if target == source && !reenter {
            return;
        }
        let domain = if target == source {
            spec.parent[source]
        } else if spec.is_proper_descendant(target, source) && !reenter {
            Some(source)
        } else {
            spec.chain(source)[1..]
                .iter()
                .copied()
                .find(|&c| spec.is_proper_descendant(target, c))
        };
        let inside = |n: usize| domain.is_none_or(|d| spec.is_proper_descendant(n, d));
        let exits: Vec<usize> = spec
            .chain(self.leaf)
            .into_iter()
            .filter(|&n| inside(n))
            .collect();
        for &n in &exits {
            self.log.push(Act::Ex(n));
            // Step 3 records the history of what is left.
            self.history[n] = self.leaf;
        }
        let mut entries: Vec<usize> = spec
            .chain(target)
            .into_iter()
            .filter(|&n| inside(n))
            .collect();
        entries.reverse();
        let leaf = match history {
            None => {
                entries.pop();
                spec.descend(target, &mut entries)
            }
            Some(deep) => {
                let recorded = self.history[target];
                let below: Vec<usize> = spec
                    .chain(recorded)
                    .into_iter()
                    .take_while(|&n| n != target)
                    .collect();
                if deep {
                    entries.extend(below.iter().rev());
                    recorded
                } else {
                    // The child of the compound that holds the recorded leaf, entered anew.
                    let child = *below.last().unwrap();
                    spec.descend(child, &mut entries)
                }
            }
        };
        self.log.extend(entries.into_iter().map(Act::En));
        self.leaf = leaf;
    }
}

/// A machine under test, through its generated code.
pub trait Subject {
    /// Feeds input `i`; whether the machine took it.
    fn step(&mut self, input: usize) -> bool;
    fn set_flag(&mut self, guard: usize, value: bool);
    /// The node id of the current leaf.
    fn leaf(&self) -> usize;
    fn take_log(&mut self) -> Vec<Act>;
    fn spec(&self) -> &'static Spec;
}

/// A generated machine `M` with its spec.
pub struct Generated<M: Machine<Core = Core>> {
    pub machine: M,
    pub spec: &'static Spec,
    pub input: fn(usize) -> M::Input,
}

impl<M: Machine<Core = Core>> Subject for Generated<M> {
    fn step(&mut self, input: usize) -> bool {
        self.machine.handle((self.input)(input)).is_ok()
    }

    fn set_flag(&mut self, guard: usize, value: bool) {
        self.machine.core_mut().flags[guard] = value;
    }

    fn leaf(&self) -> usize {
        self.machine.state().name()[1..].parse().unwrap()
    }

    fn take_log(&mut self) -> Vec<Act> {
        std::mem::take(&mut self.machine.core_mut().log)
    }

    fn spec(&self) -> &'static Spec {
        self.spec
    }
}

include!(concat!(env!("OUT_DIR"), "/machines.rs"));
