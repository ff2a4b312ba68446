//! A TCP connection as RFC 793 draws it (its figure 6): eleven states, incoming segments told
//! apart by guards on their flags, an `abort` from any state, and an entry action that starts the
//! TIME-WAIT timer. Opening can fail (no route): the fallible output refuses the step and the
//! connection stays closed.
//!
//! ```sh
//! cargo run --example tcp    # prints every step, writes target/diagrams/tcp.{dot,mmd,md,svg}
//! ```

mod support;

use automat_rs::{machine, StepError};

/// The flags of a segment that decide what it does to the connection (RFC 793, section 3.1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools)] // the header's control bits, one each
pub struct Segment {
    /// Synchronize sequence numbers.
    pub syn: bool,
    /// The acknowledgment field is significant.
    pub ack: bool,
    /// No more data from the sender.
    pub fin: bool,
    /// Reset the connection.
    pub rst: bool,
}

impl Segment {
    const SYN: Segment = Segment {
        syn: true,
        ack: false,
        fin: false,
        rst: false,
    };
    const SYN_ACK: Segment = Segment {
        syn: true,
        ack: true,
        fin: false,
        rst: false,
    };
    const ACK: Segment = Segment {
        syn: false,
        ack: true,
        fin: false,
        rst: false,
    };
    const FIN: Segment = Segment {
        syn: false,
        ack: false,
        fin: true,
        rst: false,
    };
    const FIN_ACK: Segment = Segment {
        syn: false,
        ack: true,
        fin: true,
        rst: false,
    };
    const RST: Segment = Segment {
        syn: false,
        ack: false,
        fin: false,
        rst: true,
    };
}

/// Why a segment could not be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoRoute;

impl std::fmt::Display for NoRoute {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no route to host")
    }
}

impl std::error::Error for NoRoute {}

machine! {
    /// A TCP connection (RFC 793, figure 6).
    pub machine Connection {
        /// No connection.
        initial state Closed;
        /// Waiting for a connection request from any remote TCP.
        state Listen;
        /// Waiting for a matching connection request after having sent one.
        state SynSent;
        /// Waiting for a confirming acknowledgment after having both received and sent a
        /// connection request.
        state SynReceived;
        /// An open connection: data received can be delivered to the user.
        state Established;
        /// Waiting for a connection termination request from the remote TCP, or an
        /// acknowledgment of the one sent.
        state FinWait1;
        /// Waiting for a connection termination request from the remote TCP.
        state FinWait2;
        /// Waiting for a connection termination request from the local user.
        state CloseWait;
        /// Waiting for the remote TCP to acknowledge our termination request.
        state Closing;
        /// Waiting for the acknowledgment of the termination request sent to the remote TCP.
        state LastAck;
        /// Waiting long enough (2 MSL) for the remote TCP to have received our acknowledgment.
        state TimeWait { entry start_time_wait_timer; exit stop_time_wait_timer; }

        /// The user opens the connection passively: it waits for a SYN.
        input passive_open();
        /// The user opens the connection actively: it sends a SYN.
        input active_open();
        /// The user sends data on a listening connection, which opens it.
        input send();
        /// The user closes the connection.
        input close();
        /// The user aborts the connection.
        input abort();
        /// A segment arrives.
        input segment(seg: Segment);
        /// The TIME-WAIT timer ran out.
        input timeout();

        guard syn(seg: Segment);
        guard ack(seg: Segment);
        guard fin(seg: Segment);
        guard rst(seg: Segment);

        /// Send a SYN; fails when there is no route to the remote host.
        output send_syn() -> Result<(), NoRoute>;
        output send_syn_ack();
        output send_ack();
        output send_fin();
        output send_rst();
        /// Deliver the segment's data to the user.
        output deliver(seg: Segment);
        output start_time_wait_timer();
        output stop_time_wait_timer();

        Closed + passive_open => Listen;
        Closed + active_open => SynSent / send_syn?;
        Listen + send => SynSent / send_syn?;
        Listen + segment [syn && !ack] => SynReceived / send_syn_ack;
        SynSent + segment [syn && ack] => Established / send_ack;
        SynSent + segment [syn] => SynReceived / send_syn_ack;
        SynReceived + segment [ack && !syn] => Established;
        Established + segment [fin] => CloseWait / send_ack;
        Established + segment [!rst] => _ / deliver;
        FinWait1 + segment [fin && ack] => TimeWait / send_ack;
        FinWait1 + segment [fin] => Closing / send_ack;
        FinWait1 + segment [ack && !rst] => FinWait2;
        FinWait2 + segment [fin] => TimeWait / send_ack;
        Closing + segment [ack && !rst] => TimeWait;
        LastAck + segment [ack && !rst] => Closed;
        /// A reset closes the connection from any state.
        _ + segment [rst] => Closed;
        Listen | SynSent + close => Closed;
        SynReceived | Established + close => FinWait1 / send_fin;
        CloseWait + close => LastAck / send_fin;
        TimeWait + timeout => Closed;
        Closed + abort => _;
        Listen | SynSent | TimeWait + abort => Closed;
        /// Aborting a synchronized connection tells the remote TCP.
        _ + abort => Closed / send_rst;
    }
}

/// The network and the timers: what the connection does, recorded and printed.
#[derive(Debug, Default)]
pub struct Stack {
    /// Whether the remote host can be reached.
    pub unreachable: bool,
    /// Whether the TIME-WAIT timer runs.
    pub timer: bool,
    /// Everything sent, delivered and timed, in order.
    pub log: Vec<String>,
}

impl Stack {
    fn note(&mut self, what: &str) {
        println!("    {what}");
        self.log.push(what.to_owned());
    }
}

impl ConnectionOutputs for Stack {
    fn send_syn(&mut self) -> Result<(), NoRoute> {
        if self.unreachable {
            self.note("SYN not sent: no route");
            return Err(NoRoute);
        }
        self.note("-> SYN");
        Ok(())
    }
    fn send_syn_ack(&mut self) {
        self.note("-> SYN, ACK");
    }
    fn send_ack(&mut self) {
        self.note("-> ACK");
    }
    fn send_fin(&mut self) {
        self.note("-> FIN");
    }
    fn send_rst(&mut self) {
        self.note("-> RST");
    }
    fn deliver(&mut self, seg: Segment) {
        self.note(&format!("data delivered ({seg:?})"));
    }
    fn start_time_wait_timer(&mut self) {
        self.timer = true;
        self.note("TIME-WAIT timer started (2 MSL)");
    }
    fn stop_time_wait_timer(&mut self) {
        self.timer = false;
        self.note("TIME-WAIT timer stopped");
    }
    fn syn(&self, seg: &Segment) -> bool {
        seg.syn
    }
    fn ack(&self, seg: &Segment) -> bool {
        seg.ack
    }
    fn fin(&self, seg: &Segment) -> bool {
        seg.fin
    }
    fn rst(&self, seg: &Segment) -> bool {
        seg.rst
    }
}

/// Feeds one input, printing it and where the connection went. `E` is the input's failure:
/// `NoRoute` for the inputs that send a SYN, `Infallible` for the others.
fn step<E: std::fmt::Display>(
    connection: &mut Connection<Stack>,
    what: &str,
    feed: impl FnOnce(&mut Connection<Stack>) -> Result<(), StepError<ConnectionState, E>>,
) -> Result<(), StepError<ConnectionState, E>> {
    let from = connection.state();
    println!("{from}: {what}");
    let result = feed(connection);
    match &result {
        Ok(()) => println!("  -> {}", connection.state()),
        Err(error) => println!("  refused: {error}"),
    }
    result
}

/// Runs the example: an active open and close through TIME-WAIT, a passive open and close,
/// refusals, a failed open and an abort. The tests call it too.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut tcp = Connection::new(Stack::default());

    println!("-- an active open, data, and an active close");
    step(&mut tcp, "active open", Connection::active_open)?;
    step(&mut tcp, "SYN, ACK arrives", |c| {
        c.segment(Segment::SYN_ACK)
    })?;
    step(&mut tcp, "data arrives", |c| c.segment(Segment::ACK))?;
    step(&mut tcp, "close", Connection::close)?;
    step(&mut tcp, "ACK arrives", |c| c.segment(Segment::ACK))?;
    step(&mut tcp, "FIN arrives", |c| c.segment(Segment::FIN))?;
    assert!(
        tcp.core().timer,
        "TIME-WAIT's entry action started the timer"
    );
    step(&mut tcp, "the timer runs out", Connection::timeout)?;
    assert_eq!(tcp.state(), ConnectionState::Closed);

    println!("-- a passive open and a passive close");
    step(&mut tcp, "passive open", Connection::passive_open)?;
    step(&mut tcp, "SYN arrives", |c| c.segment(Segment::SYN))?;
    // A SYN, ACK in SYN-RECEIVED matches no guard: refused, nothing sent.
    let refused = step(&mut tcp, "SYN, ACK arrives", |c| {
        c.segment(Segment::SYN_ACK)
    });
    assert!(matches!(refused, Err(StepError::GuardsFailed(_))));
    step(&mut tcp, "ACK arrives", |c| c.segment(Segment::ACK))?;
    step(&mut tcp, "FIN, ACK arrives", |c| {
        c.segment(Segment::FIN_ACK)
    })?;
    step(&mut tcp, "close", Connection::close)?;
    step(&mut tcp, "ACK arrives", |c| c.segment(Segment::ACK))?;

    println!("-- refusals and failures change nothing");
    let refused = step(&mut tcp, "close", Connection::close);
    assert!(matches!(refused, Err(StepError::NoTransition(_))));
    tcp.core_mut().unreachable = true;
    let failed = step(&mut tcp, "active open", Connection::active_open);
    assert!(matches!(failed, Err(StepError::Failed(_))));
    assert_eq!(tcp.state(), ConnectionState::Closed);
    tcp.core_mut().unreachable = false;

    println!("-- a reset, and an abort");
    step(&mut tcp, "active open", Connection::active_open)?;
    step(&mut tcp, "RST arrives", |c| c.segment(Segment::RST))?;
    step(&mut tcp, "active open", Connection::active_open)?;
    step(&mut tcp, "SYN, ACK arrives", |c| {
        c.segment(Segment::SYN_ACK)
    })?;
    step(&mut tcp, "abort", Connection::abort)?;
    assert_eq!(tcp.core().log.last().map(String::as_str), Some("-> RST"));

    let files = automat_rs::export::write_diagrams(
        support::target_subdir("diagrams")?,
        "tcp",
        Connection::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}
