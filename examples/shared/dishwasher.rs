//! What `dishwasher.rs` and `dishwasher_derive.rs` share: the panel that is the machine's core,
//! and the run. Each example declares `Dishwasher` (one with `machine!`, one with
//! `#[derive(Machine)]` and compound states as enums); this module uses the one of its parent.

use super::{support, Dishwasher, DishwasherInput, DishwasherOutputs, DishwasherState};

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

/// Runs the programme with a door opened mid-soak, and writes the diagrams as `<stem>.dot`, ...
///
/// # Errors
///
/// A refused input, or a diagram file that could not be written.
pub fn run(stem: &str) -> Result<(), Box<dyn std::error::Error>> {
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
        stem,
        Dishwasher::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}
