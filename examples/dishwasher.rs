//! statig's dishwasher, with compound states: while `On`, the wash goes `Idle` → `Washing`
//! (`Rinse` → `Soak`) → `Drying`, and opening the door from any of those steps is one
//! transition declared on `On` (flat, it would be four), and closing it goes back to the step
//! it interrupted: `On.history*`, the deep history of `On`. Entry and exit actions of the
//! compounds run in the order the statechart rules give: exits innermost first, entries
//! outermost first. Drying ends by itself once the dishes are dry: an eventless transition,
//! taken as soon as its guard holds after a step.
//!
//! ```sh
//! cargo run --example dishwasher   # prints every step, writes target/diagrams/dishwasher.{dot,mmd,md,svg}
//! ```

#[path = "shared/dishwasher.rs"]
mod panel;
mod support;

use automat_rs::machine;

machine! {
    /// A dishwasher with a door.
    pub machine Dishwasher {
        /// Powered off.
        initial state Off;
        /// Powered on: the programme runs in the states inside.
        state On {
            entry power_on;
            exit power_off;
            /// Waiting for `start`.
            initial state Idle;
            /// Water is running.
            state Washing {
                entry open_valve;
                exit close_valve;
                /// Rinsing the dishes.
                initial state Rinse;
                /// Soaking them.
                state Soak;
            }
            /// The fan is on.
            state Drying { entry fan_on; exit fan_off; }
        }
        /// The door is open: everything stops until it closes.
        state DoorOpen { entry light_on; exit light_off; }

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
}

#[allow(unused_imports)]
// the machine's core, for the tests that include this file
pub use panel::Panel;

/// Runs the programme with a door opened mid-soak, and writes the diagrams.
///
/// # Errors
///
/// A refused input, or a diagram file that could not be written.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    panel::run("dishwasher")
}
