//! Journals of inputs, and rebuilding a machine from one (event sourcing).
//!
//! A journal is the list of inputs a machine accepted, in order: the machine's input enum values,
//! with their arguments. Two ways to rebuild from it:
//!
//! - [`replay_state`]: the state alone, through the pure transition function
//!   ([`MachineState::next_state`]); no output runs, no core is needed.
//! - [`replay`]: feeds every input to a machine, so its outputs run again.
//!
//! Either stops at the first input that is invalid where it stands, reporting its position and
//! the [`NoTransition`]; the state is then the last good one (the refused input changed nothing).
//! [`Journal`] records accepted inputs in memory (feature `alloc`); with the `serde` feature of
//! `automat-rs`, inputs serialize by stable names, so a journal can be written anywhere.

use core::borrow::Borrow;
use core::fmt;

use crate::{Machine, MachineState, NoTransition};

/// An input of a journal that its machine refused where it stands.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReplayError<S> {
    /// The position of the refused input in the journal, from 0.
    pub position: usize,
    /// The refusal; its [`state`](NoTransition::state) is the last good state.
    pub error: NoTransition<S>,
}

impl<S: MachineState> fmt::Display for ReplayError<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "journal entry {}: {}", self.position, self.error)
    }
}

impl<S: MachineState> fmt::Debug for ReplayError<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReplayError")
            .field("position", &self.position)
            .field("error", &self.error)
            .finish()
    }
}

impl<S: MachineState> core::error::Error for ReplayError<S> {}

/// Rebuilds a state from `state` and a journal of `inputs`, without running any output.
///
/// # Errors
///
/// [`ReplayError`] at the first input the state it reached has no transition for; its
/// `error.state()` is the last good state.
pub fn replay_state<S, I>(state: S, inputs: I) -> Result<S, ReplayError<S>>
where
    S: MachineState,
    I: IntoIterator,
    I::Item: Borrow<S::Input>,
{
    let mut state = state;
    for (position, input) in inputs.into_iter().enumerate() {
        state = state
            .next_state(input.borrow())
            .map_err(|error| ReplayError { position, error })?;
    }
    Ok(state)
}

/// Feeds every input of a journal to `machine`, running its outputs; returns how many it accepted.
///
/// # Errors
///
/// [`ReplayError`] at the first input the machine refuses; the machine then holds the last good
/// state, and the inputs after it are not fed.
pub fn replay<M: Machine>(
    machine: &mut M,
    inputs: impl IntoIterator<Item = M::Input>,
) -> Result<usize, ReplayError<M::State>> {
    let mut accepted = 0;
    for (position, input) in inputs.into_iter().enumerate() {
        machine
            .handle(input)
            .map_err(|error| ReplayError { position, error })?;
        accepted += 1;
    }
    Ok(accepted)
}

/// The inputs a machine accepted, in order (feature `alloc`).
///
/// [`Journal::record`] feeds an input to a machine and keeps a copy if it was accepted, so a
/// refused input never enters the journal. Inputs must be `Clone` (`#[derive_input(Clone)]`).
#[cfg(feature = "alloc")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal<I> {
    entries: alloc::vec::Vec<I>,
}

#[cfg(feature = "alloc")]
impl<I> Default for Journal<I> {
    fn default() -> Self {
        Journal {
            entries: alloc::vec::Vec::new(),
        }
    }
}

#[cfg(feature = "alloc")]
impl<I: Clone> Journal<I> {
    /// An empty journal.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds `input` to `machine` and records it if the machine accepted it.
    ///
    /// # Errors
    ///
    /// The machine's [`NoTransition`]; then nothing is recorded.
    pub fn record<M: Machine<Input = I>>(
        &mut self,
        machine: &mut M,
        input: I,
    ) -> Result<M::Return, NoTransition<M::State>> {
        let copy = input.clone();
        let value = machine.handle(input)?;
        self.entries.push(copy);
        Ok(value)
    }

    /// The recorded inputs, oldest first.
    #[must_use]
    pub fn entries(&self) -> &[I] {
        &self.entries
    }

    /// The recorded inputs, oldest first.
    #[must_use]
    pub fn into_entries(self) -> alloc::vec::Vec<I> {
        self.entries
    }
}
