//! Mermaid `stateDiagram-v2`, which GitHub and most Markdown viewers draw from a code block.
//!
//! States are declared with generated identifiers (`s0`, `s1`, ...) and labelled with their
//! names, so a state called `end` or `state` cannot collide with Mermaid's keywords; their entry
//! and exit actions are state descriptions (`s0 : entry / power_on`), a compound state's a note
//! beside it (Mermaid refuses a description on a composite state). Each declared transition is
//! one arrow labelled `input [guard] / outputs` (`heat?` when fallible; an `else` route reads
//! `heat ✗ / outputs`). A transition from several states joins their arrows in a `<<join>>` bar
//! first; wildcards (`_ + input`) leave from one dashed "any state"; a rule that stays in several
//! states is a dashed box they point to.

use core::fmt;

use crate::escape::Inline;
use crate::rules::Host;
use crate::{Description, Rule};

/// A [`Description`] rendered as Mermaid; see [`Description::mermaid`].
#[derive(Debug, Clone, Copy)]
pub struct Mermaid<'a> {
    description: &'a Description<'a>,
    current: Option<usize>,
    /// The inputs whose transitions are left out ([`Self::hide_inputs`]).
    hidden: &'a [&'a str],
    /// Whether self-loops are lines inside their states ([`Self::collapse_self_loops`]).
    loops: bool,
}

impl<'a> Description<'a> {
    /// Renders the machine as a Mermaid `stateDiagram-v2`, to paste into a ```` ```mermaid ````
    /// block. Deterministic and allocation-free, like every renderer here.
    #[must_use]
    pub const fn mermaid(&'a self) -> Mermaid<'a> {
        Mermaid {
            description: self,
            current: None,
            hidden: &[],
            loops: false,
        }
    }
}

crate::highlight::highlight_methods!(Mermaid, "the Mermaid class `current`");
crate::highlight::collapse_method!(Mermaid);

impl Mermaid<'_> {
    /// Whether `host` lists collapsed self-loops.
    fn lists_loops(&self, host: Host) -> bool {
        self.loops && self.description.has_loops(self.hidden, host)
    }

    /// The collapsed self-loops listed in `host`, a line each after `lead` (as actions are).
    fn write_loops(
        &self,
        f: &mut fmt::Formatter<'_>,
        lead: &dyn fmt::Display,
        host: Host,
    ) -> fmt::Result {
        if !self.loops {
            return Ok(());
        }
        for rule in self.description.loops_in(self.hidden, host) {
            write!(f, "{lead}")?;
            rule.write_loop(f, Inline)?;
            f.write_str("\n")?;
        }
        Ok(())
    }

    /// The compound states' entry and exit actions, as a note beside each: Mermaid takes no
    /// description on a composite state ("Group nodes can only have label").
    fn write_compound_actions(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        for (k, compound) in d.compounds.iter().enumerate() {
            let loops = self.lists_loops(Host::Compound(k));
            if compound.entry.is_empty() && compound.exit.is_empty() && !loops {
                continue;
            }
            writeln!(f, "    note right of c{k}")?;
            write_actions(f, d, &"        ", compound.entry, compound.exit)?;
            self.write_loops(f, &"        ", Host::Compound(k))?;
            writeln!(f, "    end note")?;
        }
        Ok(())
    }

    /// A compound state as a composite state holding its states (and compounds, nested).
    fn write_composite(
        &self,
        f: &mut fmt::Formatter<'_>,
        compound: usize,
        depth: usize,
    ) -> fmt::Result {
        let d = self.description;
        let pad = depth * 4;
        writeln!(
            f,
            "{:pad$}state \"{}\" as c{compound} {{",
            "",
            Inline(d.compounds[compound].name)
        )?;
        for (i, state) in d.states.iter().enumerate() {
            if state.parent == Some(compound) {
                writeln!(f, "{:pad$}    state \"{}\" as s{i}", "", Inline(state.name))?;
            }
        }
        for child in (0..d.compounds.len()).filter(|&k| d.compounds[k].parent == Some(compound)) {
            self.write_composite(f, child, depth + 1)?;
        }
        // Its history, where a transition enters it by that (`H`, `H*` when deep).
        for deep in [false, true] {
            if d.enters_history(compound, deep) {
                let node = Node::History(compound, deep);
                let label = if deep { "H*" } else { "H" };
                writeln!(f, "{:pad$}    state \"{label}\" as {node}", "")?;
            }
        }
        writeln!(f, "{:pad$}}}", "")
    }

    /// The eventless transitions: one arrow per state (once from the composite state for one
    /// declared on a compound), labelled `[guard] / outputs`.
    fn write_eventless(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        for (rule, e) in d.eventless_rules() {
            if e.target >= d.states.len() {
                continue;
            }
            let to = to_node(e.target, e.history);
            let within = e.within.filter(|&c| c < d.compounds.len());
            let mut arrow = |from: Node| -> fmt::Result {
                write!(f, "    {from} --> {to}")?;
                if e.guard.is_none() && e.outputs.is_empty() {
                    return f.write_str("\n");
                }
                f.write_str(" : ")?;
                crate::rules::write_eventless_label(f, d, e, Inline)?;
                f.write_str("\n")
            };
            if let Some(c) = within {
                arrow(Node::Compound(c))?;
            } else {
                for entry in d.eventless_entries(rule) {
                    arrow(Node::State(entry.source))?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for Mermaid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        writeln!(f, "stateDiagram-v2")?;
        for (i, state) in d.states.iter().enumerate() {
            if state.parent.is_none() {
                writeln!(f, "    state \"{}\" as s{i}", Inline(state.name))?;
            }
        }
        for compound in (0..d.compounds.len()).filter(|&c| d.compounds[c].parent.is_none()) {
            self.write_composite(f, compound, 1)?;
        }
        self.write_compound_actions(f)?;
        for (i, state) in d.states.iter().enumerate() {
            for field in state.fields {
                writeln!(f, "    s{i} : {}: {}", Inline(field.name), Inline(field.ty))?;
            }
            write_actions(f, d, &format_args!("    s{i} : "), state.entry, state.exit)?;
            self.write_loops(f, &format_args!("    s{i} : "), Host::State(i))?;
        }
        for (i, state) in d.states.iter().enumerate() {
            if state.initial {
                writeln!(f, "    [*] --> s{i}")?;
            }
        }
        let mut pseudo = false;
        let shown = || d.shown_rules(self.hidden, self.loops);
        if shown().any(|r| r.transition().wildcard) || self.lists_loops(Host::Any) {
            // Where wildcard rules (`_ + input`) leave from: every state they apply to.
            writeln!(f, "    state \"any state\" as any")?;
            self.write_loops(f, &"    any : ", Host::Any)?;
            writeln!(f, "    class any pseudo")?;
            pseudo = true;
        }
        for rule in shown() {
            let t = rule.transition();
            if d.inputs.get(t.input).is_none() || t.target >= d.states.len() {
                continue;
            }
            let n = rule.index();
            let single = rule.sources().nth(1).is_none() && !t.wildcard;
            let from = if t.wildcard {
                Node::Any
            } else if let Some(c) = t
                .within
                .filter(|&c| c < d.compounds.len() && !rule.stays_in_many())
            {
                // Declared on a compound: once, from the composite state.
                Node::Compound(c)
            } else if single {
                Node::State(t.source)
            } else if rule.stays_in_many() {
                // One box for the rule, from each state it applies to: no arrow can point back.
                f.write_str("    state \"")?;
                write_label(f, &rule)?;
                writeln!(f, "\" as r{n}\n    class r{n} pseudo")?;
                pseudo = true;
                for source in rule.sources() {
                    writeln!(f, "    s{source} --> r{n}")?;
                }
                continue;
            } else {
                // The rule's arrows join, then go on to the target once.
                writeln!(f, "    state r{n} <<join>>")?;
                for source in rule.sources() {
                    writeln!(f, "    s{source} --> r{n}")?;
                }
                Node::Rule(n)
            };
            let to = if t.wildcard && rule.stays_in_many() {
                Node::Any
            } else {
                to_node(t.target, t.history)
            };
            write!(f, "    {from} --> {to} : ")?;
            write_label(f, &rule)?;
            f.write_str("\n")?;
        }
        self.write_eventless(f)?;
        for (i, state) in d.states.iter().enumerate() {
            if state.is_final {
                writeln!(f, "    s{i} --> [*]")?;
            }
        }
        if pseudo {
            writeln!(f, "    classDef pseudo stroke-dasharray:5 5")?;
        }
        if let Some(current) = self.current.filter(|&c| c < d.states.len()) {
            writeln!(
                f,
                "    classDef current fill:#fff3b0,stroke:#e0a000,stroke-width:3px"
            )?;
            writeln!(f, "    class s{current} current")?;
        }
        Ok(())
    }
}

/// A node's entry and exit actions, a line each after `lead`: `    s1 : entry / a, b` (a state's
/// description, `lead` being `    s1 : `) or a note's lines.
fn write_actions(
    f: &mut fmt::Formatter<'_>,
    d: &Description<'_>,
    lead: &dyn fmt::Display,
    entry: &[usize],
    exit: &[usize],
) -> fmt::Result {
    for (kind, actions) in [("entry", entry), ("exit", exit)] {
        if actions.is_empty() {
            continue;
        }
        write!(f, "{lead}{kind} / ")?;
        crate::rules::write_output_names(f, d, actions, |f, name| write!(f, "{}", Inline(name)))?;
        f.write_str("\n")?;
    }
    Ok(())
}

/// A node's Mermaid identifier.
#[derive(Clone, Copy)]
enum Node {
    /// The "any state" that wildcard rules leave from.
    Any,
    State(usize),
    /// A composite state (a compound).
    Compound(usize),
    /// A `<<join>>` bar or a box of the rule at this index.
    Rule(usize),
    /// A compound's history (deep when set).
    History(usize, bool),
}

/// Where an arrow to state `target`, entered by `history` if any, points.
fn to_node(target: usize, history: Option<crate::HistoryTarget>) -> Node {
    match history {
        Some(h) => Node::History(h.compound, h.deep),
        None => Node::State(target),
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Any => f.write_str("any"),
            Node::State(i) => write!(f, "s{i}"),
            Node::Compound(i) => write!(f, "c{i}"),
            Node::Rule(i) => write!(f, "r{i}"),
            Node::History(i, false) => write!(f, "h{i}"),
            Node::History(i, true) => write!(f, "hd{i}"),
        }
    }
}

/// `input [guard] / output?, output` (an `else` route: `heat ✗ / output`), and its mark.
fn write_label(f: &mut fmt::Formatter<'_>, rule: &Rule<'_>) -> fmt::Result {
    rule.write_label(f, Inline, rule.mark())
}
