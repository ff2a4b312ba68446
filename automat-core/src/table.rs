//! A Markdown transition table: one row per transition, in declaration order.

use core::fmt;

use crate::escape::Inline;
use crate::Description;

/// A [`Description`] rendered as a Markdown table; see [`Description::table`].
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    description: &'a Description<'a>,
    current: Option<usize>,
}

impl<'a> Description<'a> {
    /// Renders the machine's transitions as a Markdown table (`state | input | next | outputs`),
    /// the form that reads well in a code review or a runbook.
    #[must_use]
    pub const fn table(&'a self) -> Table<'a> {
        Table {
            description: self,
            current: None,
        }
    }
}

crate::highlight::highlight_methods!(Table, "a `▶` on the rows leaving it");

impl fmt::Display for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        writeln!(f, "| state | input | next | outputs |")?;
        writeln!(f, "|---|---|---|---|")?;
        for t in d.transitions {
            let (Some(source), Some(input), Some(target)) = (
                d.states.get(t.source),
                d.inputs.get(t.input),
                d.states.get(t.target),
            ) else {
                continue;
            };
            f.write_str("| ")?;
            if self.current == Some(t.source) {
                f.write_str("▶ ")?;
            }
            write!(f, "`{}`", Inline(source.name))?;
            if source.initial {
                f.write_str(" (initial)")?;
            }
            write!(f, " | `{}` | `{}`", Inline(input.name), Inline(target.name))?;
            if target.is_final {
                f.write_str(" (final)")?;
            }
            f.write_str(" | ")?;
            for (n, output) in t
                .outputs
                .iter()
                .filter_map(|&o| d.outputs.get(o))
                .enumerate()
            {
                if n > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "`{}`", Inline(output.name))?;
            }
            f.write_str(" |\n")?;
        }
        Ok(())
    }
}
