//! Observing a machine: every transition, every output call, every refused input.
//!
//! `machine.observe(o)` attaches any [`Observer`] and returns the machine's observed form (a
//! generated type of its own, `NameObserved<Core, O>`, with the same methods); `unobserve()`
//! detaches it. A machine without an observer has no observer calls in its code at all, so
//! observing costs nothing to the machines nobody observes: same size, same instructions
//! (measured with callgrind by `bench/run.sh`: 33.96 instructions per input before and after
//! observers were added). [`Coverage`] is an observer for tests, and with the `tracing` feature
//! [`TracingObserver`](crate::TracingObserver) is another.
//!
//! Order of calls for an accepted input: the machine commits the target state, calls
//! [`Observer::transition`], then for each output calls [`Observer::output`] right before running
//! it. For a refused input it calls [`Observer::rejected`] and nothing else.

use crate::{MachineState, NoTransition};

/// Sees what a machine does. Every method has an empty default, so implement only what you need.
pub trait Observer<S: MachineState> {
    /// The machine moved from `from` to `to` on the input at `input` (an index into
    /// [`Description::inputs`](crate::Description::inputs)); its outputs have not run yet.
    #[inline]
    fn transition(&mut self, from: S, input: usize, to: S) {
        let _ = (from, input, to);
    }

    /// The output at `output` (an index into [`Description::outputs`](crate::Description::outputs))
    /// is about to run, in state `state` (the transition's target).
    #[inline]
    fn output(&mut self, state: S, output: usize) {
        let _ = (state, output);
    }

    /// An input was refused: no transition from the current state. Nothing else happens.
    #[inline]
    fn rejected(&mut self, error: NoTransition<S>) {
        let _ = error;
    }
}

/// An observer that does nothing, for generic code that needs one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NoObserver;

impl<S: MachineState> Observer<S> for NoObserver {}

/// A borrowed observer observes too, so an observer can be lent to a machine and read afterwards:
/// `machine.observe(&mut coverage)`.
impl<S: MachineState, O: Observer<S> + ?Sized> Observer<S> for &mut O {
    #[inline]
    fn transition(&mut self, from: S, input: usize, to: S) {
        (**self).transition(from, input, to);
    }

    #[inline]
    fn output(&mut self, state: S, output: usize) {
        (**self).output(state, output);
    }

    #[inline]
    fn rejected(&mut self, error: NoTransition<S>) {
        (**self).rejected(error);
    }
}

/// Records which transitions a test run took, to report the ones it never did (Automat's users
/// asked for this: automat#38). Needs the `alloc` feature.
///
/// ```
/// # #[cfg(feature = "alloc")] {
/// # use automat_core::{Coverage, MachineState};
/// # fn demo<S: MachineState>(taken: &[(S, usize, S)]) {
/// let mut coverage = Coverage::<S>::new();
/// // machine.observe(&mut coverage) ... drive the machine ...
/// # for &(from, input, to) in taken { automat_core::Observer::transition(&mut coverage, from, input, to); }
/// assert!(coverage.missed().count() <= S::DESCRIPTION.transitions.len());
/// # }
/// # }
/// ```
#[cfg(feature = "alloc")]
#[derive(Debug, Clone)]
pub struct Coverage<S> {
    taken: alloc::vec::Vec<u32>,
    rejected: u32,
    _state: core::marker::PhantomData<S>,
}

#[cfg(feature = "alloc")]
impl<S: MachineState> Default for Coverage<S> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "alloc")]
impl<S: MachineState> Coverage<S> {
    /// Coverage of no transition yet.
    #[must_use]
    pub fn new() -> Self {
        Coverage {
            taken: alloc::vec![0; S::DESCRIPTION.transitions.len()],
            rejected: 0,
            _state: core::marker::PhantomData,
        }
    }

    /// How often each transition of the description was taken, in [`Description::transitions`]
    /// order.
    ///
    /// [`Description::transitions`]: crate::Description::transitions
    #[must_use]
    pub fn counts(&self) -> &[u32] {
        &self.taken
    }

    /// The transitions never taken, as `(source, input, target)` names, in description order.
    pub fn missed(&self) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> + '_ {
        let d = S::DESCRIPTION;
        d.transitions
            .iter()
            .zip(&self.taken)
            .filter(|(_, &count)| count == 0)
            .map(move |(t, _)| {
                (
                    d.states[t.source].name,
                    d.inputs[t.input].name,
                    d.states[t.target].name,
                )
            })
    }

    /// Whether every transition was taken at least once.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.taken.iter().all(|&count| count > 0)
    }

    /// How many inputs were refused.
    #[must_use]
    pub const fn rejected(&self) -> u32 {
        self.rejected
    }
}

#[cfg(feature = "alloc")]
impl<S: MachineState> Observer<S> for Coverage<S> {
    fn transition(&mut self, from: S, input: usize, _to: S) {
        if let Some(index) = S::DESCRIPTION.transition_index(from.index(), input) {
            self.taken[index] = self.taken[index].saturating_add(1);
        }
    }

    fn rejected(&mut self, _error: NoTransition<S>) {
        self.rejected = self.rejected.saturating_add(1);
    }
}

/// Emits a `tracing` event for every transition, output and refused input, with fields
/// (`machine`, `from`, `input`, `to`, `output`, `state`), not formatted strings (feature `tracing`).
/// Transitions and outputs are `DEBUG` events, refusals `WARN`.
#[cfg(feature = "tracing")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TracingObserver;

#[cfg(feature = "tracing")]
impl<S: MachineState> Observer<S> for TracingObserver {
    fn transition(&mut self, from: S, input: usize, to: S) {
        let d = S::DESCRIPTION;
        tracing::debug!(
            machine = d.name,
            from = from.name(),
            input = d.inputs[input].name,
            to = to.name(),
            "transition"
        );
    }

    fn output(&mut self, state: S, output: usize) {
        let d = S::DESCRIPTION;
        tracing::debug!(
            machine = d.name,
            state = state.name(),
            output = d.outputs[output].name,
            "output"
        );
    }

    fn rejected(&mut self, error: NoTransition<S>) {
        tracing::warn!(
            machine = S::DESCRIPTION.name,
            state = error.state().name(),
            input = error.input().name,
            "no transition"
        );
    }
}
