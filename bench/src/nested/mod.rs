//! The nested workload: statig's dishwasher with its door, with compound states and history.
//! `On` holds
//! `Idle`, `Washing` (which holds `Rinse` and `Soak`) and `Drying`; `Off` and `DoorOpen` are
//! outside. Every state and compound has an entry and an exit action, and every transition one
//! output, each bumping one counter: so the counter says that each implementation ran the same
//! exits and entries. `power` and `open` are declared once on `On` and apply to its four
//! leaves; closing the door goes back to the leaf `On` was left from (its deep history, `Idle`
//! before it was ever left). Driver input `k` (in `0..5`) is the input `k`.
//!
//! States, in order: `Off`, `Idle`, `Rinse`, `Soak`, `Drying`, `DoorOpen`; inputs: `power`,
//! `start`, `timer`, `open`, `close`.
//!
//! ```text
//! Off + power => On (Idle)         On + power => Off          Idle + start => Washing (Rinse)
//! Rinse + timer => Soak            Soak + timer => Drying     Drying + timer => Idle
//! On + open => DoorOpen            DoorOpen + close => On.history*
//! ```

use crate::{run_machine, Implementation};

pub mod automat;
pub mod matched;
pub mod statig;

/// How many inputs the workload has.
pub const INPUTS: u8 = 5;

/// The implementations, by name, each run over a slice of inputs.
pub const MACHINES: &[Implementation] = &[
    ("match", run_machine::<matched::Machine>),
    ("automat-rs", run_machine::<automat::Machine>),
    ("automat-rs typed methods", run_machine::<automat::Typed>),
    ("statig", run_machine::<statig::Machine>),
];
