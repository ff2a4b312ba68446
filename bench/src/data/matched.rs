//! The hand-written baseline: an `enum` whose variants carry the data, and a `match` on the state
//! and the input, as a careful engineer writes it: a self-loop changes the data in place, a
//! transition that moves the handle swaps a unit variant in and moves the fields out.

use std::mem;

use super::{low, split, Buf, Tally};

/// The states with their data.
pub enum State {
    /// No connection.
    Idle,
    /// Writing: bytes counted, the handle held.
    Active {
        /// Bytes written.
        count: u32,
        /// The buffer.
        buf: Buf,
    },
    /// Draining the buffer.
    Draining {
        /// The buffer.
        buf: Buf,
    },
}

/// The inputs, each with its argument.
pub enum Input {
    /// Open, with a handle.
    Open(Buf),
    /// Write.
    Write(u8),
    /// Flush.
    Flush(u8),
    /// Done draining.
    Done(u8),
    /// Reset, when the argument is low.
    Reset(u8),
}

impl Input {
    /// Driver input `k` as an input.
    #[inline]
    #[must_use]
    pub fn of(k: u8) -> Self {
        let (input, n) = split(k);
        match input {
            0 => Self::Open(Buf::new(n)),
            1 => Self::Write(n),
            2 => Self::Flush(n),
            3 => Self::Done(n),
            _ => Self::Reset(n),
        }
    }
}

/// The hand-written machine.
pub struct Machine {
    state: State,
    tally: Tally,
}

impl Machine {
    /// In `Idle`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            state: State::Idle,
            tally: Tally::default(),
        }
    }

    /// Feeds driver input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        self.handle(Input::of(k))
    }

    /// The transition function, with its one output; `false` when no transition is taken.
    #[inline]
    pub fn handle(&mut self, input: Input) -> bool {
        match (&mut self.state, input) {
            (State::Idle, Input::Open(buf)) => {
                self.state = State::Active { count: 0, buf };
            }
            (State::Active { count, .. }, Input::Write(n)) => {
                *count += u32::from(n);
            }
            (State::Active { .. }, Input::Flush(_)) => {
                let State::Active { count, buf } = mem::replace(&mut self.state, State::Idle)
                else {
                    unreachable!()
                };
                self.state = State::Draining { buf };
                self.tally.reported += u64::from(count);
            }
            (State::Draining { .. }, Input::Done(_)) => {
                let State::Draining { buf } = mem::replace(&mut self.state, State::Idle) else {
                    unreachable!()
                };
                self.tally.released += u64::from(buf.slot);
            }
            (_, Input::Reset(n)) if low(n) => self.state = State::Idle,
            _ => return false,
        }
        self.tally.outputs += 1;
        true
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        match self.state {
            State::Idle => 0,
            State::Active { .. } => 1,
            State::Draining { .. } => 2,
        }
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.tally.outputs
    }

    /// What the outputs summed, to compare with the other implementations.
    #[must_use]
    pub fn tally(&self) -> &Tally {
        &self.tally
    }
}

crate::drive!(Machine);
