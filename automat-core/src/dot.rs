//! Graphviz DOT, in Automat's visual language.
//!
//! States are blue ellipses (the initial one bold, final ones doubled). Each transition is a small
//! table node: the input's name on top, its outputs below, with an edge from the source state
//! into the table and one out of it to the target state, as `automat-visualize` draws them.
//!
//! The renderer is a [`Display`](fmt::Display) adapter that writes straight into the formatter:
//! no allocation, and the same description always renders the same bytes.

use core::fmt;

use crate::escape::{DotStr, Xml as Html};
use crate::Description;

/// A [`Description`] rendered as Graphviz DOT; see [`Description::dot`].
#[derive(Debug, Clone, Copy)]
pub struct Dot<'a> {
    description: &'a Description<'a>,
    current: Option<usize>,
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
        }
    }
}

crate::highlight::highlight_methods!(Dot, "filled, with a thick outline");

impl fmt::Display for Dot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        writeln!(f, "digraph \"{}\" {{", DotStr(d.name))?;
        writeln!(f, "    graph [pack=\"true\", dpi=\"100\"];")?;
        writeln!(f, "    node [fontname=\"Menlo\"];")?;
        writeln!(f, "    edge [fontname=\"Menlo\"];")?;
        writeln!(f)?;
        for (index, state) in d.states.iter().enumerate() {
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
            f.write_str("];\n")?;
        }
        for (n, t) in d.transitions.iter().enumerate() {
            let (Some(source), Some(input), Some(target)) = (
                d.states.get(t.source),
                d.inputs.get(t.input),
                d.states.get(t.target),
            ) else {
                // Only a hand-made description can point out of range; draw what exists.
                continue;
            };
            writeln!(f)?;
            write!(
                f,
                "    \"t#{n}\" [shape=\"none\", margin=\"0.2\", label=<<table border=\"0\" \
                 cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><td port=\"tableport\" \
                 color=\"purple\""
            )?;
            if t.outputs.len() > 1 {
                write!(f, " colspan=\"{}\"", t.outputs.len())?;
            }
            write!(
                f,
                "><font face=\"Menlo-Italic\">{}</font></td></tr>",
                Html(input.name)
            )?;
            if !t.outputs.is_empty() {
                f.write_str("<tr>")?;
                for output in t.outputs.iter().filter_map(|&o| d.outputs.get(o)) {
                    write!(
                        f,
                        "<td color=\"pink\"><font point-size=\"9\">{}</font></td>",
                        Html(output.name)
                    )?;
                }
                f.write_str("</tr>")?;
            }
            f.write_str("</table>>")?;
            if !t.docs.is_empty() {
                write!(f, ", tooltip=\"{}\"", DotStr(t.docs))?;
            }
            f.write_str("];\n")?;
            writeln!(
                f,
                "    \"{}\" -> \"t#{n}\":tableport:w [arrowhead=\"none\"];",
                DotStr(source.name)
            )?;
            writeln!(
                f,
                "    \"t#{n}\":tableport:e -> \"{}\";",
                DotStr(target.name)
            )?;
        }
        f.write_str("}\n")
    }
}
