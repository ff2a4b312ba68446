//! What every renderer shares beyond escaping: marking a running machine's current state.

/// The `highlight` methods every renderer has, so a running machine can be drawn with its current
/// state marked: `$renderer` is the renderer type, `$look` says how it marks the state.
macro_rules! highlight_methods {
    ($renderer:ident, $look:literal) => {
        impl $renderer<'_> {
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
        }
    };
}
pub(crate) use highlight_methods;
