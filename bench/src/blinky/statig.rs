//! statig's blinky, as its README writes it (with an output counter). statig has no refused
//! event: its `Top` state handles everything, so the outermost handler counts it as refused.

use statig::prelude::*;

use super::matched::Input;

/// The shared storage: outputs run, inputs refused.
pub struct Blinky {
    outputs: u64,
    refused: u64,
}

impl Blinky {
    fn go(&mut self, to: State) -> Outcome<State> {
        self.outputs += 1;
        Transition(to)
    }
}

#[state_machine(initial = "State::led_on()")]
impl Blinky {
    #[state(superstate = "blinking")]
    fn led_on(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Timer => self.go(State::led_off()),
            Input::Button => Super,
        }
    }

    #[state(superstate = "blinking")]
    fn led_off(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Timer => self.go(State::led_on()),
            Input::Button => Super,
        }
    }

    #[superstate]
    fn blinking(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Button => self.go(State::not_blinking()),
            Input::Timer => {
                self.refused += 1;
                Handled
            }
        }
    }

    #[state]
    fn not_blinking(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Button => self.go(State::led_on()),
            Input::Timer => {
                self.refused += 1;
                Handled
            }
        }
    }
}

/// statig's machine.
pub struct Machine(statig::blocking::InitializedStateMachine<Blinky>);

impl Machine {
    /// In `LedOn`.
    #[must_use]
    pub fn new() -> Self {
        Self(
            Blinky {
                outputs: 0,
                refused: 0,
            }
            .uninitialized_state_machine()
            .init(),
        )
    }

    /// Feeds input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        let input = Input::of(k);
        let refused = self.0.refused;
        self.0.handle(&input);
        self.0.refused == refused
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        match self.0.state() {
            State::LedOn {} => 0,
            State::LedOff {} => 1,
            State::NotBlinking {} => 2,
        }
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.0.outputs
    }
}

impl Default for Machine {
    fn default() -> Self {
        Self::new()
    }
}

crate::drive!(Machine);
