//! The table-driven baseline of the wide workload (see `crate::table`), its table built at
//! compile time from the workload's definition.

use super::{INPUTS, STATES};
use crate::gen::target;
use crate::table::{Spec, COUNT, NONE};

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

/// The wide workload's table.
pub struct Wide;

impl Spec<STATES, { INPUTS as usize }> for Wide {
    const TABLE: &'static [[(u8, u8); INPUTS as usize]; STATES] = &TABLE;
}

/// The table-driven wide machine.
pub type Machine = crate::table::Machine<Wide, STATES, { INPUTS as usize }>;
