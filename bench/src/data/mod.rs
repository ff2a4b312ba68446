//! The data workload: a connection-like machine whose states carry data, a counter and a small
//! buffer handle that is not `Copy` (it moves from state to state; nothing allocates). Every
//! input carries a number `n`; `reset` is guarded on it (`n < 25`).
//!
//! The driver's input `k` (in `0..250`) is the input `k % 5` with the argument `k / 5`.
//!
//! States, in order: `Idle`, `Active { count, buf }`, `Draining { buf }`; inputs: `open`,
//! `write`, `flush`, `done`, `reset`. The transitions, each running one output:
//!
//! ```text
//! Idle + open(buf) => Active { count: 0, buf }     (the argument becomes the state's handle)
//! Active + write(n) => Active                      (in place: count += n)
//! Active + flush => Draining { buf }               (the handle moves; the count is reported)
//! Draining + done => Idle                          (the handle is released, by value)
//! _ + reset [n < 25] => Idle                       (the data is dropped)
//! ```

use crate::{run_machine, Implementation};

pub mod automat;
pub mod matched;

/// How many driver inputs the workload has: 5 inputs × 50 arguments.
pub const INPUTS: u8 = 250;

/// The input index and the argument of driver input `k`.
#[inline]
#[must_use]
pub const fn split(k: u8) -> (u8, u8) {
    (k % 5, k / 5)
}

/// The guard of `reset`: whether the argument is low.
#[inline]
#[must_use]
pub const fn low(n: u8) -> bool {
    n < 25
}

/// A small buffer handle: an index into a pool and a length. Not `Copy`, not `Clone`: a state
/// that holds it owns it, and it moves with the state's data.
#[derive(Debug, PartialEq, Eq)]
pub struct Buf {
    /// The pool slot.
    pub slot: u16,
    /// Bytes in it.
    pub len: u16,
}

impl Buf {
    /// The handle that driver argument `n` opens.
    #[inline]
    #[must_use]
    pub const fn new(n: u8) -> Self {
        Buf {
            slot: n as u16,
            len: 0,
        }
    }
}

/// What the outputs do, the same in every implementation: count the outputs run, sum what is
/// reported, and the slots released.
#[derive(Debug, Default)]
pub struct Tally {
    /// Outputs run.
    pub outputs: u64,
    /// Counts reported by `flush`.
    pub reported: u64,
    /// Slots released by `done`.
    pub released: u64,
}

/// The implementations, by name, each run over a slice of inputs.
pub const MACHINES: &[Implementation] = &[
    ("match", run_machine::<matched::Machine>),
    ("automat-rs", run_machine::<automat::Machine>),
];
