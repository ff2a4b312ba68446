//! Timers as inputs (`Open + after(unlock_time) => Locked;`): entering a timer's state starts
//! it through the core's `Timers` hooks, leaving it cancels it, and the host hands the run
//! back to `timeout` when the time is up; a run whose state was left since is refused as
//! stale. Driven here by a manual clock.
#![allow(missing_docs)] // test-only machines and cores

use std::time::Duration;

use automat_rs::{machine, Stale, Timeout, Timers};

machine! {
    /// A door that locks itself again, and gives up on a slow unlock.
    pub machine Door {
        initial state Locked;
        state Open;
        state Unlocking;
        state Alarm;
        input unlock();
        input open();
        input close();
        input reset();
        output beep();
        Locked + unlock => Unlocking;
        Unlocking + open => Open;
        Unlocking + after(2s) => Locked;
        Open + close => Locked;
        Open + after(unlock_time) => Alarm / beep;
        Alarm + reset => Locked;
    }
}

/// A manual clock: the runs it was given, each due at a time, and the log of what the machine
/// asked of it.
#[derive(Default)]
pub struct Clock {
    now: Duration,
    due: Vec<(Duration, Timeout<DoorTimer>)>,
    log: Vec<String>,
    unlock_time: Duration,
}

impl Timers<DoorTimer> for Clock {
    fn start(&mut self, run: Timeout<DoorTimer>, after: Duration) {
        self.log.push(format!(
            "start {:?} #{} {after:?}",
            run.timer, run.generation
        ));
        self.due.push((self.now + after, run));
    }
    fn cancel(&mut self, timer: DoorTimer) {
        self.log.push(format!("cancel {timer:?}"));
        self.due.retain(|(_, run)| run.timer != timer);
    }
}

impl DoorOutputs for Clock {
    fn beep(&mut self) {
        self.log.push("beep".to_owned());
    }
    fn unlock_time(&self) -> Duration {
        self.unlock_time
    }
}

/// Moves the clock on by `by` and hands every run then due to the machine.
fn advance(door: &mut Door<Clock>, by: Duration) -> Vec<Result<(), Stale<DoorTimer>>> {
    door.core_mut().now += by;
    let now = door.core().now;
    let (due, rest): (Vec<_>, Vec<_>) = door
        .core_mut()
        .due
        .drain(..)
        .partition(|(at, _)| *at <= now);
    door.core_mut().due = rest;
    due.into_iter().map(|(_, run)| door.timeout(run)).collect()
}

fn door() -> Door<Clock> {
    Door::new(Clock {
        unlock_time: Duration::from_secs(30),
        ..Clock::default()
    })
}

#[test]
fn entering_a_state_starts_its_timer_and_the_timeout_takes_its_transition() {
    let mut door = door();
    door.unlock().unwrap();
    assert_eq!(door.core().log, ["start Unlocking #1 2s"]);
    assert_eq!(advance(&mut door, Duration::from_secs(1)), []);
    assert_eq!(door.state(), DoorState::Unlocking);
    assert_eq!(advance(&mut door, Duration::from_secs(1)), [Ok(())]);
    assert_eq!(door.state(), DoorState::Locked);
    // The timer that ran out is not cancelled on the way out.
    assert_eq!(door.core().log, ["start Unlocking #1 2s"]);
}

#[test]
fn leaving_a_state_cancels_its_timer_and_a_late_run_is_stale() {
    let mut door = door();
    door.unlock().unwrap();
    let run = door.core().due[0].1;
    door.open().unwrap();
    // Leaving `Unlocking` cancelled its timer; `Open`'s started, for the core's duration.
    assert_eq!(
        door.core().log,
        [
            "start Unlocking #1 2s",
            "cancel Unlocking",
            "start Open #2 30s"
        ]
    );
    // A run the host handed back late, after the state was left: refused, nothing changed.
    assert_eq!(door.timeout(run), Err(Stale { timeout: run }));
    assert_eq!(door.state(), DoorState::Open);
    // `Open`'s own timer runs out: its transition runs its output.
    assert_eq!(advance(&mut door, Duration::from_secs(30)), [Ok(())]);
    assert_eq!(door.state(), DoorState::Alarm);
    assert_eq!(door.core().log.last().unwrap(), "beep");
}

#[test]
fn a_restarted_timer_refuses_the_run_of_its_earlier_start() {
    let mut door = door();
    door.unlock().unwrap();
    let first = door.core().due[0].1;
    door.open().unwrap();
    door.close().unwrap();
    door.unlock().unwrap();
    let second = door.core().due[0].1;
    assert_eq!(
        (first.timer, second.timer),
        (DoorTimer::Unlocking, DoorTimer::Unlocking)
    );
    assert!(second.generation > first.generation);
    // Back in `Unlocking`: the first start's run is stale, the second's is taken.
    assert_eq!(door.timeout(first), Err(Stale { timeout: first }));
    assert_eq!(door.state(), DoorState::Unlocking);
    assert_eq!(door.timeout(second), Ok(()));
    assert_eq!(door.state(), DoorState::Locked);
    // Taken once: the same run again is stale.
    assert_eq!(door.timeout(second), Err(Stale { timeout: second }));
}

#[test]
fn a_made_up_generation_is_stale() {
    let mut door = door();
    door.unlock().unwrap();
    for generation in [0, 2, u32::MAX] {
        let run = Timeout {
            timer: DoorTimer::Unlocking,
            generation,
        };
        assert_eq!(door.timeout(run), Err(Stale { timeout: run }));
    }
    let run = Timeout {
        timer: DoorTimer::Open,
        generation: 1,
    };
    assert_eq!(door.timeout(run), Err(Stale { timeout: run }));
    assert_eq!(door.state(), DoorState::Unlocking);
}

#[test]
fn diagrams_draw_a_timer_as_after_its_duration() {
    let description = Door::description();
    let names: Vec<&str> = description.inputs.iter().map(|i| i.name).collect();
    assert_eq!(
        names,
        [
            "unlock",
            "open",
            "close",
            "reset",
            "after(2s)",
            "after(unlock_time)"
        ]
    );
    let dot = description.dot().to_string();
    assert!(dot.contains("after(2s)"), "{dot}");
    let mermaid = description.mermaid().to_string();
    assert!(mermaid.contains("s2 --> s0 : after(2s)"), "{mermaid}");
    assert!(
        mermaid.contains("s1 --> s3 : after(unlock_time) / beep"),
        "{mermaid}"
    );
    assert!(description
        .table()
        .to_string()
        .contains("after(unlock_time)"));
}

machine! {
    /// A phone call: the compound's timer runs while the call rings and while it is answered;
    /// the beacon re-enters itself on its timer, so it starts again each time (periodic).
    pub machine Phone {
        initial state Beacon;
        state Idle;
        state Call {
            initial state Ringing;
            state Talking;
        }
        input dial();
        input answer();
        input hang_up();
        output ping();
        Beacon + after(1s) => reenter Beacon / ping;
        Beacon + dial => Call;
        Idle + dial => Call;
        Ringing + answer => Talking;
        Call + hang_up => Idle;
        Call + after(60s) => Idle;
    }
}

#[derive(Default)]
pub struct Line {
    started: Vec<Timeout<PhoneTimer>>,
    log: Vec<String>,
}

impl Timers<PhoneTimer> for Line {
    fn start(&mut self, run: Timeout<PhoneTimer>, after: Duration) {
        self.log.push(format!("start {:?} {after:?}", run.timer));
        self.started.push(run);
    }
    fn cancel(&mut self, timer: PhoneTimer) {
        self.log.push(format!("cancel {timer:?}"));
    }
}

impl PhoneOutputs for Line {
    fn ping(&mut self) {
        self.log.push("ping".to_owned());
    }
}

#[test]
fn the_initial_states_timer_starts_in_new_and_reenter_restarts_it() {
    let mut phone = Phone::new(Line::default());
    assert_eq!(phone.core().log, ["start Beacon 1s"]);
    let first = phone.core().started[0];
    phone.timeout(first).unwrap();
    // `reenter`: exited (the run that ran out is not cancelled), pinged, entered: started again.
    assert_eq!(
        phone.core().log,
        ["start Beacon 1s", "ping", "start Beacon 1s"]
    );
    let second = phone.core().started[1];
    assert_eq!(phone.timeout(first), Err(Stale { timeout: first }));
    phone.timeout(second).unwrap();
    assert_eq!(phone.core().log.len(), 5);
}

#[test]
fn a_compound_states_timer_runs_while_the_machine_is_anywhere_inside_it() {
    let mut phone = Phone::new(Line::default());
    phone.dial().unwrap();
    assert_eq!(
        phone.core().log,
        ["start Beacon 1s", "cancel Beacon", "start Call 60s"]
    );
    let call = *phone.core().started.last().unwrap();
    // Moving inside `Call` neither cancels nor restarts its timer.
    phone.answer().unwrap();
    assert_eq!(phone.core().log.len(), 3);
    phone.timeout(call).unwrap();
    assert_eq!(phone.state(), PhoneState::Idle);
    // Hanging up before the time is up cancels it.
    phone.dial().unwrap();
    phone.hang_up().unwrap();
    assert_eq!(phone.core().log.last().unwrap(), "cancel Call");
}

/// Counts what the observer hears.
#[derive(Default)]
pub struct Heard(Vec<String>);

impl automat_rs::Observer<PhoneState> for Heard {
    fn transition(&mut self, from: PhoneState, input: usize, to: PhoneState) {
        let input = Phone::description().inputs[input].name;
        self.0.push(format!("{from:?} {input} {to:?}"));
    }
}

#[test]
fn the_observed_form_takes_timeouts_and_its_observer_hears_the_transition() {
    let mut phone = Phone::new(Line::default()).observe(Heard::default());
    let first = phone.core().started[0];
    phone.timeout(first).unwrap();
    assert_eq!(phone.observer().0, ["Beacon after(1s) Beacon"]);
    assert_eq!(phone.state(), PhoneState::Beacon);
}

#[test]
fn a_restored_machine_starts_its_timers_when_asked() {
    // `restore` runs no entry action: no timer runs until `resume_timers`.
    let mut door = Door::restore(DoorState::Open, Clock::default());
    assert!(door.core().log.is_empty());
    door.core_mut().unlock_time = Duration::from_secs(5);
    door.resume_timers();
    assert_eq!(door.core().log, ["start Open #1 5s"]);
    // Running already: left alone.
    door.resume_timers();
    assert_eq!(door.core().log.len(), 1);
    assert_eq!(advance(&mut door, Duration::from_secs(5)), [Ok(())]);
    assert_eq!(door.state(), DoorState::Alarm);
    // In a state without timers, nothing starts.
    door.resume_timers();
    assert_eq!(door.core().log.last().unwrap(), "beep");
}
