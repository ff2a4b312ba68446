//! Snapshots keep the recorded history (`serde` feature): `[state, core, {"On": "Soak"}]`, each
//! compound by name; a snapshot without it restores the initial leaves; an unknown compound or a
//! leaf outside its compound is an error and nothing is restored.

automat_rs::machine! {
    /// A washer whose door can open in any step, and which goes back to that step.
    #[serde]
    pub machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Washing {
                initial state Rinse;
                state Soak;
            }
        }
        state DoorOpen;
        input power(); input start(); input next(); input open(); input close();
        Off + power => On;
        Idle + start => Washing;
        Rinse + next => Soak;
        Soak + next => Idle;
        On + open => DoorOpen;
        DoorOpen + close => On.history*;
        On + power => Off;
    }
}

/// The washer's panel, saved in snapshots.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Panel;

// No outputs: any type is the core (a blanket impl).

#[cfg(test)]
mod tests {
    use super::*;

    fn opened_while_soaking() -> Washer<Panel> {
        let mut washer = Washer::new(Panel);
        washer.power().unwrap();
        washer.start().unwrap();
        washer.next().unwrap();
        washer.open().unwrap();
        washer
    }

    #[test]
    fn a_snapshot_keeps_the_history_by_compound_name() {
        let washer = opened_while_soaking();
        let json = serde_json::to_string(&washer).unwrap();
        assert_eq!(json, r#"["DoorOpen",null,{"On":"Soak"}]"#);
        let mut restored: Washer<Panel> = serde_json::from_str(&json).unwrap();
        assert_eq!(
            restored.history(WasherCompound::On),
            Some(WasherState::Soak)
        );
        restored.close().unwrap();
        assert_eq!(restored.state(), WasherState::Soak);
    }

    #[test]
    fn a_snapshot_without_history_restores_the_initial_leaves() {
        let mut restored: Washer<Panel> = serde_json::from_str(r#"["DoorOpen",null]"#).unwrap();
        assert_eq!(
            restored.history(WasherCompound::On),
            Some(WasherState::Idle)
        );
        restored.close().unwrap();
        assert_eq!(restored.state(), WasherState::Idle);
    }

    #[test]
    fn a_history_outside_its_compound_or_of_an_unknown_one_is_an_error() {
        let outside = serde_json::from_str::<Washer<Panel>>(r#"["DoorOpen",null,{"On":"Off"}]"#);
        assert_eq!(
            outside.unwrap_err().to_string(),
            "the history of `On` names `Off`, which is not inside it at line 1 column 29"
        );
        let unknown =
            serde_json::from_str::<Washer<Panel>>(r#"["DoorOpen",null,{"Washing":"Soak"}]"#);
        assert_eq!(
            unknown.unwrap_err().to_string(),
            "unknown field `Washing`, expected `On` at line 1 column 27"
        );
    }
}
