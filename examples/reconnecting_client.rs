//! Twisted's `ClientService`: keep a connection up. Connecting may fail and a connection may be
//! lost; either way the client waits, longer each time (exponential back-off, reset once
//! connected), then dials again, until it is told to stop. The wait is a timer,
//! `Waiting + after(backoff) => Connecting;`, driven by tokio's clock (`TokioTimers`); the
//! connection attempts are simulated tasks that report back as inputs.
//!
//! ```sh
//! cargo run --example reconnecting_client --features tokio   # prints every step, writes target/diagrams/reconnecting_client.{dot,mmd,md,svg}
//! ```

mod support;

use std::time::Duration;

use automat_rs::tokio_timers::TokioTimers;
use automat_rs::{machine, Timeout, Timers};
use tokio::sync::mpsc;

machine! {
    /// A client that keeps its connection up.
    #[derive_input(Debug, Clone, Copy, PartialEq)]
    pub machine Client {
        /// Not started.
        initial state Idle;
        /// A connection attempt is under way.
        state Connecting { entry dial; }
        /// Connected.
        state Connected { entry reset_backoff; }
        /// Waiting before the next attempt.
        state Waiting;
        /// Stopped for good.
        final state Stopped;

        /// Start keeping the connection up.
        input start();
        /// The attempt succeeded.
        input connected();
        /// The attempt failed.
        input failed();
        /// The connection was lost.
        input lost();
        /// Stop, whatever the client is doing.
        input stop();

        /// Start a connection attempt (it reports back as `connected` or `failed`).
        output dial();
        /// Connected: the next wait is the shortest again.
        output reset_backoff();
        /// Double the next wait (up to a ceiling).
        output back_off();

        Idle + start => Connecting;
        Connecting + connected => Connected;
        Connecting + failed => Waiting / back_off;
        Connected + lost => Waiting / back_off;
        Waiting + after(backoff) => Connecting;
        _ + stop => Stopped;
    }
}

/// The shortest wait between attempts, and the longest.
const FIRST_WAIT: Duration = Duration::from_millis(100);
const LONGEST_WAIT: Duration = Duration::from_secs(5);

/// The client's side of the world: tokio's timers, the channel its simulated connections report
/// on, and what happened.
pub struct Service {
    timers: TokioTimers<ClientTimer>,
    events: mpsc::UnboundedSender<ClientInput>,
    /// This wait, and the one after it.
    wait: Duration,
    next_wait: Duration,
    attempts: u32,
    /// Attempts before this one fail (a server that comes up late).
    fail_first: u32,
    log: Vec<String>,
}

impl Timers<ClientTimer> for Service {
    fn start(&mut self, run: Timeout<ClientTimer>, after: Duration) {
        self.log.push(format!("wait {after:?}"));
        self.timers.start(run, after);
    }
    fn cancel(&mut self, timer: ClientTimer) {
        self.timers.cancel(timer);
    }
}

impl ClientOutputs for Service {
    fn dial(&mut self) {
        self.attempts += 1;
        self.log.push(format!("dial #{}", self.attempts));
        let outcome = if self.attempts > self.fail_first {
            ClientInput::Connected
        } else {
            ClientInput::Failed
        };
        let events = self.events.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(30)).await;
            let _ = events.send(outcome);
        });
    }
    fn reset_backoff(&mut self) {
        self.next_wait = FIRST_WAIT;
    }
    fn back_off(&mut self) {
        self.wait = self.next_wait;
        self.next_wait = (self.next_wait * 2).min(LONGEST_WAIT);
    }
    fn backoff(&self) -> Duration {
        self.wait
    }
}

/// Runs the client against a server that refuses the first three attempts and drops the first
/// connection, on tokio's paused clock (so the run is instant and its times exact), then stops
/// it; writes the diagrams.
///
/// # Errors
///
/// A refused input, or a diagram file that could not be written.
///
/// # Panics
///
/// If the tokio runtime cannot be built.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()?;
    let log = runtime.block_on(run())?;
    assert_eq!(
        log,
        [
            "dial #1",
            "wait 100ms",
            "dial #2",
            "wait 200ms",
            "dial #3",
            "wait 400ms",
            "dial #4",
            "connected",
            "lost",
            "wait 100ms",
            "dial #5",
            "connected",
            "stopped",
        ]
    );
    let files = automat_rs::export::write_diagrams(
        support::target_subdir("diagrams")?,
        "reconnecting_client",
        Client::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}

/// The host's loop: connection events and timer runs, one `select!`.
async fn run() -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let (timers, mut runs) = TokioTimers::new();
    let (events, mut inputs) = mpsc::unbounded_channel();
    let mut client = Client::new(Service {
        timers,
        events: events.clone(),
        wait: FIRST_WAIT,
        next_wait: FIRST_WAIT,
        attempts: 0,
        fail_first: 3,
        log: Vec::new(),
    });
    let started = tokio::time::Instant::now();
    client.start()?;
    let mut connections = 0;
    while client.state() != ClientState::Stopped {
        tokio::select! {
            Some(run) = runs.recv() => {
                // A stale run (its wait was cut short) changes nothing.
                let _ = client.timeout(run);
            }
            Some(input) = inputs.recv() => {
                if input == ClientInput::Lost {
                    client.core_mut().log.push("lost".to_owned());
                }
                client.handle(input)?;
                if input == ClientInput::Connected {
                    connections += 1;
                    client.core_mut().log.push("connected".to_owned());
                    // The server drops the first connection; on the second, we stop.
                    let next = if connections == 1 { ClientInput::Lost } else { ClientInput::Stop };
                    events.send(next)?;
                }
            }
        }
        println!(
            "{:>7.3}s  {:<10}  {}",
            started.elapsed().as_secs_f64(),
            client.state().to_string(),
            client.core().log.last().map_or("", String::as_str)
        );
    }
    client.core_mut().log.push("stopped".to_owned());
    Ok(std::mem::take(&mut client.core_mut().log))
}
