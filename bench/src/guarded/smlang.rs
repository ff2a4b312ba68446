//! The guarded player declared with smlang 0.8, with the same guards.

use super::split;

smlang::statemachine! {
    derive_states: [Clone, Copy, Debug],
    transitions: {
        *Stopped + Play(u8) [low] / count = Buffering,
        Stopped + Play(u8) / count = Playing,
        Paused + Play(u8) [low] / count = Playing,
        Paused + Play(u8) / count = Buffering,
        Seeking + Stop(u8) [low] / count = Ended,
        Seeking + Stop(u8) / count = Stopped,
        Stopped | Buffering | Playing | Paused | Ended + Stop(u8) [low] / count = Stopped,
        Buffering | Playing + Tick(u8) / count = Playing,
        Playing + Pause(u8) / count = Paused,
        Playing | Paused + Seek(u8) / count = Seeking,
        Seeking + Tick(u8) / count = Buffering,
        Ended + Play(u8) / count = Buffering,
    }
}

/// smlang's context: counts the outputs run; the guard compares the argument.
pub struct Context(u64);

impl StateMachineContext for Context {
    #[inline]
    fn low(&self, n: &u8) -> Result<bool, ()> {
        Ok(super::low(*n))
    }

    #[inline]
    fn count(&mut self, _n: u8) -> Result<(), ()> {
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

    /// Feeds driver input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        let (input, n) = split(k);
        let event = match input {
            0 => Events::Play(n),
            1 => Events::Pause(n),
            2 => Events::Stop(n),
            3 => Events::Seek(n),
            _ => Events::Tick(n),
        };
        self.0.process_event(event).is_ok()
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
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
