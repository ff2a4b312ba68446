//! The dispatch benchmark of automat-rs: four workloads (a small media player, 6 states × 5
//! inputs; a wide generated machine, 64 states × 8 inputs; and the player with half of its pairs
//! guarded on the input's argument), each implemented by automat-rs, hand-written baselines (an
//! `enum` + `match`, with `if` guards for the guarded one, and a table) and the peers rust-fsm,
//! smlang and statig (smlang alone has guards); and a data workload, states carrying a counter and a
//! buffer handle, against an `enum` with data and a `match`. Every implementation sits behind [`Drive`], so one driver loop feeds them all the same
//! inputs; `automat-bench check` asserts that they agree. `bash bench/run.sh` runs everything.

// Each implementation is built by `Drive::start`; `Default` would only repeat it.
#![allow(clippy::new_without_default)]

pub mod asynced;
pub mod blinky;
pub mod data;
#[path = "../gen/mod.rs"]
pub mod gen;
pub mod guarded;
pub mod nested;
pub mod small;
pub mod table;
pub mod typed;
pub mod wide;

/// One implementation of a workload, behind a uniform driver.
pub trait Drive {
    /// The machine in its initial state.
    fn start() -> Self;
    /// Feeds input `k` (the workload's input index); whether the machine accepted it. A refused
    /// input leaves the state unchanged and runs no output.
    fn feed(&mut self, k: u8) -> bool;
    /// The current state's index, in declaration order.
    fn state_index(&self) -> usize;
    /// How many outputs have run.
    fn outputs(&self) -> u64;
}

/// Implements [`Drive`] for a type with inherent `new`, `feed`, `state_index` and `outputs`.
macro_rules! drive {
    ($ty:ty) => {
        impl $crate::Drive for $ty {
            #[inline]
            fn start() -> Self {
                Self::new()
            }
            #[inline]
            fn feed(&mut self, k: u8) -> bool {
                Self::feed(self, k)
            }
            fn state_index(&self) -> usize {
                Self::state_index(self)
            }
            fn outputs(&self) -> u64 {
                Self::outputs(self)
            }
        }
    };
}
pub(crate) use drive;

/// An implementation of a workload, by name: feeds it a slice of inputs from its initial state.
pub type Implementation = (&'static str, fn(&[u8]) -> Outcome);

/// What a run ended with: the cross-check compares these between implementations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Outcome {
    /// The final state's index.
    pub state: usize,
    /// Outputs run.
    pub outputs: u64,
    /// Inputs refused.
    pub refused: u64,
}

/// Feeds `inputs` to a fresh machine. Never inlined, so that callgrind can count instructions in
/// this loop alone (`--toggle-collect=*run_machine*`).
#[inline(never)]
pub fn run_machine<M: Drive>(inputs: &[u8]) -> Outcome {
    let mut machine = M::start();
    let mut refused = 0;
    for &k in inputs {
        refused += u64::from(!machine.feed(k));
    }
    Outcome {
        state: machine.state_index(),
        outputs: machine.outputs(),
        refused,
    }
}

/// Only the state: replays `inputs` through a pure transition function `next` (as replaying a
/// journal does), refused inputs leaving the state; `outputs` counts the accepted ones. Never
/// inlined, for callgrind (`--toggle-collect=*run_states*`).
#[inline(never)]
pub fn run_states<S: Copy>(
    initial: S,
    inputs: &[u8],
    next: impl Fn(S, u8) -> Option<S>,
    index: impl Fn(S) -> usize,
) -> Outcome {
    let mut state = initial;
    let mut refused = 0;
    for &k in inputs {
        match next(state, k) {
            Some(s) => state = s,
            None => refused += 1,
        }
    }
    Outcome {
        state: index(state),
        outputs: inputs.len() as u64 - refused,
        refused,
    }
}

/// A fixed pseudo-random sequence of `n` input indices in `0..inputs` (xorshift64).
#[must_use]
pub fn inputs(n: usize, inputs: u8) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            #[allow(clippy::cast_possible_truncation)]
            let k = (x % u64::from(inputs)) as u8;
            k
        })
        .collect()
}
