//! The error of an input that the current state does not accept.

use core::fmt;

use crate::{Description, InputInfo, MachineState};

/// An input arrived in a state that has no transition for it.
///
/// Like Automat's `NoTransition`, it names the machine, the state and the input. When an input
/// method returns this error, **no output has run and the machine is still in
/// [`state()`](Self::state)**: nothing happened.
///
/// It is two words wide (the state and the input's index), `Copy`, and resolves names through the
/// machine's static [`Description`], so making one costs nothing.
///
/// ```text
/// machine `CoffeeBrewer` has no transition from state `Empty` on input `brew`
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct NoTransition<S> {
    state: S,
    input: usize,
}

impl<S: MachineState> NoTransition<S> {
    #[doc(hidden)]
    #[must_use]
    #[inline]
    pub const fn __new(state: S, input: usize) -> Self {
        Self { state, input }
    }

    /// The state the machine was (and still is) in.
    #[must_use]
    pub const fn state(&self) -> S {
        self.state
    }

    /// The input that was refused.
    #[must_use]
    pub fn input(&self) -> &'static InputInfo<'static> {
        &S::DESCRIPTION.inputs[self.input]
    }

    /// The index of the refused input in [`Description::inputs`].
    #[must_use]
    pub const fn input_index(&self) -> usize {
        self.input
    }

    /// The description of the machine that refused the input.
    #[must_use]
    pub fn machine(&self) -> &'static Description<'static> {
        S::DESCRIPTION
    }
}

impl<S: MachineState> fmt::Display for NoTransition<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "machine `{}` has no transition from state `{}` on input `{}`",
            S::DESCRIPTION.name,
            self.state.name(),
            self.input().name
        )
    }
}

impl<S: MachineState> fmt::Debug for NoTransition<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NoTransition")
            .field("machine", &S::DESCRIPTION.name)
            .field("state", &self.state)
            .field("input", &self.input().name)
            .finish()
    }
}

impl<S: MachineState> core::error::Error for NoTransition<S> {}
