//! A Markdown transition table: one row per declared transition (and `else` route), in declaration
//! order, then the states' entry and exit actions.

use core::fmt;

use crate::escape::Inline;
use crate::Description;

/// A [`Description`] rendered as a Markdown table; see [`Description::table`].
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    description: &'a Description<'a>,
    current: Option<usize>,
    /// The inputs whose transitions are left out ([`Self::hide_inputs`]).
    hidden: &'a [&'a str],
}

impl<'a> Description<'a> {
    /// Renders the machine's transitions as a Markdown table (`state | input | next | outputs`),
    /// the form that reads well in a code review or a runbook: one row per declared transition,
    /// listing the states it applies to (`any state` for a wildcard), its guard after the input,
    /// `?` after fallible outputs, and for an `else` route the outputs whose failure takes it
    /// (`heat ✗`). A second table lists the states' entry and exit actions, when there are any.
    #[must_use]
    pub const fn table(&'a self) -> Table<'a> {
        Table {
            description: self,
            current: None,
            hidden: &[],
        }
    }
}

crate::highlight::highlight_methods!(Table, "a `▶` on the rows leaving it");

impl fmt::Display for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        writeln!(f, "| state | input | next | outputs |")?;
        writeln!(f, "|---|---|---|---|")?;
        for rule in d.shown_rules(self.hidden, false) {
            let t = rule.transition();
            let (Some(_), Some(target)) = (d.inputs.get(t.input), d.states.get(t.target)) else {
                continue;
            };
            f.write_str("| ")?;
            if self.current.is_some_and(|current| rule.applies_to(current)) {
                f.write_str("▶ ")?;
            }
            if t.wildcard {
                f.write_str("any state")?;
            } else {
                for (n, source) in rule.sources().filter_map(|s| d.states.get(s)).enumerate() {
                    if n > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{}`", Inline(source.name))?;
                    if source.initial {
                        f.write_str(" (initial)")?;
                    }
                }
            }
            f.write_str(" | ")?;
            if t.else_route {
                for (n, name) in rule.failing().enumerate() {
                    if n > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{}`", Inline(name))?;
                }
                f.write_str(" ✗")?;
            } else {
                f.write_str("`")?;
                rule.write_head(f, Inline)?;
                f.write_str("`")?;
            }
            if let Some(guard) = rule.guard() {
                write!(f, " [`{}`]", Inline(guard))?;
            }
            f.write_str(" | ")?;
            if t.stays && rule.stays_in_many() {
                f.write_str("(stays)")?;
            } else {
                write_target(f, d, target, t.history)?;
            }
            if t.reenter {
                f.write_str(" (reenter)")?;
            }
            f.write_str(" | ")?;
            for (n, (name, fallible)) in rule.outputs().enumerate() {
                if n > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "`{}`", Inline(name))?;
                if fallible {
                    f.write_str("?")?;
                }
            }
            f.write_str(" |\n")?;
        }
        self.write_eventless(f)?;
        self.write_states(f)
    }
}

/// The next state: its name (`(final)`), or the history it is entered by, with the state it
/// enters before any is recorded: `` `On.history*` (first `Idle`) ``.
fn write_target(
    f: &mut fmt::Formatter<'_>,
    d: &crate::Description<'_>,
    target: &crate::StateInfo<'_>,
    history: Option<crate::HistoryTarget>,
) -> fmt::Result {
    if let Some((compound, deep)) =
        history.and_then(|h| Some((d.compounds.get(h.compound)?, h.deep)))
    {
        let star = if deep { "*" } else { "" };
        return write!(
            f,
            "`{}.history{star}` (first `{}`)",
            Inline(compound.name),
            Inline(target.name)
        );
    }
    write!(f, "`{}`", Inline(target.name))?;
    if target.is_final {
        f.write_str(" (final)")?;
    }
    Ok(())
}

impl Table<'_> {
    /// The eventless transitions, as rows of the first table: `(eventless)` for the input.
    fn write_eventless(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        for (rule, e) in d.eventless_rules() {
            let Some(target) = d.states.get(e.target) else {
                continue;
            };
            f.write_str("| ")?;
            let entries = || d.eventless_entries(rule);
            if self
                .current
                .is_some_and(|current| entries().any(|e| e.source == current))
            {
                f.write_str("▶ ")?;
            }
            for (n, source) in entries().filter_map(|e| d.states.get(e.source)).enumerate() {
                if n > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "`{}`", Inline(source.name))?;
                if source.initial {
                    f.write_str(" (initial)")?;
                }
            }
            f.write_str(" | (eventless)")?;
            if let Some(guard) = e.guard {
                write!(f, " [`{}`]", Inline(guard))?;
            }
            f.write_str(" | ")?;
            write_target(f, d, target, e.history)?;
            f.write_str(" | ")?;
            crate::rules::write_output_names(f, d, e.outputs, |f, name| {
                write!(f, "`{}`", Inline(name))
            })?;
            f.write_str(" |\n")?;
        }
        Ok(())
    }

    /// The second table: each state's data and entry and exit actions, when any state has some.
    fn write_states(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        let fields = d.states.iter().any(|s| !s.fields.is_empty());
        let actions = d
            .states
            .iter()
            .any(|s| !s.entry.is_empty() || !s.exit.is_empty());
        let nested = !d.compounds.is_empty();
        if fields || actions || nested {
            f.write_str("\n| state |")?;
            if nested {
                f.write_str(" in |")?;
            }
            if fields {
                f.write_str(" data |")?;
            }
            if actions {
                f.write_str(" entry | exit |")?;
            }
            f.write_str("\n|---|")?;
            let columns = usize::from(nested) + usize::from(fields) + 2 * usize::from(actions);
            for _ in 0..columns {
                f.write_str("---|")?;
            }
            f.write_str("\n")?;
            for (index, state) in d.states.iter().enumerate() {
                if state.entry.is_empty()
                    && state.exit.is_empty()
                    && state.fields.is_empty()
                    && !nested
                {
                    continue;
                }
                f.write_str("| ")?;
                if self.current == Some(index) {
                    f.write_str("▶ ")?;
                }
                write!(f, "`{}`", Inline(state.name))?;
                if nested {
                    f.write_str(" | ")?;
                    if let Some(parent) = state.parent.and_then(|p| d.compounds.get(p)) {
                        write!(f, "`{}`", Inline(parent.name))?;
                    }
                }
                if fields {
                    f.write_str(" | ")?;
                    for (n, field) in state.fields.iter().enumerate() {
                        if n > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "`{}: {}`", Inline(field.name), Inline(field.ty))?;
                    }
                }
                if actions {
                    for actions in [state.entry, state.exit] {
                        f.write_str(" | ")?;
                        crate::rules::write_output_names(f, d, actions, |f, name| {
                            write!(f, "`{}`", Inline(name))
                        })?;
                    }
                }
                f.write_str(" |\n")?;
            }
        }
        if nested {
            f.write_str("\n| compound state | in | entry | exit |\n|---|---|---|---|\n")?;
            for compound in d.compounds {
                write!(f, "| `{}` | ", Inline(compound.name))?;
                if let Some(parent) = compound.parent.and_then(|p| d.compounds.get(p)) {
                    write!(f, "`{}`", Inline(parent.name))?;
                }
                for actions in [compound.entry, compound.exit] {
                    f.write_str(" | ")?;
                    crate::rules::write_output_names(f, d, actions, |f, name| {
                        write!(f, "`{}`", Inline(name))
                    })?;
                }
                f.write_str(" |\n")?;
            }
        }
        Ok(())
    }
}
