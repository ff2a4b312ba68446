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

mod support;

use automat_rs::{machine, StepError};

/// Which endpoint did something: this one, or its peer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// This endpoint.
    Local,
    /// The other endpoint.
    Remote,
}

/// The kinds of frame that change a stream's state (RFC 9113, section 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// HEADERS (and its CONTINUATIONs).
    Headers,
    /// DATA.
    Data,
    /// `PUSH_PROMISE`, which reserves a new stream.
    PushPromise,
    /// `RST_STREAM`, with an error code.
    RstStream(u32),
}

/// A frame on the wire, borrowing its payload from the connection's read buffer.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// What kind of frame it is.
    pub kind: Kind,
    /// The `END_STREAM` flag: the sender sends nothing more on this stream.
    pub end_stream: bool,
    /// The frame's payload, not owned.
    pub payload: &'a [u8],
}

impl<'a> Frame<'a> {
    /// A frame of `kind` without `END_STREAM`.
    #[must_use]
    pub const fn new(kind: Kind, payload: &'a [u8]) -> Self {
        Frame {
            kind,
            end_stream: false,
            payload,
        }
    }

    /// The same frame with `END_STREAM` set.
    #[must_use]
    pub const fn ending(self) -> Self {
        Frame {
            end_stream: true,
            ..self
        }
    }
}

/// Why a stream closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// Both sides sent `END_STREAM`.
    Finished,
    /// A side reset it, with this error code.
    Reset {
        /// Who sent `RST_STREAM`.
        by: Side,
        /// Its error code (`0x8` is CANCEL).
        code: u32,
    },
}

/// What the connection counts across its streams: the per-call context.
#[derive(Debug, Default)]
pub struct Connection {
    /// Payload bytes sent.
    pub sent: usize,
    /// Payload bytes received.
    pub received: usize,
}

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

/// The endpoint's side of the stream: it logs what the machine does.
#[derive(Debug, Default)]
pub struct Endpoint {
    /// What happened, in order.
    pub log: Vec<String>,
}

impl StreamOutputs for Endpoint {
    fn headers(&self, frame: &Frame<'_>) -> bool {
        frame.kind == Kind::Headers
    }
    fn data(&self, frame: &Frame<'_>) -> bool {
        frame.kind == Kind::Data
    }
    fn push_promise(&self, frame: &Frame<'_>) -> bool {
        frame.kind == Kind::PushPromise
    }
    fn reset(&self, frame: &Frame<'_>) -> bool {
        matches!(frame.kind, Kind::RstStream(_))
    }
    fn end_stream(&self, frame: &Frame<'_>) -> bool {
        frame.end_stream
    }
    fn local(&self, by: &Side) -> bool {
        *by == Side::Local
    }
    fn us(&mut self) -> Side {
        Side::Local
    }
    fn them(&mut self) -> Side {
        Side::Remote
    }
    fn finished(&mut self) -> Cause {
        Cause::Finished
    }
    fn reset_sent(&mut self, frame: &Frame<'_>) -> Cause {
        Cause::Reset {
            by: Side::Local,
            code: reset_code(frame),
        }
    }
    fn reset_received(&mut self, frame: &Frame<'_>) -> Cause {
        Cause::Reset {
            by: Side::Remote,
            code: reset_code(frame),
        }
    }
    fn count_sent(&mut self, conn: &mut Connection, frame: &Frame<'_>) {
        conn.sent += frame.payload.len();
        self.log.push(format!("sent {} bytes", frame.payload.len()));
    }
    fn count_received(&mut self, conn: &mut Connection, frame: &Frame<'_>) {
        conn.received += frame.payload.len();
        self.log
            .push(format!("received {} bytes", frame.payload.len()));
    }
}

fn reset_code(frame: &Frame<'_>) -> u32 {
    match frame.kind {
        Kind::RstStream(code) => code,
        _ => 0,
    }
}

/// Which way a frame goes.
#[derive(Clone, Copy)]
enum Way {
    Send,
    Recv,
}

/// Sends or receives `frame`, and prints what became of the stream.
fn frame(
    stream: &mut Stream<Endpoint>,
    conn: &mut Connection,
    way: Way,
    frame: &Frame<'_>,
) -> Result<(), StepError<StreamState>> {
    let (arrow, result) = match way {
        Way::Send => ("->", stream.send(conn, frame)),
        Way::Recv => ("<-", stream.recv(conn, frame)),
    };
    let end = if frame.end_stream { " END_STREAM" } else { "" };
    match &result {
        Ok(()) => println!("{arrow} {:?}{end}: now {:?}", frame.kind, stream.data()),
        Err(error) => println!(
            "{arrow} {:?}{end}: refused in {} (a PROTOCOL_ERROR): {error}",
            frame.kind,
            stream.state()
        ),
    }
    result
}

/// Runs the example: a request and its response, a pushed stream the client cancels, and frames
/// a stream refuses. The tests call it too.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let body = b"<html>...</html>".as_slice();
    let mut conn = Connection::default();

    println!("-- a request and its response");
    let mut stream = Stream::new(Endpoint::default());
    frame(
        &mut stream,
        &mut conn,
        Way::Send,
        &Frame::new(Kind::Headers, b"GET /").ending(),
    )?;
    assert_eq!(stream.data(), &StreamData::HalfClosed { by: Side::Local });
    // The half-closed side cannot send: refused, and nothing changed.
    let refused = frame(
        &mut stream,
        &mut conn,
        Way::Send,
        &Frame::new(Kind::Data, body),
    );
    assert!(matches!(refused, Err(StepError::GuardsFailed(_))));
    frame(
        &mut stream,
        &mut conn,
        Way::Recv,
        &Frame::new(Kind::Headers, b"200"),
    )?;
    frame(
        &mut stream,
        &mut conn,
        Way::Recv,
        &Frame::new(Kind::Data, body).ending(),
    )?;
    assert_eq!(
        stream.data(),
        &StreamData::Closed {
            cause: Cause::Finished
        }
    );
    assert_eq!((conn.sent, conn.received), (5, 3 + body.len()));

    println!("-- a promised stream, cancelled by the client");
    let mut pushed = Stream::new(Endpoint::default());
    frame(
        &mut pushed,
        &mut conn,
        Way::Recv,
        &Frame::new(Kind::PushPromise, b""),
    )?;
    assert_eq!(pushed.data(), &StreamData::Reserved { by: Side::Remote });
    frame(
        &mut pushed,
        &mut conn,
        Way::Recv,
        &Frame::new(Kind::Headers, b"200"),
    )?;
    assert_eq!(pushed.data(), &StreamData::HalfClosed { by: Side::Local });
    frame(
        &mut pushed,
        &mut conn,
        Way::Send,
        &Frame::new(Kind::RstStream(0x8), b""),
    )?;
    assert_eq!(
        pushed.data(),
        &StreamData::Closed {
            cause: Cause::Reset {
                by: Side::Local,
                code: 0x8
            }
        }
    );

    println!("-- frames a stream cannot take");
    let mut idle = Stream::new(Endpoint::default());
    let refused = frame(
        &mut idle,
        &mut conn,
        Way::Recv,
        &Frame::new(Kind::Data, body),
    );
    assert!(matches!(refused, Err(StepError::GuardsFailed(_))));
    let refused = frame(
        &mut idle,
        &mut conn,
        Way::Send,
        &Frame::new(Kind::RstStream(1), b""),
    );
    assert!(matches!(refused, Err(StepError::GuardsFailed(_))));
    assert_eq!(idle.state(), StreamState::Idle);

    let files = automat_rs::export::write_diagrams(
        support::target_subdir("diagrams")?,
        "http2_stream",
        Stream::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}
