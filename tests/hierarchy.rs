//! Compound states (PRODUCT.md, steps 3 and 6, "Hierarchy is flattened"): a transition on a
//! compound applies to every leaf inside it without one of its own; a compound target enters its
//! initial children; exits run innermost first up to the transition's domain, entries outermost
//! first below it. Each test asserts the exact sequence of actions, against a small reference
//! interpreter of those rules written here.
#![allow(missing_docs)] // test-only machines and cores

use automat_rs::{machine, MachineState};

machine! {
    /// statig's dishwasher, with a door that can open in any step of the wash.
    #[derive_input(Debug, Clone, Copy, PartialEq)]
    pub machine Dishwasher {
        initial state Off { entry off_in; exit off_out; }
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

        input power();
        input start();
        input next();
        input restart();
        input again();
        input open();
        input close();
        input wait();

        output off_in(); output off_out();
        output on_in(); output on_out();
        output idle_in(); output idle_out();
        output washing_in(); output washing_out();
        output rinse_in(); output rinse_out();
        output soak_in(); output soak_out();
        output drying_in(); output drying_out();
        output door_in(); output door_out();
        output note();

        Off + power => On;
        On + power => Off;
        Idle + start => Washing;
        Rinse + next => Soak;
        Soak + next => Drying;
        Drying + next => Idle;
        // Targets inside the source: internal (Washing is not exited).
        Washing + restart => Rinse;
        // The compound as its own target: a self-loop, unless `reenter`.
        Washing + wait => Washing / note;
        Washing + again => reenter Washing;
        // From any state inside On (an explicit transition on a leaf would win).
        On + open => DoorOpen;
        DoorOpen + close => On;
    }
}

#[derive(Default)]
pub struct Log(pub Vec<&'static str>);

macro_rules! actions {
    ($($name:ident),*) => {
        impl DishwasherOutputs for Log {
            $(fn $name(&mut self) { self.0.push(stringify!($name)); })*
        }
    };
}
actions!(
    off_in,
    off_out,
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
    door_out,
    note
);

fn step(machine: &mut Dishwasher<Log>, input: DishwasherInput) -> Vec<&'static str> {
    machine.core_mut().0.clear();
    machine.handle(input).expect("the input is accepted");
    std::mem::take(&mut machine.core_mut().0)
}

#[test]
fn the_machine_starts_in_the_leaf_its_initial_states_lead_to() {
    let mut machine = Dishwasher::new(Log::default());
    assert_eq!(machine.state(), DishwasherState::Off);
    assert_eq!(machine.core().0, ["off_in"]);
    // A compound target is entered outermost first, through its initial child.
    assert_eq!(
        step(&mut machine, DishwasherInput::Power),
        ["off_out", "on_in", "idle_in"]
    );
    assert_eq!(machine.state(), DishwasherState::Idle);
}

#[test]
fn exits_run_innermost_first_up_to_the_domain_and_entries_outermost_first_below_it() {
    let mut machine = Dishwasher::new(Log::default());
    step(&mut machine, DishwasherInput::Power);
    // Siblings inside On: On is the domain and neither exits nor enters.
    assert_eq!(
        step(&mut machine, DishwasherInput::Start),
        ["idle_out", "washing_in", "rinse_in"]
    );
    assert_eq!(
        step(&mut machine, DishwasherInput::Next),
        ["rinse_out", "soak_in"]
    );
    // Cousins: out of Washing, into Drying.
    assert_eq!(
        step(&mut machine, DishwasherInput::Next),
        ["soak_out", "washing_out", "drying_in"]
    );
    // Out of everything: the leaf, then each compound around it.
    step(&mut machine, DishwasherInput::Next);
    step(&mut machine, DishwasherInput::Start);
    assert_eq!(
        step(&mut machine, DishwasherInput::Power),
        ["rinse_out", "washing_out", "on_out", "off_in"]
    );
    assert_eq!(machine.state(), DishwasherState::Off);
}

#[test]
fn a_transition_on_a_compound_applies_to_every_leaf_inside_it() {
    for path in [
        &[DishwasherInput::Power][..],
        &[DishwasherInput::Power, DishwasherInput::Start],
        &[
            DishwasherInput::Power,
            DishwasherInput::Start,
            DishwasherInput::Next,
        ],
        &[
            DishwasherInput::Power,
            DishwasherInput::Start,
            DishwasherInput::Next,
            DishwasherInput::Next,
        ],
    ] {
        let mut machine = Dishwasher::new(Log::default());
        for &input in path {
            step(&mut machine, input);
        }
        let leaf = machine.state();
        let exits = step(&mut machine, DishwasherInput::Open);
        assert_eq!(exits.last(), Some(&"door_in"), "{leaf}");
        assert_eq!(exits[exits.len() - 2], "on_out", "{leaf}");
        assert_eq!(exits, reference_exits(leaf), "{leaf}");
        assert_eq!(machine.state(), DishwasherState::DoorOpen);
        // And back: On enters its initial child.
        assert_eq!(
            step(&mut machine, DishwasherInput::Close),
            ["door_out", "on_in", "idle_in"]
        );
    }
}

/// The reference rule for `On + open => DoorOpen` from `leaf`: the leaf's exit, then each
/// compound around it up to the top, then `DoorOpen`'s entry.
fn reference_exits(leaf: DishwasherState) -> Vec<&'static str> {
    let chain: &[&'static str] = match leaf {
        DishwasherState::Idle => &["idle_out", "on_out"],
        DishwasherState::Rinse => &["rinse_out", "washing_out", "on_out"],
        DishwasherState::Soak => &["soak_out", "washing_out", "on_out"],
        DishwasherState::Drying => &["drying_out", "on_out"],
        other => panic!("not inside On: {other}"),
    };
    let mut exits = chain.to_vec();
    exits.push("door_in");
    exits
}

#[test]
fn a_target_inside_the_source_is_internal_and_a_self_target_stays_unless_reenter() {
    let mut machine = Dishwasher::new(Log::default());
    step(&mut machine, DishwasherInput::Power);
    step(&mut machine, DishwasherInput::Start);
    step(&mut machine, DishwasherInput::Next);
    assert_eq!(machine.state(), DishwasherState::Soak);
    // `Washing + restart => Rinse`: Washing stays entered.
    assert_eq!(
        step(&mut machine, DishwasherInput::Restart),
        ["soak_out", "rinse_in"]
    );
    // From Rinse itself: the leaf still exits and re-enters (the domain is Washing).
    assert_eq!(
        step(&mut machine, DishwasherInput::Restart),
        ["rinse_out", "rinse_in"]
    );
    step(&mut machine, DishwasherInput::Next);
    // `Washing + wait => Washing`: a self-loop, nothing exits, the leaf stays.
    assert_eq!(step(&mut machine, DishwasherInput::Wait), ["note"]);
    assert_eq!(machine.state(), DishwasherState::Soak);
    // `=> reenter Washing`: out of the leaf and Washing, back in through the initial child.
    assert_eq!(
        step(&mut machine, DishwasherInput::Again),
        ["soak_out", "washing_out", "washing_in", "rinse_in"]
    );
    assert_eq!(machine.state(), DishwasherState::Rinse);
}

#[test]
fn inputs_no_state_up_the_tree_takes_are_refused_and_change_nothing() {
    let mut machine = Dishwasher::new(Log::default());
    step(&mut machine, DishwasherInput::Power);
    machine.core_mut().0.clear();
    let Err(refused) = machine.handle(DishwasherInput::Next) else {
        panic!("Idle takes no `next`");
    };
    assert_eq!(refused.state(), DishwasherState::Idle);
    assert!(machine.core().0.is_empty());
    assert_eq!(machine.state(), DishwasherState::Idle);
    // The state enum lists the leaves only.
    let names: Vec<&str> = DishwasherState::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(
        names,
        ["Off", "Idle", "Rinse", "Soak", "Drying", "DoorOpen"]
    );
}

#[test]
fn the_description_records_each_states_parent_and_the_diagrams_draw_compounds_as_clusters() {
    let d = Dishwasher::description();
    let names: Vec<&str> = d.compounds.iter().map(|c| c.name).collect();
    assert_eq!(names, ["On", "Washing"]);
    assert_eq!(d.compounds[1].parent, Some(0));
    let parent = |state: &str| {
        let index = d
            .states
            .iter()
            .position(|s| s.name == state)
            .expect("a state");
        d.ancestors(index)
            .map(|c| d.compounds[c].name)
            .collect::<Vec<_>>()
    };
    assert_eq!(parent("Soak"), ["Washing", "On"]);
    assert_eq!(parent("Idle"), ["On"]);
    assert!(parent("DoorOpen").is_empty());
    // The machine starts in `Off`; `Idle` and `Rinse` are initial only inside their compounds.
    let initial: Vec<&str> = d
        .states
        .iter()
        .filter(|s| s.initial)
        .map(|s| s.name)
        .collect();
    assert_eq!(initial, ["Off"]);
    let entry: Vec<&str> = d.compounds[1]
        .entry
        .iter()
        .map(|&o| d.outputs[o].name)
        .collect();
    assert_eq!(entry, ["washing_in"]);

    let dot = d.dot().to_string();
    let on = dot
        .find("subgraph \"cluster_On\"")
        .expect("On is a cluster");
    let washing = dot
        .find("subgraph \"cluster_Washing\"")
        .expect("Washing is a cluster");
    let soak = dot.find("\"Soak\" [").expect("Soak is drawn");
    let door = dot.find("\"DoorOpen\" [").expect("DoorOpen is drawn");
    assert!(on < washing && washing < soak, "{dot}");
    assert!(door < on, "DoorOpen is outside every cluster:\n{dot}");
    assert!(dot.contains("entry / washing_in"), "{dot}");
    // `On + open` is drawn once, from On's border, not from each of its four states.
    let open = d
        .rules()
        .find(|r| d.inputs[r.transition().input].name == "open")
        .unwrap();
    assert_eq!(open.transition().within, Some(0));
    let from_on = format!("-> \"t#{}\":tableport:w", open.index());
    assert_eq!(dot.matches(&from_on).count(), 1, "{dot}");
    assert!(dot.contains("ltail=\"cluster_On\""), "{dot}");

    let mermaid = d.mermaid().to_string();
    assert!(mermaid.contains("state \"On\" as c0 {"), "{mermaid}");
    assert!(
        mermaid.contains("    state \"Washing\" as c1 {"),
        "{mermaid}"
    );
}

#[test]
fn a_state_says_which_compounds_it_is_in() {
    use DishwasherCompound::{On, Washing};
    let inside = |state: DishwasherState| {
        [On, Washing]
            .into_iter()
            .filter(|&c| state.is_in(c))
            .collect::<Vec<_>>()
    };
    assert_eq!(inside(DishwasherState::Soak), [On, Washing]);
    assert_eq!(inside(DishwasherState::Drying), [On]);
    assert!(inside(DishwasherState::DoorOpen).is_empty());
    // It agrees with the description.
    let d = Dishwasher::description();
    for (index, state) in DishwasherState::ALL.iter().enumerate() {
        let names: Vec<&str> = d.ancestors(index).map(|c| d.compounds[c].name).collect();
        let from_tag: Vec<&str> = inside(*state)
            .into_iter()
            .map(|c| d.compounds[c as usize].name)
            .collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        let mut tag_sorted = from_tag.clone();
        tag_sorted.sort_unstable();
        assert_eq!(sorted, tag_sorted, "{state}");
    }
}

#[test]
fn the_table_names_each_states_compound_and_lists_the_compounds() {
    let table = Dishwasher::description().table().to_string();
    assert!(table.contains("| state | in | entry | exit |"), "{table}");
    assert!(
        table.contains("| `Soak` | `Washing` | `soak_in` | `soak_out` |"),
        "{table}"
    );
    assert!(
        table.contains("| `Off` |  | `off_in` | `off_out` |"),
        "{table}"
    );
    assert!(
        table.contains("| `Washing` | `On` | `washing_in` | `washing_out` |"),
        "{table}"
    );
    assert!(
        table.contains("| `On` |  | `on_in` | `on_out` |"),
        "{table}"
    );
}
