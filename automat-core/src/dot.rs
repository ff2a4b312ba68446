//! Graphviz DOT, in Automat's visual language.
//!
//! States are blue ellipses (the initial one bold, final ones doubled), with their entry and exit
//! actions under the name. Each declared transition is one small table node: the input's name
//! (and its guard, `brew [has_water]`) on top, its outputs below (`heat?` when fallible), with an
//! edge from each state it applies to into the table and one out of it to the target state, as
//! `automat-visualize` draws them. A wildcard (`_ + input`) leaves from one dashed "any state"
//! node; an `else` route is drawn dashed, headed by the outputs whose failure takes it
//! (`heat ✗`); a rule that stays in several states (`_ + ping => _`) has no arrow out, and a
//! `↺` in its head.
//!
//! The renderer is a [`Display`](fmt::Display) adapter that writes straight into the formatter:
//! no allocation, and the same description always renders the same bytes.

use core::fmt;

use crate::escape::{DotStr, Xml as Html};
use crate::rules::Host;
use crate::{Description, Rule, StateInfo};

/// A [`Description`] rendered as Graphviz DOT; see [`Description::dot`].
#[derive(Debug, Clone, Copy)]
pub struct Dot<'a> {
    description: &'a Description<'a>,
    current: Option<usize>,
    /// The inputs whose transitions are left out ([`Self::hide_inputs`]).
    hidden: &'a [&'a str],
    /// Whether self-loops are lines inside their states ([`Self::collapse_self_loops`]).
    loops: bool,
}

impl<'a> Description<'a> {
    /// Renders the machine as a Graphviz DOT graph in Automat's style.
    ///
    /// The result implements [`Display`](fmt::Display), so it can be written to any formatter or
    /// turned into a `String` without intermediate allocation:
    ///
    /// ```
    /// # use automat_core::{Description, StateInfo};
    /// # static STATES: [StateInfo<'static>; 1] = [StateInfo::__new("Idle", "", true, false)];
    /// # static DESCRIPTION: Description<'static> = Description::__new("Lamp", "", &STATES, &[], &[], &[]);
    /// # let description = &DESCRIPTION;
    /// let dot = description.dot().to_string();
    /// assert!(dot.starts_with("digraph \"Lamp\" {"));
    /// ```
    #[must_use]
    pub const fn dot(&'a self) -> Dot<'a> {
        Dot {
            description: self,
            current: None,
            hidden: &[],
            loops: false,
        }
    }
}

crate::highlight::highlight_methods!(Dot, "filled, with a thick outline");
crate::highlight::collapse_method!(Dot);

impl fmt::Display for Dot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        writeln!(f, "digraph \"{}\" {{", DotStr(d.name))?;
        if d.compounds.is_empty() {
            // No `dpi`: with it, Graphviz 2.43's SVG scales the drawing but not its viewBox,
            // and shows only its top-left part.
            writeln!(f, "    graph [pack=\"true\"];")?;
        } else {
            // `compound` lets an edge start at a cluster's border (`ltail`).
            writeln!(f, "    graph [pack=\"true\", compound=\"true\"];")?;
        }
        writeln!(f, "    node [fontname=\"Menlo\"];")?;
        writeln!(f, "    edge [fontname=\"Menlo\"];")?;
        writeln!(f)?;
        for (index, state) in d.states.iter().enumerate() {
            if state.parent.is_none() {
                self.write_state(f, index, state)?;
            }
        }
        for compound in (0..d.compounds.len()).filter(|&c| d.compounds[c].parent.is_none()) {
            self.write_cluster(f, compound, 1)?;
        }
        let shown = || d.shown_rules(self.hidden, self.loops);
        if shown().any(|r| r.transition().wildcard) || self.lists_loops(Host::Any) {
            // Where wildcard rules (`_ + input`) leave from: every state they apply to.
            write!(
                f,
                "    \"{ANY}\" [shape=\"ellipse\", style=\"dashed\", color=\"gray\", label="
            )?;
            if self.lists_loops(Host::Any) {
                f.write_str("<any state")?;
                self.write_loops(f, Host::Any)?;
                f.write_str(">];\n")?;
            } else {
                f.write_str("\"any state\"];\n")?;
            }
        }
        for rule in shown() {
            let t = rule.transition();
            let (Some(_), Some(target)) = (d.inputs.get(t.input), d.states.get(t.target)) else {
                // Only a hand-made description can point out of range; draw what exists.
                continue;
            };
            let n = rule.index();
            writeln!(f)?;
            write_table(f, &rule)?;
            let style = if t.else_route {
                ", style=\"dashed\""
            } else {
                ""
            };
            let cluster = t.within.and_then(|c| {
                // Drawn once, from the compound's border: the edge leaves from a state inside.
                let inside = (0..d.states.len()).find(|&s| d.ancestors(s).any(|a| a == c))?;
                Some((d.compounds.get(c)?.name, d.states.get(inside)?.name))
            });
            if t.wildcard {
                writeln!(
                    f,
                    "    \"{ANY}\" -> \"t#{n}\":tableport:w [arrowhead=\"none\"{style}];"
                )?;
            } else if let Some((compound, inside)) = cluster {
                writeln!(
                    f,
                    "    \"{}\" -> \"t#{n}\":tableport:w [arrowhead=\"none\", ltail=\"cluster_{}\"{style}];",
                    DotStr(inside),
                    DotStr(compound)
                )?;
            } else {
                for source in rule.sources().filter_map(|s| d.states.get(s)) {
                    writeln!(
                        f,
                        "    \"{}\" -> \"t#{n}\":tableport:w [arrowhead=\"none\"{style}];",
                        DotStr(source.name)
                    )?;
                }
            }
            if !rule.stays_in_many() {
                let style = if t.else_route {
                    " [style=\"dashed\"]"
                } else {
                    ""
                };
                let head = node_of(d, t.target, t.history).unwrap_or(Node::State(target.name));
                writeln!(f, "    \"t#{n}\":tableport:e -> \"{head}\"{style};")?;
            }
        }
        if !d.eventless.is_empty() {
            writeln!(f)?;
            self.write_eventless(f)?;
        }
        f.write_str("}\n")
    }
}

/// `4 × n` spaces.
#[derive(Clone, Copy)]
struct Indent(usize);

impl fmt::Display for Indent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:width$}", "", width = self.0 * 4)
    }
}

/// A node's entry and exit actions, as lines of an HTML label: `entry / a, b`.
fn write_actions(
    f: &mut fmt::Formatter<'_>,
    d: &Description<'_>,
    entry: &[usize],
    exit: &[usize],
) -> fmt::Result {
    for (kind, actions) in [("entry", entry), ("exit", exit)] {
        if actions.is_empty() {
            continue;
        }
        write!(f, "<br/><font point-size=\"9\">{kind} / ")?;
        crate::rules::write_output_names(f, d, actions, |f, name| write!(f, "{}", Html(name)))?;
        f.write_str("</font>")?;
    }
    Ok(())
}

/// The node of wildcard rules' sources.
const ANY: &str = "*";

/// One eventless edge from `tail` (the border of cluster `cluster`, if given) to `head`.
fn write_eventless_edge(
    f: &mut fmt::Formatter<'_>,
    d: &Description<'_>,
    tail: &str,
    head: Node<'_>,
    e: &crate::EventlessInfo<'_>,
    cluster: Option<&str>,
) -> fmt::Result {
    write!(
        f,
        "    \"{}\" -> \"{head}\" [style=\"dotted\"",
        DotStr(tail)
    )?;
    if e.guard.is_some() || !e.outputs.is_empty() {
        f.write_str(", label=<<font face=\"Menlo-Italic\">")?;
        crate::rules::write_eventless_label(f, d, e, Html)?;
        f.write_str("</font>>")?;
    }
    if !e.docs.is_empty() {
        write!(f, ", tooltip=\"{}\"", DotStr(e.docs))?;
    }
    if let Some(compound) = cluster {
        write!(f, ", ltail=\"cluster_{}\"", DotStr(compound))?;
    }
    f.write_str("];\n")
}

/// A node an edge can end at, written as its quoted id's contents: a state, or a compound's
/// history (`H:On`, `H*:On`).
#[derive(Clone, Copy)]
enum Node<'a> {
    State(&'a str),
    History(&'a str, bool),
}

impl fmt::Display for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Node::State(name) => write!(f, "{}", DotStr(name)),
            Node::History(compound, deep) => {
                write!(f, "{}:{}", history_label(deep), DotStr(compound))
            }
        }
    }
}

/// UML's label of a history: `H`, or `H*` when deep.
fn history_label(deep: bool) -> &'static str {
    if deep {
        "H*"
    } else {
        "H"
    }
}

/// Where an edge to state `target` (entered by `history`, if any) ends.
fn node_of<'a>(
    d: &Description<'a>,
    target: usize,
    history: Option<crate::HistoryTarget>,
) -> Option<Node<'a>> {
    match history {
        Some(h) => d
            .compounds
            .get(h.compound)
            .map(|c| Node::History(c.name, h.deep)),
        None => d.states.get(target).map(|s| Node::State(s.name)),
    }
}

impl Dot<'_> {
    /// A compound state as a cluster holding its states (and its compounds, nested), labelled
    /// with its name and its entry and exit actions.
    fn write_cluster(
        &self,
        f: &mut fmt::Formatter<'_>,
        compound: usize,
        depth: usize,
    ) -> fmt::Result {
        let d = self.description;
        let c = &d.compounds[compound];
        let indent = Indent(depth);
        writeln!(f, "{indent}subgraph \"cluster_{}\" {{", DotStr(c.name))?;
        write!(
            f,
            "{indent}    graph [style=\"rounded\", color=\"blue\", fontname=\"Menlo\", label=<{}",
            Html(c.name)
        )?;
        write_actions(f, d, c.entry, c.exit)?;
        self.write_loops(f, Host::Compound(compound))?;
        f.write_str(">];\n")?;
        for (index, state) in d.states.iter().enumerate() {
            if state.parent == Some(compound) {
                write!(f, "{indent}")?;
                self.write_state(f, index, state)?;
            }
        }
        for child in (0..d.compounds.len()).filter(|&k| d.compounds[k].parent == Some(compound)) {
            self.write_cluster(f, child, depth + 1)?;
        }
        // Its history, where a transition enters it by that: UML's circled H (H* when deep).
        for deep in [false, true] {
            if d.enters_history(compound, deep) {
                writeln!(
                    f,
                    "{indent}    \"{}\" [shape=\"circle\", color=\"blue\", label=\"{}\", width=\"0.35\", fixedsize=\"true\"];",
                    Node::History(c.name, deep),
                    history_label(deep)
                )?;
            }
        }
        writeln!(f, "{indent}}}")
    }

    /// The eventless transitions: an edge each (drawn once from a compound's border for one
    /// declared on a compound), labelled with its guard and outputs, dotted.
    fn write_eventless(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        for (rule, e) in d.eventless_rules() {
            let Some(head) = node_of(d, e.target, e.history) else {
                continue;
            };
            let cluster = e.within.and_then(|c| {
                let inside = (0..d.states.len()).find(|&s| d.ancestors(s).any(|a| a == c))?;
                Some((d.compounds.get(c)?.name, d.states.get(inside)?.name))
            });
            if let Some((compound, inside)) = cluster {
                write_eventless_edge(f, d, inside, head, e, Some(compound))?;
            } else {
                for source in d
                    .eventless_entries(rule)
                    .filter_map(|e| d.states.get(e.source))
                {
                    write_eventless_edge(f, d, source.name, head, e, None)?;
                }
            }
        }
        Ok(())
    }

    fn write_state(
        &self,
        f: &mut fmt::Formatter<'_>,
        index: usize,
        state: &StateInfo<'_>,
    ) -> fmt::Result {
        let d = self.description;
        write!(
            f,
            "    \"{}\" [shape=\"ellipse\", color=\"blue\"",
            DotStr(state.name)
        )?;
        let current = self.current == Some(index);
        match (state.initial, current) {
            (true, false) => f.write_str(", style=\"bold\", fontname=\"Menlo-Bold\"")?,
            (true, true) => f.write_str(", style=\"bold,filled\", fontname=\"Menlo-Bold\"")?,
            (false, true) => f.write_str(", style=\"filled\"")?,
            (false, false) => {}
        }
        if current {
            f.write_str(", fillcolor=\"#fff3b0\", penwidth=\"3\"")?;
        }
        if state.is_final {
            f.write_str(", peripheries=\"2\"")?;
        }
        if !state.docs.is_empty() {
            write!(f, ", tooltip=\"{}\"", DotStr(state.docs))?;
        }
        let loops = self.lists_loops(Host::State(index));
        if !state.entry.is_empty() || !state.exit.is_empty() || !state.fields.is_empty() || loops {
            // The state's name over its fields, then its entry and exit actions, then its
            // collapsed self-loops.
            write!(f, ", label=<{}", Html(state.name))?;
            for field in state.fields {
                write!(
                    f,
                    "<br/><font point-size=\"9\" face=\"Menlo\">{}: {}</font>",
                    Html(field.name),
                    Html(field.ty)
                )?;
            }
            write_actions(f, d, state.entry, state.exit)?;
            self.write_loops(f, Host::State(index))?;
            f.write_str(">")?;
        }
        f.write_str("];\n")
    }

    /// Whether `host` lists collapsed self-loops.
    fn lists_loops(&self, host: Host) -> bool {
        self.loops && self.description.has_loops(self.hidden, host)
    }

    /// The collapsed self-loops listed in `host`, as lines of an HTML label.
    fn write_loops(&self, f: &mut fmt::Formatter<'_>, host: Host) -> fmt::Result {
        if !self.loops {
            return Ok(());
        }
        for rule in self.description.loops_in(self.hidden, host) {
            f.write_str("<br/><font point-size=\"9\">")?;
            rule.write_loop(f, Html)?;
            f.write_str("</font>")?;
        }
        Ok(())
    }
}

/// A rule's table node: its input (with its guard) over its outputs, as `automat-visualize`
/// draws a transition; a fallible output has a `?`, an `else` route's head names what failed.
fn write_table(f: &mut fmt::Formatter<'_>, rule: &Rule<'_>) -> fmt::Result {
    let t = rule.transition();
    write!(
        f,
        "    \"t#{}\" [shape=\"none\", margin=\"0.2\", label=<<table border=\"0\" \
         cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><td port=\"tableport\" \
         color=\"purple\"",
        rule.index()
    )?;
    let outputs = rule.outputs().count();
    if outputs > 1 {
        write!(f, " colspan=\"{outputs}\"")?;
    }
    f.write_str("><font face=\"Menlo-Italic\">")?;
    rule.write_head(f, Html)?;
    if let Some(guard) = rule.guard() {
        write!(f, " [{}]", Html(guard))?;
    }
    write!(f, "{}</font></td></tr>", rule.mark())?;
    if outputs > 0 {
        f.write_str("<tr>")?;
        for (name, fallible) in rule.outputs() {
            let mark = if fallible { "?" } else { "" };
            write!(
                f,
                "<td color=\"pink\"><font point-size=\"9\">{}{mark}</font></td>",
                Html(name)
            )?;
        }
        f.write_str("</tr>")?;
    }
    f.write_str("</table>>")?;
    if !t.docs.is_empty() {
        write!(f, ", tooltip=\"{}\"", DotStr(t.docs))?;
    }
    f.write_str("];\n")
}
