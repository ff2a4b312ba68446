//! The order-journal example runs to the end: journal written, process "restarted", state
//! rebuilt both ways, truncated and invalid journals reported (feature `serde`).
#![cfg(feature = "serde")]
#![allow(missing_docs)]

#[path = "../examples/order_journal.rs"]
mod order_journal;

#[test]
fn the_order_journal_example_runs() {
    order_journal::main().unwrap();
}
