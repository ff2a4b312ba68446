//! The table-driven baseline: a `static` array of `(next state, action)` indexed by state and
//! input, built at compile time from the workload's definition, `NONE` where refused.

use super::{INPUTS, STATES};
use crate::gen::target;

const NONE: u8 = u8::MAX;
const COUNT: u8 = 0;

#[allow(clippy::cast_possible_truncation)]
const fn build() -> [[(u8, u8); INPUTS as usize]; STATES] {
    let mut table = [[(NONE, NONE); INPUTS as usize]; STATES];
    let mut i = 0;
    while i < STATES {
        let mut j = 0;
        while j < INPUTS as usize {
            if let Some(t) = target(STATES, i, j) {
                table[i][j] = (t as u8, COUNT);
            }
            j += 1;
        }
        i += 1;
    }
    table
}

static TABLE: [[(u8, u8); INPUTS as usize]; STATES] = build();

/// The state-only transition function.
#[inline]
#[must_use]
pub fn next(state: usize, k: u8) -> Option<usize> {
    let (next, _) = TABLE[state][usize::from(k)];
    (next != NONE).then_some(usize::from(next))
}

/// The table-driven machine.
pub struct Machine {
    state: u8,
    outputs: u64,
}

impl Machine {
    /// In `S0`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            state: 0,
            outputs: 0,
        }
    }

    /// Feeds input `k`; whether it was accepted.
    #[inline]
    pub fn feed(&mut self, k: u8) -> bool {
        let (next, action) = TABLE[usize::from(self.state)][usize::from(k)];
        if next == NONE {
            return false;
        }
        self.state = next;
        if action == COUNT {
            self.outputs += 1;
        }
        true
    }

    /// The state's index.
    #[must_use]
    pub fn state_index(&self) -> usize {
        usize::from(self.state)
    }

    /// Outputs run.
    #[must_use]
    pub fn outputs(&self) -> u64 {
        self.outputs
    }
}

crate::drive!(Machine);
