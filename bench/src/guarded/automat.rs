//! The guarded player declared with automat-rs, fed through `handle`.

use super::split;

automat_rs::machine! {
    /// The media player of the guarded workload.
    pub machine Player {
        initial state Stopped;
        state Buffering;
        state Playing;
        state Paused;
        state Seeking;
        state Ended;
        input play(n: u8);
        input pause(n: u8);
        input stop(n: u8);
        input seek(n: u8);
        input tick(n: u8);
        guard low(n: u8);
        output count();
        Stopped + play [low] => Buffering / count;
        Stopped + play       => Playing   / count;
        Paused  + play [low] => Playing   / count;
        Paused  + play       => Buffering / count;
        Seeking + stop [low] => Ended     / count;
        Seeking + stop       => Stopped   / count;
        _       + stop [low] => Stopped   / count;
        Buffering | Playing + tick => Playing / count;
        Playing + pause => Paused / count;
        Playing | Paused + seek => Seeking / count;
        Seeking + tick => Buffering / count;
        Ended   + play => Buffering / count;
    }
}

/// The core: counts the outputs run; the guard compares the argument.
#[derive(Default)]
pub struct Counter(u64);

impl PlayerOutputs for Counter {
    #[inline]
    fn count(&mut self) {
        self.0 += 1;
    }

    #[inline]
    fn low(&self, n: &u8) -> bool {
        super::low(*n)
    }
}

/// Driver input `k` as a value.
#[inline]
#[must_use]
pub fn input(k: u8) -> PlayerInput {
    let (input, n) = split(k);
    match input {
        0 => PlayerInput::Play { n },
        1 => PlayerInput::Pause { n },
        2 => PlayerInput::Stop { n },
        3 => PlayerInput::Seek { n },
        _ => PlayerInput::Tick { n },
    }
}

/// The generated machine behind the uniform driver, fed input values through `handle`.
pub struct Machine(Player<Counter>);

impl crate::Drive for Machine {
    fn start() -> Self {
        Self(Player::new(Counter::default()))
    }

    #[inline]
    fn feed(&mut self, k: u8) -> bool {
        self.0.handle(input(k)).is_ok()
    }

    fn state_index(&self) -> usize {
        self.0.state() as usize
    }

    fn outputs(&self) -> u64 {
        self.0.core().0
    }
}
