//! The typestate API (`#[typestate]`): the same scenarios through the typed and the dynamic
//! machine give the same outputs and states; conversions both ways.
#![allow(missing_docs)] // test-only machines and cores

use automat_rs::machine;

#[derive(Debug, Clone, PartialEq)]
pub struct Beans(pub &'static str);
#[derive(Debug, PartialEq)]
pub struct Cup(pub Beans);

machine! {
    /// A coffee brewer.
    #[typestate]
    pub machine CoffeeBrewer {
        initial state Empty;
        state Ready;
        state Brewing;
        final state Broken;
        input put_in_beans(beans: Beans);
        input brew() -> Cup;
        input done();
        input kick();
        output save_beans(beans: Beans);
        output heat() -> Cup;
        output complain();
        Empty   + put_in_beans => Ready   / save_beans;
        Ready   + brew         => Brewing / heat;
        Brewing + done         => Empty;
        _       + kick         => Broken  / complain;
    }
}

#[derive(Default, Debug)]
pub struct Hardware {
    hopper: Option<Beans>,
    noises: u32,
    log: Vec<&'static str>,
}

impl CoffeeBrewerOutputs for Hardware {
    fn save_beans(&mut self, beans: Beans) {
        self.log.push("save_beans");
        self.hopper = Some(beans);
    }
    fn heat(&mut self) -> Cup {
        self.log.push("heat");
        Cup(self.hopper.take().unwrap())
    }
    fn complain(&mut self) {
        self.log.push("complain");
        self.noises += 1;
    }
}

#[test]
fn the_typed_machine_takes_exactly_the_inputs_of_its_state() {
    let brewer: CoffeeBrewerAt<Empty, Hardware> = CoffeeBrewerAt::new(Hardware::default());
    let ready: CoffeeBrewerAt<Ready, Hardware> = brewer.put_in_beans(Beans("kona"));
    let (brewing, cup): (CoffeeBrewerAt<Brewing, Hardware>, Cup) = ready.brew();
    assert_eq!(cup, Cup(Beans("kona")));
    let empty: CoffeeBrewerAt<Empty, Hardware> = brewing.done();
    let broken: CoffeeBrewerAt<Broken, Hardware> = empty.kick();
    assert_eq!(broken.state(), CoffeeBrewerState::Broken);
    assert_eq!(broken.core().log, ["save_beans", "heat", "complain"]);
}

#[test]
fn typed_and_dynamic_run_the_same_outputs() {
    let mut dynamic = CoffeeBrewer::new(Hardware::default());
    dynamic.put_in_beans(Beans("kona")).unwrap();
    let cup = dynamic.brew().unwrap();
    dynamic.done().unwrap();
    dynamic.kick().unwrap();

    let typed = CoffeeBrewerAt::new(Hardware::default()).put_in_beans(Beans("kona"));
    let (typed, typed_cup) = typed.brew();
    let typed = typed.done().kick();
    assert_eq!(cup, typed_cup);
    assert_eq!(typed.state(), dynamic.state());
    assert_eq!(typed.core().log, dynamic.core().log);
}

#[test]
fn conversions_go_both_ways() {
    let ready = CoffeeBrewerAt::new(Hardware::default()).put_in_beans(Beans("kona"));
    let dynamic = ready.into_dynamic();
    assert_eq!(dynamic.state(), CoffeeBrewerState::Ready);
    // The wrong state gives the machine back, unchanged.
    let dynamic = dynamic.into_typed::<Brewing>().unwrap_err();
    let ready = dynamic.into_typed::<Ready>().unwrap();
    let (brewing, _) = ready.brew();
    match brewing.into_dynamic().into_any() {
        CoffeeBrewerAny::Brewing(typed) => assert_eq!(typed.core().log, ["save_beans", "heat"]),
        _ => panic!("brewing"),
    }
}

#[test]
fn a_typed_machine_is_the_size_of_its_core() {
    assert_eq!(
        std::mem::size_of::<CoffeeBrewerAt<Ready, Hardware>>(),
        std::mem::size_of::<Hardware>()
    );
}

#[derive(Debug, PartialEq)]
pub struct Jam;

machine! {
    /// A printer that decides: a guard, a fallible output with and without `else`, data on a
    /// state, a compound state whose transition applies to every state inside.
    #[typestate]
    pub machine Printer {
        initial state Idle;
        state Busy {
            initial state Warming;
            state Printing { pages: u32 }
        }
        state Jammed;
        input start();
        input ready(pages: u32);
        input page() -> u32;
        input feed();
        input cancel();
        input clear();
        guard has_paper();
        output warm_up() -> Result<(), Jam>;
        output next_page(pages: &mut u32) -> u32;
        output pull() -> Result<(), Jam>;
        output beep(error: &Jam);
        Idle + start [has_paper] => Busy / warm_up?;
        Warming + ready => Printing;
        Printing + page => _ / next_page;
        Printing + feed => _ / pull? else Jammed / beep;
        Busy + cancel => Idle;
        Jammed + clear => Idle;
    }
}

#[derive(Default, Debug, Clone, PartialEq)]
pub struct Hw {
    paper: bool,
    jam: bool,
    beeps: u32,
}

impl PrinterOutputs for Hw {
    fn has_paper(&self) -> bool {
        self.paper
    }
    fn warm_up(&mut self) -> Result<(), Jam> {
        if self.jam {
            Err(Jam)
        } else {
            Ok(())
        }
    }
    fn next_page(&mut self, pages: &mut u32) -> u32 {
        *pages += 1;
        *pages
    }
    fn pull(&mut self) -> Result<(), Jam> {
        if self.jam {
            Err(Jam)
        } else {
            Ok(())
        }
    }
    fn beep(&mut self, _: &Jam) {
        self.beeps += 1;
    }
}

#[test]
fn a_step_that_can_stay_gives_the_machine_back_with_the_error() {
    let idle: PrinterAt<Idle, Hw> = PrinterAt::new(Hw::default());
    // No paper: the guard fails, the machine comes back in `Idle` with the refusal.
    let (idle, error) = idle.start().unwrap_err();
    assert!(matches!(error, automat_rs::StepError::GuardsFailed(_)));
    let mut idle = idle;
    idle.core_mut().paper = true;
    idle.core_mut().jam = true;
    let (mut idle, error) = idle.start().unwrap_err();
    assert!(matches!(error, automat_rs::StepError::Failed(_)));
    idle.core_mut().jam = false;
    let warming: PrinterAt<Warming, Hw> = idle.start().unwrap();
    let printing: PrinterAt<Printing, Hw> = warming.ready(7);
    assert_eq!(printing.data().pages, 7);
    let (printing, page) = printing.page();
    assert_eq!((page, printing.data().pages), (8, 8));
}

#[test]
fn an_else_route_is_a_variant_holding_the_failure() {
    let mut idle = PrinterAt::new(Hw::default());
    idle.core_mut().paper = true;
    let printing = idle.start().unwrap().ready(1);
    let printing = match printing.feed() {
        PrinterAfterFeed::Printing(printing) => printing,
        PrinterAfterFeed::ElseJammed(..) => panic!("no jam"),
    };
    let mut printing = printing;
    printing.core_mut().jam = true;
    match printing.feed() {
        PrinterAfterFeed::ElseJammed(jammed, Jam) => {
            let jammed: PrinterAt<Jammed, Hw> = jammed;
            assert_eq!(jammed.core().beeps, 1);
            assert_eq!(jammed.clear().state(), PrinterState::Idle);
        }
        PrinterAfterFeed::Printing(_) => panic!("jammed"),
    }
}

/// Generic over every state inside `Busy`: the compound's `cancel` is one method.
fn cancel_any<S: PrinterTakesCancel<Hw, Next = PrinterAt<Idle, Hw>>>(
    busy: PrinterAt<S, Hw>,
) -> PrinterAt<Idle, Hw> {
    busy.cancel()
}

#[test]
fn a_transition_on_a_compound_is_one_generic_method() {
    let mut idle = PrinterAt::new(Hw::default());
    idle.core_mut().paper = true;
    let warming = idle.start().unwrap();
    let idle = cancel_any(warming);
    let mut idle = idle;
    idle.core_mut().paper = true;
    let printing = idle.start().unwrap().ready(3);
    assert_eq!(cancel_any(printing).state(), PrinterState::Idle);
}

#[test]
fn a_data_state_converts_with_its_fields() {
    let mut dynamic = Printer::new(Hw {
        paper: true,
        ..Hw::default()
    });
    dynamic.start().unwrap();
    dynamic.ready(5).unwrap();
    let typed = dynamic.into_typed::<Printing>().unwrap();
    assert_eq!(typed.data().pages, 5);
    let back = typed.into_dynamic();
    assert!(matches!(back.data(), PrinterData::Printing { pages: 5 }));
    match back.into_any() {
        PrinterAny::Printing(typed) => assert_eq!(typed.data().pages, 5),
        _ => panic!("printing"),
    }
    assert_eq!(
        std::mem::size_of::<PrinterAt<Printing, Hw>>(),
        std::mem::size_of::<Hw>() + std::mem::size_of::<u32>()
    );
}

/// The printer back as the dynamic machine, from whichever typed machine it is.
fn back(any: PrinterAny<Hw>) -> Printer<Hw> {
    match any {
        PrinterAny::Idle(typed) => typed.into_dynamic(),
        PrinterAny::Warming(typed) => typed.into_dynamic(),
        PrinterAny::Printing(typed) => typed.into_dynamic(),
        PrinterAny::Jammed(typed) => typed.into_dynamic(),
    }
}

/// What one step showed: `Ok` with the page number when it committed (no `else` route), `Err`
/// when the machine refused the input, stayed, or took an `else` route.
type Seen = Result<Option<u32>, ()>;

/// Input `k` (0 to 5: start, ready(3), page, feed, cancel, clear) through the typed API: the
/// machine as the typed machine of its state, that state's method if it has one (else the
/// machine unchanged: no method exists to call), and back.
fn typed_step(machine: Printer<Hw>, k: usize) -> (Printer<Hw>, Seen) {
    match (machine.into_any(), k) {
        (PrinterAny::Idle(idle), 0) => match idle.start() {
            Ok(warming) => (warming.into_dynamic(), Ok(None)),
            Err((idle, _)) => (idle.into_dynamic(), Err(())),
        },
        (PrinterAny::Warming(warming), 1) => (warming.ready(3).into_dynamic(), Ok(None)),
        (PrinterAny::Warming(warming), 4) => (warming.cancel().into_dynamic(), Ok(None)),
        (PrinterAny::Printing(printing), 2) => {
            let (printing, page) = printing.page();
            (printing.into_dynamic(), Ok(Some(page)))
        }
        (PrinterAny::Printing(printing), 3) => match printing.feed() {
            PrinterAfterFeed::Printing(printing) => (printing.into_dynamic(), Ok(None)),
            PrinterAfterFeed::ElseJammed(jammed, Jam) => (jammed.into_dynamic(), Err(())),
        },
        (PrinterAny::Printing(printing), 4) => (printing.cancel().into_dynamic(), Ok(None)),
        (PrinterAny::Jammed(jammed), 5) => (jammed.clear().into_dynamic(), Ok(None)),
        (any, _) => (back(any), Err(())),
    }
}

/// The same input through the dynamic machine's methods.
fn dynamic_step(machine: &mut Printer<Hw>, k: usize) -> Seen {
    fn seen<E>(result: Result<Option<u32>, E>) -> Seen {
        result.map_err(|_| ())
    }
    match k {
        0 => seen(machine.start().map(|()| None)),
        1 => seen(machine.ready(3).map(|()| None)),
        2 => seen(machine.page().map(Some)),
        3 => seen(machine.feed().map(|()| None)),
        4 => seen(machine.cancel().map(|()| None)),
        _ => seen(machine.clear().map(|()| None)),
    }
}

fn pages(machine: &Printer<Hw>) -> Option<u32> {
    match machine.data() {
        PrinterData::Printing { pages } => Some(*pages),
        _ => None,
    }
}

#[test]
fn every_sequence_of_six_inputs_runs_alike_through_the_typed_and_the_dynamic_api() {
    // Inputs 0..6 are the printer's; 6 and 7 flip the paper and the jam in both cores.
    const ALPHABET: usize = 8;
    const LENGTH: u32 = 6;
    let mut committed = std::collections::HashSet::new();
    for sequence in 0..ALPHABET.pow(LENGTH) {
        let mut dynamic = Printer::new(Hw::default());
        let mut typed = Printer::new(Hw::default());
        let mut rest = sequence;
        for _ in 0..LENGTH {
            let k = rest % ALPHABET;
            rest /= ALPHABET;
            if k >= 6 {
                for core in [dynamic.core_mut(), typed.core_mut()] {
                    if k == 6 {
                        core.paper = !core.paper;
                    } else {
                        core.jam = !core.jam;
                    }
                }
                continue;
            }
            let from = dynamic.state();
            let seen = dynamic_step(&mut dynamic, k);
            let (after, typed_seen) = typed_step(typed, k);
            typed = after;
            assert_eq!(seen, typed_seen, "sequence {sequence}, input {k}");
            assert_eq!(dynamic.state(), typed.state(), "sequence {sequence}");
            assert_eq!(pages(&dynamic), pages(&typed), "sequence {sequence}");
            assert_eq!(dynamic.core(), typed.core(), "sequence {sequence}");
            if seen.is_ok() {
                committed.insert((from, k));
            }
        }
    }
    // The walk commits every transition the typed API has a method for, not only refusals.
    assert_eq!(committed.len(), 7, "{committed:?}");
}

/// Its own module: a typestate machine's state types are named after its states (`Idle` is
/// the printer's too).
pub mod washer {
    use automat_rs::machine;

    machine! {
        /// The dishwasher with its door and deep history, with eventless drying: a typed step that
        /// can end in several states returns an enum of them.
        #[typestate]
        pub machine Washer {
            initial state Off;
            state On {
                initial state Idle;
                state Washing { initial state Rinse; state Soak; }
                state Drying;
            }
            state DoorOpen;
            input power(); input start(); input timer(); input open(); input close();
            guard dry();
            Off + power => On;
            Idle + start => Washing;
            Rinse + timer => Soak;
            Soak + timer => Drying;
            Drying [dry] => Idle;
            On + open => DoorOpen;
            DoorOpen + close => On.history*;
            On + power => Off;
        }
    }

    #[derive(Default, Debug)]
    pub struct Tub {
        pub dry: bool,
    }

    impl WasherOutputs for Tub {
        fn dry(&self) -> bool {
            self.dry
        }
    }
}

use washer::{
    DoorOpen, Soak, Tub, WasherAfterClose, WasherAfterTimer, WasherAt, WasherCompound, WasherState,
};

#[test]
fn a_history_target_returns_an_enum_of_every_leaf_it_can_reenter() {
    let soaking: WasherAt<Soak, Tub> = WasherAt::new(Tub::default()).power().start().timer();
    let open: WasherAt<DoorOpen, Tub> = soaking.open();
    // The typed machine keeps the recorded history: closing goes back to `Soak`.
    match open.close() {
        WasherAfterClose::Soak(soaking) => {
            let dynamic = soaking.into_dynamic();
            assert_eq!(dynamic.history(WasherCompound::On), Some(WasherState::Soak));
        }
        _ => panic!("expected Soak"),
    }
}

#[test]
fn an_eventless_transition_makes_the_outcome_an_enum_too() {
    let mut soaking = WasherAt::new(Tub::default()).power().start().timer();
    soaking.core_mut().dry = true;
    // `Drying [dry] => Idle` is taken at once: the step ends in `Idle`.
    match soaking.timer() {
        WasherAfterTimer::Idle(idle) => assert_eq!(idle.state(), WasherState::Idle),
        WasherAfterTimer::Drying(_) => panic!("dry already"),
    }
    let mut soaking = WasherAt::new(Tub::default()).power().start().timer();
    soaking.core_mut().dry = false;
    assert!(matches!(soaking.timer(), WasherAfterTimer::Drying(_)));
}

#[test]
fn typed_machines_and_their_outcome_enums_print_their_state_and_core() {
    let mut idle = PrinterAt::new(Hw::default());
    idle.core_mut().paper = true;
    let printing = idle.start().unwrap().ready(2);
    let text = format!("{printing:?}");
    assert!(
        text.starts_with("PrinterAt { state: Printing, core: Hw {"),
        "{text}"
    );
    let PrinterAny::Printing(mut printing) = printing.into_dynamic().into_any() else {
        panic!("printing")
    };
    printing.core_mut().jam = true;
    let after = printing.feed();
    // The `else` variant prints its failure (`Jam` is `Debug`).
    assert!(format!("{after:?}").starts_with("ElseJammed(PrinterAt { state: Jammed"));
    assert!(format!("{after:?}").ends_with(", Jam)"));
}

/// A typed `new` takes what the dynamic `new` takes: the context its entry actions need, then
/// the initial state's fields.
pub mod meter {
    use automat_rs::machine;

    #[derive(Default)]
    pub struct Log {
        pub lines: Vec<String>,
    }

    machine! {
        #[typestate]
        pub machine Meter {
            context log: &mut Log;
            initial state Counting { count: u32; entry opened; }
            final state Closed { total: u32 }
            input tick();
            input close();
            output opened(log: &mut Log);
            output bump(count: &mut u32);
            output total(count: &u32) -> u32;
            Counting + tick => _ / bump;
            Counting + close => Closed { total = total };
        }
    }

    pub struct Device;

    impl MeterOutputs for Device {
        fn opened(&mut self, log: &mut Log) {
            log.lines.push("opened".to_owned());
        }
        fn bump(&mut self, count: &mut u32) {
            *count += 1;
        }
        fn total(&mut self, count: &u32) -> u32 {
            *count
        }
    }
}

#[test]
fn a_typed_new_takes_the_context_and_the_initial_fields() {
    use meter::{Closed, Counting, Device, Log, Meter, MeterAt};
    let mut log = Log::default();
    let counting: MeterAt<Counting, Device> = MeterAt::new(Device, &mut log, 40);
    assert_eq!(log.lines, ["opened"]);
    assert_eq!(counting.data().count, 40);
    let closed: MeterAt<Closed, Device> = counting.tick(&mut log).tick(&mut log).close(&mut log);
    assert_eq!(closed.data().total, 42);
    // The dynamic machine made the same way ends the same way.
    let mut log2 = Log::default();
    let mut dynamic = Meter::new(Device, &mut log2, 40);
    for _ in 0..2 {
        dynamic.tick(&mut log2).unwrap();
    }
    dynamic.close(&mut log2).unwrap();
    assert_eq!(log2.lines, log.lines);
    assert!(matches!(
        dynamic.data(),
        meter::MeterData::Closed { total: 42 }
    ));
}

/// A machine whose outputs raise inputs: a raised input can take a step anywhere, so every
/// typed step's outcome is an enum of the states it can end in, read from where the dynamic
/// step ended.
pub mod relay {
    use automat_rs::{machine, Raise};

    machine! {
        #[typestate]
        #[derive_input(Debug)]
        #[raise(capacity = 1)]
        pub machine Relay {
            initial state Open;
            state Closing;
            state Closed;
            input press();
            input settled();
            input release();
            output coil(raise: Raise);
            Open + press => Closing / coil;
            Closing + settled => Closed;
            Closed + release => Open;
        }
    }

    #[derive(Default, Debug)]
    pub struct Coil {
        pub fast: bool,
    }

    impl RelayOutputs for Coil {
        fn coil(&mut self, raise: &mut Raise<'_, RelayInput>) {
            if self.fast {
                raise.raise(RelayInput::Settled).unwrap();
            }
        }
    }
}

#[test]
fn a_typed_step_that_raises_ends_where_the_raised_inputs_took_it() {
    use relay::{Coil, Relay, RelayAfterPress, RelayAfterRelease, RelayAfterSettled, RelayAt};
    let slow = RelayAt::new(Coil { fast: false });
    let RelayAfterPress::Closing(closing) = slow.press() else {
        panic!("a slow coil stays in Closing")
    };
    let RelayAfterSettled::Closed(closed) = closing.settled() else {
        panic!("settled closes")
    };
    assert!(matches!(closed.release(), RelayAfterRelease::Open(_)));

    let fast = RelayAt::new(Coil { fast: true });
    // The coil raised `settled`: the step ran it too and ended in `Closed`.
    let RelayAfterPress::Closed(closed) = fast.press() else {
        panic!("a fast coil closes at once")
    };
    let mut dynamic = Relay::new(Coil { fast: true });
    dynamic.press().unwrap();
    assert_eq!(closed.into_dynamic().state(), dynamic.state());
}
