//! Transitions as declared: one [`Rule`] per declaration (and per `else` route), however many
//! states it applies to. Diagrams draw rules, so `A | B + x => C` or `_ + kick => Broken` reads
//! as the one rule it is, not as a copy per state.
//!
//! A description lists a rule's entries next to each other (an `else` route's entry right after
//! each entry of its transition), so finding a rule's entries is a walk along neighbours: no
//! allocation, linear in the number of entries.

use core::fmt;

use crate::{Description, TransitionInfo};

/// One declared transition, or one `else` route, of a [`Description`]: the entries of
/// [`Description::transitions`] it stands for, one per state it applies to.
#[derive(Debug, Clone, Copy)]
pub struct Rule<'a> {
    description: &'a Description<'a>,
    first: usize,
}

/// The rules of a description, in declaration order; see [`Description::rules`].
#[derive(Debug, Clone)]
pub struct Rules<'a> {
    description: &'a Description<'a>,
    next: usize,
}

/// Whether entries `a` and `b` come from the same declaration, of the same kind (transition, or
/// its `else` route). Descriptions made by hand may leave `rule` at 0, so what the entries say is
/// compared too.
fn same_rule(a: &TransitionInfo<'_>, b: &TransitionInfo<'_>) -> bool {
    a.rule == b.rule
        && a.else_route == b.else_route
        && a.input == b.input
        && a.wildcard == b.wildcard
        && a.stays == b.stays
        && a.reenter == b.reenter
        && (a.stays || a.target == b.target)
        && a.guard == b.guard
        && a.fallible == b.fallible
        && a.outputs == b.outputs
}

/// The entry after `at` of the same rule and kind as `at`: next to it, or one further when an
/// entry of the other kind (a transition and its `else` route) sits between.
fn next_of(transitions: &[TransitionInfo<'_>], at: usize) -> Option<usize> {
    let here = &transitions[at];
    let near = transitions.get(at + 1)?;
    if same_rule(here, near) {
        return Some(at + 1);
    }
    let far = transitions.get(at + 2)?;
    (near.rule == here.rule && same_rule(here, far)).then_some(at + 2)
}

/// Whether entry `at` continues a rule that an earlier entry began.
fn continues(transitions: &[TransitionInfo<'_>], at: usize) -> bool {
    let here = &transitions[at];
    match at {
        0 => false,
        1 => same_rule(&transitions[0], here),
        _ => {
            let near = &transitions[at - 1];
            same_rule(near, here)
                || (near.rule == here.rule && same_rule(&transitions[at - 2], here))
        }
    }
}

impl<'a> Description<'a> {
    /// The declared transitions, one [`Rule`] each (and one per `else` route), in declaration
    /// order: what a diagram draws once.
    #[must_use]
    pub fn rules(&'a self) -> Rules<'a> {
        Rules {
            description: self,
            next: 0,
        }
    }

    /// The rules a renderer draws as arrows: those whose input is not named in `hidden`, and
    /// when `loops` (the renderer collapses self-loops) not the self-loops, which it lists inside
    /// their [`Host`] instead.
    pub(crate) fn shown_rules(
        &'a self,
        hidden: &'a [&'a str],
        loops: bool,
    ) -> impl Iterator<Item = Rule<'a>> + 'a {
        self.rules().filter(move |rule| {
            self.inputs
                .get(rule.transition().input)
                .is_none_or(|input| !hidden.contains(&input.name))
                && !(loops && rule.is_self_loop())
        })
    }

    /// The self-loops a renderer that collapses them lists inside `host`, in declaration order
    /// (none for inputs named in `hidden`).
    pub(crate) fn loops_in(
        &'a self,
        hidden: &'a [&'a str],
        host: Host,
    ) -> impl Iterator<Item = Rule<'a>> + 'a {
        self.shown_rules(hidden, false)
            .filter(move |rule| rule.is_self_loop() && rule.hosted_by(host))
    }
}

impl<'a> Description<'a> {
    /// Whether a renderer that collapses self-loops lists any inside `host`.
    pub(crate) fn has_loops(&'a self, hidden: &'a [&'a str], host: Host) -> bool {
        self.loops_in(hidden, host).next().is_some()
    }
}

/// Where a renderer that collapses self-loops lists one: in the "any state" node for a wildcard,
/// in the compound's label for a rule declared on a compound, else in each state it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Host {
    /// The "any state" node.
    Any,
    /// The compound at this index.
    Compound(usize),
    /// The state at this index.
    State(usize),
}

impl<'a> Iterator for Rules<'a> {
    type Item = Rule<'a>;

    fn next(&mut self) -> Option<Rule<'a>> {
        let transitions = self.description.transitions;
        while self.next < transitions.len() {
            let at = self.next;
            self.next += 1;
            if !continues(transitions, at) {
                return Some(Rule {
                    description: self.description,
                    first: at,
                });
            }
        }
        None
    }
}

impl<'a> Rule<'a> {
    /// The position of the rule's first entry in [`Description::transitions`]: a stable name for
    /// the rule within its description.
    #[must_use]
    pub const fn index(&self) -> usize {
        self.first
    }

    /// The rule's first entry, which holds everything the entries share (input, guard, outputs,
    /// flags, and the target unless the rule [`stays`](TransitionInfo::stays)).
    #[must_use]
    pub fn transition(&self) -> &'a TransitionInfo<'a> {
        &self.description.transitions[self.first]
    }

    /// The rule's entries, one per state it applies to, in state order.
    pub fn entries(&self) -> impl Iterator<Item = &'a TransitionInfo<'a>> + 'a {
        let transitions: &'a [TransitionInfo<'a>] = self.description.transitions;
        let mut at = Some(self.first);
        core::iter::from_fn(move || {
            let here = at?;
            at = next_of(transitions, here);
            Some(&transitions[here])
        })
    }

    /// The states the rule applies to (the sources of its entries), in state order.
    pub fn sources(&self) -> impl Iterator<Item = usize> + 'a {
        self.entries().map(|t| t.source)
    }

    /// Whether the rule applies to state `state` (an index).
    #[must_use]
    pub fn applies_to(&self, state: usize) -> bool {
        self.sources().any(|s| s == state)
    }

    /// For an `else` route, the transition whose fallible outputs it routes (the entry right
    /// before its first).
    #[must_use]
    pub fn routed(&self) -> Option<&'a TransitionInfo<'a>> {
        let t = self.transition();
        if !t.else_route || self.first == 0 {
            return None;
        }
        let before = &self.description.transitions[self.first - 1];
        (before.rule == t.rule && !before.else_route).then_some(before)
    }

    /// Whether every entry of the rule leaves its state for itself: a self-loop, internal (`=> _`,
    /// `A + x => A`) or re-entering, which a renderer can list inside the state instead of
    /// drawing an arrow (an entry into a compound's history is not one).
    #[must_use]
    pub fn is_self_loop(&self) -> bool {
        self.entries()
            .all(|e| e.history.is_none() && (e.stays || e.target == e.source))
    }

    /// Where the rule is listed when it is a collapsed self-loop; `None` for a rule whose
    /// compound is out of range, which only a hand-made description has.
    pub(crate) fn host(&self) -> Option<Host> {
        let t = self.transition();
        if t.wildcard {
            return Some(Host::Any);
        }
        match t.within {
            Some(c) => (c < self.description.compounds.len()).then_some(Host::Compound(c)),
            None => Some(Host::State(t.source)),
        }
    }

    /// Whether the rule is listed inside `host` when collapsed (a multi-source rule is listed
    /// in each of its states).
    fn hosted_by(&self, host: Host) -> bool {
        match (self.host(), host) {
            (Some(Host::State(_)), Host::State(s)) => self.applies_to(s),
            (Some(mine), _) => mine == host,
            (None, _) => false,
        }
    }

    /// Whether the rule stays where it is from several states (or from any): then no single
    /// target exists to draw an arrow to.
    #[must_use]
    pub fn stays_in_many(&self) -> bool {
        let t = self.transition();
        t.stays && (t.wildcard || self.entries().nth(1).is_some())
    }
}

/// The pieces of a rule's label, for the renderers; each writes them through its own escaping
/// (`escape(name)` is a `Display` of the name as that format needs it).
impl<'a> Rule<'a> {
    /// Writes the label's head: the input's name, or for an `else` route the fallible outputs of
    /// the transition it routes, which failed (`heat ✗`).
    pub(crate) fn write_head<D: fmt::Display>(
        &self,
        f: &mut fmt::Formatter<'_>,
        escape: impl Fn(&'a str) -> D,
    ) -> fmt::Result {
        if self.routed().is_none() {
            let d = self.description;
            let input = d.inputs.get(self.transition().input).map_or("", |i| i.name);
            return write!(f, "{}", escape(input));
        }
        for (n, name) in self.failing().enumerate() {
            if n > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", escape(name))?;
        }
        f.write_str(" ✗")
    }

    /// For an `else` route, the names of the fallible outputs whose failure takes it.
    pub(crate) fn failing(&self) -> impl Iterator<Item = &'a str> + 'a {
        let d = self.description;
        self.routed()
            .into_iter()
            .flat_map(|routed| routed.outputs.iter().take(usize::from(routed.fallible)))
            .filter_map(move |&o| d.outputs.get(o).map(|o| o.label))
    }

    /// The head's length in characters, for layouts.
    #[cfg(feature = "svg")]
    pub(crate) fn head_chars(&self) -> usize {
        if self.routed().is_none() {
            let d = self.description;
            return d
                .inputs
                .get(self.transition().input)
                .map_or(0, |i| i.name.chars().count());
        }
        self.failing()
            .map(|name| name.chars().count() + 2)
            .sum::<usize>()
    }

    /// The guard expression, for a guarded transition (not for an `else` route).
    pub(crate) fn guard(&self) -> Option<&'a str> {
        let t = self.transition();
        t.guard.filter(|_| !t.else_route)
    }

    /// What follows the label: ` (reenter)` for a self-loop that re-enters, ` ↺` for a rule that
    /// stays in several states (which no arrow can show), else nothing.
    pub(crate) fn mark(&self) -> &'static str {
        if self.transition().reenter {
            " (reenter)"
        } else if self.stays_in_many() {
            " ↺"
        } else {
            ""
        }
    }

    /// The outputs, in order, each with whether it is fallible (`heat?`).
    pub(crate) fn outputs(&self) -> impl Iterator<Item = (&'a str, bool)> + 'a {
        let d = self.description;
        let t = self.transition();
        t.outputs.iter().enumerate().filter_map(move |(n, &o)| {
            d.outputs
                .get(o)
                .map(|o| (o.label, n < usize::from(t.fallible)))
        })
    }
}

impl<'a> Rule<'a> {
    /// Writes the rule as a line inside the state it loops on: `↺ input [guard] / output?,
    /// output` (` (reenter)` after the guard when it re-enters).
    pub(crate) fn write_loop<D: fmt::Display>(
        &self,
        f: &mut fmt::Formatter<'_>,
        escape: impl Fn(&'a str) -> D,
    ) -> fmt::Result {
        f.write_str("↺ ")?;
        let mark = if self.transition().reenter {
            " (reenter)"
        } else {
            ""
        };
        self.write_label(f, escape, mark)
    }

    /// Writes the rule's label on one line: `input [guard]`, then `mark`, then ` / output?,
    /// output` (an `else` route's head is what failed, `heat ✗`).
    pub(crate) fn write_label<D: fmt::Display>(
        &self,
        f: &mut fmt::Formatter<'_>,
        escape: impl Fn(&'a str) -> D,
        mark: &str,
    ) -> fmt::Result {
        self.write_head(f, &escape)?;
        if let Some(guard) = self.guard() {
            write!(f, " [{}]", escape(guard))?;
        }
        f.write_str(mark)?;
        for (n, (name, fallible)) in self.outputs().enumerate() {
            f.write_str(if n == 0 { " / " } else { ", " })?;
            write!(f, "{}", escape(name))?;
            if fallible {
                f.write_str("?")?;
            }
        }
        Ok(())
    }
}

/// A rule as the line [`Rule::write_loop`] writes, each name through the escaping `E` (for
/// the SVG's widths).
#[cfg(feature = "svg")]
pub(crate) struct LoopLine<'a, E>(pub Rule<'a>, pub E);

#[cfg(feature = "svg")]
impl<'a, D: fmt::Display, E: Fn(&'a str) -> D> fmt::Display for LoopLine<'a, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_loop(f, &self.1)
    }
}

/// Writes the names of the outputs at `outputs` (indices into [`Description::outputs`]),
/// separated by `, `, each through `item` (which escapes and quotes it as the format needs);
/// indices out of range are skipped.
pub(crate) fn write_output_names<'a>(
    f: &mut fmt::Formatter<'_>,
    d: &crate::Description<'a>,
    outputs: &[usize],
    item: impl Fn(&mut fmt::Formatter<'_>, &'a str) -> fmt::Result,
) -> fmt::Result {
    let all: &'a [crate::OutputInfo<'a>] = d.outputs;
    for (n, output) in outputs.iter().filter_map(|&o| all.get(o)).enumerate() {
        if n > 0 {
            f.write_str(", ")?;
        }
        item(f, output.label)?;
    }
    Ok(())
}

/// An eventless transition's label, `[guard] / output, output`, each name through `escape`.
pub(crate) fn write_eventless_label<'a, D: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    d: &crate::Description<'a>,
    e: &crate::EventlessInfo<'a>,
    escape: impl Fn(&'a str) -> D,
) -> fmt::Result {
    if let Some(guard) = e.guard {
        write!(f, "[{}]", escape(guard))?;
    }
    if !e.outputs.is_empty() {
        f.write_str(" / ")?;
        write_output_names(f, d, e.outputs, |f, name| write!(f, "{}", escape(name)))?;
    }
    Ok(())
}
