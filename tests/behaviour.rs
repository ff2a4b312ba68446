//! Behaviour of generated machines: states, outputs and their arguments, return values, refusals.
#![allow(missing_docs)] // test-only machines and cores

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;

use automat_rs::{machine, Machine, MachineState, NoTransition};

/// Beans that count how often they were cloned, to check the argument-passing rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Beans {
    kind: &'static str,
    clones: Rc<Cell<u32>>,
}

impl Clone for Beans {
    fn clone(&self) -> Self {
        self.clones.set(self.clones.get() + 1);
        Beans {
            kind: self.kind,
            clones: Rc::clone(&self.clones),
        }
    }
}

/// A cup of coffee, brewed from the named beans.
#[derive(Debug, PartialEq, Eq)]
pub struct Cup(&'static str);

machine! {
    /// The coffee brewer, with every kind of output use.
    pub machine Brewer {
        initial state Empty;
        state Ready;
        state Brewing;
        final state Broken;

        input put_in_beans(beans: Beans, grams: u32);
        input brew() -> Cup;
        input done();
        input kick();
        input tap() -> u32;

        output weigh(grams: u32);
        output inspect(beans: &Beans);
        output store(beans: Beans);
        output archive(beans: Beans);
        output heat() -> Cup;
        output beep();
        output complain();
        output count_taps() -> u32;

        Empty   + put_in_beans => Ready   / inspect, store, weigh, archive;
        Ready   + brew         => Brewing / beep, heat, beep;
        Brewing + done         => Empty;
        Ready   + tap          => Ready   / count_taps;
        _       + tap          => Empty   / count_taps;
        _       + kick         => Broken  / complain;
    }
}

/// A core that records every output call with its arguments.
#[derive(Debug, Default, Clone)]
pub struct Recorder {
    calls: Vec<String>,
    stored: Option<Beans>,
    archived: Option<Beans>,
    taps: u32,
    panic_in_beep: bool,
}

impl BrewerOutputs for Recorder {
    fn weigh(&mut self, grams: u32) {
        self.calls.push(format!("weigh({grams})"));
    }
    fn inspect(&mut self, beans: &Beans) {
        self.calls.push(format!("inspect({})", beans.kind));
    }
    fn store(&mut self, beans: Beans) {
        self.calls.push(format!("store({})", beans.kind));
        self.stored = Some(beans);
    }
    fn archive(&mut self, beans: Beans) {
        self.calls.push(format!("archive({})", beans.kind));
        self.archived = Some(beans);
    }
    fn heat(&mut self) -> Cup {
        self.calls.push("heat".to_owned());
        Cup(self.stored.as_ref().map_or("water", |b| b.kind))
    }
    fn beep(&mut self) {
        self.calls.push("beep".to_owned());
        assert!(!self.panic_in_beep, "the beeper broke");
    }
    fn complain(&mut self) {
        self.calls.push("complain".to_owned());
    }
    fn count_taps(&mut self) -> u32 {
        self.taps += 1;
        self.calls.push("count_taps".to_owned());
        self.taps
    }
}

fn beans(kind: &'static str) -> (Beans, Rc<Cell<u32>>) {
    let clones = Rc::new(Cell::new(0));
    (
        Beans {
            kind,
            clones: Rc::clone(&clones),
        },
        clones,
    )
}

#[test]
fn starts_in_the_initial_state() {
    let brewer = Brewer::new(Recorder::default());
    assert_eq!(brewer.state(), BrewerState::Empty);
    assert_eq!(BrewerState::INITIAL, BrewerState::Empty);
    assert!(brewer.core().calls.is_empty());
}

#[test]
fn transitions_move_the_state_and_run_outputs_in_declaration_order() {
    let mut brewer = Brewer::new(Recorder::default());
    let (arabica, _) = beans("arabica");
    brewer.put_in_beans(arabica, 18).unwrap();
    assert_eq!(brewer.state(), BrewerState::Ready);
    assert_eq!(
        brewer.core().calls,
        [
            "inspect(arabica)",
            "store(arabica)",
            "weigh(18)",
            "archive(arabica)"
        ]
    );

    let cup = brewer.brew().unwrap();
    assert_eq!(cup, Cup("arabica"));
    assert_eq!(brewer.state(), BrewerState::Brewing);
    assert_eq!(brewer.core().calls[4..], ["beep", "heat", "beep"]);

    brewer.done().unwrap();
    assert_eq!(brewer.state(), BrewerState::Empty);
    assert_eq!(
        brewer.core().calls.len(),
        7,
        "a transition without outputs calls nothing"
    );
}

#[test]
fn an_argument_used_by_several_outputs_is_cloned_for_all_but_its_last_use() {
    let mut brewer = Brewer::new(Recorder::default());
    let (arabica, clones) = beans("arabica");
    brewer.put_in_beans(arabica, 18).unwrap();
    // `inspect` borrows, `store` takes a clone, `archive` (the last use) takes the original.
    assert_eq!(clones.get(), 1);
    let core = brewer.into_core();
    assert_eq!(core.stored.unwrap().kind, "arabica");
    assert_eq!(core.archived.unwrap().kind, "arabica");
}

#[test]
fn a_refused_input_is_an_error_and_changes_nothing() {
    let mut brewer = Brewer::new(Recorder::default());
    let error: NoTransition<BrewerState> = brewer.brew().unwrap_err();
    assert_eq!(brewer.state(), BrewerState::Empty);
    assert!(
        brewer.core().calls.is_empty(),
        "no output may run: {:?}",
        brewer.core().calls
    );
    assert_eq!(error.state(), BrewerState::Empty);
    assert_eq!(error.input().name, "brew");
    assert_eq!(error.machine().name, "Brewer");
    assert_eq!(
        error.to_string(),
        "machine `Brewer` has no transition from state `Empty` on input `brew`"
    );
    assert_eq!(
        format!("{error:?}"),
        r#"NoTransition { machine: "Brewer", state: Empty, input: "brew" }"#
    );
    let boxed: Box<dyn std::error::Error> = Box::new(error);
    assert!(boxed.to_string().contains("`Empty`"));
}

#[test]
fn a_refused_input_drops_its_arguments_without_running_outputs() {
    let mut brewer = Brewer::new(Recorder::default());
    brewer.put_in_beans(beans("first").0, 1).unwrap();
    let (second, clones) = beans("second");
    let error = brewer.put_in_beans(second, 2).unwrap_err();
    assert_eq!(error.state(), BrewerState::Ready);
    assert_eq!(clones.get(), 0);
    assert_eq!(brewer.core().stored.as_ref().unwrap().kind, "first");
}

#[test]
fn a_wildcard_covers_every_non_final_state_and_an_explicit_transition_overrides_it() {
    for (setup, before) in [
        (0, BrewerState::Empty),
        (1, BrewerState::Ready),
        (2, BrewerState::Brewing),
    ] {
        let mut brewer = Brewer::new(Recorder::default());
        if setup >= 1 {
            brewer.put_in_beans(beans("b").0, 1).unwrap();
        }
        if setup >= 2 {
            brewer.brew().unwrap();
        }
        assert_eq!(brewer.state(), before);
        let taps = brewer.tap().unwrap();
        assert_eq!(taps, 1);
        // `Ready + tap => Ready` is explicit; every other state takes `_ + tap => Empty`.
        let expected = if before == BrewerState::Ready {
            BrewerState::Ready
        } else {
            BrewerState::Empty
        };
        assert_eq!(brewer.state(), expected, "tap from {before}");

        brewer.kick().unwrap();
        assert_eq!(brewer.state(), BrewerState::Broken);
    }
}

#[test]
fn a_final_state_accepts_no_input_not_even_through_a_wildcard() {
    let mut brewer = Brewer::new(Recorder::default());
    brewer.kick().unwrap();
    let calls = brewer.core().calls.len();
    assert_eq!(brewer.kick().unwrap_err().state(), BrewerState::Broken);
    assert_eq!(brewer.tap().unwrap_err().input().name, "tap");
    assert_eq!(brewer.core().calls.len(), calls);
    assert!(BrewerState::Broken.is_final());
    assert!(!BrewerState::Empty.is_final());
}

#[test]
fn a_self_loop_runs_its_outputs_and_keeps_the_state() {
    let mut brewer = Brewer::new(Recorder::default());
    brewer.put_in_beans(beans("b").0, 1).unwrap();
    assert_eq!(brewer.tap().unwrap(), 1);
    assert_eq!(brewer.tap().unwrap(), 2);
    assert_eq!(brewer.state(), BrewerState::Ready);
}

#[test]
fn the_state_is_committed_before_the_outputs_run_so_a_panicking_output_leaves_the_target_state() {
    let mut brewer = Brewer::new(Recorder::default());
    brewer.put_in_beans(beans("b").0, 1).unwrap();
    brewer.core_mut().panic_in_beep = true;
    let result = catch_unwind(AssertUnwindSafe(|| brewer.brew()));
    assert!(result.is_err(), "the output's panic propagates");
    assert_eq!(
        brewer.state(),
        BrewerState::Brewing,
        "the transition happened"
    );
    assert_eq!(
        brewer.core().calls.last().map(String::as_str),
        Some("beep"),
        "outputs after the panic did not run"
    );
    assert!(!brewer.core().calls.contains(&"heat".to_owned()));
}

#[test]
fn handle_dispatches_input_values_and_returns_what_the_input_returned() {
    let mut brewer = Brewer::new(Recorder::default());
    let (arabica, _) = beans("arabica");
    assert!(matches!(
        brewer.handle(BrewerInput::PutInBeans {
            beans: arabica,
            grams: 7
        }),
        Ok(BrewerReturn::PutInBeans)
    ));
    match brewer.handle(BrewerInput::Brew) {
        Ok(BrewerReturn::Brew(cup)) => assert_eq!(cup, Cup("arabica")),
        _ => panic!("brew through handle must return the cup"),
    }
    let error = brewer.handle(BrewerInput::Brew).err().unwrap();
    assert_eq!(
        (error.state(), error.input().name),
        (BrewerState::Brewing, "brew")
    );
}

/// Generic code over any machine: replay inputs, stop at the first refusal.
fn replay<M: Machine>(machine: &mut M, inputs: Vec<M::Input>) -> Result<usize, (usize, M::Error)> {
    let mut accepted = 0;
    for (position, input) in inputs.into_iter().enumerate() {
        machine.handle(input).map_err(|error| (position, error))?;
        accepted += 1;
    }
    Ok(accepted)
}

#[test]
fn generic_code_drives_any_machine_through_the_machine_trait() {
    let mut brewer = Brewer::new(Recorder::default());
    let inputs = vec![
        BrewerInput::PutInBeans {
            beans: beans("b").0,
            grams: 1,
        },
        BrewerInput::Brew,
        BrewerInput::Done,
    ];
    assert_eq!(replay(&mut brewer, inputs), Ok(3));
    assert_eq!(Machine::state(&brewer), BrewerState::Empty);

    let bad = vec![BrewerInput::Done];
    let (position, error) = replay(&mut brewer, bad).unwrap_err();
    assert_eq!(position, 0);
    assert_eq!(error.state(), BrewerState::Empty);
    assert_eq!(<Brewer<Recorder> as Machine>::description().name, "Brewer");
}

#[test]
fn states_know_their_names_order_and_description() {
    assert_eq!(
        BrewerState::ALL,
        [
            BrewerState::Empty,
            BrewerState::Ready,
            BrewerState::Brewing,
            BrewerState::Broken
        ]
    );
    for (index, state) in BrewerState::ALL.iter().enumerate() {
        assert_eq!(state.index(), index);
        assert_eq!(BrewerState::from_name(state.name()), Some(*state));
        assert_eq!(state.to_string(), format!("{state:?}"));
        assert_eq!(MachineState::info(*state).name, state.name());
    }
    assert_eq!(BrewerState::from_name("Missing"), None);
    assert!(BrewerState::Empty < BrewerState::Broken);
}

#[test]
fn the_description_lists_every_transition_with_wildcards_expanded() {
    let d = Brewer::description();
    assert_eq!(d.name, "Brewer");
    assert_eq!(d.docs, "The coffee brewer, with every kind of output use.");
    let names: Vec<_> = d
        .states
        .iter()
        .map(|s| (s.name, s.initial, s.is_final))
        .collect();
    assert_eq!(
        names,
        [
            ("Empty", true, false),
            ("Ready", false, false),
            ("Brewing", false, false),
            ("Broken", false, true)
        ]
    );
    let edges: Vec<_> = d
        .transitions
        .iter()
        .map(|t| {
            (
                d.states[t.source].name,
                d.inputs[t.input].name,
                d.states[t.target].name,
                t.wildcard,
            )
        })
        .collect();
    assert_eq!(
        edges,
        [
            ("Empty", "put_in_beans", "Ready", false),
            ("Ready", "brew", "Brewing", false),
            ("Brewing", "done", "Empty", false),
            ("Ready", "tap", "Ready", false),
            ("Empty", "tap", "Empty", true),
            ("Brewing", "tap", "Empty", true),
            ("Empty", "kick", "Broken", true),
            ("Ready", "kick", "Broken", true),
            ("Brewing", "kick", "Broken", true),
        ]
    );
    let put_in = &d.inputs[0];
    assert_eq!(
        put_in
            .params
            .iter()
            .map(|p| (p.name, p.ty))
            .collect::<Vec<_>>(),
        [("beans", "Beans"), ("grams", "u32")]
    );
    assert_eq!(d.inputs[1].returns, Some("Cup"));
    assert_eq!(d.outputs[1].params[0].ty, "&Beans");
    let first = d.transition(0, 0).unwrap();
    assert_eq!(
        first
            .outputs
            .iter()
            .map(|&o| d.outputs[o].name)
            .collect::<Vec<_>>(),
        ["inspect", "store", "weigh", "archive"]
    );
    assert!(d.transition(3, 4).is_none(), "Broken has no transitions");
}

#[test]
fn the_machine_is_its_core_plus_one_byte_of_state() {
    assert_eq!(std::mem::size_of::<BrewerState>(), 1);
    assert_eq!(std::mem::size_of::<Brewer<u64>>(), 16);
    assert_eq!(std::mem::size_of::<Option<BrewerState>>(), 1);
}

#[test]
fn machines_debug_and_clone_when_their_core_does() {
    let mut brewer = Brewer::new(Recorder::default());
    brewer.put_in_beans(beans("b").0, 1).unwrap();
    let copy = brewer.clone();
    assert_eq!(copy.state(), BrewerState::Ready);
    assert_eq!(copy.core().calls, brewer.core().calls);
    let debug = format!("{brewer:?}");
    assert!(
        debug.starts_with("Brewer { state: Ready, core: Recorder {"),
        "{debug}"
    );
}

machine! {
    /// No outputs: any type is a core.
    machine Switch {
        initial state Off;
        state On;
        input toggle();
        Off + toggle => On;
        On + toggle => Off;
    }
}

#[test]
fn a_machine_without_outputs_takes_any_core() {
    let mut switch = Switch::new(());
    switch.toggle().unwrap();
    assert_eq!(switch.state(), SwitchState::On);
    switch.toggle().unwrap();
    assert_eq!(switch.state(), SwitchState::Off);
    let mut counted = Switch::new(41_u8);
    *counted.core_mut() += 1;
    assert_eq!(counted.into_core(), 42);
}

machine! {
    /// Opt-outs: a state entered another way, an input and an output declared ahead of use.
    machine Job {
        initial state Queued;
        state Running;
        final state Done;
        /// Only ever restored, never reached by an input.
        #[allow(unreachable)]
        state Recovered;

        input start();
        input finish();
        /// Not wired up yet.
        #[allow(unused)]
        input cancel();

        output launch();
        /// Not wired up yet.
        #[allow(unused)]
        output notify();

        Queued + start => Running / launch;
        Running + finish => Done;
        Recovered + finish => Done;
    }
}

#[derive(Default)]
struct Launcher(u32);

impl JobOutputs for Launcher {
    fn launch(&mut self) {
        self.0 += 1;
    }
    fn notify(&mut self) {}
}

#[test]
fn opted_out_declarations_compile_and_an_unused_input_is_refused_everywhere() {
    let mut job = Job::new(Launcher::default());
    assert_eq!(job.cancel().unwrap_err().state(), JobState::Queued);
    job.start().unwrap();
    assert_eq!(job.cancel().unwrap_err().input().name, "cancel");
    job.finish().unwrap();
    assert_eq!(job.state(), JobState::Done);
    assert_eq!(job.core().0, 1);
    let d = Job::description();
    assert!(d
        .transition(
            d.state_index("Recovered").unwrap(),
            d.input_index("finish").unwrap()
        )
        .is_some());
}

mod observing {
    use std::cell::RefCell;
    use std::rc::Rc;

    use automat_rs::{machine, Coverage, MachineState, NoObserver, NoTransition, Observer};

    machine! {
        /// A turnstile whose outputs write into a shared log.
        pub machine Gate {
            initial state Locked;
            state Unlocked;
            input coin();
            input push();
            output unlock();
            output count();
            output lock();
            Locked + coin => Unlocked / unlock, count;
            Unlocked + coin => Unlocked / count;
            Unlocked + push => Locked / lock;
        }
    }

    type Log = Rc<RefCell<Vec<String>>>;

    pub struct Hardware(Log);

    impl GateOutputs for Hardware {
        fn unlock(&mut self) {
            self.0.borrow_mut().push("run unlock".into());
        }
        fn count(&mut self) {
            self.0.borrow_mut().push("run count".into());
        }
        fn lock(&mut self) {
            self.0.borrow_mut().push("run lock".into());
        }
    }

    pub struct Events(Log);

    impl Observer<GateState> for Events {
        fn transition(&mut self, from: GateState, input: usize, to: GateState) {
            let input = GateState::DESCRIPTION.inputs[input].name;
            self.0
                .borrow_mut()
                .push(format!("transition {from} + {input} => {to}"));
        }
        fn output(&mut self, state: GateState, output: usize) {
            let output = GateState::DESCRIPTION.outputs[output].name;
            self.0
                .borrow_mut()
                .push(format!("output {output} in {state}"));
        }
        fn rejected(&mut self, error: NoTransition<GateState>) {
            self.0.borrow_mut().push(format!(
                "rejected {} in {}",
                error.input().name,
                error.state()
            ));
        }
    }

    #[test]
    fn an_observer_sees_the_transition_then_each_output_before_it_runs_and_every_refusal() {
        let log: Log = Rc::default();
        let mut gate = Gate::new(Hardware(Rc::clone(&log))).observe(Events(Rc::clone(&log)));
        gate.push().unwrap_err();
        gate.coin().unwrap();
        gate.push().unwrap();
        assert_eq!(
            *log.borrow(),
            [
                "rejected push in Locked",
                "transition Locked + coin => Unlocked",
                "output unlock in Unlocked",
                "run unlock",
                "output count in Unlocked",
                "run count",
                "transition Unlocked + push => Locked",
                "output lock in Locked",
                "run lock",
            ]
        );
    }

    #[test]
    fn an_unobserved_machine_is_its_core_and_its_state_and_an_empty_observer_adds_nothing() {
        assert_eq!(std::mem::size_of::<Gate<u64>>(), 16);
        assert_eq!(std::mem::size_of::<GateObserved<u64, NoObserver>>(), 16);
    }

    #[test]
    fn an_observer_can_be_detached_and_the_machine_goes_on_where_it_was() {
        let log: Log = Rc::default();
        let mut watched = Gate::new(Hardware(Rc::clone(&log))).observe(Events(Rc::clone(&log)));
        watched.coin().unwrap();
        let (mut gate, _events) = watched.unobserve();
        assert_eq!(gate.state(), GateState::Unlocked);
        gate.push().unwrap();
        assert_eq!(log.borrow().last().map(String::as_str), Some("run lock"));
        assert!(
            !log.borrow()
                .iter()
                .any(|line| line.contains("Unlocked + push")),
            "detached: {:?}",
            log.borrow()
        );
    }

    #[test]
    fn coverage_reports_the_transitions_a_test_never_took() {
        let log: Log = Rc::default();
        let mut coverage = Coverage::<GateState>::new();
        {
            let mut gate = Gate::new(Hardware(Rc::clone(&log))).observe(&mut coverage);
            gate.coin().unwrap();
            gate.push().unwrap();
            gate.push().unwrap_err();
        }
        assert!(!coverage.is_complete());
        assert_eq!(
            coverage.missed().collect::<Vec<_>>(),
            [("Unlocked", "coin", "Unlocked")]
        );
        assert_eq!(coverage.counts(), [1, 0, 1]);
        assert_eq!(coverage.rejected(), 1);

        let mut gate = Gate::new(Hardware(log)).observe(&mut coverage);
        gate.coin().unwrap();
        gate.coin().unwrap();
        assert!(coverage.is_complete());
    }

    #[test]
    fn a_restored_machine_is_in_the_saved_state_and_runs_nothing_to_get_there() {
        let log: Log = Rc::default();
        let mut gate = Gate::restore(GateState::Unlocked, Hardware(Rc::clone(&log)));
        assert_eq!(gate.state(), GateState::Unlocked);
        assert!(log.borrow().is_empty());
        gate.push().unwrap();
        assert_eq!(gate.state(), GateState::Locked);
        assert_eq!(*log.borrow(), ["run lock"]);
    }
}

#[test]
fn an_input_no_state_accepts_is_refused_through_handle_too() {
    let mut job = Job::new(Launcher::default());
    let Err(error) = job.handle(JobInput::Cancel) else {
        panic!("`cancel` is refused everywhere")
    };
    assert_eq!(
        (error.state(), error.input().name),
        (JobState::Queued, "cancel")
    );
    assert_eq!(job.state(), JobState::Queued);
    let mut restored = Job::restore(JobState::Recovered, Launcher::default());
    assert!(restored.handle(JobInput::Finish).is_ok());
    assert_eq!(restored.state(), JobState::Done);
    assert_eq!(restored.core().0, 0);
}

machine! {
    /// One input with a different target and different outputs in each state (so its target
    /// comes from the transition table and its outputs from a `match` on the source state), one
    /// accepted by a single state, and one that goes to the same state from everywhere.
    #[derive_input(Debug, Clone, Copy)]
    #[derive_return(Debug, PartialEq)]
    machine Dial {
        initial state A;
        state B;
        state C;
        state D;
        input turn(step: u32) -> u32;
        input reset();
        input wake();
        output add(step: u32) -> u32;
        output sub(step: u32) -> u32;
        output note();
        A + turn => B / add;
        B + turn => C / sub;
        C + turn => A / note, add;
        D + wake => A / note;
        _ + reset => D;
    }
}

#[derive(Default, Clone, Debug, PartialEq)]
struct Dialled {
    total: u32,
    log: Vec<&'static str>,
}

impl DialOutputs for Dialled {
    fn add(&mut self, step: u32) -> u32 {
        self.log.push("add");
        self.total += step;
        self.total
    }
    fn sub(&mut self, step: u32) -> u32 {
        self.log.push("sub");
        self.total -= step.min(self.total);
        self.total
    }
    fn note(&mut self) {
        self.log.push("note");
    }
}

/// The dial, written out by hand: the target state and the outputs' names.
fn dial_reference(
    state: DialState,
    input: DialInput,
) -> Option<(DialState, &'static [&'static str])> {
    use DialState::{A, B, C, D};
    match (state, input) {
        (A, DialInput::Turn { .. }) => Some((B, &["add"])),
        (B, DialInput::Turn { .. }) => Some((C, &["sub"])),
        (C, DialInput::Turn { .. }) => Some((A, &["note", "add"])),
        (D, DialInput::Wake) => Some((A, &["note"])),
        (_, DialInput::Reset) => Some((D, &[])),
        _ => None,
    }
}

#[test]
fn table_dispatch_agrees_with_a_hand_written_match_through_every_entry_point() {
    let mut typed = Dial::new(Dialled::default());
    let mut by_value = Dial::new(Dialled::default());
    let mut observed = Dial::new(Dialled::default()).observe(automat_rs::Coverage::new());
    let mut state = DialState::A;
    let mut expected = Dialled::default();
    let mut x: u32 = 12345;
    for _ in 0..2_000 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let input = match x % 4 {
            0 | 1 => DialInput::Turn { step: x % 7 },
            2 => DialInput::Reset,
            _ => DialInput::Wake,
        };
        let reference = dial_reference(state, input);
        assert_eq!(state.next(&input), reference.map(|(next, _)| next));
        let typed_result = match input {
            DialInput::Turn { step } => typed.turn(step).map(DialReturn::Turn),
            DialInput::Reset => typed.reset().map(|()| DialReturn::Reset),
            DialInput::Wake => typed.wake().map(|()| DialReturn::Wake),
        };
        let by_value_result = by_value.handle(input);
        let observed_result = observed.handle(input);
        match reference {
            Some((next, outputs)) => {
                for &output in outputs {
                    expected.log.push(output);
                    if let DialInput::Turn { step } = input {
                        match output {
                            "add" => expected.total += step,
                            "sub" => expected.total -= step.min(expected.total),
                            _ => {}
                        }
                    }
                }
                let value = match input {
                    DialInput::Turn { .. } => DialReturn::Turn(expected.total),
                    DialInput::Reset => DialReturn::Reset,
                    DialInput::Wake => DialReturn::Wake,
                };
                state = next;
                assert_eq!(typed_result.unwrap(), value);
                assert_eq!(by_value_result.unwrap(), value);
                assert_eq!(observed_result.unwrap(), value);
            }
            None => {
                for error in [
                    typed_result.unwrap_err(),
                    by_value_result.unwrap_err(),
                    observed_result.unwrap_err(),
                ] {
                    assert_eq!(
                        (error.state(), error.input().name),
                        (state, input_name(input))
                    );
                }
            }
        }
        for machine in [&typed, &by_value] {
            assert_eq!((machine.state(), machine.core()), (state, &expected));
        }
        assert_eq!((observed.state(), observed.core()), (state, &expected));
    }
    // Every transition was taken at least once, as the observer saw it.
    let (_, coverage) = observed.unobserve();
    assert!(
        coverage.missed().next().is_none(),
        "untaken: {:?}",
        coverage.missed().collect::<Vec<_>>()
    );
}

fn input_name(input: DialInput) -> &'static str {
    match input {
        DialInput::Turn { .. } => "turn",
        DialInput::Reset => "reset",
        DialInput::Wake => "wake",
    }
}
