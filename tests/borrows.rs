//! Inputs that borrow their arguments (`&T`, `&mut T`, `&str`, a type with a lifetime): the
//! typed methods take them as written, outputs and guards receive them by name, and `handle`
//! takes the input enum, which has the one lifetime `'input`.
#![allow(missing_docs)] // test-only machines and cores

use automat_rs::{machine, Machine, StepError};

/// A frame that borrows its payload.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub stream: u32,
    pub payload: &'a [u8],
}

machine! {
    /// A receiver that reads frames it does not own.
    #[derive_input(Debug)]
    pub machine Receiver {
        initial state Idle;
        state Reading { bytes: usize }
        final state Done;

        input start(name: &str);
        input recv<'a>(frame: &Frame<'a>) -> usize;
        input drain(out: &mut Vec<u8>);
        input finish();
        input first(frame: &Frame<'_>);

        guard from_stream(frame: &Frame<'_>);
        output greet(name: &str);
        output measure(frame: &Frame<'_>) -> usize;
        output count(frame: &Frame<'_>, bytes: &mut usize) -> usize;
        output copy(out: &mut Vec<u8>, bytes: &usize);
        output seal(out: &mut Vec<u8>);
        #[allow(unused)]
        output stamp<'f>(frame: &Frame<'f>) -> &'f [u8];

        Idle + start => Reading { bytes = zero } / greet;
        Reading + recv [from_stream] => _ / count;
        Reading + drain => _ / copy, seal;
        Reading + finish => Done;
        input peek(frame: &Frame<'_>) -> usize;
        output length(frame: &Frame<'_>) -> usize;
        Reading + peek => _ / length;
        // A producer fills the field from the borrowed frame before the commit.
        Idle + first => Reading { bytes = measure };
        output zero() -> usize;
    }
}

#[derive(Default)]
pub struct Sink {
    greeted: String,
    measured: usize,
}

impl ReceiverOutputs for Sink {
    fn from_stream(&self, frame: &Frame<'_>) -> bool {
        frame.stream == 1
    }
    fn greet(&mut self, name: &str) {
        name.clone_into(&mut self.greeted);
    }
    fn measure(&mut self, frame: &Frame<'_>) -> usize {
        self.measured += frame.payload.len();
        frame.payload.len()
    }
    fn count(&mut self, frame: &Frame<'_>, bytes: &mut usize) -> usize {
        *bytes += frame.payload.len();
        *bytes
    }
    fn copy(&mut self, out: &mut Vec<u8>, bytes: &usize) {
        out.extend(std::iter::repeat_n(0xAB, *bytes));
    }
    fn seal(&mut self, out: &mut Vec<u8>) {
        out.push(0xFF);
    }
    fn zero(&mut self) -> usize {
        0
    }
    fn stamp<'f>(&mut self, frame: &Frame<'f>) -> &'f [u8] {
        frame.payload
    }
    fn length(&mut self, frame: &Frame<'_>) -> usize {
        self.stamp(frame).len()
    }
}

#[test]
fn the_methods_take_borrowed_arguments_and_pass_them_by_name() {
    let mut receiver = Receiver::new(Sink::default());
    let name = String::from("relay");
    receiver.start(&name).unwrap();
    assert_eq!(receiver.core().greeted, "relay");
    let payload = vec![1, 2, 3];
    let frame = Frame {
        stream: 1,
        payload: &payload,
    };
    assert_eq!(receiver.recv(&frame).unwrap(), 3);
    assert_eq!(receiver.recv(&frame).unwrap(), 6);
    // The guard sees the borrowed frame too.
    let other = Frame {
        stream: 2,
        payload: &payload,
    };
    assert!(matches!(
        receiver.recv(&other),
        Err(StepError::GuardsFailed(_))
    ));
    // A `&mut` argument is lent to each output that takes it, in turn.
    assert_eq!(receiver.peek(&frame).unwrap(), 3);
    let mut out = Vec::new();
    receiver.drain(&mut out).unwrap();
    assert_eq!(out.len(), 7);
    assert_eq!(out.last(), Some(&0xFF));
}

#[test]
fn a_producer_reads_a_borrowed_argument_before_the_commit() {
    let mut receiver = Receiver::new(Sink::default());
    let payload = [0_u8; 5];
    receiver
        .first(&Frame {
            stream: 1,
            payload: &payload,
        })
        .unwrap();
    assert!(matches!(
        receiver.data(),
        ReceiverData::Reading { bytes: 5 }
    ));
    assert_eq!(receiver.core().measured, 5);
}

#[test]
fn handle_takes_the_input_enum_with_its_borrows() {
    let mut receiver = Receiver::new(Sink::default());
    let name = String::from("x");
    receiver
        .handle(ReceiverInput::Start { name: &name })
        .unwrap();
    let payload = [9_u8; 4];
    let frame = Frame {
        stream: 1,
        payload: &payload,
    };
    let input = ReceiverInput::Recv { frame: &frame };
    assert!(format!("{input:?}").contains("stream: 1"));
    assert!(matches!(
        receiver.handle(input),
        Ok(ReceiverReturn::Recv(4))
    ));
    let mut out = Vec::new();
    receiver
        .handle(ReceiverInput::Drain { out: &mut out })
        .unwrap();
    assert_eq!(out.len(), 5);
}

/// Generic code over `Machine` takes inputs that live long enough: `'static` ones here.
fn feed<M: Machine>(machine: &mut M, inputs: Vec<M::Input>) -> usize {
    inputs
        .into_iter()
        .filter_map(|input| machine.handle(input).ok())
        .count()
}

#[test]
fn the_machine_trait_takes_inputs_that_borrow_for_static() {
    static PAYLOAD: [u8; 2] = [1, 2];
    static FRAME: Frame<'static> = Frame {
        stream: 1,
        payload: &PAYLOAD,
    };
    let mut receiver = Receiver::new(Sink::default());
    let fed = feed(
        &mut receiver,
        vec![
            ReceiverInput::Start { name: "static" },
            ReceiverInput::Recv { frame: &FRAME },
            ReceiverInput::Finish,
        ],
    );
    assert_eq!(fed, 3);
    assert_eq!(receiver.state(), ReceiverState::Done);
}

machine! {
    /// An argument that is a reference itself, taken by reference by an output and a guard
    /// (`&&'static str`): borrowed, as `&T` for any other `T`.
    pub machine Logger {
        initial state Idle;
        final state Done;
        input log(line: &'static str);
        guard worth(line: &&'static str);
        output write(line: &&'static str);
        output keep(line: &'static str);
        Idle + log [worth] => Done / write, keep;
    }
}

#[derive(Default)]
pub struct Lines(Vec<&'static str>);

impl LoggerOutputs for Lines {
    fn worth(&self, line: &&'static str) -> bool {
        !line.is_empty()
    }
    fn write(&mut self, line: &&'static str) {
        self.0.push(line);
    }
    fn keep(&mut self, line: &'static str) {
        self.0.push(line);
    }
}

#[test]
fn a_reference_argument_is_borrowed_by_a_reference_to_its_type() {
    let mut logger = Logger::new(Lines::default());
    logger.log("hello").unwrap();
    assert_eq!(logger.core().0, ["hello", "hello"]);
}
