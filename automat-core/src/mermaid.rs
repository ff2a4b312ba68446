//! Mermaid `stateDiagram-v2`, which GitHub and most Markdown viewers draw from a code block.
//!
//! States are declared with generated identifiers (`s0`, `s1`, ...) and labelled with their
//! names, so a state called `end` or `state` cannot collide with Mermaid's keywords. Each
//! transition is an arrow labelled `input / outputs`.

use core::fmt;

use crate::escape::Inline;
use crate::Description;

/// A [`Description`] rendered as Mermaid; see [`Description::mermaid`].
#[derive(Debug, Clone, Copy)]
pub struct Mermaid<'a> {
    description: &'a Description<'a>,
    current: Option<usize>,
}

impl<'a> Description<'a> {
    /// Renders the machine as a Mermaid `stateDiagram-v2`, to paste into a ```` ```mermaid ````
    /// block. Deterministic and allocation-free, like every renderer here.
    #[must_use]
    pub const fn mermaid(&'a self) -> Mermaid<'a> {
        Mermaid {
            description: self,
            current: None,
        }
    }
}

crate::highlight::highlight_methods!(Mermaid, "the Mermaid class `current`");

impl fmt::Display for Mermaid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.description;
        writeln!(f, "stateDiagram-v2")?;
        for (i, state) in d.states.iter().enumerate() {
            writeln!(f, "    state \"{}\" as s{i}", Inline(state.name))?;
        }
        for (i, state) in d.states.iter().enumerate() {
            if state.initial {
                writeln!(f, "    [*] --> s{i}")?;
            }
        }
        for t in d.transitions {
            let Some(input) = d.inputs.get(t.input) else {
                continue;
            };
            write!(
                f,
                "    s{} --> s{} : {}",
                t.source,
                t.target,
                Inline(input.name)
            )?;
            for (n, output) in t
                .outputs
                .iter()
                .filter_map(|&o| d.outputs.get(o))
                .enumerate()
            {
                f.write_str(if n == 0 { " / " } else { ", " })?;
                write!(f, "{}", Inline(output.name))?;
            }
            f.write_str("\n")?;
        }
        for (i, state) in d.states.iter().enumerate() {
            if state.is_final {
                writeln!(f, "    s{i} --> [*]")?;
            }
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
