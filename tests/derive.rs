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
