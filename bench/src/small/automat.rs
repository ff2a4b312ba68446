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

/// Feeds `k` as a value, through `handle`.
macro_rules! feed {
    ($player:expr, $k:expr) => {
        $player.handle(input($k)).is_ok()
    };
}

/// The generated machine behind the uniform driver.
pub struct Machine(Player<Counter>);

impl Machine {
    /// In `Stopped`.
    #[must_use]
    pub fn new() -> Self {
        Self(Player::new(Counter::default()))
    }

    /// Feeds input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        feed!(self.0, k)
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        self.0.state() as usize
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.0.core().0
    }
}

crate::drive!(Machine);

/// The generated machine with an observer attached.
pub struct Observed(PlayerObserved<Counter, Tally>);

impl Observed {
    /// In `Stopped`.
    #[must_use]
    pub fn new() -> Self {
        Self(Player::new(Counter::default()).observe(Tally::default()))
    }

    /// Feeds input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        feed!(self.0, k)
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        self.0.state() as usize
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.0.core().0
    }
}

crate::drive!(Observed);

/// The generated machine driven through its typed input methods, one call site per input (as
/// code that knows which input it has calls them).
pub struct Typed(Player<Counter>);

impl Typed {
    /// In `Stopped`.
    #[must_use]
    pub fn new() -> Self {
        Self(Player::new(Counter::default()))
    }

    /// Feeds input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        match k {
            0 => self.0.play(),
            1 => self.0.pause(),
            2 => self.0.stop(),
            3 => self.0.seek(),
            _ => self.0.tick(),
        }
        .is_ok()
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        self.0.state() as usize
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.0.core().0
    }
}

crate::drive!(Typed);

/// The state-only transition function, `PlayerState::next`, used to replay journals.
#[inline]
#[must_use]
pub fn next(state: PlayerState, k: u8) -> Option<PlayerState> {
    state.next(&input(k))
}
