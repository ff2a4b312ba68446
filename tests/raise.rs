//! Inputs raised from outputs (PRODUCT.md, step 7): an output that declares `raise: Raise`
//! queues inputs of its own machine; they run after the step that raised them, first in, first
//! out, each a whole step, before the method returns.
#![allow(missing_docs)] // test-only machines and cores

use automat_rs::{machine, Observer, QueueFull, Raise};

machine! {
    /// Twisted's `ClientService`, reduced: a lost connection retries by itself.
    #[derive_input(Debug, Clone, Copy, PartialEq)]
    #[raise(capacity = 2)]
    pub machine Client {
        initial state Idle;
        state Connecting { entry dial; }
        state Connected;
        state Waiting;
        final state GaveUp;
        input start();
        input connected();
        input lost();
        input retry();
        input give_up();
        input flood();
        output dial(raise: Raise);
        output schedule(raise: Raise);
        output noted();
        output spam(raise: Raise);
        Idle + start => Connecting;
        Connecting + connected => Connected / noted;
        Connected + lost => Waiting / schedule;
        Waiting + retry => Connecting;
        Waiting + give_up => GaveUp;
        Connected + flood => _ / spam;
        Connected + retry => _;
    }
}

#[derive(Default)]
pub struct Net {
    log: Vec<String>,
    attempts: u32,
    /// Whether a dial succeeds at once (raises `connected`).
    up: bool,
    full: Vec<QueueFull<ClientInput>>,
}

impl ClientOutputs for Net {
    fn dial(&mut self, raise: &mut Raise<'_, ClientInput>) {
        self.attempts += 1;
        self.log.push(format!("dial {}", self.attempts));
        if self.up {
            raise.raise(ClientInput::Connected).unwrap();
        }
    }
    fn schedule(&mut self, raise: &mut Raise<'_, ClientInput>) {
        self.log.push("schedule".to_owned());
        // Two at once: they run in the order raised.
        raise.raise(ClientInput::Retry).unwrap();
        raise.raise(ClientInput::GiveUp).unwrap();
    }
    fn noted(&mut self) {
        self.log.push("connected".to_owned());
    }
    fn spam(&mut self, raise: &mut Raise<'_, ClientInput>) {
        for _ in 0..3 {
            if let Err(full) = raise.raise(ClientInput::Retry) {
                self.full.push(full);
            }
        }
    }
}

#[test]
fn a_raised_input_runs_before_the_method_returns() {
    let mut client = Client::new(Net {
        up: true,
        ..Net::default()
    });
    client.start().unwrap();
    assert_eq!(client.state(), ClientState::Connected);
    assert_eq!(client.core().log, ["dial 1", "connected"]);
}

#[test]
fn raised_inputs_run_first_in_first_out_each_a_whole_step() {
    let mut client = Client::new(Net::default());
    client.start().unwrap();
    client.connected().unwrap();
    // `lost` raises `retry` then `give_up`: `retry` dials again (an entry action, which raises
    // nothing now), then `give_up` finds the machine in `Connecting`, which refuses it.
    client.lost().unwrap();
    assert_eq!(client.state(), ClientState::Connecting);
    assert_eq!(
        client.core().log,
        ["dial 1", "connected", "schedule", "dial 2"]
    );
}

#[derive(Default)]
struct Seen(Vec<String>);

impl Observer<ClientState> for Seen {
    fn transition(&mut self, from: ClientState, input: usize, to: ClientState) {
        let input = Client::description().inputs[input].name;
        self.0.push(format!("{from} + {input} => {to}"));
    }
    fn rejected(&mut self, error: automat_rs::NoTransition<ClientState>) {
        self.0.push(format!("refused {}", error.input().name));
    }
}

#[test]
fn observers_see_each_raised_step_and_its_refusal() {
    let mut client = Client::new(Net::default()).observe(Seen::default());
    client.start().unwrap();
    client.connected().unwrap();
    client.lost().unwrap();
    let (_, seen) = client.unobserve();
    assert_eq!(
        seen.0,
        [
            "Idle + start => Connecting",
            "Connecting + connected => Connected",
            "Connected + lost => Waiting",
            "Waiting + retry => Connecting",
            "refused give_up",
        ]
    );
}

#[test]
fn a_full_queue_hands_the_input_back() {
    let mut client = Client::new(Net::default());
    client.start().unwrap();
    client.connected().unwrap();
    client.flood().unwrap();
    // Capacity 2: the third `retry` did not fit, and came back to the output.
    assert_eq!(client.core().full.len(), 1);
    assert_eq!(client.core().full[0].input, ClientInput::Retry);
    assert_eq!(client.core().full[0].capacity, 2);
    assert_eq!(client.state(), ClientState::Connected);
}

#[test]
fn handle_drains_the_queue_too_and_a_journal_records_where_the_call_ended() {
    let mut client = Client::new(Net {
        up: true,
        ..Net::default()
    });
    let mut journal = automat_rs::journal::Journal::new();
    journal.record(&mut client, ClientInput::Start).unwrap();
    assert_eq!(client.state(), ClientState::Connected);
    assert_eq!(
        automat_rs::journal::replay_state(ClientState::Idle, journal.entries()),
        Ok(ClientState::Connected)
    );
}

machine! {
    /// Counts down by raising its own input, as many times as it is told: an unbounded queue.
    #[raise(unbounded)]
    #[derive_input(Debug)]
    pub machine Countdown {
        initial state Ready { entry armed; }
        state Counting;
        input start(n: u32);
        input tick();
        input done();
        output begin(n: u32, raise: Raise);
        output armed(raise: Raise);
        output count();
        Ready + start => Counting / begin;
        Counting + tick => _ / count;
        Counting + done => Ready;
        Ready + tick => Ready;
    }
}

#[derive(Default)]
pub struct Ticks {
    ticks: u32,
    armed: u32,
}

impl CountdownOutputs for Ticks {
    fn begin(&mut self, n: u32, raise: &mut Raise<'_, CountdownInput>) {
        for _ in 0..n {
            raise.raise(CountdownInput::Tick).unwrap();
        }
        raise.raise(CountdownInput::Done).unwrap();
    }
    fn armed(&mut self, raise: &mut Raise<'_, CountdownInput>) {
        self.armed += 1;
        // Raised from an entry action: `tick` in `Ready` is a self-loop.
        raise.raise(CountdownInput::Tick).unwrap();
    }
    fn count(&mut self) {
        self.ticks += 1;
    }
}

#[test]
fn an_unbounded_queue_runs_every_raised_input_and_entry_actions_raise_too() {
    // `new` runs the initial state's entry action, and what it raised.
    let mut countdown = Countdown::new(Ticks::default());
    assert_eq!(countdown.core().armed, 1);
    countdown.start(1000).unwrap();
    assert_eq!(countdown.core().ticks, 1000);
    // `done` re-entered `Ready`, whose entry action raised once more.
    assert_eq!(countdown.state(), CountdownState::Ready);
    assert_eq!(countdown.core().armed, 2);
}
