//! The one step order (PRODUCT.md, "v0.2: the rules we adopt"), as generated machines run it:
//! select (guards) → try (fallible outputs) → exit → commit → outputs → entry. Every test records
//! the exact sequence of guard calls, outputs, exit and entry actions, and where the machine was
//! at each, and asserts it; panics and failures in each phase leave the state the rules say.
#![allow(missing_docs)] // test-only machines and cores
#![allow(clippy::struct_excessive_bools)] // the test core's switches, one per failure to inject

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};

use automat_rs::{
    journal, machine, Commit, Coverage, GuardsFailed, MachineState, NoTransition, Observer,
    StepError,
};

/// Why heating failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatError(pub &'static str);

impl std::fmt::Display for HeatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for HeatError {}

/// A cup of coffee, of the given strength.
#[derive(Debug, PartialEq, Eq)]
pub struct Cup(pub u8);

machine! {
    /// A brewer whose every transition decides something.
    #[derive_input(Debug, Clone, PartialEq)]
    #[derive_return(Debug)]
    pub machine Brewer {
        initial state Idle { entry power_on; exit power_off_idle; }
        state Ready { entry ready_light; exit ready_light_off; }
        state Brewing { entry start_pump, start_timer; exit stop_pump; }
        state Jammed { entry alarm; }
        state Cleaning;
        final state Broken;

        input fill(grams: u32);
        input brew(strength: u8) -> Cup;
        input done();
        input clean();
        input ping() -> u32;
        input kick();
        input reset();

        guard has_water();
        guard enough(grams: u32);
        guard strong(strength: &u8);
        guard descaling();

        output power_on();
        output power_off_idle();
        output ready_light();
        output ready_light_off();
        output start_pump();
        output start_timer();
        output stop_pump();
        output alarm();
        output store(grams: u32);
        output heat(strength: u8) -> Result<Cup, HeatError>;
        output check_pressure() -> Result<(), HeatError>;
        output complain(error: &HeatError);
        output log_error(error: HeatError, strength: u8);
        output pong() -> u32;
        output thud();
        output tidy();

        Idle + fill [has_water && enough] => Ready / store;
        Idle + fill [has_water]            => Idle;
        Ready + brew [strong && !descaling] => Brewing / check_pressure?, heat? else Jammed / complain, log_error;
        Ready + brew [!descaling]           => Brewing / heat? else _ / complain;
        Brewing + done => Idle;
        Idle | Ready + clean => Cleaning / tidy;
        Cleaning + done => reenter _ / tidy;
        Cleaning + reset => Idle;
        Jammed + reset => Idle;
        _ + ping => _ / pong;
        _ + kick => Broken / thud;
    }
}

/// A core that records everything the machine calls, in order.
#[derive(Debug, Default)]
pub struct Recorder {
    log: RefCell<Vec<String>>,
    water: bool,
    descaling: bool,
    heat_fails: bool,
    pressure_fails: bool,
    panic_in: Option<&'static str>,
    pings: u32,
}

impl Recorder {
    fn with_water() -> Self {
        Recorder {
            water: true,
            ..Recorder::default()
        }
    }

    fn note(&self, what: &str) {
        self.log.borrow_mut().push(what.to_owned());
        assert!(self.panic_in != Some(what), "{what} broke");
    }

    fn take(&self) -> Vec<String> {
        std::mem::take(&mut self.log.borrow_mut())
    }
}

impl BrewerOutputs for Recorder {
    fn power_on(&mut self) {
        self.note("entry Idle: power_on");
    }
    fn power_off_idle(&mut self) {
        self.note("exit Idle: power_off_idle");
    }
    fn ready_light(&mut self) {
        self.note("entry Ready: ready_light");
    }
    fn ready_light_off(&mut self) {
        self.note("exit Ready: ready_light_off");
    }
    fn start_pump(&mut self) {
        self.note("entry Brewing: start_pump");
    }
    fn start_timer(&mut self) {
        self.note("entry Brewing: start_timer");
    }
    fn stop_pump(&mut self) {
        self.note("exit Brewing: stop_pump");
    }
    fn alarm(&mut self) {
        self.note("entry Jammed: alarm");
    }
    fn store(&mut self, grams: u32) {
        self.note(&format!("store({grams})"));
    }
    fn heat(&mut self, strength: u8) -> Result<Cup, HeatError> {
        self.note(&format!("heat?({strength})"));
        if self.heat_fails {
            Err(HeatError("no element"))
        } else {
            Ok(Cup(strength))
        }
    }
    fn check_pressure(&mut self) -> Result<(), HeatError> {
        self.note("check_pressure?");
        if self.pressure_fails {
            Err(HeatError("no pressure"))
        } else {
            Ok(())
        }
    }
    fn complain(&mut self, error: &HeatError) {
        self.note(&format!("complain({error})"));
    }
    fn log_error(&mut self, error: HeatError, strength: u8) {
        self.note(&format!("log_error({error}, {strength})"));
    }
    fn pong(&mut self) -> u32 {
        self.pings += 1;
        self.note("pong");
        self.pings
    }
    fn thud(&mut self) {
        self.note("thud");
    }
    fn tidy(&mut self) {
        self.note("tidy");
    }
    fn has_water(&self) -> bool {
        self.note("guard has_water");
        self.water
    }
    fn enough(&self, grams: &u32) -> bool {
        self.note(&format!("guard enough({grams})"));
        *grams >= 10
    }
    fn strong(&self, strength: &u8) -> bool {
        self.note(&format!("guard strong({strength})"));
        *strength >= 5
    }
    fn descaling(&self) -> bool {
        self.note("guard descaling");
        self.descaling
    }
}

/// An observer that records every hook, with the machine's state names.
#[derive(Debug, Default)]
struct Phases(Vec<String>);

impl Observer<BrewerState> for Phases {
    fn commit(&mut self, commit: Commit<BrewerState>) {
        self.0.push(format!(
            "commit {} -> {} (candidate {}{})",
            commit.from,
            commit.to,
            commit.candidate,
            if commit.diverted { ", else" } else { "" }
        ));
    }
    fn output(&mut self, state: BrewerState, output: usize) {
        let name = BrewerState::DESCRIPTION.outputs[output].name;
        self.0.push(format!("output {name} in {state}"));
    }
    fn rejected(&mut self, error: NoTransition<BrewerState>) {
        self.0.push(format!("rejected in {}", error.state()));
    }
    fn guard(&mut self, state: BrewerState, guard: usize, held: bool) {
        let name = BrewerState::DESCRIPTION.guards[guard].name;
        self.0.push(format!("guard {name} in {state}: {held}"));
    }
    fn guards_failed(&mut self, refusal: GuardsFailed<BrewerState>) {
        self.0.push(format!("guards failed in {}", refusal.state));
    }
    fn failed(&mut self, state: BrewerState, _input: usize, output: usize) {
        let name = BrewerState::DESCRIPTION.outputs[output].name;
        self.0.push(format!("failed {name} in {state}"));
    }
    fn diverted(&mut self, from: BrewerState, _input: usize, output: usize) {
        let name = BrewerState::DESCRIPTION.outputs[output].name;
        self.0.push(format!("diverted {name} from {from}"));
    }
    fn exit(&mut self, state: BrewerState) {
        self.0.push(format!("exit {state}"));
    }
    fn entry(&mut self, state: BrewerState) {
        self.0.push(format!("entry {state}"));
    }
}

fn ready(core: Recorder) -> Brewer<Recorder> {
    let mut brewer = Brewer::new(core);
    brewer.fill(12).unwrap();
    brewer.core().take();
    brewer
}

#[test]
fn new_runs_the_initial_states_entry_actions_and_restore_runs_none() {
    let brewer = Brewer::new(Recorder::default());
    assert_eq!(brewer.core().take(), ["entry Idle: power_on"]);
    let restored = Brewer::restore(BrewerState::Ready, Recorder::default());
    assert!(restored.core().take().is_empty());
}

#[test]
fn a_step_runs_guards_then_exit_then_commit_then_outputs_then_entry() {
    let mut brewer = Brewer::new(Recorder::with_water()).observe(Phases::default());
    brewer.core().take();
    brewer.fill(12).unwrap();
    assert_eq!(
        brewer.core().take(),
        [
            "guard has_water",
            "guard enough(12)",
            "exit Idle: power_off_idle",
            "store(12)",
            "entry Ready: ready_light",
        ]
    );
    assert_eq!(
        brewer.observer().0,
        [
            "guard has_water in Idle: true",
            "guard enough in Idle: true",
            "exit Idle",
            "output power_off_idle in Idle",
            "commit Idle -> Ready (candidate 0)",
            "output store in Ready",
            "entry Ready",
            "output ready_light in Ready",
        ]
    );
}

#[test]
fn the_first_candidate_whose_guard_holds_wins_in_declaration_order() {
    // `has_water && enough` fails on `enough`; the next candidate `has_water` holds: a self-loop,
    // internal, so no exit and no entry, and `has_water` is evaluated once for both.
    let mut brewer = Brewer::new(Recorder::with_water()).observe(Phases::default());
    brewer.core().take();
    brewer.fill(3).unwrap();
    assert_eq!(brewer.state(), BrewerState::Idle);
    assert_eq!(brewer.core().take(), ["guard has_water", "guard enough(3)"]);
    assert_eq!(
        brewer.observer().0,
        [
            "guard has_water in Idle: true",
            "guard enough in Idle: false",
            "commit Idle -> Idle (candidate 1)",
        ]
    );
}

#[test]
fn no_guard_holding_refuses_the_input_and_says_so() {
    let mut brewer = Brewer::new(Recorder::default()).observe(Phases::default());
    brewer.core().take();
    let error = brewer.fill(12).unwrap_err();
    assert_eq!(brewer.state(), BrewerState::Idle);
    // `has_water` is false: `&&` does not evaluate `enough`, and `has_water` runs once.
    assert_eq!(brewer.core().take(), ["guard has_water"]);
    let StepError::GuardsFailed(refusal) = error else {
        panic!("expected GuardsFailed, got {error:?}");
    };
    assert_eq!(refusal.state, BrewerState::Idle);
    assert_eq!(refusal.input().name, "fill");
    assert_eq!(
        refusal.guards().collect::<Vec<_>>(),
        ["has_water && enough", "has_water"]
    );
    assert_eq!(
        error.to_string(),
        "machine `Brewer` refused input `fill` in state `Idle`: no guard held (`has_water && enough`, `has_water`)"
    );
    assert!(error.is_refusal());
    assert_eq!(
        brewer.observer().0,
        ["guard has_water in Idle: false", "guards failed in Idle"]
    );
}

#[test]
fn no_transition_is_a_distinct_refusal() {
    let mut brewer = Brewer::new(Recorder::default());
    brewer.core().take();
    let error = brewer.done().unwrap_err();
    assert!(matches!(error, StepError::NoTransition(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "machine `Brewer` has no transition from state `Idle` on input `done`"
    );
    assert!(brewer.core().take().is_empty());
}

#[test]
fn fallible_outputs_run_before_anything_changes_and_their_ok_value_is_returned() {
    let mut brewer = ready(Recorder::with_water()).observe(Phases::default());
    let cup = brewer.brew(7).unwrap();
    assert_eq!(cup, Cup(7));
    assert_eq!(
        brewer.core().take(),
        [
            "guard strong(7)",
            "guard descaling",
            "check_pressure?",
            "heat?(7)",
            "exit Ready: ready_light_off",
            "entry Brewing: start_pump",
            "entry Brewing: start_timer",
        ]
    );
    assert_eq!(
        brewer.observer().0,
        [
            "guard strong in Ready: true",
            "guard descaling in Ready: false",
            "output check_pressure in Ready",
            "output heat in Ready",
            "exit Ready",
            "output ready_light_off in Ready",
            "commit Ready -> Brewing (candidate 0)",
            "entry Brewing",
            "output start_pump in Brewing",
            "output start_timer in Brewing",
        ]
    );
}

#[test]
fn a_failure_with_an_else_route_diverts_from_the_source_with_the_error_by_name() {
    let mut brewer = ready(Recorder {
        heat_fails: true,
        ..Recorder::with_water()
    })
    .observe(Phases::default());
    let error = brewer.brew(7).unwrap_err();
    let StepError::Diverted(diverted) = &error else {
        panic!("expected Diverted, got {error:?}");
    };
    assert_eq!(
        (diverted.from, diverted.to, diverted.output().name),
        (BrewerState::Ready, BrewerState::Jammed, "heat")
    );
    assert_eq!(diverted.error, HeatError("no element"));
    assert_eq!(error.state(), BrewerState::Jammed);
    assert_eq!(brewer.state(), BrewerState::Jammed);
    assert_eq!(
        brewer.core().take(),
        [
            "guard strong(7)",
            "guard descaling",
            "check_pressure?",
            "heat?(7)",
            "exit Ready: ready_light_off",
            "complain(no element)",
            "log_error(no element, 7)",
            "entry Jammed: alarm",
        ]
    );
    assert_eq!(
        brewer.observer().0[4..],
        [
            "diverted heat from Ready",
            "exit Ready",
            "output ready_light_off in Ready",
            "commit Ready -> Jammed (candidate 0, else)",
            "output complain in Jammed",
            "output log_error in Jammed",
            "entry Jammed",
            "output alarm in Jammed",
        ]
    );
    assert_eq!(
        error.to_string(),
        "machine `Brewer`: output `heat` failed on input `brew` in state `Ready` (no element); took the `else` route to `Jammed`"
    );
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn the_first_failing_output_diverts_and_later_fallible_outputs_do_not_run() {
    let mut brewer = ready(Recorder {
        pressure_fails: true,
        ..Recorder::with_water()
    });
    let error = brewer.brew(7).unwrap_err();
    assert!(matches!(&error, StepError::Diverted(d) if d.output().name == "check_pressure"));
    assert_eq!(
        brewer.core().take(),
        [
            "guard strong(7)",
            "guard descaling",
            "check_pressure?",
            "exit Ready: ready_light_off",
            "complain(no pressure)",
            "log_error(no pressure, 7)",
            "entry Jammed: alarm",
        ]
    );
}

#[test]
fn an_else_route_that_stays_is_internal() {
    // `strong` fails, the second candidate (`!descaling`) holds; `heat?` fails and its `else _`
    // stays in `Ready`: no exit, no entry, only the route's output.
    let mut brewer = ready(Recorder {
        heat_fails: true,
        ..Recorder::with_water()
    })
    .observe(Phases::default());
    let error = brewer.brew(2).unwrap_err();
    assert!(matches!(&error, StepError::Diverted(d) if d.to == BrewerState::Ready));
    assert_eq!(brewer.state(), BrewerState::Ready);
    assert_eq!(
        brewer.core().take(),
        [
            "guard strong(2)",
            "guard descaling",
            "heat?(2)",
            "complain(no element)"
        ]
    );
    assert_eq!(
        brewer.observer().0,
        [
            "guard strong in Ready: false",
            "guard descaling in Ready: false",
            "output heat in Ready",
            "diverted heat from Ready",
            "commit Ready -> Ready (candidate 1, else)",
            "output complain in Ready",
        ]
    );
}

machine! {
    /// A fallible output without an `else` route: its failure refuses the step.
    pub machine Kettle {
        initial state Cold { exit leave_cold; }
        state Hot { entry arrive_hot; }
        input boil(target: u8) -> u8;
        input cool();
        output heat(target: u8) -> Result<u8, HeatError>;
        output leave_cold();
        output arrive_hot();
        output report();
        Cold + boil => Hot / heat?, report;
        Hot + cool => Cold;
    }
}

#[derive(Debug, Default)]
pub struct Stove {
    log: Vec<String>,
    broken: bool,
}

impl KettleOutputs for Stove {
    fn heat(&mut self, target: u8) -> Result<u8, HeatError> {
        self.log.push(format!("heat?({target})"));
        if self.broken {
            Err(HeatError("broken"))
        } else {
            Ok(target)
        }
    }
    fn leave_cold(&mut self) {
        self.log.push("exit Cold".to_owned());
    }
    fn arrive_hot(&mut self) {
        self.log.push("entry Hot".to_owned());
    }
    fn report(&mut self) {
        self.log.push("report".to_owned());
    }
}

#[test]
fn a_failure_without_an_else_route_refuses_the_step_and_changes_nothing() {
    let mut kettle = Kettle::new(Stove {
        broken: true,
        ..Stove::default()
    });
    let error = kettle.boil(90).unwrap_err();
    let StepError::Failed(failed) = &error else {
        panic!("expected Failed, got {error:?}");
    };
    assert_eq!(failed.error, HeatError("broken"));
    assert_eq!(failed.state, KettleState::Cold);
    assert_eq!(failed.output().name, "heat");
    assert!(!error.is_refusal());
    assert_eq!(kettle.state(), KettleState::Cold);
    assert_eq!(
        kettle.core().log,
        ["heat?(90)"],
        "no exit action, no later output"
    );
    assert_eq!(
        error.to_string(),
        "machine `Kettle`: output `heat` failed on input `boil` in state `Cold` (broken); nothing changed"
    );
    kettle.core_mut().broken = false;
    assert_eq!(kettle.boil(90), Ok(90));
    assert_eq!(
        kettle.core().log[1..],
        ["heat?(90)", "exit Cold", "report", "entry Hot"]
    );
}

#[test]
fn a_self_loop_is_internal_unless_marked_reenter() {
    let mut brewer = Brewer::new(Recorder::with_water()).observe(Phases::default());
    // `_ + ping => _`: internal, no exit or entry.
    brewer.core().take();
    assert_eq!(brewer.ping(), Ok(1));
    assert_eq!(brewer.core().take(), ["pong"]);
    assert_eq!(
        brewer.observer().0,
        ["commit Idle -> Idle (candidate 0)", "output pong in Idle"]
    );
    brewer.observer_mut().0.clear();
    // `Cleaning + done => reenter _`: exits and re-enters (Cleaning has no actions, but the
    // observer sees both).
    brewer.clean().unwrap();
    brewer.observer_mut().0.clear();
    brewer.done().unwrap();
    assert_eq!(brewer.state(), BrewerState::Cleaning);
    assert_eq!(
        brewer.observer().0,
        [
            "exit Cleaning",
            "commit Cleaning -> Cleaning (candidate 0)",
            "output tidy in Cleaning",
            "entry Cleaning",
        ]
    );
}

#[test]
fn a_transition_from_several_states_applies_to_each_of_them() {
    for setup in [0, 1] {
        let mut brewer = Brewer::new(Recorder::with_water());
        if setup == 1 {
            brewer.fill(12).unwrap();
        }
        let from = brewer.state();
        brewer.core().take();
        brewer.clean().unwrap();
        assert_eq!(brewer.state(), BrewerState::Cleaning, "from {from}");
        let exit = if from == BrewerState::Idle {
            "exit Idle: power_off_idle"
        } else {
            "exit Ready: ready_light_off"
        };
        assert_eq!(brewer.core().take(), [exit, "tidy"]);
    }
    let mut brewer = Brewer::new(Recorder::with_water());
    brewer.kick().unwrap();
    assert!(matches!(brewer.clean(), Err(StepError::NoTransition(_))));
}

#[test]
fn stay_applies_to_every_non_final_state_without_its_own_transition() {
    let mut brewer = Brewer::new(Recorder::with_water());
    for _ in 0..2 {
        brewer.ping().unwrap();
    }
    brewer.fill(12).unwrap();
    assert_eq!(brewer.ping(), Ok(3));
    assert_eq!(brewer.state(), BrewerState::Ready);
    brewer.kick().unwrap();
    assert!(
        brewer.ping().is_err(),
        "a final state takes nothing, not even `_ + ping => _`"
    );
}

#[test]
fn a_panic_before_the_commit_leaves_the_source_state() {
    for phase in ["guard enough(12)", "exit Idle: power_off_idle"] {
        let mut brewer = Brewer::new(Recorder {
            panic_in: Some(phase),
            ..Recorder::with_water()
        });
        brewer.core().take();
        let result = catch_unwind(AssertUnwindSafe(|| brewer.fill(12)));
        assert!(result.is_err(), "{phase} panics");
        assert_eq!(brewer.state(), BrewerState::Idle, "panic in {phase}");
        assert_eq!(brewer.core().take().last().map(String::as_str), Some(phase));
    }
    let mut brewer = ready(Recorder {
        panic_in: Some("heat?(7)"),
        ..Recorder::with_water()
    });
    assert!(catch_unwind(AssertUnwindSafe(|| brewer.brew(7))).is_err());
    assert_eq!(
        brewer.state(),
        BrewerState::Ready,
        "panic in a fallible output"
    );
}

#[test]
fn a_panic_after_the_commit_leaves_the_target_state() {
    for (phase, not_run) in [
        ("store(12)", "entry Ready: ready_light"),
        ("entry Ready: ready_light", ""),
    ] {
        let mut brewer = Brewer::new(Recorder {
            panic_in: Some(phase),
            ..Recorder::with_water()
        });
        brewer.core().take();
        assert!(catch_unwind(AssertUnwindSafe(|| brewer.fill(12))).is_err());
        assert_eq!(brewer.state(), BrewerState::Ready, "panic in {phase}");
        let log = brewer.core().take();
        assert_eq!(log.last().map(String::as_str), Some(phase));
        assert!(!log.iter().any(|l| l == not_run));
    }
    let mut brewer = ready(Recorder {
        panic_in: Some("entry Brewing: start_pump"),
        ..Recorder::with_water()
    });
    assert!(catch_unwind(AssertUnwindSafe(|| brewer.brew(7))).is_err());
    assert_eq!(brewer.state(), BrewerState::Brewing);
    assert!(!brewer
        .core()
        .take()
        .contains(&"entry Brewing: start_timer".to_owned()));
}

#[test]
fn a_panic_in_an_else_route_follows_the_same_rule() {
    // Before the else route commits (its exit action): the source state.
    let mut brewer = ready(Recorder {
        heat_fails: true,
        panic_in: Some("exit Ready: ready_light_off"),
        ..Recorder::with_water()
    });
    assert!(catch_unwind(AssertUnwindSafe(|| brewer.brew(7))).is_err());
    assert_eq!(brewer.state(), BrewerState::Ready);
    // After it commits (its outputs): the route's target.
    let mut brewer = ready(Recorder {
        heat_fails: true,
        panic_in: Some("complain(no element)"),
        ..Recorder::with_water()
    });
    assert!(catch_unwind(AssertUnwindSafe(|| brewer.brew(7))).is_err());
    assert_eq!(brewer.state(), BrewerState::Jammed);
}

#[test]
fn handle_returns_the_same_results_and_errors_as_the_methods() {
    let mut brewer = Brewer::new(Recorder::with_water());
    assert!(matches!(
        brewer.handle(BrewerInput::Fill { grams: 12 }),
        Ok(BrewerReturn::Fill)
    ));
    match brewer.handle(BrewerInput::Brew { strength: 6 }) {
        Ok(BrewerReturn::Brew(cup)) => assert_eq!(cup, Cup(6)),
        other => panic!("{other:?}"),
    }
    let error = brewer.handle(BrewerInput::Fill { grams: 1 }).unwrap_err();
    assert!(matches!(error, StepError::NoTransition(_)));
    brewer.core_mut().heat_fails = true;
    brewer.handle(BrewerInput::Done).unwrap();
    brewer.handle(BrewerInput::Fill { grams: 12 }).unwrap();
    let error = brewer
        .handle(BrewerInput::Brew { strength: 6 })
        .unwrap_err();
    assert_eq!(error.failure(), Some(&HeatError("no element")));
    assert_eq!(brewer.state(), BrewerState::Jammed);
}

#[test]
fn coverage_counts_each_guarded_candidate_and_else_route_separately() {
    let mut coverage = Coverage::<BrewerState>::new();
    let mut brewer = Brewer::new(Recorder::with_water()).observe(&mut coverage);
    brewer.fill(3).unwrap(); // the second candidate
    brewer.fill(12).unwrap(); // the first
    brewer.brew(7).unwrap();
    drop(brewer);
    let d = BrewerState::DESCRIPTION;
    let taken: Vec<_> = d
        .transitions
        .iter()
        .zip(coverage.counts())
        .filter(|(_, &n)| n > 0)
        .map(|(t, &n)| {
            (
                d.states[t.source].name,
                d.inputs[t.input].name,
                t.guard.unwrap_or(""),
                t.else_route,
                n,
            )
        })
        .collect();
    assert_eq!(
        taken,
        [
            ("Idle", "fill", "has_water && enough", false, 1),
            ("Idle", "fill", "has_water", false, 1),
            ("Ready", "brew", "strong && !descaling", false, 1),
        ]
    );
    assert!(coverage
        .missed()
        .any(|(s, i, t)| (s, i, t) == ("Ready", "brew", "Jammed")));
}

#[test]
fn a_journal_records_where_each_step_led_and_replays_without_guards() {
    let mut brewer = Brewer::new(Recorder::with_water());
    let mut journal = journal::Journal::new();
    journal
        .record(&mut brewer, BrewerInput::Fill { grams: 3 })
        .unwrap();
    journal
        .record(&mut brewer, BrewerInput::Fill { grams: 12 })
        .unwrap();
    brewer.core_mut().heat_fails = true;
    // Diverted: recorded, since the machine moved.
    assert!(journal
        .record(&mut brewer, BrewerInput::Brew { strength: 7 })
        .is_err());
    // Refused: not recorded.
    assert!(journal
        .record(&mut brewer, BrewerInput::Fill { grams: 1 })
        .is_err());
    let entries = journal.entries();
    let path: Vec<_> = entries.iter().map(|r| r.to).collect();
    assert_eq!(
        path,
        [BrewerState::Idle, BrewerState::Ready, BrewerState::Jammed]
    );
    // No core, no guard: the recorded states, each checked against the declaration.
    assert_eq!(
        journal::replay_state(BrewerState::INITIAL, entries),
        Ok(BrewerState::Jammed)
    );
    // A record the declaration cannot take stops the replay where it stands.
    let forged = [BrewerRecord {
        input: BrewerInput::Done,
        to: BrewerState::Broken,
    }];
    let error = journal::replay_state(BrewerState::Idle, &forged).unwrap_err();
    assert_eq!(
        (error.position, error.error.state()),
        (0, BrewerState::Idle)
    );
    // Replaying with outputs feeds the inputs again: same core, same decisions.
    let mut again = Brewer::new(Recorder {
        heat_fails: true,
        ..Recorder::with_water()
    });
    assert_eq!(journal::replay(&mut again, entries.iter().cloned()), Ok(3));
    assert_eq!(again.state(), BrewerState::Jammed);
}

#[test]
fn the_description_holds_guards_actions_and_rules() {
    let d = Brewer::description();
    assert_eq!(
        d.guards.iter().map(|g| g.name).collect::<Vec<_>>(),
        ["has_water", "enough", "strong", "descaling"]
    );
    assert_eq!(d.guards[2].params[0].ty, "&u8");
    let idle = &d.states[0];
    assert_eq!(
        (idle.entry, idle.exit),
        (
            &[d.outputs.iter().position(|o| o.name == "power_on").unwrap()][..],
            &[d.outputs
                .iter()
                .position(|o| o.name == "power_off_idle")
                .unwrap()][..]
        )
    );
    let brew: Vec<_> = d
        .transitions
        .iter()
        .filter(|t| d.inputs[t.input].name == "brew")
        .map(|t| {
            (
                d.states[t.target].name,
                t.guard,
                t.fallible,
                t.else_route,
                t.stays,
            )
        })
        .collect();
    assert_eq!(
        brew,
        [
            ("Brewing", Some("strong && !descaling"), 2, false, false),
            ("Jammed", None, 0, true, false),
            ("Brewing", Some("!descaling"), 1, false, false),
            ("Ready", None, 0, true, true),
        ]
    );
    // One rule per declaration: `Idle | Ready + clean` and `_ + ping => _` are one rule each.
    let clean: Vec<_> = d
        .transitions
        .iter()
        .filter(|t| d.inputs[t.input].name == "clean")
        .map(|t| t.rule)
        .collect();
    assert_eq!(clean.len(), 2);
    assert_eq!(clean[0], clean[1]);
    assert!(d
        .transitions
        .iter()
        .filter(|t| d.inputs[t.input].name == "ping")
        .all(|t| t.stays && t.wildcard && t.target == t.source));
    let reenter = d
        .transitions
        .iter()
        .find(|t| d.states[t.source].name == "Cleaning" && d.inputs[t.input].name == "done")
        .unwrap();
    assert!(reenter.reenter && reenter.stays);
}

machine! {
    /// A wildcard with a guard, the whole plan of most states on `reset`: `__handle` checks it
    /// once for all of them (after the states' own transitions); `Locked` has a `reset` of its
    /// own, `Gone` is final, `Holding` carries data that the reset drops.
    #[derive_input(Debug, Clone, PartialEq)]
    pub machine Resettable {
        initial state Start;
        state Running;
        state Holding { token: u32; exit let_go; }
        state Locked;
        final state Gone;
        input run();
        input hold(token: u32);
        input lock();
        input leave();
        input reset(n: u8) -> u8;
        guard small(n: u8);
        guard key(n: u8);
        output count(n: u8) -> u8;
        output unlock(n: u8) -> u8;
        output let_go();
        Start + run => Running;
        Running + hold => Holding;
        Holding + lock => Locked;
        Running + leave => Gone;
        Locked + reset [key] => Start / unlock;
        _ + reset [small] => Start / count;
    }
}

#[derive(Default)]
pub struct Resets(RefCell<Vec<String>>);

impl ResettableOutputs for Resets {
    fn small(&self, n: &u8) -> bool {
        self.0.borrow_mut().push(format!("small({n})"));
        *n < 10
    }
    fn key(&self, n: &u8) -> bool {
        self.0.borrow_mut().push(format!("key({n})"));
        *n == 42
    }
    fn count(&mut self, n: u8) -> u8 {
        self.0.borrow_mut().push(format!("count({n})"));
        n
    }
    fn unlock(&mut self, n: u8) -> u8 {
        self.0.borrow_mut().push(format!("unlock({n})"));
        n + 1
    }
    fn let_go(&mut self) {
        self.0.borrow_mut().push("let_go".to_owned());
    }
}

#[derive(Default)]
pub struct Heard(Vec<String>);

impl Observer<ResettableState> for Heard {
    fn guard(&mut self, state: ResettableState, guard: usize, held: bool) {
        let name = ResettableState::DESCRIPTION.guards[guard].name;
        self.0.push(format!("guard {name} in {state}: {held}"));
    }
    fn guards_failed(&mut self, refusal: GuardsFailed<ResettableState>) {
        self.0.push(format!("guards failed in {}", refusal.state));
    }
    fn rejected(&mut self, error: NoTransition<ResettableState>) {
        self.0.push(format!("rejected in {}", error.state()));
    }
    fn commit(&mut self, commit: Commit<ResettableState>) {
        self.0
            .push(format!("commit {} -> {}", commit.from, commit.to));
    }
}

/// Drives a fresh machine to `state` (through `handle`), then clears the core's log.
fn resettable_in(state: ResettableState) -> Resettable<Resets> {
    let mut machine = Resettable::new(Resets::default());
    let path: &[ResettableInput] = match state {
        ResettableState::Start => &[],
        ResettableState::Running => &[ResettableInput::Run],
        ResettableState::Holding => &[ResettableInput::Run, ResettableInput::Hold { token: 7 }],
        ResettableState::Locked => &[
            ResettableInput::Run,
            ResettableInput::Hold { token: 7 },
            ResettableInput::Lock,
        ],
        ResettableState::Gone => &[ResettableInput::Run, ResettableInput::Leave],
    };
    for input in path {
        machine.handle(input.clone()).expect("the path is accepted");
    }
    machine.core().0.borrow_mut().clear();
    machine
}

#[test]
fn a_guarded_wildcard_checked_once_for_its_states_selects_refuses_and_reports_as_per_state() {
    for state in ResettableState::ALL.iter().copied() {
        for n in [3, 42, 50] {
            // The same step through `handle` and through the typed method, observed.
            let mut by_handle = resettable_in(state).observe(Heard::default());
            let mut by_method = resettable_in(state).observe(Heard::default());
            let handled = by_handle.handle(ResettableInput::Reset { n });
            let called = by_method.reset(n);
            assert_eq!(by_handle.state(), by_method.state(), "{state} {n}");
            assert_eq!(
                by_handle.observer().0,
                by_method.observer().0,
                "{state} {n}"
            );
            assert_eq!(by_handle.core().0, by_method.core().0, "{state} {n}");
            let (handled, called) = (handled.map(|_| ()), called.map(|_| ()));
            assert_eq!(handled.is_ok(), called.is_ok(), "{state} {n}");

            // What the rules say, state by state.
            let log = by_method.core().0.borrow().clone();
            let heard = &by_method.observer().0;
            match (state, n) {
                (ResettableState::Gone, _) => {
                    // A final state takes no wildcard: refused, and no guard was asked.
                    assert!(matches!(called, Err(StepError::NoTransition(_))));
                    assert!(log.is_empty(), "{log:?}");
                    assert_eq!(heard, &["rejected in Gone"]);
                }
                (ResettableState::Locked, 42) => {
                    // Its own transition wins; the wildcard's guard is never asked.
                    assert!(called.is_ok());
                    assert_eq!(log, ["key(42)", "unlock(42)"]);
                    assert_eq!(by_method.state(), ResettableState::Start);
                }
                (ResettableState::Locked, n) => {
                    // Its own guard fails, then the wildcard's is tried.
                    let expected = if n < 10 {
                        vec![
                            format!("key({n})"),
                            format!("small({n})"),
                            format!("count({n})"),
                        ]
                    } else {
                        vec![format!("key({n})"), format!("small({n})")]
                    };
                    assert_eq!(log, expected);
                    assert_eq!(called.is_ok(), n < 10);
                }
                (_, 3) => {
                    assert!(called.is_ok());
                    let mut expected = vec!["small(3)".to_owned()];
                    if state == ResettableState::Holding {
                        expected.push("let_go".to_owned());
                    }
                    expected.push("count(3)".to_owned());
                    assert_eq!(log, expected, "{state}");
                    assert_eq!(by_method.state(), ResettableState::Start);
                    assert_eq!(
                        heard,
                        &[
                            format!("guard small in {state}: true"),
                            format!("commit {state} -> Start")
                        ]
                    );
                }
                (_, n) => {
                    // The guard did not hold: refused as guards-failed, nothing else ran.
                    let Err(StepError::GuardsFailed(refusal)) = called else {
                        panic!("{state} {n}: {called:?}");
                    };
                    assert_eq!(refusal.state, state);
                    assert_eq!(log, [format!("small({n})")]);
                    assert_eq!(by_method.state(), state);
                    assert_eq!(
                        heard,
                        &[
                            format!("guard small in {state}: false"),
                            format!("guards failed in {state}")
                        ]
                    );
                }
            }
        }
    }
    // The value comes back through `handle` as through the method.
    let mut machine = resettable_in(ResettableState::Holding);
    assert!(matches!(
        machine.handle(ResettableInput::Reset { n: 4 }),
        Ok(ResettableReturn::Reset(4))
    ));
}
