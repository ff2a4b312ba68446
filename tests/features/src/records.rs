//! Journals of a machine that decides (guards, fallible outputs) with the `serde` feature: each
//! record is the input and the state it led to, by stable names, so a journal written to a file
//! rebuilds the state without evaluating a guard again, and a record the declaration cannot take
//! is an error, not a guess.

automat_rs::machine! {
    /// A vending machine: the guard decides whether the coins are enough; dispensing can fail
    /// and then refunds.
    #[derive_input(Debug, Clone, PartialEq)]
    #[serde]
    pub machine Vending {
        initial state Idle;
        #[serialized = "Paying"]
        state Paid;
        state Refunding;
        input insert(cents: u32);
        input choose(item: String);
        input done();
        guard enough(cents: u32);
        output keep(cents: u32);
        output dispense(item: String) -> Result<(), String>;
        output refund(error: &str);
        Idle + insert [enough] => Paid / keep;
        Idle + insert => Idle;
        Paid + choose => Idle / dispense? else Refunding / refund;
        Refunding + done => Idle;
    }
}

/// The hardware: some items are sold out.
#[derive(Debug, Default)]
pub struct Slots {
    /// Items sold out.
    pub sold_out: Vec<String>,
    /// Coins kept.
    pub kept: u32,
}

impl VendingOutputs for Slots {
    fn keep(&mut self, cents: u32) {
        self.kept += cents;
    }
    fn dispense(&mut self, item: String) -> Result<(), String> {
        if self.sold_out.contains(&item) {
            Err(format!("{item} is sold out"))
        } else {
            Ok(())
        }
    }
    fn refund(&mut self, _error: &str) {}
    fn enough(&self, cents: &u32) -> bool {
        *cents >= 100
    }
}

#[cfg(test)]
mod tests {
    use automat_rs::journal::{self, Journal};
    use automat_rs::MachineState;

    use super::{Slots, Vending, VendingInput, VendingRecord, VendingState};

    #[test]
    fn a_journal_of_records_round_trips_by_stable_names_and_replays_without_guards() {
        let mut vending = Vending::new(Slots {
            sold_out: vec!["gum".into()],
            ..Slots::default()
        });
        let mut journal = Journal::new();
        for input in [
            VendingInput::Insert { cents: 50 },
            VendingInput::Insert { cents: 200 },
            VendingInput::Choose { item: "gum".into() },
            VendingInput::Done,
        ] {
            let _ = journal.record(&mut vending, input);
        }
        let json = serde_json::to_string(journal.entries()).unwrap();
        assert_eq!(
            json,
            r#"[[["insert",[50]],"Idle"],[["insert",[200]],"Paying"],[["choose",["gum"]],"Refunding"],[["done",null],"Idle"]]"#
        );
        let read: Vec<VendingRecord> = serde_json::from_str(&json).unwrap();
        assert_eq!(read.len(), 4);
        assert_eq!(read[1].input, VendingInput::Insert { cents: 200 });
        assert_eq!(read[2].to, VendingState::Refunding);
        assert_eq!(
            journal::replay_state(VendingState::INITIAL, &read),
            Ok(VendingState::Idle)
        );
        // Up to the diversion: the journal's own state, no guard, no output.
        assert_eq!(
            journal::replay_state(VendingState::INITIAL, &read[..3]),
            Ok(VendingState::Refunding)
        );
    }

    #[test]
    fn a_record_the_declaration_cannot_take_is_an_error_where_it_stands() {
        // `insert` from `Idle` can lead to `Idle` or `Paying`, never to `Refunding`.
        let forged = r#"[[["insert",[5]],"Idle"],[["insert",[5]],"Refunding"]]"#;
        let read: Vec<VendingRecord> = serde_json::from_str(forged).unwrap();
        let error = journal::replay_state(VendingState::INITIAL, &read).unwrap_err();
        assert_eq!(error.position, 1);
        assert_eq!(error.error.state(), VendingState::Idle);
        // An unknown state name is a deserialization error that lists the valid ones.
        let unknown = r#"[[["done",null],"Lost"]]"#;
        let message = serde_json::from_str::<Vec<VendingRecord>>(unknown)
            .unwrap_err()
            .to_string();
        assert!(
            message.contains("Lost") && message.contains("Paying"),
            "{message}"
        );
    }
}
