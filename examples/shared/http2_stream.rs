//! What `http2_stream.rs` and `http2_stream_derive.rs` share: the frames and the connection the
//! machine takes, the endpoint that is its core, and the run. Each example declares `Stream` (one
//! with `machine!`, one with `#[derive(Machine)]`); this module uses the one of its parent.

use automat_rs::StepError;

use super::{support, Stream, StreamData, StreamOutputs, StreamState};

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
/// a stream refuses (its diagram files named `name`).
pub fn run(name: &str) -> Result<(), Box<dyn std::error::Error>> {
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
        name,
        Stream::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}
