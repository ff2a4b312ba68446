//! The table-driven baseline: a `static` array of `(next state, action)` indexed by state and
//! input, `NONE` where the input is refused.

const NONE: u8 = u8::MAX;
const COUNT: u8 = 0;

/// `(next state, action)` by state and input (`play`, `pause`, `stop`, `seek`, `tick`).
static TABLE: [[(u8, u8); 5]; 6] = [
    // Stopped
    [
        (1, COUNT),
        (NONE, NONE),
        (0, COUNT),
        (NONE, NONE),
        (NONE, NONE),
    ],
    // Buffering
    [
        (NONE, NONE),
        (NONE, NONE),
        (0, COUNT),
        (NONE, NONE),
        (2, COUNT),
    ],
    // Playing
    [(NONE, NONE), (3, COUNT), (0, COUNT), (4, COUNT), (2, COUNT)],
    // Paused
    [
        (2, COUNT),
        (NONE, NONE),
        (0, COUNT),
        (4, COUNT),
        (NONE, NONE),
    ],
    // Seeking
    [
        (NONE, NONE),
        (NONE, NONE),
        (5, COUNT),
        (NONE, NONE),
        (1, COUNT),
    ],
    // Ended
    [
        (1, COUNT),
        (NONE, NONE),
        (0, COUNT),
        (NONE, NONE),
        (NONE, NONE),
    ],
];

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
    /// In `Stopped`.
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
