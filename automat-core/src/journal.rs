//! Journals of inputs, and rebuilding a machine from one (event sourcing).
//!
//! A journal is the list of steps a machine took, in order: for a machine without guards and
//! fallible outputs, the inputs it accepted (its input enum values, with their arguments); for
//! one that decides, each input with the state it led to (the machine's `NameRecord`), so that
//! the decision is logged, not taken again. Two ways to rebuild from it:
//!
//! - [`replay_state`]: the state alone, through the pure transition function
//!   ([`MachineState::next_state`]); no output or guard runs, no core is needed.
//! - [`replay`]: feeds every input to a machine, so its outputs run again.
//!
//! Either stops at the first entry that is invalid where it stands, reporting its position and
//! why; the state is then the last good one (the refused input changed nothing).
//! [`Journal`] records steps in memory (feature `alloc`); with the `serde` feature of
//! `automat-rs`, inputs and records serialize by stable names, so a journal can be written
//! anywhere.

use core::borrow::Borrow;
use core::fmt;

use crate::{InputError, Machine, MachineState, NoTransition};

/// An entry of a journal that could not be replayed: its position, and why.
///
/// [`replay_state`] fails with a [`NoTransition`] ([`ReplayError`]); [`replay`] with the machine's
/// own error ([`Machine::Error`]).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct JournalError<E> {
    /// The position of the entry in the journal, from 0.
    pub position: usize,
    /// Why it could not be replayed where it stands; the machine holds the last good state.
    pub error: E,
}

/// An entry of a journal that its machine refused where it stands ([`replay_state`]; and
/// [`replay`] for a machine without guards and fallible outputs).
pub type ReplayError<S> = JournalError<NoTransition<S>>;

impl<E: fmt::Display> fmt::Display for JournalError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "journal entry {}: {}", self.position, self.error)
    }
}

impl<E: fmt::Debug> fmt::Debug for JournalError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReplayError")
            .field("position", &self.position)
            .field("error", &self.error)
            .finish()
    }
}

impl<E: core::error::Error + 'static> core::error::Error for JournalError<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Rebuilds a state from `state` and a journal of `records`, without running any output or guard.
///
/// A record is the machine's [`MachineState::Record`]: its input, for a machine whose state and
/// input decide the next state; else the input and the state it led to, which is checked to be one
/// the input can lead to, and taken (so a guard is never evaluated again).
///
/// # Errors
///
/// [`ReplayError`] at the first record the state it reached has no transition for; its
/// `error.state()` is the last good state.
pub fn replay_state<S, I>(state: S, records: I) -> Result<S, ReplayError<S>>
where
    S: MachineState,
    I: IntoIterator,
    I::Item: Borrow<S::Record>,
{
    let mut state = state;
    for (position, record) in records.into_iter().enumerate() {
        state = state
            .next_state(record.borrow())
            .map_err(|error| JournalError { position, error })?;
    }
    Ok(state)
}

/// Feeds the input of every record of a journal to `machine`, running its outputs (and guards)
/// again; returns how many it accepted.
///
/// Guards decide again here: with a core rebuilt the same way they decide as they did, and
/// [`replay_state`] gives the journal's own states to compare with.
///
/// # Errors
///
/// [`JournalError`] at the first input the machine refuses; the machine then holds the last good
/// state, and the records after it are not fed. (An input that took an `else` route counts as
/// accepted, as it did when it was recorded.)
pub fn replay<M: Machine>(
    machine: &mut M,
    records: impl IntoIterator<Item = <M::State as MachineState>::Record>,
) -> Result<usize, JournalError<M::Error>> {
    let mut accepted = 0;
    for (position, record) in records.into_iter().enumerate() {
        let input = <M::State as MachineState>::into_input(record);
        match machine.handle(input) {
            Ok(_) => {}
            Err(error) if error.committed() => {}
            Err(error) => return Err(JournalError { position, error }),
        }
        accepted += 1;
    }
    Ok(accepted)
}

/// The steps a machine took, in order (feature `alloc`).
///
/// [`Journal::record`] feeds an input to a machine and keeps its record if the machine took a
/// transition (for a machine that decides, a record holds the state the input led to), so a
/// refused input never enters the journal. Inputs must be `Clone` (`#[derive_input(Clone)]`).
#[cfg(feature = "alloc")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal<R> {
    entries: alloc::vec::Vec<R>,
}

#[cfg(feature = "alloc")]
impl<R> Default for Journal<R> {
    fn default() -> Self {
        Journal {
            entries: alloc::vec::Vec::new(),
        }
    }
}

#[cfg(feature = "alloc")]
impl<R> Journal<R> {
    /// An empty journal.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds `input` to `machine` and records it if the machine took a transition: when it
    /// accepted the input, or took an `else` route (which returns the failure).
    ///
    /// # Errors
    ///
    /// The machine's error; then nothing is recorded, unless the machine took an `else` route.
    pub fn record<M>(&mut self, machine: &mut M, input: M::Input) -> Result<M::Return, M::Error>
    where
        M: Machine,
        M::Input: Clone,
        M::State: MachineState<Record = R>,
    {
        let copy = input.clone();
        let result = machine.handle(input);
        let took = match &result {
            Ok(_) => true,
            Err(error) => error.committed(),
        };
        if took {
            self.entries
                .push(<M::State as MachineState>::record(copy, machine.state()));
        }
        result
    }

    /// The recorded steps, oldest first.
    #[must_use]
    pub fn entries(&self) -> &[R] {
        &self.entries
    }

    /// The recorded steps, oldest first.
    #[must_use]
    pub fn into_entries(self) -> alloc::vec::Vec<R> {
        self.entries
    }
}
