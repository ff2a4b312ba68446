//! Timers on tokio's clock (`TokioTimers`): on a paused clock, and with the machine moved into a
//! task of the multi-threaded runtime.

use std::time::Duration;

use automat_rs::tokio_timers::TokioTimers;
use automat_rs::{machine, Timeout, Timers};

machine! {
    /// A gate that locks itself again, and raises the alarm when left open.
    pub machine Gate {
        initial state Locked;
        state Open;
        state Unlocking;
        state Alarm;
        input unlock();
        input open();
        input close();
        Locked + unlock => Unlocking;
        Unlocking + open => Open;
        Unlocking + after(2s) => Locked;
        Open + close => Locked;
        Open + after(open_for) => Alarm;
        Alarm + close => Locked;
    }
}

/// The gate's hardware: tokio's timers, and how long it may stay open.
pub struct Hardware {
    timers: TokioTimers<GateTimer>,
    open_for: Duration,
}

impl Timers<GateTimer> for Hardware {
    fn start(&mut self, run: Timeout<GateTimer>, after: Duration) {
        self.timers.start(run, after);
    }
    fn cancel(&mut self, timer: GateTimer) {
        self.timers.cancel(timer);
    }
}

impl GateOutputs for Hardware {
    fn open_for(&self) -> Duration {
        self.open_for
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use automat_rs::Stale;

    fn gate(
        open_for: Duration,
    ) -> (
        Gate<Hardware>,
        tokio::sync::mpsc::UnboundedReceiver<Timeout<GateTimer>>,
    ) {
        let (timers, runs) = TokioTimers::new();
        (Gate::new(Hardware { timers, open_for }), runs)
    }

    #[tokio::test(start_paused = true)]
    async fn a_timer_runs_out_on_tokios_clock() {
        let (mut gate, mut runs) = gate(Duration::from_secs(10));
        let started = tokio::time::Instant::now();
        gate.unlock().unwrap();
        let run = runs.recv().await.unwrap();
        assert_eq!(started.elapsed(), Duration::from_secs(2));
        gate.timeout(run).unwrap();
        assert_eq!(gate.state(), GateState::Locked);
        assert_eq!(gate.core().timers.waiting(), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn leaving_the_state_aborts_its_timer() {
        let (mut gate, mut runs) = gate(Duration::from_secs(10));
        gate.unlock().unwrap();
        tokio::time::sleep(Duration::from_secs(1)).await;
        // Opened in time: `Unlocking`'s timer is cancelled, `Open`'s runs for 10 s.
        gate.open().unwrap();
        let started = tokio::time::Instant::now();
        let run = runs.recv().await.unwrap();
        assert_eq!(run.timer, GateTimer::Open);
        assert_eq!(started.elapsed(), Duration::from_secs(10));
        gate.timeout(run).unwrap();
        assert_eq!(gate.state(), GateState::Alarm);
    }

    #[tokio::test(start_paused = true)]
    async fn a_run_on_its_way_when_the_state_is_left_is_stale() {
        let (mut gate, mut runs) = gate(Duration::from_secs(10));
        gate.unlock().unwrap();
        // The run has been sent, but the host has not handed it over yet…
        tokio::time::sleep(Duration::from_secs(3)).await;
        let run = runs.recv().await.unwrap();
        // …when the user opens the gate.
        gate.open().unwrap();
        assert_eq!(gate.timeout(run), Err(Stale { timeout: run }));
        assert_eq!(gate.state(), GateState::Open);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_machine_runs_in_a_task_of_the_multi_threaded_runtime() {
        let (mut gate, mut runs) = gate(Duration::from_millis(20));
        let task = tokio::spawn(async move {
            gate.unlock().unwrap();
            gate.open().unwrap();
            // Left open: the alarm goes off once `open_for` has passed.
            while gate.state() != GateState::Alarm {
                let run = runs.recv().await.unwrap();
                let _ = gate.timeout(run);
            }
            gate.close().unwrap();
            gate.state()
        });
        assert_eq!(task.await.unwrap(), GateState::Locked);
    }
}
