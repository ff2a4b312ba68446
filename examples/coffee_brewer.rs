//! Automat's classic: a coffee brewer with a bean hopper, a brew button and a heating element.
//!
//! Run it with `cargo run --example coffee_brewer`. It brews two cups, shows the inputs the
//! machine refuses, and writes its diagram to `target/diagrams/coffee_brewer.dot`.

use automat_rs::machine;

#[path = "shared/coffee_brewer.rs"]
mod brewer;
mod support;

#[allow(unused_imports)]
// what the machine takes, and its core, for the tests that include this file
pub use brewer::{Beans, Cup, Hardware};

machine! {
    /// A coffee brewer: put in beans, press brew, wait until it is done.
    #[derive_input(Debug, Clone, PartialEq)]
    #[derive_return(Debug, PartialEq)]
    pub machine CoffeeBrewer {
        /// No beans in the hopper.
        initial state Empty;
        /// Beans in the hopper, ready to brew.
        state Ready;
        /// Hot water is running through the beans.
        state Brewing;
        /// Someone kicked it. It will never brew again.
        final state Broken;

        /// The user put some beans in the hopper.
        input put_in_beans(beans: Beans);
        /// The user pressed the brew button; returns the cup being filled.
        input brew() -> Cup;
        /// The heating element finished.
        input done();
        /// The user lost patience.
        input kick();

        /// Keep the beans for the next brew.
        output save_beans(beans: Beans);
        /// Log what went into the hopper.
        output log_beans(beans: &Beans);
        /// Switch on the heating element and start filling a cup.
        output heat() -> Cup;
        /// Make a noise.
        output complain();

        Empty   + put_in_beans => Ready   / log_beans, save_beans;
        Ready   + brew         => Brewing / heat;
        Brewing + done         => Empty;
        _       + kick         => Broken  / complain;
    }
}

/// Runs the example; the diagram test calls it too.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    brewer::run("coffee_brewer")
}
