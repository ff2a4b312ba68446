//! The hand-written baseline: an `enum` and a `match (state, input)`, as a careful engineer
//! would write it.

/// The states.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum State {
    /// Initial.
    Stopped,
    /// Filling the buffer.
    Buffering,
    /// Playing.
    Playing,
    /// Paused.
    Paused,
    /// Seeking.
    Seeking,
    /// At the end.
    Ended,
}

/// The inputs.
#[derive(Clone, Copy)]
pub enum Input {
    /// Play.
    Play,
    /// Pause.
    Pause,
    /// Stop.
    Stop,
    /// Seek.
    Seek,
    /// A clock tick.
    Tick,
}

impl Input {
    /// Input index `k` (the driver's encoding) as an input.
    #[inline]
    #[must_use]
    pub fn of(k: u8) -> Self {
        match k {
            0 => Self::Play,
            1 => Self::Pause,
            2 => Self::Stop,
            3 => Self::Seek,
            _ => Self::Tick,
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

    /// Feeds input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        self.handle(Input::of(k))
    }

    /// The transition function, with its one output; `false` when the state has no transition
    /// on `input`.
    #[inline]
    pub fn handle(&mut self, input: Input) -> bool {
        use Input::{Pause, Play, Seek, Stop, Tick};
        use State::{Buffering, Ended, Paused, Playing, Seeking, Stopped};
        let next = match (self.state, input) {
            (Stopped, Play) | (Ended, Play) | (Seeking, Tick) => Buffering,
            (Buffering, Tick) | (Playing, Tick) | (Paused, Play) => Playing,
            (Playing, Pause) => Paused,
            (Playing, Seek) | (Paused, Seek) => Seeking,
            (Seeking, Stop) => Ended,
            (_, Stop) => Stopped,
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
