//! Twisted's `ClientService`: keep a connection up. Connecting may fail and a connection may be
//! lost; either way the client waits, longer each time (exponential back-off, reset once
//! connected), then dials again, until it is told to stop. The attempt is an async output
//! awaited before the step commits (`dial => Connected / connect? else Waiting`), the wait a
//! timer (`Waiting + after(backoff) => Connecting;`) on tokio's clock (`TokioTimers`); a
//! simulated server drops the first connection.
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
        /// About to dial.
        state Connecting;
        /// Connected.
        state Connected { entry reset_backoff; }
        /// Waiting before the next attempt.
        state Waiting;
        /// Stopped for good.
        final state Stopped;

        /// Start keeping the connection up.
        input start();
        /// Dial: the attempt is awaited, before the step commits.
        input dial();
        /// The connection was lost.
        input lost();
        /// Stop, whatever the client is doing.
        input stop();

        /// Connect to the server (a network round trip).
        async output connect() -> Result<(), Refused>;
        /// Connected: the next wait is the shortest again.
        output reset_backoff();
        /// Wait, and double the wait after this one (up to a ceiling).
        output back_off();
        /// Say why an attempt failed.
        output report(error: &Refused);

        Idle + start => Connecting;
        Connecting + dial => Connected / connect? else Waiting / report, back_off;
        Connected + lost => Waiting / back_off;
        Waiting + after(backoff) => Connecting;
        _ + stop => Stopped;
    }
}

/// The server refused the connection.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused;

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection refused")
    }
}

impl std::error::Error for Refused {}

/// The shortest wait between attempts, and the longest.
const FIRST_WAIT: Duration = Duration::from_millis(100);
const LONGEST_WAIT: Duration = Duration::from_secs(5);

/// The client's side of the world: tokio's timers, the channel the simulated server talks on,
/// and what happened.
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
    async fn connect(&mut self) -> Result<(), Refused> {
        self.attempts += 1;
        self.log.push(format!("dial #{}", self.attempts));
        tokio::time::sleep(Duration::from_millis(30)).await;
        if self.attempts <= self.fail_first {
            return Err(Refused);
        }
        self.log.push("connected".to_owned());
        // The server drops the first connection after a while; on the second, the user stops.
        let (events, first) = (self.events.clone(), self.attempts == self.fail_first + 1);
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let _ = events.send(if first {
                ClientInput::Lost
            } else {
                ClientInput::Stop
            });
        });
        Ok(())
    }
    fn reset_backoff(&mut self) {
        self.next_wait = FIRST_WAIT;
    }
    fn back_off(&mut self) {
        self.wait = self.next_wait;
        self.next_wait = (self.next_wait * 2).min(LONGEST_WAIT);
    }
    fn report(&mut self, error: &Refused) {
        self.log.push(error.to_string());
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
            "connection refused",
            "wait 100ms",
            "dial #2",
            "connection refused",
            "wait 200ms",
            "dial #3",
            "connection refused",
            "wait 400ms",
            "dial #4",
            "connected",
            "lost",
            "wait 100ms",
            "dial #5",
            "connected",
            "stop",
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

/// The host's loop: dial when the client is ready to, else hand it the next timer run or
/// server event, whichever comes first.
async fn run() -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let (timers, mut runs) = TokioTimers::new();
    let (events, mut inputs) = mpsc::unbounded_channel();
    let mut client = Client::new(Service {
        timers,
        events,
        wait: FIRST_WAIT,
        next_wait: FIRST_WAIT,
        attempts: 0,
        fail_first: 3,
        log: Vec::new(),
    });
    let started = tokio::time::Instant::now();
    client.start().await?;
    while client.state() != ClientState::Stopped {
        if client.state() == ClientState::Connecting {
            // A refused attempt takes the `else` route to `Waiting`: not an error here.
            let _ = client.dial().await;
        } else {
            tokio::select! {
                Some(run) = runs.recv() => {
                    // A stale run (its wait was cut short) changes nothing.
                    let _ = client.timeout(run).await;
                }
                Some(input) = inputs.recv() => {
                    client.core_mut().log.push(format!("{input:?}").to_lowercase());
                    client.handle(input).await?;
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
    Ok(std::mem::take(&mut client.core_mut().log))
}
