//! The derive front end against `machine!`: the examples declared both ways describe the same
//! machine, byte for byte, and behave the same.

// Each example includes the module it shares with its twin: here both twins are included, so
// the shared modules are loaded twice, once under each (that is the point: each sees its own
// machine).
#![allow(clippy::duplicate_mod)]

#[allow(dead_code, unused_imports)]
#[path = "../examples/coffee_brewer.rs"]
mod coffee_brewer;
#[allow(dead_code, unused_imports)]
#[path = "../examples/coffee_brewer_derive.rs"]
mod coffee_brewer_derive;
#[allow(dead_code, unused_imports)]
#[path = "../examples/dishwasher.rs"]
mod dishwasher;
#[allow(dead_code, unused_imports)]
#[path = "../examples/dishwasher_derive.rs"]
mod dishwasher_derive;
#[allow(dead_code, unused_imports)]
#[path = "../examples/http2_stream.rs"]
mod http2_stream;
#[allow(dead_code, unused_imports)]
#[path = "../examples/http2_stream_derive.rs"]
mod http2_stream_derive;

use automat_rs::Description;

/// Every rendering of a description, and its `Debug` form (every field).
fn renderings(d: &Description<'static>) -> Vec<String> {
    vec![
        format!("{d:?}"),
        d.dot().to_string(),
        d.mermaid().to_string(),
        d.table().to_string(),
    ]
}

#[test]
fn the_derived_coffee_brewer_is_described_as_the_declared_one() {
    let declared = coffee_brewer::CoffeeBrewer::description();
    let derived = coffee_brewer_derive::CoffeeBrewer::description();
    assert_eq!(declared, derived);
    assert_eq!(renderings(declared), renderings(derived));
}

#[test]
fn the_derived_http2_stream_is_described_as_the_declared_one() {
    let declared = http2_stream::Stream::description();
    let derived = http2_stream_derive::Stream::description();
    assert_eq!(declared, derived);
    assert_eq!(renderings(declared), renderings(derived));
}

#[test]
fn the_derived_dishwasher_is_described_as_the_declared_one() {
    let declared = dishwasher::Dishwasher::description();
    let derived = dishwasher_derive::Dishwasher::description();
    assert_eq!(declared, derived);
    assert_eq!(renderings(declared), renderings(derived));
    assert_eq!(declared.svg().to_string(), derived.svg().to_string());
}

#[test]
fn the_derived_examples_run() {
    coffee_brewer_derive::main().unwrap();
    http2_stream_derive::main().unwrap();
    dishwasher_derive::main().unwrap();
}

/// Compound states as variants holding enums: the data is nested as the states are, and the
/// derived machine steps as the declared one does (entry and exit order, deep history).
mod compound {
    use super::{dishwasher, dishwasher_derive};
    use dishwasher_derive::{
        Dishwasher, DishwasherCompound, DishwasherInput, DishwasherState, OnStates, Panel, Washer,
        WashingStates,
    };

    fn inputs() -> Vec<DishwasherInput> {
        use DishwasherInput::{Close, Open, Power, Start, Timer};
        vec![
            Power, Start, Timer, Open, Timer, Close, Timer, Timer, Timer, Open, Close, Power,
        ]
    }

    #[test]
    fn the_data_is_the_users_nested_enums() {
        let mut washer = Dishwasher::new(Panel::default());
        assert_eq!(washer.data(), &Washer::Off);
        washer.power().unwrap();
        assert_eq!(washer.data(), &Washer::On(OnStates::Idle));
        washer.start().unwrap();
        washer.timer().unwrap();
        assert_eq!(
            washer.data(),
            &Washer::On(OnStates::Washing(WashingStates::Soak))
        );
        assert!(washer.state().is_in(DishwasherCompound::Washing));
        assert_eq!(washer.data().state(), DishwasherState::Soak);
        // A refused input keeps the data.
        assert!(washer.start().is_err());
        assert_eq!(
            washer.data(),
            &Washer::On(OnStates::Washing(WashingStates::Soak))
        );
        washer.open().unwrap();
        assert_eq!(washer.data(), &Washer::DoorOpen);
        // Deep history: back into the nested leaf.
        washer.close().unwrap();
        assert_eq!(
            washer.data(),
            &Washer::On(OnStates::Washing(WashingStates::Soak))
        );
        // Restored from a nested value of the user's enums.
        let restored = Dishwasher::restore(Washer::On(OnStates::Drying), Panel::default());
        assert_eq!(restored.state(), DishwasherState::Drying);
    }

    #[test]
    fn it_steps_as_the_declared_machine_does() {
        let mut derived = Dishwasher::new(Panel::default());
        let mut declared = dishwasher::Dishwasher::new(dishwasher::Panel::default());
        for input in inputs() {
            let name = input.name();
            let taken = derived.handle(input).is_ok();
            let twin = match name {
                "power" => dishwasher::DishwasherInput::Power,
                "start" => dishwasher::DishwasherInput::Start,
                "timer" => dishwasher::DishwasherInput::Timer,
                "open" => dishwasher::DishwasherInput::Open,
                _ => dishwasher::DishwasherInput::Close,
            };
            assert_eq!(declared.handle(twin).is_ok(), taken, "{name}");
            assert_eq!(
                derived.state().name(),
                declared.state().name(),
                "after {name}"
            );
            assert_eq!(derived.core().log, declared.core().log, "after {name}");
        }
    }
}

/// A derived compound whose leaf carries data, with the typed API.
mod compound_with_data {
    use automat_rs::{Machine, States};

    #[derive(Machine, Debug, PartialEq)]
    #[machine(
        #[typestate]
        pub machine Printer {
            input start();
            input ready(pages: u32);
            input page() -> u32;
            input cancel();
            output next_page(pages: &mut u32) -> u32;
            Idle + start => Busy;
            Warming + ready => Printing;
            Printing + page => _ / next_page;
            Busy + cancel => Idle;
        }
    )]
    pub enum Job {
        #[machine(initial)]
        Idle,
        #[machine(compound)]
        Busy(BusyStates),
    }

    #[derive(States, Debug, PartialEq)]
    pub enum BusyStates {
        #[machine(initial)]
        Warming,
        Printing {
            pages: u32,
        },
    }

    pub struct Hw;
    impl PrinterOutputs for Hw {
        fn next_page(&mut self, pages: &mut u32) -> u32 {
            *pages += 1;
            *pages
        }
    }

    #[test]
    fn a_leaf_inside_a_compound_carries_its_fields() {
        let mut printer = Printer::new(Hw);
        printer.start().unwrap();
        printer.ready(3).unwrap();
        assert_eq!(printer.page().unwrap(), 4);
        assert_eq!(
            printer.data(),
            &Job::Busy(BusyStates::Printing { pages: 4 })
        );
        printer.cancel().unwrap();
        assert_eq!(printer.data(), &Job::Idle);
    }

    #[test]
    fn the_typed_api_reads_the_nested_fields() {
        let printing = PrinterAt::new(Hw).start().ready(7);
        assert_eq!(printing.data().pages, 7);
        let (printing, page) = printing.page();
        assert_eq!(page, 8);
        let dynamic = printing.into_dynamic();
        assert_eq!(
            dynamic.data(),
            &Job::Busy(BusyStates::Printing { pages: 8 })
        );
        let printing = dynamic.into_typed::<Printing>().ok().unwrap();
        assert_eq!(printing.cancel().into_dynamic().data(), &Job::Idle);
    }
}

#[test]
fn a_derived_machine_stores_the_users_enum() {
    use http2_stream_derive::{Connection, Endpoint, Frame, Kind, Side, Stream, StreamData};
    let mut stream = Stream::new(Endpoint::default());
    let mut conn = Connection::default();
    stream
        .recv(&mut conn, &Frame::new(Kind::PushPromise, b""))
        .unwrap();
    // The data is the user's own enum, with the user's derives (`Clone`, `PartialEq`).
    let data: StreamData = stream.data().clone();
    assert_eq!(data, StreamData::Reserved { by: Side::Remote });
    // A refused input leaves it as it was.
    assert!(stream
        .send(&mut conn, &Frame::new(Kind::Data, b"x"))
        .is_err());
    assert_eq!(stream.data(), &data);
    let brewer = coffee_brewer_derive::CoffeeBrewer::new(coffee_brewer_derive::Hardware::default());
    assert_eq!(brewer.data(), &coffee_brewer_derive::Brew::Empty);
}

mod tuple_variants {
    use automat_rs::Machine;

    /// Why a call ended.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Cause {
        HungUp,
        Dropped,
    }

    // Tuple variants are states with positional fields, named `_0`, `_1`, .. or as given.
    #[derive(Machine, Debug, PartialEq)]
    #[machine(
        #[typestate]
        machine Call {
            input dial(number: u32);
            input talk(seconds: u32);
            input hang_up();
            input lose();
            guard long(seconds: &u32);
            output zero() -> u32;
            output hung_up() -> Cause;
            output dropped() -> Cause;
            output bill(number: &u32, minutes: &mut u32, seconds: u32);
            Idle + dial => Ringing;
            Ringing + talk => Talking { minutes = zero };
            Talking + talk [long] => _ / bill;
            Talking + talk => _;
            Talking + hang_up => Ended { _0 = hung_up };
            Ringing | Talking + lose => Ended { _0 = dropped };
        }
    )]
    pub enum CallData {
        #[machine(initial)]
        Idle,
        /// Ringing the number.
        Ringing(#[machine(name = number)] u32),
        /// Talking: the number, and the minutes billed.
        Talking(
            #[machine(name = number)] u32,
            #[machine(name = minutes)] u32,
        ),
        /// Over, and why.
        #[machine(final)]
        Ended(Cause),
    }

    /// Bills a minute for each full minute of a talk.
    #[derive(Default)]
    pub struct Line {
        pub billed: Vec<u32>,
    }

    impl CallOutputs for Line {
        fn long(&self, seconds: &u32) -> bool {
            *seconds >= 60
        }
        fn zero(&mut self) -> u32 {
            0
        }
        fn hung_up(&mut self) -> Cause {
            Cause::HungUp
        }
        fn dropped(&mut self) -> Cause {
            Cause::Dropped
        }
        fn bill(&mut self, number: &u32, minutes: &mut u32, seconds: u32) {
            *minutes += seconds / 60;
            self.billed.push(*number);
        }
    }

    #[test]
    fn tuple_variants_carry_data_by_position() {
        let mut call = Call::new(Line::default());
        assert!(call.talk(5).is_err());
        assert_eq!(call.data(), &CallData::Idle);
        call.dial(42).unwrap();
        assert_eq!(call.data(), &CallData::Ringing(42));
        // The number moves from `Ringing(number)` to `Talking(number, _)`; `minutes` is bound.
        call.talk(5).unwrap();
        assert_eq!(call.data(), &CallData::Talking(42, 0));
        call.talk(150).unwrap();
        assert_eq!(call.data(), &CallData::Talking(42, 2));
        assert_eq!(call.core().billed, [42]);
        call.hang_up().unwrap();
        assert_eq!(call.data(), &CallData::Ended(Cause::HungUp));
        // A final state refuses, and keeps its data.
        assert!(call.lose().is_err());
        assert_eq!(call.data(), &CallData::Ended(Cause::HungUp));
        // Restored from the user's own enum.
        let call = Call::restore(CallData::Ringing(7), Line::default());
        assert_eq!(call.state(), CallState::Ringing);
    }

    #[test]
    fn a_derived_machine_has_the_typed_api() {
        let call = CallAt::new(Line::default());
        let ringing = call.dial(9);
        assert_eq!(ringing.data().number, 9);
        let ended = ringing.lose();
        assert_eq!(ended.data()._0, Cause::Dropped);
        assert_eq!(
            ended.into_dynamic().data(),
            &CallData::Ended(Cause::Dropped)
        );
    }
}
