//! The table-driven baseline of the small workload (see `crate::table`).

use crate::table::{Spec, COUNT, NONE};

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

/// The small workload's table.
pub struct Player;

impl Spec<6, 5> for Player {
    const TABLE: &'static [[(u8, u8); 5]; 6] = &TABLE;
}

/// The table-driven player.
pub type Machine = crate::table::Machine<Player, 6, 5>;
