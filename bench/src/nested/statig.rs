//! The nested workload declared with statig 0.4's superstates, entry and exit actions. statig
//! has no refused event: its `Top` state handles everything, so a handler that does not take
//! an event counts it as refused in the shared storage. statig has no history states either:
//! each leaf of `On` records itself in the storage when entered (the last one entered is the
//! one `On` was left from), as statig's own dishwasher example does.

use statig::prelude::*;

use super::matched::Input;

/// The shared storage: outputs and actions run, inputs refused.
pub struct Washer {
    outputs: u64,
    refused: u64,
    /// The leaf of `On` last entered.
    history: State,
}

impl Washer {
    fn go(&mut self, to: State) -> Outcome<State> {
        self.outputs += 1;
        Transition(to)
    }

    fn refuse(&mut self) -> Outcome<State> {
        self.refused += 1;
        Handled
    }
}

#[state_machine(initial = "State::off()", state(derive(Clone)))]
impl Washer {
    #[state(entry_action = "bump", exit_action = "bump")]
    fn off(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Power => self.go(State::idle()),
            _ => self.refuse(),
        }
    }

    #[superstate(entry_action = "bump", exit_action = "bump")]
    fn on(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Power => self.go(State::off()),
            Input::Open => self.go(State::door_open()),
            _ => self.refuse(),
        }
    }

    #[state(superstate = "on", entry_action = "enter_idle", exit_action = "bump")]
    fn idle(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Start => self.go(State::rinse()),
            _ => Super,
        }
    }

    #[superstate(superstate = "on", entry_action = "bump", exit_action = "bump")]
    fn washing(event: &Input) -> Outcome<State> {
        let _ = event; // Washing handles nothing itself: `On` decides.
        Super
    }

    #[state(
        superstate = "washing",
        entry_action = "enter_rinse",
        exit_action = "bump"
    )]
    fn rinse(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Timer => self.go(State::soak()),
            _ => Super,
        }
    }

    #[state(
        superstate = "washing",
        entry_action = "enter_soak",
        exit_action = "bump"
    )]
    fn soak(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Timer => self.go(State::drying()),
            _ => Super,
        }
    }

    #[state(superstate = "on", entry_action = "enter_drying", exit_action = "bump")]
    fn drying(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Timer => self.go(State::idle()),
            _ => Super,
        }
    }

    #[state(entry_action = "bump", exit_action = "bump")]
    fn door_open(&mut self, event: &Input) -> Outcome<State> {
        match event {
            Input::Close => {
                let back = self.history.clone();
                self.go(back)
            }
            _ => self.refuse(),
        }
    }

    #[action]
    fn bump(&mut self) {
        self.outputs += 1;
    }

    #[action]
    fn enter_idle(&mut self) {
        self.outputs += 1;
        self.history = State::idle();
    }

    #[action]
    fn enter_rinse(&mut self) {
        self.outputs += 1;
        self.history = State::rinse();
    }

    #[action]
    fn enter_soak(&mut self) {
        self.outputs += 1;
        self.history = State::soak();
    }

    #[action]
    fn enter_drying(&mut self) {
        self.outputs += 1;
        self.history = State::drying();
    }
}

/// statig's machine.
pub struct Machine(statig::blocking::InitializedStateMachine<Washer>);

impl Machine {
    /// In `Off` (its entry action has run).
    #[must_use]
    pub fn new() -> Self {
        Self(
            Washer {
                outputs: 0,
                refused: 0,
                history: State::idle(),
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
            State::Off {} => 0,
            State::Idle {} => 1,
            State::Rinse {} => 2,
            State::Soak {} => 3,
            State::Drying {} => 4,
            State::DoorOpen {} => 5,
        }
    }

    /// Outputs and actions run.
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
