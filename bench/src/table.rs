//! The table-driven baseline of both workloads: a `static` array of `(next state, action)`
//! indexed by state and input, [`NONE`] where the input is refused. Each workload gives its table
//! through [`Spec`].

use std::marker::PhantomData;

use crate::Drive;

/// The target of a refused pair (and its action).
pub const NONE: u8 = u8::MAX;
/// The action that bumps the output counter.
pub const COUNT: u8 = 0;

/// A workload's table: `S` states × `I` inputs.
pub trait Spec<const S: usize, const I: usize> {
    /// `(next state, action)` by state and input.
    const TABLE: &'static [[(u8, u8); I]; S];
}

/// The state-only transition function.
#[inline]
#[must_use]
pub fn next<T: Spec<S, I>, const S: usize, const I: usize>(state: usize, k: u8) -> Option<usize> {
    let (next, _) = T::TABLE[state][usize::from(k)];
    (next != NONE).then_some(usize::from(next))
}

/// The table-driven machine of workload `T`, in state 0.
pub struct Machine<T, const S: usize, const I: usize> {
    state: u8,
    outputs: u64,
    spec: PhantomData<T>,
}

impl<T: Spec<S, I>, const S: usize, const I: usize> Drive for Machine<T, S, I> {
    fn start() -> Self {
        Self {
            state: 0,
            outputs: 0,
            spec: PhantomData,
        }
    }

    #[inline]
    fn feed(&mut self, k: u8) -> bool {
        let (next, action) = T::TABLE[usize::from(self.state)][usize::from(k)];
        if next == NONE {
            return false;
        }
        self.state = next;
        if action == COUNT {
            self.outputs += 1;
        }
        true
    }

    fn state_index(&self) -> usize {
        usize::from(self.state)
    }

    fn outputs(&self) -> u64 {
        self.outputs
    }
}
