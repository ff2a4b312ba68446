//! Escaping for the text formats the renderers write, as allocation-free `Display` adapters.

use core::fmt;

/// `s` escaped for the inside of a DOT double-quoted string.
pub(crate) struct DotStr<'a>(pub &'a str);

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

/// `s` escaped for XML text and attribute values (SVG, Graphviz HTML-like labels).
pub(crate) struct Xml<'a>(pub &'a str);

impl fmt::Display for Xml<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&#39;"),
            _ => None,
        })
    }
}

/// `s` made safe inside a Markdown table cell or a Mermaid label: on one line, without the
/// characters that end a cell (`|`) or start markup.
pub(crate) struct Inline<'a>(pub &'a str);

impl fmt::Display for Inline<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, |c| match c {
            '|' => Some("&#124;"),
            '\n' | '\r' => Some(" "),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '`' => Some("'"),
            ';' => Some("&#59;"),
            '#' => Some("&#35;"),
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

    use super::{DotStr, Inline, Xml};

    #[test]
    fn dot_strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(
            DotStr("a \"b\" \\ c\nd\r").to_string(),
            "a \\\"b\\\" \\\\ c\\nd"
        );
    }

    #[test]
    fn xml_escapes_markup() {
        assert_eq!(
            Xml("<a & \"b\" 'c'>").to_string(),
            "&lt;a &amp; &quot;b&quot; &#39;c&#39;&gt;"
        );
    }

    #[test]
    fn inline_text_stays_in_its_cell() {
        assert_eq!(Inline("a|b\nc `d`").to_string(), "a&#124;b c 'd'");
    }
}
