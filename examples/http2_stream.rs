//! An HTTP/2 stream as RFC 9113 draws it (section 5.1, figure 2): idle, reserved, open,
//! half-closed and closed, driven by the frames the endpoint sends and receives. The RFC's seven
//! states are five here, because the side that reserved or half-closed a stream, and why a
//! stream closed, are data the states carry (`Reserved { by }`, `HalfClosed { by }`,
//! `Closed { cause }`), not states of their own. Frames are borrowed (`&Frame<'_>`): the machine
//! reads them, never copies their payload; the connection's byte counters are the per-call
//! context every input takes.
//!
//! ```sh
//! cargo run --example http2_stream   # prints every frame, writes target/diagrams/http2_stream.{dot,mmd,md,svg}
//! ```

#[path = "shared/http2_stream.rs"]
mod http2;
mod support;

use automat_rs::machine;

#[allow(unused_imports)]
// what the machine takes, and its core, for the tests that include this file
pub use http2::{Cause, Connection, Endpoint, Frame, Kind, Side};

machine! {
    /// The life of one HTTP/2 stream (RFC 9113, section 5.1).
    #[derive_data(Debug, Clone, PartialEq)]
    #[derive_return(Debug)]
    pub machine Stream {
        /// The connection the stream belongs to.
        context conn: &mut Connection;

        /// No frame has been sent or received on the stream yet.
        initial state Idle;
        /// Promised by a `PUSH_PROMISE`: `by` is the side that sent it.
        state Reserved { by: Side }
        /// Both sides may send frames.
        state Open;
        /// `by` has sent `END_STREAM`; only the other side may still send frames.
        state HalfClosed { by: Side }
        /// Nothing more happens on the stream.
        final state Closed { cause: Cause }

        /// This endpoint sends `frame` on the stream.
        input send(frame: &Frame<'_>);
        /// `frame` arrives on the stream.
        input recv(frame: &Frame<'_>);

        /// A HEADERS frame.
        guard headers(frame: &Frame<'_>);
        /// A DATA frame.
        guard data(frame: &Frame<'_>);
        /// A `PUSH_PROMISE` frame.
        guard push_promise(frame: &Frame<'_>);
        /// An `RST_STREAM` frame.
        guard reset(frame: &Frame<'_>);
        /// The frame has `END_STREAM` set.
        guard end_stream(frame: &Frame<'_>);
        /// The side in the state's data is this endpoint.
        guard local(by: &Side);

        /// This endpoint, as the side that did something.
        output us() -> Side;
        /// The peer, as the side that did something.
        output them() -> Side;
        /// Both sides ended the stream.
        output finished() -> Cause;
        /// The cause of a reset `frame` sent by this endpoint.
        output reset_sent(frame: &Frame<'_>) -> Cause;
        /// The cause of a reset `frame` sent by the peer.
        output reset_received(frame: &Frame<'_>) -> Cause;
        /// Count a frame's payload as sent on the connection.
        output count_sent(conn: &mut Connection, frame: &Frame<'_>);
        /// Count a frame's payload as received on the connection.
        output count_received(conn: &mut Connection, frame: &Frame<'_>);

        // Either side may reset a stream it has seen (RST_STREAM on an idle stream is a
        // connection error: refused).
        Reserved | Open | HalfClosed + send [reset] => Closed { cause = reset_sent };
        Reserved | Open | HalfClosed + recv [reset] => Closed { cause = reset_received };

        Idle + send [push_promise] => Reserved { by = us };
        Idle + recv [push_promise] => Reserved { by = them };
        Idle + send [headers && end_stream] => HalfClosed { by = us } / count_sent;
        Idle + recv [headers && end_stream] => HalfClosed { by = them } / count_received;
        Idle + send [headers] => Open / count_sent;
        Idle + recv [headers] => Open / count_received;

        // A reserved stream is opened by the side that promised it, and half-closed for the
        // other, which never sends on it.
        Reserved + send [headers && local] => HalfClosed { by = them } / count_sent;
        Reserved + recv [headers && !local] => HalfClosed { by = us } / count_received;

        Open + send [(headers || data) && end_stream] => HalfClosed { by = us } / count_sent;
        Open + recv [(headers || data) && end_stream] => HalfClosed { by = them } / count_received;
        Open + send [headers || data] => _ / count_sent;
        Open + recv [headers || data] => _ / count_received;

        // The side that has not ended the stream may still send, and ends it.
        HalfClosed + send [!local && end_stream] => Closed { cause = finished } / count_sent;
        HalfClosed + recv [local && end_stream] => Closed { cause = finished } / count_received;
        HalfClosed + send [!local && (headers || data)] => _ / count_sent;
        HalfClosed + recv [local && (headers || data)] => _ / count_received;
    }
}

/// Runs the example; the tests call it too.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    http2::run("http2_stream")
}
