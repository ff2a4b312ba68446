//! The hand-written baseline: the dishwasher flattened by hand, as a user without compound
//! states writes it: `power` and `open` repeated for each of `On`'s four leaves, each
//! transition's exits and entries written out (each action one bump of the counter), and the
//! leaf `On` was left from kept in a field, for closing the door.

/// The leaf states.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum State {
    /// Powered off.
    Off,
    /// On, waiting.
    Idle,
    /// On, washing, rinsing.
    Rinse,
    /// On, washing, soaking.
    Soak,
    /// On, drying.
    Drying,
    /// The door is open.
    DoorOpen,
}

/// The inputs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Input {
    /// The power button.
    Power,
    /// Start the programme.
    Start,
    /// The timer.
    Timer,
    /// Open the door.
    Open,
    /// Close the door.
    Close,
}

impl Input {
    /// Driver input `k`.
    #[inline]
    #[must_use]
    pub fn of(k: u8) -> Self {
        match k {
            0 => Self::Power,
            1 => Self::Start,
            2 => Self::Timer,
            3 => Self::Open,
            _ => Self::Close,
        }
    }
}

/// The hand-written machine.
pub struct Machine {
    state: State,
    /// The leaf `On` was last left from.
    history: State,
    outputs: u64,
}

impl Machine {
    /// In `Off` (its entry action has run).
    #[must_use]
    pub fn new() -> Self {
        Self {
            state: State::Off,
            history: State::Idle,
            outputs: 1,
        }
    }

    /// Feeds driver input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        self.handle(Input::of(k))
    }

    /// The transition function: the target, and the actions plus the output it runs.
    #[inline]
    pub fn handle(&mut self, input: Input) -> bool {
        use {Input as I, State as S};
        // Actions: exits innermost first, the output, entries outermost first; counted.
        let (to, runs) = match (self.state, input) {
            // exit Off; enter On, Idle.
            (S::Off, I::Power) => (S::Idle, 4),
            // exit DoorOpen; enter On and the leaf it was left from (and Washing around it).
            (S::DoorOpen, I::Close) => match self.history {
                S::Rinse | S::Soak => (self.history, 5),
                _ => (self.history, 4),
            },
            // exit Idle, On; enter Off (or DoorOpen); On remembers the leaf.
            (S::Idle | S::Drying, I::Power) => {
                self.history = self.state;
                (S::Off, 4)
            }
            (S::Rinse | S::Soak, I::Power) => {
                self.history = self.state;
                (S::Off, 5)
            }
            (S::Idle | S::Drying, I::Open) => {
                self.history = self.state;
                (S::DoorOpen, 4)
            }
            (S::Rinse | S::Soak, I::Open) => {
                self.history = self.state;
                (S::DoorOpen, 5)
            }
            // exit Idle; enter Washing, Rinse.
            (S::Idle, I::Start) => (S::Rinse, 4),
            (S::Rinse, I::Timer) => (S::Soak, 3),
            // exit Soak, Washing; enter Drying.
            (S::Soak, I::Timer) => (S::Drying, 4),
            (S::Drying, I::Timer) => (S::Idle, 3),
            _ => return false,
        };
        self.state = to;
        self.outputs += runs;
        true
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        self.state as usize
    }

    /// Outputs and actions run.
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
