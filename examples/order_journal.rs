//! Event sourcing with a journal of inputs: an order-processing machine writes every input it
//! accepts to a file, the process "restarts", and the order's state is rebuilt from the file,
//! first without side effects and then by replaying the outputs. Then it shows what a truncated
//! journal and an input invalid at its position do: an error that says where, and the last good
//! state.
//!
//! ```sh
//! cargo run --example order_journal --features serde
//! ```

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use automat_rs::journal::{self, Journal};
use automat_rs::{machine, MachineState};
use serde::{Deserialize, Serialize};

mod support;

machine! {
    /// An order, from checkout to delivery (or cancellation).
    #[derive_input(Debug, Clone, PartialEq)]
    #[serde]
    pub machine Order {
        /// Checked out, not paid yet.
        initial state Placed;
        state Paid;
        state Packed;
        state Shipped;
        final state Delivered;
        final state Cancelled;

        /// The customer paid.
        input pay(cents: u64);
        input pack();
        /// Handed to the carrier.
        input ship(tracking: String);
        input deliver();
        input cancel(reason: String);

        output charge(cents: u64);
        output print_label(tracking: &str);
        output confirm_delivery();
        output refund();
        output log_cancellation(reason: String);

        Placed  + pay     => Paid      / charge;
        Paid    + pack    => Packed;
        Packed  + ship    => Shipped   / print_label;
        Shipped + deliver => Delivered / confirm_delivery;
        Placed  + cancel  => Cancelled / log_cancellation;
        Paid    + cancel  => Cancelled / refund, log_cancellation;
        Packed  + cancel  => Cancelled / refund, log_cancellation;
    }
}

/// The shop's side of an order: what its outputs did.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shop {
    /// Money taken, in cents.
    pub charged: u64,
    /// Labels printed.
    pub labels: Vec<String>,
    /// Side effects, in order.
    pub log: Vec<String>,
}

impl OrderOutputs for Shop {
    fn charge(&mut self, cents: u64) {
        self.charged += cents;
        self.log.push(format!("charged {cents} cents"));
    }
    fn print_label(&mut self, tracking: &str) {
        self.labels.push(tracking.to_owned());
        self.log.push(format!("printed label {tracking}"));
    }
    fn confirm_delivery(&mut self) {
        self.log.push("sent delivery confirmation".to_owned());
    }
    fn refund(&mut self) {
        self.log.push(format!("refunded {} cents", self.charged));
        self.charged = 0;
    }
    fn log_cancellation(&mut self, reason: String) {
        self.log.push(format!("cancelled: {reason}"));
    }
}

/// Appends one accepted input to the journal file, as a line of JSON.
fn append(path: &Path, input: &OrderInput) -> std::io::Result<()> {
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    writeln!(file, "{}", serde_json::to_string(input)?)
}

/// Reads a journal file: every input, or the line number and error of the first bad line along
/// with the inputs before it.
fn read_journal(path: &Path) -> (Vec<OrderInput>, Option<String>) {
    let mut inputs = Vec::new();
    let file = BufReader::new(File::open(path).expect("the journal exists"));
    for (number, line) in file.lines().enumerate() {
        let line = line.expect("readable");
        match serde_json::from_str(&line) {
            Ok(input) => inputs.push(input),
            Err(error) => return (inputs, Some(format!("line {}: {error}", number + 1))),
        }
    }
    (inputs, None)
}

/// Runs the example.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = support::target_subdir("journals")?;
    let path = dir.join("order-1042.jsonl");
    let _ = fs::remove_file(&path);

    println!("-- the first process takes the order and journals every accepted input");
    let mut order = Order::new(Shop::default());
    let mut recorded = Journal::new();
    for input in [
        OrderInput::Pay { cents: 4_990 },
        OrderInput::Ship {
            tracking: "too-early".into(),
        },
        OrderInput::Pack,
        OrderInput::Ship {
            tracking: "1Z999AA10123456784".into(),
        },
    ] {
        match recorded.record(&mut order, input.clone()) {
            Ok(_) => {
                append(&path, &input)?;
                println!("accepted {:<9} -> {}", input.name(), order.state());
            }
            Err(refused) => println!("refused  {:<9} ({refused}); not journaled", input.name()),
        }
    }
    println!(
        "journal {}:\n{}",
        path.display(),
        fs::read_to_string(&path)?.trim_end()
    );
    let before_restart = (order.state(), order.core().clone());
    drop(order);

    println!("\n-- the process restarts: rebuild the order from its journal");
    let (inputs, problem) = read_journal(&path);
    assert!(problem.is_none());
    let state = journal::replay_state(OrderState::INITIAL, &inputs)?;
    println!("state only, no side effects: {state}");
    let mut rebuilt = Order::new(Shop::default());
    let accepted = journal::replay(&mut rebuilt, inputs)?;
    println!(
        "full replay of {accepted} inputs: {} with log {:?}",
        rebuilt.state(),
        rebuilt.core().log
    );
    assert_eq!((rebuilt.state(), rebuilt.core().clone()), before_restart);

    println!("\n-- a snapshot: the machine as [state, core]");
    let snapshot = serde_json::to_string(&rebuilt)?;
    println!("{snapshot}");
    let restored: Order<Shop> = serde_json::from_str(&snapshot)?;
    println!("restored: {}", restored.state());
    match serde_json::from_str::<Order<Shop>>(&snapshot.replace("Shipped", "Lost")) {
        Ok(_) => unreachable!("`Lost` is no state of Order"),
        Err(error) => println!("a snapshot naming a removed state: {error}"),
    }

    println!("\n-- a journal cut off mid-line by a crash");
    let truncated = dir.join("order-1043.jsonl");
    fs::write(
        &truncated,
        "[\"pay\",[1200]]\n[\"pack\",null]\n[\"ship\",[\"1Z9",
    )?;
    let (inputs, problem) = read_journal(&truncated);
    println!(
        "read {} good entries, then {}",
        inputs.len(),
        problem.unwrap_or_default()
    );
    println!(
        "state from the good entries: {}",
        journal::replay_state(OrderState::INITIAL, &inputs)?
    );

    println!("\n-- a journal with an input that is invalid where it stands");
    let invalid = dir.join("order-1044.jsonl");
    fs::write(
        &invalid,
        "[\"pay\",[800]]\n[\"deliver\",null]\n[\"pack\",null]\n",
    )?;
    let (inputs, _) = read_journal(&invalid);
    let mut order = Order::new(Shop::default());
    match journal::replay(&mut order, inputs) {
        Ok(_) => unreachable!("`deliver` is refused while Paid"),
        Err(error) => println!(
            "{error}; the order stays {} (charged {} cents)",
            order.state(),
            order.core().charged
        ),
    }
    Ok(())
}
