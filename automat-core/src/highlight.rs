//! What every renderer shares beyond escaping: marking a running machine's current state,
//! leaving out the transitions on chosen inputs, and (the diagrams) listing self-loops inside
//! their states.

/// The `highlight` methods every renderer has, so a running machine can be drawn with its current
/// state marked (`$renderer` is the renderer type, `$look` says how it marks the state), and
/// `hide_inputs`.
macro_rules! highlight_methods {
    ($renderer:ident, $look:literal) => {
        impl<'a> $renderer<'a> {
            #[doc = ::core::concat!("Marks `state` as the machine's current state: ", $look, ".")]
            ///
            /// To draw a running machine: `Machine::description().<renderer>().highlight(machine.state())`.
            #[must_use]
            pub fn highlight<S: $crate::MachineState>(self, state: S) -> Self {
                self.highlight_index(state.index())
            }

            /// Marks the state at `index` in [`Description::states`](crate::Description::states)
            /// as the current one; an index out of range marks nothing.
            #[must_use]
            pub const fn highlight_index(mut self, index: usize) -> Self {
                self.current = ::core::option::Option::Some(index);
                self
            }

            /// Leaves out the transitions on the inputs named in `inputs` (as declared), for
            /// a picture of what matters: `description.dot().hide_inputs(&["abort", "ping"])`.
            /// States stay, also those only hidden transitions lead to.
            #[must_use]
            pub const fn hide_inputs(mut self, inputs: &'a [&'a str]) -> Self {
                self.hidden = inputs;
                self
            }
        }
    };
}
pub(crate) use highlight_methods;

/// `collapse_self_loops`, on the renderers that draw arrows (`$renderer`).
macro_rules! collapse_method {
    ($renderer:ident) => {
        impl<'a> $renderer<'a> {
            /// Lists the self-loops (transitions that stay in their state, `_ + ping => _` or
            /// `Idle + tick => Idle`, also those that re-enter) inside the state as lines
            /// `↺ input [guard] / outputs`, instead of drawing an arrow for each: a wildcard's in
            /// the "any state" node, one declared on a compound in the compound's label. For a
            /// machine whose states answer many inputs in place.
            #[must_use]
            pub const fn collapse_self_loops(mut self) -> Self {
                self.loops = true;
                self
            }
        }
    };
}
pub(crate) use collapse_method;
