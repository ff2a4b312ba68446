//! The coffee brewer of `coffee_brewer.rs`, declared with `#[derive(Machine)]` on an enum of its
//! states instead of `machine!`: the same machine (its description is byte for byte the same;
//! a test checks it), around a type of your own.
//!
//! Run it with `cargo run --example coffee_brewer_derive`.

use automat_rs::Machine;

#[path = "shared/coffee_brewer.rs"]
mod brewer;
mod support;

#[allow(unused_imports)]
// what the machine takes, and its core, for the tests that include this file
pub use brewer::{Beans, Cup, Hardware};

// This enum is the brewer's state; the machine around it is `CoffeeBrewer`. Its doc comment is
// the machine's too.
/// A coffee brewer: put in beans, press brew, wait until it is done.
#[derive(Machine, Debug, Clone, Copy, PartialEq, Eq)]
#[machine(
    #[derive_input(Debug, Clone, PartialEq)]
    #[derive_return(Debug, PartialEq)]
    machine CoffeeBrewer {
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
)]
pub enum Brew {
    /// No beans in the hopper.
    #[machine(initial)]
    Empty,
    /// Beans in the hopper, ready to brew.
    Ready,
    /// Hot water is running through the beans.
    Brewing,
    /// Someone kicked it. It will never brew again.
    #[machine(final)]
    Broken,
}

/// Runs the example; the tests call it too.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    brewer::run("coffee_brewer_derive")
}
