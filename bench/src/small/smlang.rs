//! The player declared with smlang 0.8.

smlang::statemachine! {
    derive_states: [Clone, Copy, Debug],
    transitions: {
        *Stopped + Play / count = Buffering,
        Buffering + Tick / count = Playing,
        Playing + Tick / count = Playing,
        Playing + Pause / count = Paused,
        Paused + Play / count = Playing,
        Playing | Paused + Seek / count = Seeking,
        Seeking + Tick / count = Buffering,
        Seeking + Stop / count = Ended,
        Ended + Play / count = Buffering,
        Stopped | Buffering | Playing | Paused | Ended + Stop / count = Stopped,
    }
}

/// smlang's context: counts the outputs run.
pub struct Context(u64);

impl StateMachineContext for Context {
    #[inline]
    fn count(&mut self) -> Result<(), ()> {
        self.0 += 1;
        Ok(())
    }
}

/// smlang's machine.
pub struct Machine(StateMachine<Context>);

impl Machine {
    /// In `Stopped`.
    #[must_use]
    pub fn new() -> Self {
        Self(StateMachine::new(Context(0)))
    }

    /// Feeds input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        let event = match k {
            0 => Events::Play,
            1 => Events::Pause,
            2 => Events::Stop,
            3 => Events::Seek,
            _ => Events::Tick,
        };
        self.0.process_event(event).is_ok()
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        // smlang orders its state enum by its own rules: name them.
        match self.0.state() {
            States::Stopped => 0,
            States::Buffering => 1,
            States::Playing => 2,
            States::Paused => 3,
            States::Seeking => 4,
            States::Ended => 5,
        }
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.0.context().0
    }
}

crate::drive!(Machine);
