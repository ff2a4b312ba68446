//! The dishwasher of `dishwasher.rs`, declared with `#[derive(Machine)]`: its compound states
//! are variants that hold an enum of the states inside them (`#[machine(compound)] On(OnStates)`,
//! each such enum `#[derive(States)]`), so the machine's data is nested as its states are
//! (`Washer::On(OnStates::Washing(WashingStates::Soak))`). The same machine: its description
//! is byte for byte the one of `dishwasher.rs` (a test checks it).
//!
//! ```sh
//! cargo run --example dishwasher_derive
//! ```

use automat_rs::{Machine, States};

#[path = "shared/dishwasher.rs"]
mod panel;
mod support;

#[allow(unused_imports)]
// the machine's core, for the tests that include this file
pub use panel::Panel;

/// A dishwasher with a door.
#[derive(Machine, Debug, Clone, Copy, PartialEq, Eq)]
#[machine(
    pub machine Dishwasher {
        /// The power button.
        input power();
        /// Start the programme.
        input start();
        /// The programme's timer.
        input timer();
        /// Open the door.
        input open();
        /// Close the door.
        input close();

        output power_on();
        output power_off();
        output open_valve();
        output close_valve();
        output fan_on();
        output fan_off();
        output light_on();
        output light_off();
        /// One more tick of drying.
        output dry_tick();
        /// The programme is over.
        output chime();
        /// Whether the dishes are dry.
        guard dry();

        Off + power => On;
        On + power => Off;
        Idle + start => Washing;
        Rinse + timer => Soak;
        Soak + timer => Drying;
        Drying + timer => _ / dry_tick;
        // Eventless: as soon as a step leaves the dishes dry.
        Drying [dry] => Idle / chime;
        // From whichever step the programme is in, and back to it.
        On + open => DoorOpen;
        DoorOpen + close => On.history*;
    }
)]
pub enum Washer {
    /// Powered off.
    #[machine(initial)]
    Off,
    /// Powered on: the programme runs in the states inside.
    #[machine(compound, entry = power_on, exit = power_off)]
    On(OnStates),
    /// The door is open: everything stops until it closes.
    #[machine(entry = light_on, exit = light_off)]
    DoorOpen,
}

/// The programme's steps, inside `On`.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnStates {
    /// Waiting for `start`.
    #[machine(initial)]
    Idle,
    /// Water is running.
    #[machine(compound, entry = open_valve, exit = close_valve)]
    Washing(WashingStates),
    /// The fan is on.
    #[machine(entry = fan_on, exit = fan_off)]
    Drying,
}

/// The washing's steps, inside `Washing`.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq)]
pub enum WashingStates {
    /// Rinsing the dishes.
    #[machine(initial)]
    Rinse,
    /// Soaking them.
    Soak,
}

/// Runs the programme with a door opened mid-soak, and writes the diagrams.
///
/// # Errors
///
/// A refused input, or a diagram file that could not be written.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    panel::run("dishwasher_derive")
}
