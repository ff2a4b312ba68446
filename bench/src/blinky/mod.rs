//! statig's own `blinky`: `LedOn` and `LedOff` inside the compound `Blinking`, which a button
//! leaves for `NotBlinking`; the timer toggles the LED. Every transition runs one output.
//! Driver input `k` (in `0..2`) is the input `k`.
//!
//! States, in order: `LedOn`, `LedOff`, `NotBlinking`; inputs: `timer`, `button`.

use crate::{run_machine, Implementation};

pub mod automat;
pub mod matched;
pub mod statig;

/// How many inputs the workload has.
pub const INPUTS: u8 = 2;

/// The implementations, by name, each run over a slice of inputs.
pub const MACHINES: &[Implementation] = &[
    ("match", run_machine::<matched::Machine>),
    ("automat-rs", run_machine::<automat::Machine>),
    ("automat-rs typed methods", run_machine::<automat::Typed>),
    ("statig", run_machine::<statig::Machine>),
];
