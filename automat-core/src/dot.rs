//! Graphviz DOT, in Automat's visual language.
//!
//! States are blue ellipses (the initial one bold, final ones doubled). Each transition is a small
//! table node: the input's name on top, its outputs below, with an edge from the source state
//! into the table and one out of it to the target state, as `automat-visualize` draws them.
//!
//! The renderer is a [`Display`](fmt::Display) adapter that writes straight into the formatter:
//! no allocation, and the same description always renders the same bytes.

use core::fmt;

use crate::Description;

/// A [`Description`] rendered as Graphviz DOT; see [`Description::dot`].
#[derive(Debug, Clone, Copy)]
pub struct Dot<'a> {
    description: &'a Description,
}

impl Description {
    /// Renders the machine as a Graphviz DOT graph in Automat's style.
    ///
    /// The result implements [`Display`](fmt::Display), so it can be written to any formatter or
    /// turned into a `String` without intermediate allocation:
    ///
    /// ```
    /// # use automat_core::{Description, StateInfo};
    /// # static STATES: [StateInfo; 1] = [StateInfo::__new("Idle", "", true, false)];
    /// # static DESCRIPTION: Description = Description::__new("Lamp", "", &STATES, &[], &[], &[]);
    /// # let description = &DESCRIPTION;
    /// let dot = description.dot().to_string();
    /// assert!(dot.starts_with("digraph \"Lamp\" {"));
    /// ```
    #[must_use]
    pub const fn dot(&self) -> Dot<'_> {
        Dot { description: self }
    }
}

impl fmt::Display for Dot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        writeln!(f, "digraph \"{}\" {{", DotStr(d.name))?;
        writeln!(f, "    graph [pack=\"true\", dpi=\"100\"];")?;
        writeln!(f, "    node [fontname=\"Menlo\"];")?;
        writeln!(f, "    edge [fontname=\"Menlo\"];")?;
        writeln!(f)?;
        for state in d.states {
            write!(
                f,
                "    \"{}\" [shape=\"ellipse\", color=\"blue\"",
                DotStr(state.name)
            )?;
            if state.initial {
                f.write_str(", style=\"bold\", fontname=\"Menlo-Bold\"")?;
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

/// Writes `s` escaped for the inside of a DOT double-quoted string.
struct DotStr<'a>(&'a str);

impl fmt::Display for DotStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, |c| match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some(""),
            _ => None,
        })
    }
}

/// Writes `s` escaped for Graphviz HTML-like labels.
struct Html<'a>(&'a str);

impl fmt::Display for Html<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            _ => None,
        })
    }
}

/// Writes `s`, replacing each character for which `replace` returns a string.
fn escape(
    f: &mut fmt::Formatter<'_>,
    s: &str,
    replace: impl Fn(char) -> Option<&'static str>,
) -> fmt::Result {
    let mut clean_from = 0;
    for (i, c) in s.char_indices() {
        if let Some(replacement) = replace(c) {
            f.write_str(&s[clean_from..i])?;
            f.write_str(replacement)?;
            clean_from = i + c.len_utf8();
        }
    }
    f.write_str(&s[clean_from..])
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::string::ToString;

    use super::{DotStr, Html};

    #[test]
    fn dot_strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(
            DotStr("a \"b\" \\ c\nd\r").to_string(),
            "a \\\"b\\\" \\\\ c\\nd"
        );
    }

    #[test]
    fn html_labels_escape_markup() {
        assert_eq!(
            Html("<a & \"b\">").to_string(),
            "&lt;a &amp; &quot;b&quot;&gt;"
        );
    }
}
