//! Generic machines (`machine Stream<P: Peer> where ..`): the parameters are usable in the
//! types of arguments, return values, state data and failures; each generated enum takes the
//! parameters it uses.
#![allow(missing_docs)] // test-only machines and cores

use std::fmt::Debug;

use automat_rs::{machine, Machine, StepError};

/// Who is at the other end of a stream.
pub trait Peer: Debug + Clone + PartialEq {
    fn name(&self) -> String;
}

#[derive(Debug, Clone, PartialEq)]
pub struct Client(pub u32);

impl Peer for Client {
    fn name(&self) -> String {
        format!("client {}", self.0)
    }
}

/// Why a stream was reset.
#[derive(Debug, Clone, PartialEq)]
pub struct Reset<E>(pub E);

machine! {
    /// An HTTP/2-like stream whose peer type is a parameter.
    #[derive_data(Debug, PartialEq)]
    #[derive_input(Debug, Clone)]
    pub machine Stream<P: Peer, E> where E: Debug + Clone + PartialEq {
        initial state Idle;
        state Open { peer: P, window: u32 }
        final state Closed { peer: P, reason: Option<E> }

        input open(peer: P) -> String;
        input send(bytes: u32) -> u32;
        input reset(reason: E);

        output greet(peer: &P) -> String;
        output allow(window: &u32, bytes: &u32) -> Result<(), Reset<E>>;
        output spend(window: &mut u32, bytes: u32) -> u32;
        output initial() -> u32;
        output wrap(reason: E) -> Option<E>;

        Idle + open => Open { window = initial } / greet;
        Open + send => _ / allow?, spend;
        Open + reset => Closed { reason = wrap };
    }
}

pub struct Window<E> {
    size: u32,
    refuse: Option<E>,
}

impl<P: Peer, E: Debug + Clone + PartialEq> StreamOutputs<P, E> for Window<E> {
    fn greet(&mut self, peer: &P) -> String {
        format!("hello, {}", peer.name())
    }
    fn allow(&mut self, window: &u32, bytes: &u32) -> Result<(), Reset<E>> {
        if let Some(reason) = &self.refuse {
            return Err(Reset(reason.clone()));
        }
        assert!(bytes <= window, "the test never sends more than the window");
        Ok(())
    }
    fn spend(&mut self, window: &mut u32, bytes: u32) -> u32 {
        *window -= bytes;
        *window
    }
    fn initial(&mut self) -> u32 {
        self.size
    }
    fn wrap(&mut self, reason: E) -> Option<E> {
        Some(reason)
    }
}

#[test]
fn a_generic_machine_carries_its_parameters_in_data_arguments_and_failures() {
    let mut stream: Stream<Client, &'static str, Window<&'static str>> = Stream::new(Window {
        size: 100,
        refuse: None,
    });
    assert_eq!(stream.open(Client(7)).unwrap(), "hello, client 7");
    assert_eq!(stream.send(30).unwrap(), 70);
    assert!(matches!(
        stream.data(),
        StreamData::Open {
            peer: Client(7),
            window: 70
        }
    ));
    stream.core_mut().refuse = Some("flow control");
    let error = stream.send(1).unwrap_err();
    assert!(matches!(&error, StepError::Failed(failed) if failed.error == Reset("flow control")));
    stream.reset("cancel").unwrap();
    assert_eq!(
        stream.data(),
        &StreamData::Closed {
            peer: Client(7),
            reason: Some("cancel")
        }
    );
    // The input enum takes the parameters its arguments use, here both.
    let input: StreamInput<Client, u8> = StreamInput::Open { peer: Client(1) };
    assert!(format!("{input:?}").contains("Client(1)"));
}

machine! {
    /// A buffer of a const size, generic only in its data: it implements `Machine`.
    #[derive_data(Debug)]
    pub machine Buffer<const N: usize> {
        initial state Empty;
        state Full { bytes: [u8; N] }
        input fill(byte: u8);
        input drain() -> usize;
        output make(byte: u8) -> [u8; N];
        output size(bytes: &[u8; N]) -> usize;
        Empty + fill => Full { bytes = make };
        Full + drain => Empty / size;
    }
}

pub struct Maker;

impl<const N: usize> BufferOutputs<N> for Maker {
    fn make(&mut self, byte: u8) -> [u8; N] {
        [byte; N]
    }
    fn size(&mut self, bytes: &[u8; N]) -> usize {
        bytes.len()
    }
}

fn drive<M: Machine>(machine: &mut M, inputs: Vec<M::Input>) -> usize {
    inputs
        .into_iter()
        .filter_map(|i| machine.handle(i).ok())
        .count()
}

#[test]
fn a_machine_generic_only_in_its_data_implements_machine() {
    let mut buffer = Buffer::<4, _>::new(Maker);
    assert_eq!(drive(&mut buffer, vec![BufferInput::Fill { byte: 9 }]), 1);
    assert!(matches!(
        buffer.data(),
        BufferData::Full {
            bytes: [9, 9, 9, 9]
        }
    ));
    assert_eq!(buffer.drain().unwrap(), 4);
    assert_eq!(<Buffer<4, Maker> as Machine>::description().name, "Buffer");
}
