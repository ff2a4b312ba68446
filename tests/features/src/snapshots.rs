//! Snapshots and journals with the `serde` feature: stable names, round trips through JSON and a
//! binary format, and the bad cases (unknown names, truncated entries, inputs invalid where they
//! stand) failing with an error that says where, never a panic or a silent fallback.

automat_rs::machine! {
    /// A kettle; `Boiling` was called `Hot` in an older release, and snapshots still say so.
    #[derive_input(Debug, Clone, PartialEq)]
    #[serde]
    #[derive_return(Debug)]
    pub machine Kettle {
        initial state Cold;
        #[serialized = "Hot"]
        state Boiling;
        state Empty;
        /// Formerly `switch_on`.
        #[serialized = "switch_on"]
        input boil(target_celsius: u8);
        input pour(millilitres: u32, into: String);
        input refill();
        output heat(target_celsius: u8);
        output log_pour(millilitres: u32, into: String);
        Cold + boil => Boiling / heat;
        Boiling + pour => Empty / log_pour;
        Empty + refill => Cold;
    }
}

/// A kettle's hardware, saved in snapshots.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Element {
    /// Heating requests.
    pub heated: Vec<u8>,
    /// Pours.
    pub poured: u32,
}

impl KettleOutputs for Element {
    fn heat(&mut self, target_celsius: u8) {
        self.heated.push(target_celsius);
    }
    fn log_pour(&mut self, millilitres: u32, _into: String) {
        self.poured += millilitres;
    }
}

#[cfg(test)]
mod tests {
    use automat_rs::journal::{self, Journal};
    use automat_rs::MachineState;

    use super::{Element, Kettle, KettleInput, KettleState};

    fn journal() -> Vec<KettleInput> {
        vec![
            KettleInput::Boil { target_celsius: 96 },
            KettleInput::Pour {
                millilitres: 250,
                into: "mug".into(),
            },
            KettleInput::Refill,
        ]
    }

    #[test]
    fn states_and_inputs_serialize_by_stable_names() {
        assert_eq!(
            serde_json::to_string(&KettleState::Cold).unwrap(),
            r#""Cold""#
        );
        assert_eq!(
            serde_json::to_string(&KettleState::Boiling).unwrap(),
            r#""Hot""#
        );
        assert_eq!(
            serde_json::from_str::<KettleState>(r#""Hot""#).unwrap(),
            KettleState::Boiling
        );
        // `from_name` reads the declared name, as `name()` writes it; the stable name is serde's.
        assert_eq!(
            KettleState::from_name("Boiling"),
            Some(KettleState::Boiling)
        );
        assert_eq!(KettleState::from_name("Hot"), None);
        let entries: Vec<String> = journal()
            .iter()
            .map(|i| serde_json::to_string(i).unwrap())
            .collect();
        assert_eq!(
            entries,
            [
                r#"["switch_on",[96]]"#,
                r#"["pour",[250,"mug"]]"#,
                r#"["refill",null]"#
            ]
        );
    }

    #[test]
    fn everything_round_trips_through_json_and_a_binary_format() {
        for state in KettleState::ALL {
            let json = serde_json::to_string(state).unwrap();
            assert_eq!(serde_json::from_str::<KettleState>(&json).unwrap(), *state);
            let bytes = postcard::to_allocvec(state).unwrap();
            assert_eq!(postcard::from_bytes::<KettleState>(&bytes).unwrap(), *state);
        }
        for input in journal() {
            let json = serde_json::to_string(&input).unwrap();
            assert_eq!(serde_json::from_str::<KettleInput>(&json).unwrap(), input);
            let bytes = postcard::to_allocvec(&input).unwrap();
            assert_eq!(postcard::from_bytes::<KettleInput>(&bytes).unwrap(), input);
        }
        let mut kettle = Kettle::new(Element::default());
        kettle.boil(90).unwrap();
        let json = serde_json::to_string(&kettle).unwrap();
        assert_eq!(json, r#"["Hot",{"heated":[90],"poured":0}]"#);
        let restored: Kettle<Element> = serde_json::from_str(&json).unwrap();
        assert_eq!(
            (restored.state(), restored.core()),
            (KettleState::Boiling, kettle.core())
        );
        let bytes = postcard::to_allocvec(&kettle).unwrap();
        let restored: Kettle<Element> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(
            (restored.state(), restored.core()),
            (KettleState::Boiling, kettle.core())
        );
        // The binary form holds the name too: renaming or reordering variants cannot remap it.
        assert!(bytes.windows(3).any(|w| w == b"Hot"));
    }

    #[test]
    fn unknown_names_are_errors_that_list_the_known_ones() {
        let error = serde_json::from_str::<KettleState>(r#""Boiling""#)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "unknown variant `Boiling`, expected one of `Cold`, `Hot`, `Empty` at line 1 column 9"
        );
        let error =
            serde_json::from_str::<Kettle<Element>>(r#"["Exploded",{"heated":[],"poured":0}]"#)
                .unwrap_err();
        assert!(
            error.to_string().starts_with("unknown variant `Exploded`"),
            "{error}"
        );
        let error = serde_json::from_str::<KettleInput>(r#"["boil",[96]]"#)
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with(
                "unknown variant `boil`, expected one of `switch_on`, `pour`, `refill`"
            ),
            "{error}"
        );
    }

    #[test]
    fn truncated_or_malformed_entries_are_errors() {
        for bad in [
            r#"["pour",[250]]"#,
            r#"["pour"]"#,
            r#"["switch_on",["hot"]]"#,
            r#"["switch_on",[96"#,
            "42",
        ] {
            assert!(
                serde_json::from_str::<KettleInput>(bad).is_err(),
                "{bad} must not parse"
            );
        }
        let bytes = postcard::to_allocvec(&KettleInput::Pour {
            millilitres: 250,
            into: "mug".into(),
        })
        .unwrap();
        assert!(postcard::from_bytes::<KettleInput>(&bytes[..bytes.len() - 2]).is_err());
    }

    #[test]
    fn a_journal_records_accepted_inputs_only_and_rebuilds_the_state_both_ways() {
        let mut kettle = Kettle::new(Element::default());
        let mut recorded = Journal::new();
        recorded
            .record(&mut kettle, KettleInput::Refill)
            .unwrap_err();
        for input in journal() {
            recorded.record(&mut kettle, input).unwrap();
        }
        recorded
            .record(&mut kettle, KettleInput::Boil { target_celsius: 80 })
            .unwrap();
        assert_eq!(
            recorded.entries().len(),
            4,
            "the refused input is not recorded"
        );

        let text: Vec<String> = recorded
            .entries()
            .iter()
            .map(|i| serde_json::to_string(i).unwrap())
            .collect();
        let read: Vec<KettleInput> = text
            .iter()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(
            journal::replay_state(KettleState::INITIAL, &read),
            Ok(kettle.state())
        );
        let mut rebuilt = Kettle::new(Element::default());
        assert_eq!(journal::replay(&mut rebuilt, read), Ok(4));
        assert_eq!(
            (rebuilt.state(), rebuilt.core()),
            (kettle.state(), kettle.core())
        );
    }

    #[test]
    fn an_input_invalid_where_it_stands_stops_the_replay_at_the_last_good_state() {
        let mut entries = journal();
        entries.insert(1, KettleInput::Refill); // refill while boiling
        let error = journal::replay_state(KettleState::INITIAL, &entries).unwrap_err();
        assert_eq!(
            (
                error.position,
                error.error.state(),
                error.error.input().name
            ),
            (1, KettleState::Boiling, "refill")
        );
        assert_eq!(
            error.to_string(),
            "journal entry 1: machine `Kettle` has no transition from state `Boiling` on input `refill`"
        );
        let mut kettle = Kettle::new(Element::default());
        let error = journal::replay(&mut kettle, entries).unwrap_err();
        assert_eq!(error.position, 1);
        assert_eq!(
            kettle.state(),
            KettleState::Boiling,
            "the machine holds the last good state"
        );
        assert_eq!(
            kettle.core().heated,
            [96],
            "outputs ran up to the bad entry and no further"
        );
    }

    #[test]
    fn the_transition_function_is_const() {
        const AFTER: Option<KettleState> = KettleState::Cold.next(&KettleInput::Refill);
        const BOILING: Option<KettleState> =
            KettleState::Cold.next(&KettleInput::Boil { target_celsius: 1 });
        assert_eq!((AFTER, BOILING), (None, Some(KettleState::Boiling)));
    }
}
