//! The smallest useful machine: a coin-operated turnstile.
//!
//! Run it with `cargo run --example turnstile`. It writes its diagram to
//! `target/diagrams/turnstile.dot`.

use automat_rs::machine;

mod support;

machine! {
    /// A turnstile: a coin unlocks it, a push lets one person through and locks it again.
    pub machine Turnstile {
        /// The arm is locked.
        initial state Locked;
        /// The arm turns once.
        state Unlocked;

        /// A coin drops into the slot.
        input coin();
        /// Someone pushes the arm.
        input push();

        /// Release the arm.
        output unlock();
        /// Lock the arm.
        output lock();
        /// Give the coin back: the turnstile is already unlocked.
        output refund();

        Locked   + coin => Unlocked / unlock;
        Unlocked + coin => Unlocked / refund;
        Unlocked + push => Locked   / lock;
    }
}

/// The gate hardware: counts what it did.
#[derive(Debug, Default)]
pub struct Gate {
    /// Coins given back.
    pub refunds: u32,
    /// People let through.
    pub passed: u32,
}

impl TurnstileOutputs for Gate {
    fn unlock(&mut self) {
        println!("  *clunk* (unlocked)");
    }

    fn lock(&mut self) {
        self.passed += 1;
        println!("  *clack* (locked again)");
    }

    fn refund(&mut self) {
        self.refunds += 1;
        println!("  *cling* (coin returned)");
    }
}

/// Runs the example; the diagram test calls it too.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut turnstile = Turnstile::new(Gate::default());
    println!("state: {}", turnstile.state());

    println!("push");
    if let Err(refused) = turnstile.push() {
        println!("  refused: {refused}; still {}", turnstile.state());
    }
    for step in [
        TurnstileInput::Coin,
        TurnstileInput::Coin,
        TurnstileInput::Push,
    ] {
        println!(
            "{}",
            if matches!(step, TurnstileInput::Coin) {
                "coin"
            } else {
                "push"
            }
        );
        turnstile.handle(step)?;
        println!("  state: {}", turnstile.state());
    }
    let gate = turnstile.into_core();
    println!("passed: {}, refunds: {}", gate.passed, gate.refunds);

    let files = automat_rs::export::write_diagrams(
        support::target_subdir("diagrams")?,
        "turnstile",
        Turnstile::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}
