//! A per-call context (`context cx: &mut Context;`, smoltcp's and smlang's): every input method
//! and `handle` take it first; guards, outputs and entry and exit actions receive it by name.
#![allow(missing_docs)] // test-only machines and cores

use automat_rs::{machine, StepError};

/// What the caller lends the machine for one call: a clock and an outbox.
#[derive(Default)]
pub struct Context {
    pub now: u64,
    pub sent: Vec<String>,
}

machine! {
    /// A socket that reads the time and writes packets through the caller's context.
    pub machine Socket {
        context cx: &mut Context;

        initial state Closed;
        state Listening { since: u64; entry announce; exit withdraw; }
        state Established { peer: u32 }

        input listen();
        input syn(peer: u32) -> u64;
        input close();

        guard fresh(cx: &Context, since: &u64);
        output stamp(cx: &Context) -> u64;
        output announce(cx: &mut Context);
        output withdraw(cx: &mut Context);
        output ack(cx: &mut Context, peer: &u32) -> u64;
        output reset(cx: &mut Context) -> u64;

        Closed + listen => Listening { since = stamp };
        Listening + syn [fresh] => Established / ack;
        Listening + syn => Closed / reset;
        Established + close => Closed;
    }
}

pub struct Stack;

impl SocketOutputs for Stack {
    fn fresh(&self, cx: &Context, since: &u64) -> bool {
        cx.now - since < 10
    }
    fn stamp(&mut self, cx: &Context) -> u64 {
        cx.now
    }
    fn announce(&mut self, cx: &mut Context) {
        cx.sent.push("announce".to_owned());
    }
    fn withdraw(&mut self, cx: &mut Context) {
        cx.sent.push("withdraw".to_owned());
    }
    fn ack(&mut self, cx: &mut Context, peer: &u32) -> u64 {
        cx.sent.push(format!("ack {peer}"));
        cx.now
    }
    fn reset(&mut self, cx: &mut Context) -> u64 {
        cx.sent.push("reset".to_owned());
        0
    }
}

#[test]
fn every_method_takes_the_context_and_passes_it_on_by_name() {
    let mut cx = Context {
        now: 100,
        sent: Vec::new(),
    };
    let mut socket = Socket::new(Stack);
    socket.listen(&mut cx).unwrap();
    assert!(matches!(
        socket.data(),
        SocketData::Listening { since: 100 }
    ));
    cx.now = 105;
    assert_eq!(socket.syn(&mut cx, 7).unwrap(), 105);
    assert_eq!(cx.sent, ["announce", "withdraw", "ack 7"]);
    assert!(matches!(socket.data(), SocketData::Established { peer: 7 }));
}

#[test]
fn a_guard_reads_the_context_and_handle_takes_it_first() {
    let mut cx = Context {
        now: 0,
        sent: Vec::new(),
    };
    let mut socket = Socket::new(Stack);
    socket.handle(&mut cx, SocketInput::Listen).unwrap();
    cx.now = 50;
    // Too late: the guard fails, the fallback transition resets.
    assert!(matches!(
        socket.handle(&mut cx, SocketInput::Syn { peer: 1 }),
        Ok(SocketReturn::Syn(0))
    ));
    assert_eq!(socket.state(), SocketState::Closed);
    assert_eq!(cx.sent, ["announce", "withdraw", "reset"]);
    let refused = socket.close(&mut cx).unwrap_err();
    assert!(matches!(refused, StepError::NoTransition(_)));
}

machine! {
    /// A timer whose context is owned (a copy of the time), and whose initial state's entry
    /// action takes it: `new` takes the context too.
    pub machine Timer {
        /// The time of the call, in milliseconds.
        context now: u64;

        initial state Armed { entry arm; }
        state Fired;

        input tick() -> bool;
        input rearm();

        guard due(now: u64);
        output arm(now: u64);
        output fire(now: u64) -> bool;

        Armed + tick [due] => Fired / fire;
        Armed + tick => _ / fire;
        Fired + rearm => Armed;
    }
}

#[derive(Default)]
pub struct Alarm {
    armed_at: u64,
    fired_at: Option<u64>,
}

impl TimerOutputs for Alarm {
    fn due(&self, now: &u64) -> bool {
        *now >= self.armed_at + 10
    }
    fn arm(&mut self, now: u64) {
        self.armed_at = now;
    }
    fn fire(&mut self, now: u64) -> bool {
        if self.due(&now) {
            self.fired_at = Some(now);
        }
        self.fired_at.is_some()
    }
}

#[test]
fn an_owned_context_is_lent_and_moved_and_new_takes_it_for_the_entry_action() {
    let mut timer = Timer::new(Alarm::default(), 5);
    assert_eq!(timer.core().armed_at, 5);
    assert!(!timer.tick(9).unwrap());
    assert!(timer.tick(15).unwrap());
    assert_eq!(timer.state(), TimerState::Fired);
    timer.rearm(20).unwrap();
    assert_eq!(timer.core().armed_at, 20);
}
