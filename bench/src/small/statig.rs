//! The player declared with statig 0.4. statig has no notion of a refused event: a state that
//! does not handle one answers `Handled`, and the shared storage counts it as refused.

use statig::prelude::*;

use super::matched::Input;

/// The shared storage: outputs run and inputs refused.
#[derive(Default)]
pub struct Player {
    outputs: u64,
    refused: u64,
}

impl Player {
    fn go(&mut self, to: State) -> Outcome<State> {
        self.outputs += 1;
        Transition(to)
    }

    fn refuse(&mut self) -> Outcome<State> {
        self.refused += 1;
        Handled
    }
}

#[state_machine(initial = "State::stopped()")]
impl Player {
    #[state]
    fn stopped(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Play => self.go(State::buffering()),
            Input::Stop => self.go(State::stopped()),
            _ => self.refuse(),
        }
    }

    #[state]
    fn buffering(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Tick => self.go(State::playing()),
            Input::Stop => self.go(State::stopped()),
            _ => self.refuse(),
        }
    }

    #[state]
    fn playing(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Tick => self.go(State::playing()),
            Input::Pause => self.go(State::paused()),
            Input::Seek => self.go(State::seeking()),
            Input::Stop => self.go(State::stopped()),
            Input::Play => self.refuse(),
        }
    }

    #[state]
    fn paused(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Play => self.go(State::playing()),
            Input::Seek => self.go(State::seeking()),
            Input::Stop => self.go(State::stopped()),
            _ => self.refuse(),
        }
    }

    #[state]
    fn seeking(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Tick => self.go(State::buffering()),
            Input::Stop => self.go(State::ended()),
            _ => self.refuse(),
        }
    }

    #[state]
    fn ended(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Play => self.go(State::buffering()),
            Input::Stop => self.go(State::stopped()),
            _ => self.refuse(),
        }
    }
}

/// statig's machine.
pub struct Machine(statig::blocking::InitializedStateMachine<Player>);

impl Machine {
    /// In `Stopped`.
    #[must_use]
    pub fn new() -> Self {
        Self(Player::default().uninitialized_state_machine().init())
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
            State::Stopped {} => 0,
            State::Buffering {} => 1,
            State::Playing {} => 2,
            State::Paused {} => 3,
            State::Seeking {} => 4,
            State::Ended {} => 5,
        }
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.0.outputs
    }
}

crate::drive!(Machine);
