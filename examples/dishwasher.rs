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

/// The hardware: what it was told, in order.
#[derive(Default)]
pub struct Panel {
    /// Every action, in the order it ran.
    pub log: Vec<&'static str>,
    /// Ticks spent drying.
    pub drying: u32,
}

impl DishwasherOutputs for Panel {
    fn power_on(&mut self) {
        self.log.push("power on");
    }
    fn power_off(&mut self) {
        self.log.push("power off");
    }
    fn open_valve(&mut self) {
        self.log.push("open valve");
    }
    fn close_valve(&mut self) {
        self.log.push("close valve");
    }
    fn fan_on(&mut self) {
        self.log.push("fan on");
    }
    fn fan_off(&mut self) {
        self.log.push("fan off");
    }
    fn light_on(&mut self) {
        self.log.push("light on");
    }
    fn light_off(&mut self) {
        self.log.push("light off");
    }
    fn dry_tick(&mut self) {
        self.drying += 1;
        self.log.push("dry tick");
    }
    fn chime(&mut self) {
        self.log.push("chime");
    }
    fn dry(&self) -> bool {
        self.drying >= 2
    }
}

/// Runs the programme with a door opened mid-soak, and writes the diagrams.
///
/// # Errors
///
/// A refused input, or a diagram file that could not be written.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut washer = Dishwasher::new(Panel::default());
    for input in [
        DishwasherInput::Power,
        DishwasherInput::Start,
        DishwasherInput::Timer,
        DishwasherInput::Open,
        DishwasherInput::Close,
        DishwasherInput::Timer,
        DishwasherInput::Timer,
        DishwasherInput::Timer,
    ] {
        washer.core_mut().log.clear();
        let name = input.name();
        washer.handle(input)?;
        println!(
            "{name:<6} -> {:<9} {}",
            washer.state().to_string(),
            washer.core().log.join(", ")
        );
    }
    // The door opened mid-soak, and closing it went back to `Soak`; the second tick of drying
    // left the dishes dry, and the eventless transition ended the programme.
    assert_eq!(washer.state(), DishwasherState::Idle);
    assert_eq!(washer.core().log, ["dry tick", "fan off", "chime"]);

    let files = automat_rs::export::write_diagrams(
        support::target_subdir("diagrams")?,
        "dishwasher",
        Dishwasher::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}
