//! The player declared with automat-rs.

automat_rs::machine! {
    /// The media player of the small workload.
    pub machine Player {
        initial state Stopped;
        state Buffering;
        state Playing;
        state Paused;
        state Seeking;
        state Ended;
        input play();
        input pause();
        input stop();
        input seek();
        input tick();
        output count();
        Stopped   + play  => Buffering / count;
        Buffering + tick  => Playing   / count;
        Playing   + tick  => Playing   / count;
        Playing   + pause => Paused    / count;
        Paused    + play  => Playing   / count;
        Playing   + seek  => Seeking   / count;
        Paused    + seek  => Seeking   / count;
        Seeking   + tick  => Buffering / count;
        Seeking   + stop  => Ended     / count;
        Ended     + play  => Buffering / count;
        _         + stop  => Stopped   / count;
    }
}

/// The core: counts the outputs run.
#[derive(Default, Clone)]
pub struct Counter(u64);

impl PlayerOutputs for Counter {
    #[inline]
    fn count(&mut self) {
        self.0 += 1;
    }
}

/// An observer that watches every transition (to be sure an attached one costs little).
#[derive(Default)]
pub struct Tally(u64);

impl automat_rs::Observer<PlayerState> for Tally {
    #[inline]
    fn transition(&mut self, _: PlayerState, _: usize, _: PlayerState) {
        self.0 += 1;
    }
}

/// Input `k` as a value, as the hand-written machine takes its `Input`.
#[inline]
#[must_use]
pub fn input(k: u8) -> PlayerInput {
    match k {
        0 => PlayerInput::Play,
        1 => PlayerInput::Pause,
        2 => PlayerInput::Stop,
        3 => PlayerInput::Seek,
        _ => PlayerInput::Tick,
    }
}

/// A generated machine behind the uniform driver: `$machine` built by `$new`, input `k` fed by
/// `$feed` (given the machine and `k`).
macro_rules! driven {
    ($(#[$doc:meta])* $name:ident($machine:ty) = $new:expr, |$m:ident, $k:ident| $feed:expr) => {
        $(#[$doc])*
        pub struct $name($machine);

        impl crate::Drive for $name {
            fn start() -> Self {
                Self($new)
            }

            #[inline]
            fn feed(&mut self, $k: u8) -> bool {
                let $m = &mut self.0;
                $feed
            }

            fn state_index(&self) -> usize {
                self.0.state() as usize
            }

            fn outputs(&self) -> u64 {
                self.0.core().0
            }
        }
    };
}

driven! {
    /// The generated machine, fed input values through `handle`.
    Machine(Player<Counter>) = Player::new(Counter::default()),
    |m, k| m.handle(input(k)).is_ok()
}

driven! {
    /// The generated machine with an observer attached, fed through `handle`.
    Observed(PlayerObserved<Counter, Tally>) = Player::new(Counter::default()).observe(Tally::default()),
    |m, k| m.handle(input(k)).is_ok()
}

driven! {
    /// The generated machine driven through its typed input methods, one call site per input (as
    /// code that knows which input it has calls them).
    Typed(Player<Counter>) = Player::new(Counter::default()),
    |m, k| match k {
        0 => m.play(),
        1 => m.pause(),
        2 => m.stop(),
        3 => m.seek(),
        _ => m.tick(),
    }
    .is_ok()
}

/// The state-only transition function, `PlayerState::next`, used to replay journals.
#[inline]
#[must_use]
pub fn next(state: PlayerState, k: u8) -> Option<PlayerState> {
    state.next(&input(k))
}
