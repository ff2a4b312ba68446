//! Async outputs (`async output connect(..)`): the steps await them; input methods and
//! `handle` are `async fn`. Polled here by a minimal executor (a no-op waker), and with futures
//! dropped at each `.await` to check what cancellation leaves (see the README's table).
#![allow(missing_docs)] // test-only machines and cores

use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};

use automat_rs::machine;

/// A waker that does nothing (`Waker::noop` is newer than the crate's MSRV).
struct Noop;

impl Wake for Noop {
    fn wake(self: Arc<Self>) {}
}

fn noop() -> Waker {
    Waker::from(Arc::new(Noop))
}

/// Polls `future` to completion, with a waker that does nothing (every future here is ready
/// once polled again).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = noop();
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

/// A future that is pending `n` times before it is ready: an `.await` the test can stop at.
struct Yield(u32);

impl Future for Yield {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if self.0 == 0 {
            Poll::Ready(())
        } else {
            self.0 -= 1;
            Poll::Pending
        }
    }
}

machine! {
    /// A client whose connection attempt, greeting and hang-up wait.
    pub machine Client {
        initial state Idle;
        state Connected { entry greet; exit hang_up; }
        state Failed;
        input connect(host: &'static str) -> u32;
        input drop_line();
        input retry();
        async output dial(host: &'static str) -> Result<u32, String>;
        async output greet();
        async output hang_up();
        output note();
        Idle + connect => Connected / dial? else Failed / note;
        Connected + drop_line => Idle / note;
        Failed + retry => Idle;
    }
}

/// What ran, shared with the test (the core moves into the machine).
#[derive(Clone, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    fn push(&self, line: &str) {
        self.0.lock().unwrap().push(line.to_owned());
    }
    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

pub struct Net {
    log: Log,
    up: bool,
}

impl ClientOutputs for Net {
    async fn dial(&mut self, host: &'static str) -> Result<u32, String> {
        self.log.push("dial…");
        Yield(1).await;
        self.log.push("dial done");
        if self.up {
            Ok(u32::try_from(host.len()).unwrap())
        } else {
            Err(format!("{host} is down"))
        }
    }
    async fn greet(&mut self) {
        self.log.push("greet…");
        Yield(1).await;
        self.log.push("greet done");
    }
    async fn hang_up(&mut self) {
        self.log.push("hang up…");
        Yield(1).await;
        self.log.push("hang up done");
    }
    fn note(&mut self) {
        self.log.push("note");
    }
}

fn client(up: bool) -> (Client<Net>, Log) {
    let log = Log::default();
    (
        Client::new(Net {
            log: log.clone(),
            up,
        }),
        log,
    )
}

#[test]
fn the_steps_await_their_outputs_in_the_step_order() {
    let (mut client, log) = client(true);
    assert_eq!(block_on(client.connect("example.org")), Ok(11));
    assert_eq!(client.state(), ClientState::Connected);
    assert_eq!(log.lines(), ["dial…", "dial done", "greet…", "greet done"]);
    block_on(client.drop_line()).unwrap();
    assert_eq!(client.state(), ClientState::Idle);
    assert_eq!(log.lines()[4..], ["hang up…", "hang up done", "note"]);
}

#[test]
fn a_failed_async_output_takes_the_else_route() {
    let (mut client, log) = client(false);
    let error = block_on(client.connect("example.org")).unwrap_err();
    assert!(
        matches!(error, automat_rs::StepError::Diverted(_)),
        "{error:?}"
    );
    assert_eq!(client.state(), ClientState::Failed);
    assert_eq!(log.lines(), ["dial…", "dial done", "note"]);
}

#[test]
fn handle_is_async_too() {
    let (mut client, _) = client(true);
    let returned = block_on(client.handle(ClientInput::Connect { host: "a.b" })).unwrap();
    assert!(matches!(returned, ClientReturn::Connect(3)));
    assert_eq!(client.state(), ClientState::Connected);
}

/// Polls `future` up to `polls` times (stopping once it is ready), then drops it; whether it
/// finished.
fn poll_then_drop<F: Future>(future: F, polls: usize) -> bool {
    let mut future = pin!(future);
    let waker = noop();
    let mut cx = Context::from_waker(&waker);
    (0..polls).any(|_| future.as_mut().poll(&mut cx).is_ready())
}

/// Polls the step `polls` times, then drops it: where the machine is then, and what ran.
fn dropped_after(polls: usize, up: bool) -> (ClientState, Vec<String>) {
    let (mut client, log) = client(up);
    poll_then_drop(client.connect("example.org"), polls);
    (client.state(), log.lines())
}

#[test]
fn a_step_dropped_before_its_commit_leaves_the_source_state() {
    // Dropped while `dial` (step 2, a fallible output) waits: nothing committed.
    let (state, lines) = dropped_after(1, true);
    assert_eq!(state, ClientState::Idle);
    assert_eq!(lines, ["dial…"]);
}

#[test]
fn a_step_dropped_after_its_commit_is_in_the_target_and_skips_the_rest() {
    // Dropped while the entry action `greet` (step 6) waits: committed, the rest skipped.
    let (state, lines) = dropped_after(2, true);
    assert_eq!(state, ClientState::Connected);
    assert_eq!(lines, ["dial…", "dial done", "greet…"]);
}

#[test]
fn the_futures_are_send_so_a_machine_moves_into_a_spawned_task() {
    let (mut client, _) = client(true);
    let step = client.connect("example.org");
    assert_send(&step);
    drop(step);
}

/// Records the hooks an async step calls.
#[derive(Default)]
pub struct Watch(Vec<String>);

impl automat_rs::Observer<ClientState> for Watch {
    fn commit(&mut self, commit: automat_rs::Commit<ClientState>) {
        self.0.push(format!("commit {:?}", commit.to));
    }
    fn interrupted(&mut self, from: ClientState, input: usize) {
        let input = Client::description().inputs[input].name;
        self.0.push(format!("interrupted {from:?} {input}"));
    }
}

/// `dropped_after` on the observed form: what its observer heard.
fn heard_after(polls: usize) -> (ClientState, Vec<String>) {
    let (client, _) = client(true);
    let mut client = client.observe(Watch::default());
    poll_then_drop(client.connect("example.org"), polls);
    (client.state(), client.observer().0.clone())
}

#[test]
fn the_observer_is_told_the_step_was_interrupted() {
    assert_eq!(
        heard_after(1),
        (
            ClientState::Idle,
            vec!["interrupted Idle connect".to_owned()]
        )
    );
    assert_eq!(
        heard_after(2),
        (
            ClientState::Connected,
            vec![
                "commit Connected".to_owned(),
                "interrupted Idle connect".to_owned()
            ]
        )
    );
    // Polled to the end: no interruption.
    assert_eq!(
        heard_after(10),
        (ClientState::Connected, vec!["commit Connected".to_owned()])
    );
}

machine! {
    /// An `.await` in every phase of a step: a fallible output (step 2), an exit action (3), an
    /// output (5), an entry action (6), and an eventless transition's output (7).
    pub machine Pipe {
        initial state A { exit leave; }
        state B { entry enter; }
        final state C;
        input go();
        async output check() -> Result<(), ()>;
        async output leave();
        async output emit();
        async output enter();
        async output finish();
        A + go => B / check?, emit;
        B => C / finish;
    }
}

#[derive(Clone, Default)]
pub struct Stages(Log);

impl Stages {
    /// Logs `name`, then waits once: the `.await` a test can stop at.
    async fn stage(&self, name: &str) {
        self.0.push(name);
        Yield(1).await;
    }
}

impl PipeOutputs for Stages {
    async fn check(&mut self) -> Result<(), ()> {
        self.stage("check").await;
        Ok(())
    }
    async fn leave(&mut self) {
        self.stage("leave").await;
    }
    async fn emit(&mut self) {
        self.stage("emit").await;
    }
    async fn enter(&mut self) {
        self.stage("enter").await;
    }
    async fn finish(&mut self) {
        self.stage("finish").await;
    }
}

#[test]
fn a_future_dropped_at_each_await_leaves_what_the_cancellation_table_says() {
    // (polls before the drop, where the machine is, the last output that started)
    let table = [
        (1, PipeState::A, "check"), // step 2: before the commit, nothing committed
        (2, PipeState::A, "leave"), // step 3: still before the commit
        (3, PipeState::B, "emit"),  // step 5: committed; the rest skipped
        (4, PipeState::B, "enter"), // step 6: committed; the rest skipped
        (5, PipeState::C, "finish"), // step 7: the eventless transition committed too
    ];
    for (polls, state, last) in table {
        let log = Log::default();
        let mut pipe = Pipe::new(Stages(log.clone()));
        assert!(!poll_then_drop(pipe.go(), polls), "{polls}");
        assert_eq!(
            (pipe.state(), log.lines().last().unwrap().as_str()),
            (state, last),
            "{polls}"
        );
        assert_eq!(log.lines().len(), polls, "{polls}");
    }
    // Not dropped: every phase ran.
    let log = Log::default();
    let mut pipe = Pipe::new(Stages(log.clone()));
    block_on(pipe.go()).unwrap();
    assert_eq!(pipe.state(), PipeState::C);
    assert_eq!(log.lines(), ["check", "leave", "emit", "enter", "finish"]);
}

/// The client's outputs on tokio: they yield to the runtime (and are woken), and the machine
/// moves into a task of the multi-threaded runtime.
pub struct TokioNet {
    dialled: u32,
    /// How long a dial takes.
    delay: std::time::Duration,
}

machine! {
    pub machine Remote {
        initial state Idle;
        final state Connected { entry greet; }
        input connect(host: String) -> usize;
        async output dial(host: String) -> Result<usize, ()>;
        async output greet();
        // Fallible: the dial runs before the commit (step 2).
        Idle + connect => Connected / dial?;
    }
}

impl RemoteOutputs for TokioNet {
    async fn dial(&mut self, host: String) -> Result<usize, ()> {
        tokio::time::sleep(self.delay).await;
        self.dialled += 1;
        Ok(host.len())
    }
    async fn greet(&mut self) {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_async_machine_runs_in_a_spawned_task() {
    let mut remote = Remote::new(TokioNet {
        dialled: 0,
        delay: std::time::Duration::from_millis(1),
    });
    let task = tokio::spawn(async move {
        let length = remote.connect("example.org".to_owned()).await.unwrap();
        (length, remote.state(), remote.into_core().dialled)
    });
    assert_eq!(task.await.unwrap(), (11, RemoteState::Connected, 1));
}

#[tokio::test(start_paused = true)]
async fn a_step_that_times_out_is_dropped_and_the_machine_stays_usable() {
    let mut remote = Remote::new(TokioNet {
        dialled: 0,
        delay: std::time::Duration::from_secs(10),
    });
    // The dial takes 10 s; a timeout of 1 s drops the step before its commit.
    let outcome = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        remote.connect("a".to_owned()),
    )
    .await;
    assert!(outcome.is_err());
    assert_eq!(
        (remote.state(), remote.core().dialled),
        (RemoteState::Idle, 0)
    );
    remote.core_mut().delay = std::time::Duration::ZERO;
    assert_eq!(remote.connect("ab".to_owned()).await.unwrap(), 2);
    assert_eq!(remote.state(), RemoteState::Connected);
}

machine! {
    /// `#[local]`: the outputs' futures need not be `Send` (this one holds an `Rc` across an
    /// `.await`).
    #[local]
    pub machine Widget {
        initial state Hidden;
        final state Shown;
        input show();
        async output render();
        Hidden + show => Shown / render;
    }
}

pub struct Screen(std::rc::Rc<std::cell::Cell<u32>>);

impl WidgetOutputs for Screen {
    async fn render(&mut self) {
        let frames = std::rc::Rc::clone(&self.0);
        Yield(1).await;
        frames.set(frames.get() + 1);
    }
}

#[test]
fn a_local_machine_awaits_futures_that_are_not_send() {
    let frames = std::rc::Rc::new(std::cell::Cell::new(0));
    let mut widget = Widget::new(Screen(std::rc::Rc::clone(&frames)));
    block_on(widget.show()).unwrap();
    assert_eq!((widget.state(), frames.get()), (WidgetState::Shown, 1));
}

machine! {
    /// Timers in an async machine: `timeout` is `async` too.
    pub machine Kiosk {
        initial state Idle;
        state Busy;
        input order();
        async output print();
        Idle + order => Busy;
        Busy + after(5s) => Idle / print;
    }
}

#[derive(Default)]
pub struct Till {
    run: Option<automat_rs::Timeout<KioskTimer>>,
    printed: u32,
}

impl automat_rs::Timers<KioskTimer> for Till {
    fn start(&mut self, run: automat_rs::Timeout<KioskTimer>, _: std::time::Duration) {
        self.run = Some(run);
    }
    fn cancel(&mut self, _: KioskTimer) {
        self.run = None;
    }
}

impl KioskOutputs for Till {
    async fn print(&mut self) {
        Yield(1).await;
        self.printed += 1;
    }
}

#[test]
fn an_async_machines_timeout_awaits_the_timers_transition() {
    let mut kiosk = Kiosk::new(Till::default());
    block_on(kiosk.order()).unwrap();
    let run = kiosk.core().run.unwrap();
    block_on(kiosk.timeout(run)).unwrap();
    assert_eq!((kiosk.state(), kiosk.core().printed), (KioskState::Idle, 1));
}

#[test]
fn diagrams_write_an_async_output_as_awaited() {
    let description = Client::description();
    let dial = &description.outputs[0];
    assert!(dial.is_async && dial.label == "await dial" && dial.name == "dial");
    assert!(!description.outputs[3].is_async);
    let dot = description.dot().to_string();
    assert!(dot.contains("await dial"), "{dot}");
    assert!(dot.contains("entry / await greet"), "{dot}");
    let mermaid = description.mermaid().to_string();
    assert!(
        mermaid.contains("s0 --> s1 : connect / await dial?"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("s0 --> s2 : await dial ✗ / note"),
        "{mermaid}"
    );
    assert!(description.table().to_string().contains("await hang_up"));
}

machine! {
    /// Data on states and raised inputs in an async machine: a dropped step loses no field, and
    /// a raised input's step is awaited before the method returns (its output raises through a
    /// `SendRaise`, so its future is `Send`).
    pub machine Upload {
        initial state Ready { sent: u32 }
        state Sending { sent: u32 }
        input send();
        input sent();
        async output push(raise: Raise, sent: &mut u32);
        Ready + send => Sending / push;
        Sending + sent => Ready;
    }
}

pub struct Link(Log);

impl UploadOutputs for Link {
    async fn push(&mut self, raise: &mut automat_rs::SendRaise<'_, UploadInput>, sent: &mut u32) {
        self.0.push("push");
        Yield(1).await;
        *sent += 1;
        assert!(raise.raise(UploadInput::Sent).is_ok());
    }
}

#[test]
fn an_async_machine_with_data_and_raised_inputs() {
    let log = Log::default();
    let mut upload = Upload::new(Link(log.clone()), 0);
    block_on(upload.send()).unwrap();
    // `push` raised `sent`, whose step ran before `send` returned; the field moved along.
    assert!(matches!(upload.data(), UploadData::Ready { sent: 1 }));
    // Dropped while `push` waits (after the commit): in `Sending`, its data whole.
    {
        let mut step = pin!(upload.send());
        let waker = noop();
        assert!(step
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_pending());
    }
    assert!(matches!(upload.data(), UploadData::Sending { sent: 1 }));
    block_on(upload.sent()).unwrap();
    assert!(matches!(upload.data(), UploadData::Ready { sent: 1 }));
    assert_eq!(log.lines(), ["push", "push"]);
    let step = upload.send();
    assert_send(&step);
}

fn assert_send<T: Send>(_: &T) {}
