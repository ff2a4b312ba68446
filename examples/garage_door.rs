//! Automat's visualizer example: a garage door with a button, a motor and two limit switches.
//!
//! Run it with `cargo run --example garage_door`. It opens and closes the door, reverses it
//! half-way, and writes its diagram to `target/diagrams/garage_door.dot`.

use automat_rs::machine;

mod support;

machine! {
    /// A garage door opener: one button starts, stops and reverses the motor; limit switches tell
    /// when the door is fully open or closed.
    pub machine GarageDoor {
        /// Fully closed.
        initial state Closed;
        /// The motor is pulling the door up.
        state Opening;
        /// Fully open.
        state Opened;
        /// The motor is letting the door down.
        state Closing;

        /// The wall button was pressed.
        input push_button();
        /// The upper limit switch: the door is fully open.
        input open_sensor();
        /// The lower limit switch: the door is fully closed.
        input closed_sensor();

        /// Run the motor upwards.
        output motor_up();
        /// Run the motor downwards.
        output motor_down();
        /// Stop the motor.
        output motor_off();
        /// Sound the buzzer while the door moves.
        output buzz();

        Closed  + push_button   => Opening / buzz, motor_up;
        Opening + open_sensor   => Opened  / motor_off;
        Opened  + push_button   => Closing / buzz, motor_down;
        Closing + closed_sensor => Closed  / motor_off;
        /// Pressing the button while the door moves reverses it.
        Opening + push_button   => Closing / motor_down;
        /// Pressing the button while the door moves reverses it.
        Closing + push_button   => Opening / motor_up;
    }
}

/// The opener's hardware: it records the motor commands it received.
#[derive(Debug, Default)]
pub struct Opener {
    /// Motor commands, in order.
    pub commands: Vec<&'static str>,
}

impl GarageDoorOutputs for Opener {
    fn motor_up(&mut self) {
        self.commands.push("up");
    }

    fn motor_down(&mut self) {
        self.commands.push("down");
    }

    fn motor_off(&mut self) {
        self.commands.push("off");
    }

    fn buzz(&mut self) {
        self.commands.push("buzz");
    }
}

/// Runs the example; the diagram test calls it too.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut door = GarageDoor::new(Opener::default());
    println!("door: {}", door.state());

    door.push_button()?;
    println!("button -> {}", door.state());
    door.open_sensor()?;
    println!("open sensor -> {}", door.state());
    door.push_button()?;
    println!("button -> {}", door.state());
    door.push_button()?;
    println!("button again, half-way -> {} (reversed)", door.state());
    if let Err(refused) = door.closed_sensor() {
        println!("closed sensor while opening: {refused}");
    }
    door.open_sensor()?;
    println!("open sensor -> {}", door.state());
    println!("motor commands: {:?}", door.core().commands);

    let files = automat_rs::export::write_diagrams(
        support::target_subdir("diagrams")?,
        "garage_door",
        GarageDoor::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}
