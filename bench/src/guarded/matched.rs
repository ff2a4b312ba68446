//! The hand-written baseline: an `enum` and a `match (state, input)` with `if` guards, as a
//! careful engineer would write it.

use super::{low, split};

pub use crate::small::matched::State;

/// The inputs, each with its argument.
#[derive(Clone, Copy)]
pub enum Input {
    /// Play.
    Play(u8),
    /// Pause.
    Pause(u8),
    /// Stop.
    Stop(u8),
    /// Seek.
    Seek(u8),
    /// A clock tick.
    Tick(u8),
}

impl Input {
    /// Driver input `k` as an input.
    #[inline]
    #[must_use]
    pub fn of(k: u8) -> Self {
        let (input, n) = split(k);
        match input {
            0 => Self::Play(n),
            1 => Self::Pause(n),
            2 => Self::Stop(n),
            3 => Self::Seek(n),
            _ => Self::Tick(n),
        }
    }
}

/// The hand-written machine.
pub struct Machine {
    state: State,
    outputs: u64,
}

impl Machine {
    /// In `Stopped`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            state: State::Stopped,
            outputs: 0,
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
        use Input::{Pause, Play, Seek, Stop, Tick};
        use State::{Buffering, Ended, Paused, Playing, Seeking, Stopped};
        let next = match (self.state, input) {
            (Stopped, Play(n)) if low(n) => Buffering,
            (Stopped, Play(_)) => Playing,
            (Paused, Play(n)) if low(n) => Playing,
            (Paused, Play(_)) => Buffering,
            (Seeking, Stop(n)) if low(n) => Ended,
            (Seeking, Stop(_)) => Stopped,
            (_, Stop(n)) if low(n) => Stopped,
            (Buffering | Playing, Tick(_)) => Playing,
            (Playing, Pause(_)) => Paused,
            (Playing | Paused, Seek(_)) => Seeking,
            (Seeking, Tick(_)) | (Ended, Play(_)) => Buffering,
            _ => return false,
        };
        self.state = next;
        self.outputs += 1;
        true
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        self.state as usize
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.outputs
    }
}

crate::drive!(Machine);
