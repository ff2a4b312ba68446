//! The guarded workload: the media player of the small workload with 8 of its 15 `(state,
//! input)` pairs guarded on the input's argument. Every input carries a number `n`; the guard
//! `low` holds when `n < 25`, so on random inputs it holds half the time and the branch on it is
//! unpredictable. Where no guard holds and no unguarded transition follows, the input is refused.
//!
//! The driver's input `k` (in `0..250`) is the input `k % 5` with the argument `k / 5`.
//!
//! States, in order: `Stopped`, `Buffering`, `Playing`, `Paused`, `Seeking`, `Ended`; inputs:
//! `play`, `pause`, `stop`, `seek`, `tick`. The transitions (first that holds wins):
//!
//! ```text
//! Stopped + play [low] => Buffering      Stopped + play => Playing
//! Paused + play [low] => Playing         Paused + play => Buffering
//! Seeking + stop [low] => Ended          Seeking + stop => Stopped
//! _ + stop [low] => Stopped              (refused when `n` is not low)
//! Buffering + tick => Playing   Playing + tick => Playing   Playing + pause => Paused
//! Playing | Paused + seek => Seeking     Seeking + tick => Buffering   Ended + play => Buffering
//! ```

use crate::{run_machine, Implementation};

pub mod automat;
pub mod matched;
pub mod smlang;

/// How many driver inputs the workload has: 5 inputs × 50 arguments.
pub const INPUTS: u8 = 250;

/// The input index and the argument of driver input `k`.
#[inline]
#[must_use]
pub const fn split(k: u8) -> (u8, u8) {
    (k % 5, k / 5)
}

/// The guard: whether the argument is low.
#[inline]
#[must_use]
pub const fn low(n: u8) -> bool {
    n < 25
}

/// The implementations, by name, each run over a slice of inputs.
pub const MACHINES: &[Implementation] = &[
    ("match", run_machine::<matched::Machine>),
    ("automat-rs", run_machine::<automat::Machine>),
    ("smlang", run_machine::<smlang::Machine>),
];
