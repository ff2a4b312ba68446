//! States that carry data (PRODUCT.md, "Data on states"): every source of a field (an
//! argument, an output that produces it, the source's field), moves and borrows of non-`Clone`
//! data with a drop log that proves nothing is dropped twice or leaked, self-loops that keep
//! and lend their data, failures that leave the data as it was, `else` routes and `reenter`
//! rebuilding it, and the size of a machine against the enum a user would write by hand.
#![allow(missing_docs)] // test-only machines and cores

use std::cell::RefCell;
use std::rc::Rc;

use automat_rs::{machine, Commit, Observer, StepError};

/// What happened, in order: outputs, and drops of the tracked values.
type Log = Rc<RefCell<Vec<String>>>;

/// A value that is not `Clone` and logs when it is dropped.
#[derive(Debug, PartialEq, Eq)]
pub struct Token {
    pub id: u32,
    pub uses: u32,
    log: Log,
}

impl Token {
    fn new(id: u32, log: &Log) -> Self {
        Token {
            id,
            uses: 0,
            log: Rc::clone(log),
        }
    }
}

impl Drop for Token {
    fn drop(&mut self) {
        self.log.borrow_mut().push(format!("drop {}", self.id));
    }
}

fn take(log: &Log) -> Vec<String> {
    std::mem::take(&mut *log.borrow_mut())
}

machine! {
    /// A token carried from state to state: every way a field can be filled.
    #[derive_data(Debug, PartialEq)]
    pub machine Relay {
        initial state Idle;
        state Held { token: Token }
        state Passed { token: Token, hops: u32 }
        state Parked { parked: Token, hops: u32 }
        state Spent { hops: u32 }

        input hold(token: Token);
        input pass();
        input park();
        input unpark();
        input spend() -> u32;
        input poke();
        input reset();

        output first_hop() -> u32;
        output note(token: &Token, hops: &u32);
        output touch(token: &mut Token);
        output burn(token: Token) -> u32;

        // An argument fills `token` (same name).
        Idle + hold => Held;
        // `token` moves from the source; an output produces `hops`.
        Held + pass => Passed { hops = first_hop } / note;
        // A binding renames the source's field.
        Passed + park => Parked { parked = token };
        Parked + unpark => Passed { token = parked };
        // A self-loop keeps the data and lends it mutably.
        Passed + poke => _ / touch;
        // `token` is left behind (no field of `Spent` takes it): the output takes it by value.
        Passed + spend => Spent / burn;
        // Leaving a state drops what nothing takes.
        _ + reset => Idle;
    }
}

pub struct Desk {
    log: Log,
}

impl RelayOutputs for Desk {
    fn first_hop(&mut self) -> u32 {
        self.log.borrow_mut().push("first hop".to_owned());
        1
    }
    fn note(&mut self, token: &Token, hops: &u32) {
        self.log
            .borrow_mut()
            .push(format!("note {} after {hops}", token.id));
    }
    fn touch(&mut self, token: &mut Token) {
        token.uses += 1;
    }
    fn burn(&mut self, token: Token) -> u32 {
        self.log.borrow_mut().push(format!("burn {}", token.id));
        token.uses
    }
}

fn relay() -> (Relay<Desk>, Log) {
    let log = Log::default();
    (
        Relay::new(Desk {
            log: Rc::clone(&log),
        }),
        log,
    )
}

#[test]
fn a_token_that_is_not_clone_moves_through_three_states_and_is_dropped_once() {
    let (mut relay, log) = relay();
    relay.hold(Token::new(1, &log)).unwrap();
    assert!(matches!(relay.data(), RelayData::Held { token } if token.id == 1));
    relay.pass().unwrap();
    // The producer ran before the commit; `note` after it, lent the target's fields.
    assert_eq!(take(&log), ["first hop", "note 1 after 1"]);
    relay.park().unwrap();
    assert!(matches!(relay.data(), RelayData::Parked { parked, hops: 1 } if parked.id == 1));
    relay.unpark().unwrap();
    relay.poke().unwrap();
    relay.poke().unwrap();
    assert!(
        matches!(relay.data(), RelayData::Passed { token, .. } if (token.id, token.uses) == (1, 2))
    );
    assert!(take(&log).is_empty(), "moved, never dropped");
    // `burn` takes the token by value and it is dropped when `burn` returns, once.
    assert_eq!(relay.spend().unwrap(), 2);
    assert_eq!(take(&log), ["burn 1", "drop 1"]);
    assert_eq!(relay.data(), &RelayData::Spent { hops: 1 });
}

#[test]
fn leaving_a_state_drops_the_fields_nothing_takes_and_dropping_the_machine_drops_the_rest() {
    let (mut relay, log) = relay();
    relay.hold(Token::new(2, &log)).unwrap();
    relay.reset().unwrap();
    assert_eq!(take(&log), ["drop 2"]);
    relay.hold(Token::new(3, &log)).unwrap();
    relay.pass().unwrap();
    take(&log);
    drop(relay);
    assert_eq!(take(&log), ["drop 3"]);
}

#[test]
fn a_refused_input_keeps_the_data_and_the_argument_is_dropped_not_stored() {
    let (mut relay, log) = relay();
    relay.hold(Token::new(4, &log)).unwrap();
    let refused = relay.hold(Token::new(5, &log)).unwrap_err();
    assert_eq!(refused.state(), RelayState::Held);
    // The refused argument is dropped; the held token is still there.
    assert_eq!(take(&log), ["drop 5"]);
    assert!(matches!(relay.data(), RelayData::Held { token } if token.id == 4));
}

#[test]
fn handle_steps_a_machine_with_data_like_its_methods() {
    let (mut relay, log) = relay();
    relay
        .handle(RelayInput::Hold {
            token: Token::new(6, &log),
        })
        .unwrap();
    relay.handle(RelayInput::Pass).unwrap();
    relay.handle(RelayInput::Poke).unwrap();
    assert!(matches!(
        relay.handle(RelayInput::Spend),
        Ok(RelayReturn::Spend(1))
    ));
    assert!(relay.handle(RelayInput::Pass).is_err());
    assert_eq!(relay.state(), RelayState::Spent);
}

/// Why opening failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub &'static str);

machine! {
    /// A session whose steps decide: guards and fallible outputs over the state's fields.
    #[derive_data(Debug, PartialEq)]
    pub machine Session {
        initial state Closed { retries: u32 }
        state Opening { token: Token, retries: u32 }
        state Open { token: Token, channel: u32; entry opened; exit closed; }
        state Failed { token: Token, reason: String }

        input open(token: Token);
        input connect() -> u32;
        input refresh();
        input fail(reason: String);
        input restart();
        input close();

        guard retries_left(retries: &u32);
        output handshake(token: &Token) -> Result<u32, Refused>;
        output verify(token: &Token) -> Result<(), Refused>;
        output log_failure(error: &Refused, token: &Token);
        output greet() -> u32;
        output opened();
        output closed();

        Closed + open [retries_left] => Opening;
        // A fallible producer fills `channel`; a fallible output may veto; `greet` returns the
        // input's value. A failure takes the `else` route, which keeps `token` and counts down.
        Opening + connect => Open { channel = handshake? } / verify?, greet
            else Closed / log_failure;
        // A failure without an `else` route refuses: `Open` keeps its token and channel.
        Open + close => Closed { retries = zero } / verify?;
        // `reenter` rebuilds the state from its own fields (and runs exit and entry).
        Open + refresh => reenter Open;
        Open + fail => Failed;
        Failed + restart => Closed { retries = zero };
        output zero() -> u32;
    }
}

pub struct Line {
    log: Log,
    handshake: Result<u32, Refused>,
    verify: Result<(), Refused>,
}

impl SessionOutputs for Line {
    fn retries_left(&self, retries: &u32) -> bool {
        *retries > 0
    }
    fn handshake(&mut self, token: &Token) -> Result<u32, Refused> {
        self.log
            .borrow_mut()
            .push(format!("handshake {}", token.id));
        self.handshake.clone()
    }
    fn verify(&mut self, token: &Token) -> Result<(), Refused> {
        self.log.borrow_mut().push(format!("verify {}", token.id));
        self.verify.clone()
    }
    fn log_failure(&mut self, error: &Refused, token: &Token) {
        let _ = token;
        self.log.borrow_mut().push(format!("failed: {}", error.0));
    }
    fn greet(&mut self) -> u32 {
        7
    }
    fn opened(&mut self) {
        self.log.borrow_mut().push("opened".to_owned());
    }
    fn closed(&mut self) {
        self.log.borrow_mut().push("closed".to_owned());
    }
    fn zero(&mut self) -> u32 {
        0
    }
}

fn session() -> (Session<Line>, Log) {
    let log = Log::default();
    let line = Line {
        log: Rc::clone(&log),
        handshake: Ok(40),
        verify: Ok(()),
    };
    (Session::new(line, 2), log)
}

#[test]
fn a_fallible_producer_and_a_fallible_output_fill_and_veto() {
    let (mut session, log) = session();
    session.open(Token::new(1, &log)).unwrap();
    assert_eq!(session.connect().unwrap(), 7);
    assert_eq!(take(&log), ["handshake 1", "verify 1", "opened"]);
    assert!(matches!(session.data(), SessionData::Open { token, channel: 40 } if token.id == 1));
}

#[test]
fn a_failing_fallible_output_leaves_the_data_untouched() {
    let (mut session, log) = session();
    session.open(Token::new(1, &log)).unwrap();
    session.connect().unwrap();
    take(&log);
    session.core_mut().verify = Err(Refused("expired"));
    let error = session.close().unwrap_err();
    assert!(matches!(error, StepError::Failed(_)), "{error:?}");
    // Nothing moved, nothing dropped (Automat #160 cannot happen).
    assert_eq!(take(&log), ["verify 1"]);
    assert!(matches!(session.data(), SessionData::Open { token, channel: 40 } if token.id == 1));
    session.core_mut().verify = Ok(());
    session.close().unwrap();
    assert_eq!(take(&log), ["verify 1", "closed", "drop 1"]);
}

#[test]
fn an_else_route_rebuilds_its_target_from_the_source() {
    let (mut session, log) = session();
    session.open(Token::new(1, &log)).unwrap();
    session.core_mut().verify = Err(Refused("bad certificate"));
    let error = session.connect().unwrap_err();
    assert!(matches!(error, StepError::Diverted(_)), "{error:?}");
    // The producer ran, the veto failed, the `else` route went back to `Closed` with the
    // source's `retries`; the token (no field of `Closed` takes it) was lent to `log_failure`
    // and dropped when the step ended.
    assert_eq!(
        take(&log),
        [
            "handshake 1",
            "verify 1",
            "failed: bad certificate",
            "drop 1"
        ]
    );
    assert_eq!(session.data(), &SessionData::Closed { retries: 2 });
}

#[test]
fn a_guard_sees_the_fields_and_a_refusal_keeps_them() {
    let (mut session, log) = session();
    session.open(Token::new(1, &log)).unwrap();
    session.core_mut().handshake = Err(Refused("busy"));
    assert!(matches!(session.connect(), Err(StepError::Diverted(_))));
    take(&log);
    let mut closed = Session::restore(
        SessionData::Closed { retries: 0 },
        Line {
            log: Rc::clone(&log),
            handshake: Ok(1),
            verify: Ok(()),
        },
    );
    let refused = closed.open(Token::new(9, &log)).unwrap_err();
    assert!(matches!(refused, StepError::GuardsFailed(_)));
    assert_eq!(take(&log), ["drop 9"]);
    assert_eq!(closed.data(), &SessionData::Closed { retries: 0 });
}

#[test]
fn reenter_rebuilds_a_state_from_its_own_fields() {
    let (mut session, log) = session();
    session.open(Token::new(3, &log)).unwrap();
    session.connect().unwrap();
    take(&log);
    session.refresh().unwrap();
    // Exit and entry run; the token moved into the new data, it was not dropped.
    assert_eq!(take(&log), ["closed", "opened"]);
    assert!(matches!(session.data(), SessionData::Open { token, channel: 40 } if token.id == 3));
    session.fail("timeout".to_owned()).unwrap();
    assert!(
        matches!(session.data(), SessionData::Failed { token, reason } if token.id == 3 && reason == "timeout")
    );
    assert_eq!(take(&log), ["closed"]);
    session.restart().unwrap();
    assert_eq!(take(&log), ["drop 3"]);
    assert_eq!(session.data(), &SessionData::Closed { retries: 0 });
}

/// Records every commit an observer hears of.
#[derive(Default)]
pub struct Commits(Vec<(SessionState, SessionState)>);

impl Observer<SessionState> for Commits {
    fn commit(&mut self, commit: Commit<SessionState>) {
        self.0.push((commit.from, commit.to));
    }
}

#[test]
fn an_observer_hears_the_states_of_a_machine_with_data() {
    let (session, log) = session();
    let mut session = session.observe(Commits::default());
    session.open(Token::new(1, &log)).unwrap();
    session.connect().unwrap();
    session.refresh().unwrap();
    assert_eq!(
        session.observer().0,
        [
            (SessionState::Closed, SessionState::Opening),
            (SessionState::Opening, SessionState::Open),
            (SessionState::Open, SessionState::Open),
        ]
    );
    assert!(matches!(
        session.data(),
        SessionData::Open { channel: 40, .. }
    ));
}

machine! {
    /// Every state carries data: the machine keeps its data in an `Option` while fields move.
    #[derive_data(Debug, Clone, PartialEq)]
    pub machine Pendulum {
        initial state Left { swings: u32 }
        state Right { swings: u32 }
        input swing();
        output count(swings: &mut u32);
        Left + swing => Right / count;
        Right + swing => Left / count;
    }
}

impl PendulumOutputs for () {
    fn count(&mut self, swings: &mut u32) {
        *swings += 1;
    }
}

#[test]
fn a_machine_whose_every_state_has_data_moves_it() {
    let mut pendulum = Pendulum::new((), 0);
    for _ in 0..3 {
        pendulum.swing().unwrap();
    }
    assert_eq!(pendulum.data(), &PendulumData::Right { swings: 3 });
    let copy = pendulum.clone();
    assert_eq!(copy.data(), pendulum.data());
    assert_eq!(
        format!("{pendulum:?}"),
        "Pendulum { data: Some(Right { swings: 3 }), core: () }"
    );
}

/// What a user would write by hand for `Relay`: the enum of states with their data.
#[allow(dead_code)]
enum HandRelay {
    Idle,
    Held { token: Token },
    Passed { token: Token, hops: u32 },
    Parked { parked: Token, hops: u32 },
    Spent { hops: u32 },
}

#[allow(dead_code)]
enum HandPendulum {
    Left { swings: u32 },
    Right { swings: u32 },
}

#[test]
fn a_machine_with_data_is_the_size_of_the_enum_written_by_hand_and_its_core() {
    use std::mem::size_of;
    assert_eq!(size_of::<Relay<Desk>>(), size_of::<(HandRelay, Desk)>());
    assert_eq!(size_of::<Pendulum<()>>(), size_of::<HandPendulum>());
    assert_eq!(size_of::<Session<Line>>(), size_of::<(SessionData, Line)>());
}
