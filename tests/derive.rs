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
fn the_derived_examples_run() {
    coffee_brewer_derive::main().unwrap();
    http2_stream_derive::main().unwrap();
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
