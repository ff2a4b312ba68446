//! The player declared with rust-fsm 0.8 (which has no wildcard: `stop` is spelled per state).
//! rust-fsm returns the output; the caller acts on it.

rust_fsm::state_machine! {
    /// The media player.
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub player(Stopped)

    Stopped => {
        Play => Buffering [Count],
        Stop => Stopped [Count],
    },
    Buffering => {
        Tick => Playing [Count],
        Stop => Stopped [Count],
    },
    Playing => {
        Tick => Playing [Count],
        Pause => Paused [Count],
        Seek => Seeking [Count],
        Stop => Stopped [Count],
    },
    Paused => {
        Play => Playing [Count],
        Seek => Seeking [Count],
        Stop => Stopped [Count],
    },
    Seeking => {
        Tick => Buffering [Count],
        Stop => Ended [Count],
    },
    Ended => {
        Play => Buffering [Count],
        Stop => Stopped [Count],
    },
}

/// rust-fsm's machine and the counter its outputs drive.
pub struct Machine {
    machine: player::StateMachine,
    outputs: u64,
}

impl Machine {
    /// In `Stopped`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            machine: player::StateMachine::new(),
            outputs: 0,
        }
    }

    /// Feeds input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        let input = match k {
            0 => player::Input::Play,
            1 => player::Input::Pause,
            2 => player::Input::Stop,
            3 => player::Input::Seek,
            _ => player::Input::Tick,
        };
        match self.machine.consume(&input) {
            Ok(Some(player::Output::Count)) => {
                self.outputs += 1;
                true
            }
            Ok(None) => true,
            Err(_) => false,
        }
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        // rust-fsm orders its state enum by its own rules: name them.
        match self.machine.state() {
            player::State::Stopped => 0,
            player::State::Buffering => 1,
            player::State::Playing => 2,
            player::State::Paused => 3,
            player::State::Seeking => 4,
            player::State::Ended => 5,
        }
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.outputs
    }
}

crate::drive!(Machine);
