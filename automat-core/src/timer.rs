//! Timers as inputs, with no clock in the library: a machine declares
//! `Open + after(unlock_time) => Locked;`, calls its core's [`Timers::start`] when it enters
//! `Open` and [`Timers::cancel`] when it leaves it, and the host, which owns the clock, hands
//! the [`Timeout`] back to the machine's `timeout` method when the time is up.
//!
//! Each start of a timer has a generation of its own, which the machine remembers: a timeout
//! whose state was left since (or whose timer was started again) is refused as [`Stale`] and
//! changes nothing, so a late timer never fires in a state it does not belong to.

use core::fmt;
use core::time::Duration;

/// One run of a timer: which timer (the machine's `NameTimer`), and the generation of that
/// start. [`Timers::start`] receives it; the machine's `timeout` takes it back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timeout<T> {
    /// The timer (a variant of the machine's `NameTimer`).
    pub timer: T,
    /// Which start of the timer this run is; never 0.
    pub generation: u32,
}

/// The host's clock, as a machine with timers needs it: the supertrait of its outputs trait.
/// Implement it on the core (by hand, over a manual clock in tests, or with the facade's tokio
/// driver).
pub trait Timers<T> {
    /// The machine entered the timer's state: call the machine's `timeout(timeout)` once
    /// `after` has passed (unless [`cancel`](Self::cancel) comes first).
    fn start(&mut self, timeout: Timeout<T>, after: Duration);

    /// The machine left the timer's state before it ran out: its timeout would be refused as
    /// stale now; the host may stop waiting for it.
    fn cancel(&mut self, timer: T);
}

/// A timeout the machine refused: its timer was cancelled (the state left) or started again
/// since this run began. Nothing ran and nothing changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stale<T> {
    /// The refused run.
    pub timeout: Timeout<T>,
}

impl<T: fmt::Debug> fmt::Display for Stale<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stale timeout: timer {:?} (generation {}) no longer runs",
            self.timeout.timer, self.timeout.generation
        )
    }
}

impl<T: fmt::Debug> core::error::Error for Stale<T> {}
