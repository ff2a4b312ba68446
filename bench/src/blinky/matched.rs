//! The hand-written baseline: blinky flattened by hand, the button repeated for both LED states.

/// The leaf states.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum State {
    /// Blinking, LED on.
    LedOn,
    /// Blinking, LED off.
    LedOff,
    /// Not blinking.
    NotBlinking,
}

/// The inputs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Input {
    /// The timer elapsed.
    Timer,
    /// The button was pressed.
    Button,
}

impl Input {
    /// Driver input `k`.
    #[inline]
    #[must_use]
    pub fn of(k: u8) -> Self {
        if k == 0 {
            Self::Timer
        } else {
            Self::Button
        }
    }
}

/// The hand-written machine.
pub struct Machine {
    state: State,
    outputs: u64,
}

impl Machine {
    /// In `LedOn`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            state: State::LedOn,
            outputs: 0,
        }
    }

    /// Feeds driver input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        self.handle(Input::of(k))
    }

    /// The transition function, with its one output.
    #[inline]
    pub fn handle(&mut self, input: Input) -> bool {
        self.state = match (self.state, input) {
            (State::LedOn, Input::Timer) => State::LedOff,
            (State::LedOff, Input::Timer) => State::LedOn,
            (State::LedOn | State::LedOff, Input::Button) => State::NotBlinking,
            (State::NotBlinking, Input::Button) => State::LedOn,
            (State::NotBlinking, Input::Timer) => return false,
        };
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

impl Default for Machine {
    fn default() -> Self {
        Self::new()
    }
}

crate::drive!(Machine);
