//! The `reconnecting_client` example runs (on tokio's paused clock) and writes its diagrams;
//! built with the `tokio` feature (on for the workspace's test run: `tests/features` asks for
//! it).
#![cfg(feature = "tokio")]
#![allow(missing_docs)]

#[allow(dead_code)]
#[path = "../examples/reconnecting_client.rs"]
mod reconnecting_client;

#[test]
fn the_client_retries_with_back_off_then_stops() {
    // Its `main` asserts the whole log: three refused attempts with waits of 100, 200 and
    // 400 ms, a lost connection, a wait of 100 ms again, and a stop once connected.
    reconnecting_client::main().unwrap();
    let dot = reconnecting_client::Client::description().dot().to_string();
    assert!(dot.contains("after(backoff)"), "{dot}");
}
