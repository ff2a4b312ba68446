//! The small workload: a media player of 6 states and 5 inputs. Some inputs are invalid in some
//! states (refused, state unchanged, counted); every transition runs one output that bumps a
//! counter in the core.
//!
//! States, in order: `Stopped`, `Buffering`, `Playing`, `Paused`, `Seeking`, `Ended`; inputs:
//! `play`, `pause`, `stop`, `seek`, `tick`.

use crate::{run_machine, run_states, Implementation};

pub mod automat;
pub mod matched;
pub mod rust_fsm;
pub mod smlang;
pub mod statig;
pub mod table;

/// How many inputs the workload has.
pub const INPUTS: u8 = 5;

/// The implementations, by name, each run over a slice of inputs.
pub const MACHINES: &[Implementation] = &[
    ("match", run_machine::<matched::Machine>),
    ("table", run_machine::<table::Machine>),
    ("automat-rs", run_machine::<automat::Machine>),
    ("automat-rs observed", run_machine::<automat::Observed>),
    ("automat-rs typed methods", run_machine::<automat::Typed>),
    ("rust-fsm", run_machine::<rust_fsm::Machine>),
    ("smlang", run_machine::<smlang::Machine>),
    ("statig", run_machine::<statig::Machine>),
    ("table, state only", |inputs| {
        run_states(0, inputs, crate::table::next::<table::Player, 6, 5>, |s| s)
    }),
    ("automat-rs, state only", |inputs| {
        run_states(automat::PlayerState::Stopped, inputs, automat::next, |s| {
            s as usize
        })
    }),
];
