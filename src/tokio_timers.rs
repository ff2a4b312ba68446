//! A machine's timers on tokio's clock (feature `tokio`).
//!
//! [`TokioTimers`] implements the [`Timers`] hooks: each start spawns a task that sleeps for the
//! timer's duration and then sends the run on a channel; a cancel, or a new start of the same
//! timer, aborts the task. The host hands every run the receiver yields to the machine's
//! `timeout`, typically in the same `select!` as its other events. A run that was on its way when
//! its state was left is refused there as stale, so nothing depends on the abort winning a race.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() {
//! use automat_rs::tokio_timers::TokioTimers;
//! use automat_rs::{machine, Timeout, Timers};
//! use std::time::Duration;
//!
//! machine! {
//!     pub machine Door {
//!         initial state Locked;
//!         state Open;
//!         input unlock();
//!         Locked + unlock => Open;
//!         Open + after(30s) => Locked;
//!     }
//! }
//!
//! pub struct Hardware {
//!     timers: TokioTimers<DoorTimer>,
//! }
//!
//! impl Timers<DoorTimer> for Hardware {
//!     fn start(&mut self, run: Timeout<DoorTimer>, after: Duration) {
//!         self.timers.start(run, after);
//!     }
//!     fn cancel(&mut self, timer: DoorTimer) {
//!         self.timers.cancel(timer);
//!     }
//! }
//!
//! impl DoorOutputs for Hardware {}
//!
//! let (timers, mut runs) = TokioTimers::new();
//! let mut door = Door::new(Hardware { timers });
//! door.unlock().unwrap();
//! // Thirty (paused, so instant) seconds later, the run arrives; the door locks itself.
//! let run = runs.recv().await.unwrap();
//! door.timeout(run).unwrap();
//! assert_eq!(door.state(), DoorState::Locked);
//! # }
//! ```

use std::collections::HashMap;
use std::hash::Hash;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use automat_core::{Timeout, Timers};

/// Timers on tokio's clock, their runs sent on a channel (see the [module docs](self)).
///
/// Its hooks spawn tasks, so a machine using it is created and stepped inside a tokio runtime.
#[derive(Debug)]
pub struct TokioTimers<T> {
    runs: mpsc::UnboundedSender<Timeout<T>>,
    running: HashMap<T, JoinHandle<()>>,
}

impl<T: Copy + Eq + Hash + Send + 'static> TokioTimers<T> {
    /// The timers, and the receiver of their runs: hand each run it yields to the machine's
    /// `timeout`.
    #[must_use]
    pub fn new() -> (Self, mpsc::UnboundedReceiver<Timeout<T>>) {
        let (runs, receiver) = mpsc::unbounded_channel();
        let timers = TokioTimers {
            runs,
            running: HashMap::new(),
        };
        (timers, receiver)
    }

    /// How many timers wait (started, neither run out nor cancelled).
    #[must_use]
    pub fn waiting(&self) -> usize {
        self.running
            .values()
            .filter(|task| !task.is_finished())
            .count()
    }
}

impl<T: Copy + Eq + Hash + Send + 'static> Timers<T> for TokioTimers<T> {
    /// Spawns a task that sends `run` after `after`; aborts the timer's earlier task, if any.
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime (as `tokio::spawn` does).
    fn start(&mut self, run: Timeout<T>, after: Duration) {
        let runs = self.runs.clone();
        let task = tokio::spawn(async move {
            tokio::time::sleep(after).await;
            // The host dropped the receiver: nobody waits for the run any more.
            let _ = runs.send(run);
        });
        if let Some(earlier) = self.running.insert(run.timer, task) {
            earlier.abort();
        }
    }

    /// Aborts the timer's task.
    fn cancel(&mut self, timer: T) {
        if let Some(task) = self.running.remove(&timer) {
            task.abort();
        }
    }
}

impl<T> Drop for TokioTimers<T> {
    /// Aborts every task still waiting.
    fn drop(&mut self) {
        for task in self.running.values() {
            task.abort();
        }
    }
}
