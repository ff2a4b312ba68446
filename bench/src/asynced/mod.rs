//! The async workload: the small workload's player with its one output `async`, each input's
//! step polled once by a no-op waker (the output's future is ready at once, so every step
//! completes in one poll: what is measured is what `async` adds to a step), next to the
//! synchronous machine, the hand-written `match`, and a hand-written `async fn` with a `match`
//! awaiting the same output. Its sizes (`automat-bench check`) are those of one step's future:
//! `handle`'s, and the hand-written `async fn`'s.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use crate::small;
// The hand-written player's state: the small workload's `match` has it.
use crate::small::matched::State;

automat_rs::machine! {
    /// The media player of the small workload, its output awaited.
    pub machine Player {
        initial state Stopped;
        state Buffering;
        state Playing;
        state Paused;
        state Seeking;
        state Ended;
        input play();
        input pause();
        input stop();
        input seek();
        input tick();
        async output count();
        Stopped   + play  => Buffering / count;
        Buffering + tick  => Playing   / count;
        Playing   + tick  => Playing   / count;
        Playing   + pause => Paused    / count;
        Paused    + play  => Playing   / count;
        Playing   + seek  => Seeking   / count;
        Paused    + seek  => Seeking   / count;
        Seeking   + tick  => Buffering / count;
        Seeking   + stop  => Ended     / count;
        Ended     + play  => Buffering / count;
        _         + stop  => Stopped   / count;
    }
}

/// The core: counts the outputs run; its output is an `async fn` that never waits.
#[derive(Default)]
pub struct Counter(u64);

impl PlayerOutputs for Counter {
    #[inline]
    async fn count(&mut self) {
        self.0 += 1;
    }
}

/// Polls `future` once; it must be ready (every future of this workload is).
#[inline]
fn ready<F: Future>(future: F, cx: &mut Context<'_>) -> F::Output {
    match pin!(future).poll(cx) {
        Poll::Ready(value) => value,
        Poll::Pending => unreachable!("the workload's futures never wait"),
    }
}

/// Input `k` as a value.
#[inline]
fn input(k: u8) -> PlayerInput {
    match k {
        0 => PlayerInput::Play,
        1 => PlayerInput::Pause,
        2 => PlayerInput::Stop,
        3 => PlayerInput::Seek,
        _ => PlayerInput::Tick,
    }
}

/// The async machine, each input's `handle` polled once.
#[inline(never)]
#[must_use]
pub fn run_machine_async(inputs: &[u8]) -> crate::Outcome {
    let mut cx = Context::from_waker(Waker::noop());
    let mut machine = Player::new(Counter::default());
    let mut refused = 0;
    for &k in inputs {
        refused += u64::from(ready(machine.handle(input(k)), &mut cx).is_err());
    }
    crate::Outcome {
        state: machine.state() as usize,
        outputs: machine.core().0,
        refused,
    }
}

/// The output, awaited.
#[inline]
async fn count(counter: &mut u64) {
    *counter += 1;
}

/// A hand-written async step: a `match` on the state and the input, awaiting the output.
#[inline]
async fn step(state: &mut State, counter: &mut u64, k: u8) -> bool {
    let next = match (*state, k) {
        (State::Stopped | State::Ended, 0) | (State::Seeking, 4) => State::Buffering,
        (State::Buffering | State::Playing, 4) | (State::Paused, 0) => State::Playing,
        (State::Playing, 1) => State::Paused,
        (State::Playing | State::Paused, 3) => State::Seeking,
        (State::Seeking, 2) => State::Ended,
        (_, 2) => State::Stopped,
        _ => return false,
    };
    *state = next;
    count(counter).await;
    true
}

/// The hand-written async step, polled once per input.
#[inline(never)]
#[must_use]
pub fn run_machine_async_fn(inputs: &[u8]) -> crate::Outcome {
    let mut cx = Context::from_waker(Waker::noop());
    let (mut state, mut counter, mut refused) = (State::Stopped, 0, 0);
    for &k in inputs {
        refused += u64::from(!ready(step(&mut state, &mut counter, k), &mut cx));
    }
    crate::Outcome {
        state: state as usize,
        outputs: counter,
        refused,
    }
}

/// `size_of` one step's future: the async machine's `handle`, and the hand-written `async fn`.
#[must_use]
pub fn future_sizes() -> (usize, usize) {
    let mut machine = Player::new(Counter::default());
    let generated = size_of_future(&machine.handle(PlayerInput::Play));
    let (mut state, mut counter) = (State::Stopped, 0);
    let written = size_of_future(&step(&mut state, &mut counter, 0));
    (generated, written)
}

fn size_of_future<F>(_: &F) -> usize {
    std::mem::size_of::<F>()
}

/// The implementations, by name.
pub const MACHINES: &[crate::Implementation] = &[
    ("match", crate::run_machine::<small::matched::Machine>),
    ("automat-rs", crate::run_machine::<small::automat::Machine>),
    ("automat-rs async", run_machine_async),
    ("async fn + match", run_machine_async_fn),
];
