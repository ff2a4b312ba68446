//! History targets (PRODUCT.md, steps 3 and 6): `On.history*` re-enters the leaf the machine was
//! in when it last left `On`, `On.history` the child of `On` that held it (through that child's
//! initial states); before `On` was ever left, its initial leaf. Each test asserts the exact
//! sequence of exit and entry actions.
#![allow(missing_docs)] // test-only machines and cores

use automat_rs::machine;

machine! {
    /// statig's dishwasher with its door: open it in any step, close it to go back.
    #[derive_input(Debug, Clone, Copy, PartialEq)]
    pub machine Washer {
        initial state Off;
        state On {
            entry on_in; exit on_out;
            initial state Idle { entry idle_in; exit idle_out; }
            state Washing {
                entry washing_in; exit washing_out;
                initial state Rinse { entry rinse_in; exit rinse_out; }
                state Soak { entry soak_in; exit soak_out; }
            }
            state Drying { entry drying_in; exit drying_out; }
        }
        state DoorOpen { entry door_in; exit door_out; }

        input power(); input start(); input next(); input open(); input close(); input peek();
        input resume();

        output on_in(); output on_out();
        output idle_in(); output idle_out();
        output washing_in(); output washing_out();
        output rinse_in(); output rinse_out();
        output soak_in(); output soak_out();
        output drying_in(); output drying_out();
        output door_in(); output door_out();

        Off + power => On;
        Off + open => DoorOpen;
        Idle + start => Washing;
        Rinse + next => Soak;
        Soak + next => Drying;
        Drying + next => Idle;
        On + open => DoorOpen;
        DoorOpen + close => On.history*;
        DoorOpen + peek => On.history;
        // From inside the compound: it is left (and recorded), then re-entered by its history.
        Washing + resume => On.history*;
    }
}

#[derive(Default)]
pub struct Log(pub Vec<&'static str>);

macro_rules! actions {
    ($($name:ident),*) => {
        impl WasherOutputs for Log {
            $(fn $name(&mut self) { self.0.push(stringify!($name)); })*
        }
    };
}
actions!(
    on_in,
    on_out,
    idle_in,
    idle_out,
    washing_in,
    washing_out,
    rinse_in,
    rinse_out,
    soak_in,
    soak_out,
    drying_in,
    drying_out,
    door_in,
    door_out
);

fn drained(washer: &mut Washer<Log>) -> Vec<&'static str> {
    std::mem::take(&mut washer.core_mut().0)
}

fn soaking() -> Washer<Log> {
    let mut washer = Washer::new(Log::default());
    washer.power().unwrap();
    washer.start().unwrap();
    washer.next().unwrap();
    assert_eq!(washer.state(), WasherState::Soak);
    drained(&mut washer);
    washer
}

#[test]
fn deep_history_reenters_the_leaf_it_left() {
    let mut washer = soaking();
    assert_eq!(washer.history(WasherCompound::On), Some(WasherState::Idle));
    washer.open().unwrap();
    assert_eq!(
        drained(&mut washer),
        ["soak_out", "washing_out", "on_out", "door_in"]
    );
    assert_eq!(washer.history(WasherCompound::On), Some(WasherState::Soak));
    washer.close().unwrap();
    assert_eq!(washer.state(), WasherState::Soak);
    assert_eq!(
        drained(&mut washer),
        ["door_out", "on_in", "washing_in", "soak_in"]
    );
}

#[test]
fn shallow_history_reenters_the_child_through_its_initial_state() {
    let mut washer = soaking();
    washer.open().unwrap();
    drained(&mut washer);
    washer.peek().unwrap();
    assert_eq!(washer.state(), WasherState::Rinse);
    assert_eq!(
        drained(&mut washer),
        ["door_out", "on_in", "washing_in", "rinse_in"]
    );
}

#[test]
fn history_before_the_compound_was_left_is_its_initial_leaf() {
    let mut washer = Washer::new(Log::default());
    washer.open().unwrap();
    assert_eq!(drained(&mut washer), ["door_in"]);
    washer.close().unwrap();
    assert_eq!(washer.state(), WasherState::Idle);
    assert_eq!(drained(&mut washer), ["door_out", "on_in", "idle_in"]);
}

#[test]
fn a_history_target_inside_its_compound_leaves_and_records_first() {
    let mut washer = soaking();
    washer.resume().unwrap();
    assert_eq!(washer.state(), WasherState::Soak);
    assert_eq!(
        drained(&mut washer),
        [
            "soak_out",
            "washing_out",
            "on_out",
            "on_in",
            "washing_in",
            "soak_in"
        ]
    );
}

#[test]
fn the_latest_exit_is_what_history_holds() {
    let mut washer = soaking();
    washer.open().unwrap();
    washer.close().unwrap();
    washer.next().unwrap();
    assert_eq!(washer.state(), WasherState::Drying);
    washer.open().unwrap();
    washer.close().unwrap();
    assert_eq!(washer.state(), WasherState::Drying);
    assert_eq!(
        washer.history(WasherCompound::On),
        Some(WasherState::Drying)
    );
    // A compound no history target names records nothing.
    assert_eq!(washer.history(WasherCompound::Washing), None);
}

#[test]
fn a_journal_replays_history_steps_by_their_recorded_state() {
    let mut washer = soaking();
    let mut journal = automat_rs::journal::Journal::new();
    journal.record(&mut washer, WasherInput::Open).unwrap();
    journal.record(&mut washer, WasherInput::Close).unwrap();
    let replayed = automat_rs::journal::replay_state(WasherState::Soak, journal.entries()).unwrap();
    assert_eq!(replayed, WasherState::Soak);
    // The record says where the step went; a state the input cannot lead to is refused.
    let forged = [
        WasherRecord {
            input: WasherInput::Open,
            to: WasherState::DoorOpen,
        },
        WasherRecord {
            input: WasherInput::Close,
            to: WasherState::Off,
        },
    ];
    let error = automat_rs::journal::replay_state(WasherState::Soak, forged).unwrap_err();
    assert_eq!(
        (error.position, error.error.state()),
        (1, WasherState::DoorOpen)
    );
}
