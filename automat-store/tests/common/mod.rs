//! The store's tests, written once over any backend; `sqlite.rs` and `postgres.rs` run them.
#![allow(
    dead_code,
    missing_docs,
    clippy::missing_panics_doc,
    clippy::too_many_lines
)]

use std::sync::atomic::{AtomicU64, Ordering};

use automat_rs::machine;
use automat_store::{Backend, StepFailure, Store, StoreError};

machine! {
    /// An order, from checkout to delivery.
    #[derive_input(Debug, Clone, PartialEq)]
    #[serde]
    pub machine Order {
        initial state Placed;
        state Paid;
        #[serialized = "Boxed"]
        state Packed;
        final state Shipped;
        final state Cancelled;

        input pay(cents: u64);
        #[serialized = "box"]
        input pack();
        input ship(tracking: String);
        input cancel();
        input note(text: String);

        output charge(cents: u64);
        output remember(text: &str);

        Placed + pay => Paid / charge;
        Paid + pack => Packed;
        Packed + ship => Shipped;
        Placed | Paid + cancel => Cancelled;
        _ + note => _ / remember;
    }
}

/// Side effects: money counted, notes written to a file (synced) when one is set.
#[derive(Debug, Default)]
pub struct Till {
    pub charged: u64,
    pub effects: Option<std::fs::File>,
}

impl OrderOutputs for Till {
    fn charge(&mut self, cents: u64) {
        self.charged += cents;
    }
    fn remember(&mut self, text: &str) {
        if let Some(file) = &mut self.effects {
            use std::io::Write as _;
            // One `write` call: `writeln!` writes the text and the newline apart, and a kill
            // between the two would glue this effect to the next one's line.
            file.write_all(format!("{text}\n").as_bytes()).unwrap();
            file.sync_data().unwrap();
        }
    }
}

machine! {
    /// A counter whose states carry data an output produces: replaying records cannot rebuild
    /// it, so the store keeps its state with each step.
    #[derive_input(Debug, Clone)]
    #[derive_data(Debug, PartialEq)]
    #[serde]
    pub machine Meter {
        initial state Idle;
        state Counting { total: u64, last: u32 }

        input start();
        input add(n: u32);
        input stop();

        output reading(n: u32) -> u64;

        Idle + start => Counting { total = zero, last = first };
        Counting + add => reenter Counting { total = reading, last = n };
        Counting + stop => Idle;

        output zero() -> u64;
        output first() -> u32;
    }
}

/// A meter whose readings come from outside (here, a running sum it keeps of its own).
#[derive(Debug, Default)]
pub struct Gauge {
    pub sum: u64,
}

impl MeterOutputs for Gauge {
    fn reading(&mut self, n: u32) -> u64 {
        self.sum += u64::from(n);
        self.sum
    }
    fn zero(&mut self) -> u64 {
        self.sum = 0;
        0
    }
    fn first(&mut self) -> u32 {
        0
    }
}

/// How a test's stores step: [`Store::step`]'s default (the machine locked, its version checked,
/// then the input run), or [`Store::optimistic`] (`runs_first`: whether the backend really runs
/// the input before it checks; SQLite keeps the locking step).
#[derive(Clone, Copy, Debug)]
pub enum Mode {
    Locking,
    Optimistic { runs_first: bool },
}

/// A store over `backend` that steps as `mode` says.
pub fn open<B: Backend>(backend: B, mode: Mode) -> Store<B> {
    match mode {
        Mode::Locking => Store::new(backend),
        Mode::Optimistic { .. } => Store::new(backend).optimistic(),
    }
}

/// An id no other test (or earlier run on the same database) uses.
pub fn fresh(prefix: &str) -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{prefix}-{}-{nanos}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Create, step, refuse, load: the state, the version, the log.
pub fn create_step_load<B: Backend>(backend: B, mode: Mode) {
    let mut store = open(backend, mode).snapshot_every(2);
    let id = fresh("order");
    let mut order = store.create(&id, Order::new(Till::default())).unwrap();
    store
        .step(&mut order, OrderInput::Pay { cents: 500 })
        .unwrap();
    // Refused: nothing recorded, nothing ran.
    let refused = store.step(
        &mut order,
        OrderInput::Ship {
            tracking: "x".into(),
        },
    );
    assert!(matches!(refused, Err(StepFailure::Refused(_))));
    store.step(&mut order, OrderInput::Pack).unwrap();
    store
        .step(
            &mut order,
            OrderInput::Note {
                text: "fragile".into(),
            },
        )
        .unwrap();
    assert_eq!(order.version(), 3);
    assert_eq!(order.machine().core().charged, 500);

    let loaded = store.load::<Order<Till>>(&id, Till::default()).unwrap();
    assert_eq!(loaded.version(), 3);
    assert_eq!(loaded.machine().state(), OrderState::Packed);
    // The core is not stored: loading ran no output.
    assert_eq!(loaded.machine().core().charged, 0);

    assert!(matches!(
        store.create(&id, Order::new(Till::default())),
        Err(StoreError::Exists { .. })
    ));
    assert!(matches!(
        store.load::<Order<Till>>(&fresh("missing"), Till::default()),
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.load::<Meter<Gauge>>(&id, Gauge::default()),
        Err(StoreError::WrongMachine { .. })
    ));
}

/// Two writers: the stale one is refused before anything runs (after its input ran, in an
/// optimistic store that runs it first: then its handle is poisoned), reloads and succeeds.
pub fn conflict<B: Backend>(one: B, two: B, mode: Mode) {
    let (mut a, mut b) = (open(one, mode), open(two, mode));
    let id = fresh("conflict");
    let mut first = a.create(&id, Order::new(Till::default())).unwrap();
    let mut second = b.load::<Order<Till>>(&id, Till::default()).unwrap();
    a.step(&mut first, OrderInput::Pay { cents: 7 }).unwrap();
    let stale = b.step(&mut second, OrderInput::Pay { cents: 9 });
    match stale {
        Err(StepFailure::Store(StoreError::Conflict {
            expected, actual, ..
        })) => assert_eq!((expected, actual), (0, 1)),
        Err(other) => panic!("expected a conflict, got {other}"),
        Ok(_) => panic!("expected a conflict"),
    }
    if let Mode::Optimistic { runs_first: true } = mode {
        // The loser's input ran (its output too), and nothing of it was recorded.
        assert_eq!(second.machine().core().charged, 9);
        assert!(matches!(
            b.step(&mut second, OrderInput::Pack),
            Err(StepFailure::Store(StoreError::Poisoned { .. }))
        ));
        let log = read_log(&mut b);
        assert_eq!(log.iter().filter(|n| n.id == id).count(), 1);
    } else {
        // Nothing ran on the loser.
        assert_eq!(second.machine().core().charged, 0);
        assert_eq!(second.machine().state(), OrderState::Placed);
    }
    let mut second = b.load::<Order<Till>>(&id, Till::default()).unwrap();
    b.step(&mut second, OrderInput::Pack).unwrap();
    let last = a.load::<Order<Till>>(&id, Till::default()).unwrap();
    assert_eq!(
        (last.machine().state(), last.version()),
        (OrderState::Packed, 2)
    );
}

/// A machine with data: what outputs produced comes back on load, from snapshot and tail alike.
pub fn data_states<B: Backend>(backend: B, mode: Mode) {
    let mut store = open(backend, mode).snapshot_every(3);
    let id = fresh("meter");
    let mut meter = store.create(&id, Meter::new(Gauge::default())).unwrap();
    store.step(&mut meter, MeterInput::Start).unwrap();
    for n in 1..=7 {
        store.step(&mut meter, MeterInput::Add { n }).unwrap();
    }
    let loaded = store.load::<Meter<Gauge>>(&id, Gauge::default()).unwrap();
    assert_eq!(loaded.version(), 8);
    assert_eq!(loaded.machine().data(), meter.machine().data());
    assert_eq!(
        loaded.machine().data(),
        &MeterData::Counting { total: 28, last: 7 }
    );
}

/// The notification log, read in pages, holds every step once, in order, with no gaps.
pub fn notification_log<B: Backend>(backend: B) {
    let mut store = Store::new(backend);
    let ids = [fresh("log"), fresh("log")];
    let mut orders: Vec<_> = ids
        .iter()
        .map(|id| store.create(id, Order::new(Till::default())).unwrap())
        .collect();
    for order in &mut orders {
        store.step(order, OrderInput::Pay { cents: 1 }).unwrap();
        store
            .step(order, OrderInput::Note { text: "a".into() })
            .unwrap();
    }
    let all = read_log(&mut store);
    let ours: Vec<_> = all.iter().filter(|n| ids.contains(&n.id)).collect();
    assert_eq!(ours.len(), 4);
    assert_eq!(
        ours.iter()
            .map(|n| (n.id == ids[0], n.version))
            .collect::<Vec<_>>(),
        [(true, 1), (true, 2), (false, 1), (false, 2)]
    );
    assert_eq!(ours[0].record, r#"["pay",[1]]"#);
    assert_eq!(ours[0].state, "Paid");
}

/// The whole notification log, in pages of 100; checks it is gapless from 1.
pub fn read_log<B: Backend>(store: &mut Store<B>) -> Vec<automat_store::Notification> {
    let mut all = Vec::new();
    loop {
        let page = store.notifications(all.len() as u64, 100).unwrap();
        if page.is_empty() {
            break;
        }
        for entry in page {
            assert_eq!(entry.position, all.len() as u64 + 1, "the log has a gap");
            all.push(entry);
        }
    }
    all
}

/// Renamed states and inputs keep old logs loading; a name the machine no longer has, a
/// truncated snapshot and a version gap are located errors, and the last good state loads.
pub fn evolution_and_bad_data<B: Backend>(backend: B, sql: impl Fn(&mut Store<B>, &str)) {
    let mut store = Store::new(backend).snapshot_every(2);
    let id = fresh("bad");
    let mut order = store.create(&id, Order::new(Till::default())).unwrap();
    store
        .step(&mut order, OrderInput::Pay { cents: 3 })
        .unwrap();
    store.step(&mut order, OrderInput::Pack).unwrap();
    store
        .step(&mut order, OrderInput::Note { text: "n".into() })
        .unwrap();
    // Stable names: the log says `box` and `Boxed`, what `#[serialized]` chose.
    let log = read_log(&mut store);
    let pack = log.iter().find(|n| n.id == id && n.version == 2).unwrap();
    assert_eq!(
        (pack.record.as_str(), pack.state.as_str()),
        (r#"["box",null]"#, "Boxed")
    );

    // A truncated snapshot (at version 2): located, and recovery loads from the one before.
    sql(
        &mut store,
        &format!("UPDATE automat_snapshots SET saved = '\"Box' WHERE id = '{id}' AND version = 2"),
    );
    let error = store.load::<Order<Till>>(&id, Till::default()).unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::Corrupt {
                version: 2,
                what: "snapshot",
                ..
            }
        ),
        "{error}"
    );
    let (recovered, why) = store.recover::<Order<Till>>(&id, Till::default()).unwrap();
    assert!(matches!(why, Some(StoreError::Corrupt { version: 2, .. })));
    assert_eq!(
        (recovered.version(), recovered.machine().state()),
        (3, OrderState::Packed)
    );

    // An input the machine no longer has (after the snapshot is mended): the error names it
    // and the names the machine has.
    sql(
        &mut store,
        &format!(
            "UPDATE automat_snapshots SET saved = '\"Boxed\"' WHERE id = '{id}' AND version = 2"
        ),
    );
    sql(&mut store, &format!("UPDATE automat_steps SET record = '[\"teleport\",null]' WHERE id = '{id}' AND version = 3"));
    let error = store
        .load::<Order<Till>>(&id, Till::default())
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(&format!("machine `{id}`, version 3")),
        "{error}"
    );
    assert!(
        error.contains("teleport") && error.contains("`box`"),
        "{error}"
    );
    let (mut recovered, why) = store.recover::<Order<Till>>(&id, Till::default()).unwrap();
    assert!(why.is_some());
    assert_eq!(
        (recovered.version(), recovered.machine().state()),
        (2, OrderState::Packed)
    );
    // The recovered machine is behind the log: it cannot overwrite step 3.
    let stale = store.step(
        &mut recovered,
        OrderInput::Ship {
            tracking: "t".into(),
        },
    );
    assert!(matches!(
        stale,
        Err(StepFailure::Store(StoreError::Conflict { actual: 3, .. }))
    ));

    // A version gap.
    let other = fresh("gap");
    let mut order = store.create(&other, Order::new(Till::default())).unwrap();
    for _ in 0..3 {
        store
            .step(&mut order, OrderInput::Note { text: "n".into() })
            .unwrap();
    }
    sql(
        &mut store,
        &format!("DELETE FROM automat_snapshots WHERE id = '{other}' AND version > 0"),
    );
    // (Moved, not deleted, so the shared notification log keeps every position.)
    sql(
        &mut store,
        &format!("UPDATE automat_steps SET version = 10 WHERE id = '{other}' AND version = 2"),
    );
    let error = store
        .load::<Order<Till>>(&other, Till::default())
        .unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::Gap {
                expected: 2,
                found: 3,
                ..
            }
        ),
        "{error}"
    );
    let (recovered, _) = store
        .recover::<Order<Till>>(&other, Till::default())
        .unwrap();
    assert_eq!(recovered.version(), 1);
}

/// How many inputs each of the 8 writers feeds (`AUTOMAT_STORE_WRITES`, 2,000 unless set).
pub fn writes() -> u32 {
    std::env::var("AUTOMAT_STORE_WRITES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

/// 8 writers × `writes()` inputs on one machine, then on 100: every accepted input stored
/// exactly once, every conflict typed (and retried), the final state the replay of the log,
/// the notification log gapless. Prints the figures.
pub fn concurrent_writers<B: Backend + Send>(make: impl Fn() -> B + Sync, mode: Mode) {
    const WRITERS: u32 = 8;
    let per_writer = writes();
    for machines in [1_usize, 100] {
        let started = std::time::Instant::now();
        let ids: Vec<String> = (0..machines).map(|_| fresh("many")).collect();
        {
            let mut store = Store::new(make());
            for id in &ids {
                store.create(id, Order::new(Till::default())).unwrap();
            }
        }
        let conflicts = AtomicU64::new(0);
        std::thread::scope(|scope| {
            for writer in 0..WRITERS {
                let (ids, make, conflicts) = (&ids, &make, &conflicts);
                scope.spawn(move || {
                    let mut store = open(make(), mode);
                    let mut held: Vec<Option<automat_store::Durable<Order<Till>>>> =
                        (0..ids.len()).map(|_| None).collect();
                    let mut rng = fastrand::Rng::with_seed(u64::from(writer));
                    for seq in 0..per_writer {
                        let which = rng.usize(..ids.len());
                        let input = OrderInput::Note {
                            text: format!("{writer}:{seq}"),
                        };
                        loop {
                            let order = held[which].get_or_insert_with(|| {
                                store.load(&ids[which], Till::default()).unwrap()
                            });
                            match store.step(order, input.clone()) {
                                Ok(_) => break,
                                Err(StepFailure::Store(StoreError::Conflict { .. })) => {
                                    conflicts.fetch_add(1, Ordering::Relaxed);
                                    held[which] = None;
                                }
                                Err(other) => panic!("writer {writer}: {other}"),
                            }
                        }
                    }
                });
            }
        });
        let mut store = Store::new(make());
        let log = read_log(&mut store);
        let mut seen = std::collections::HashSet::new();
        let mut total = 0;
        for id in &ids {
            let entries: Vec<_> = log.iter().filter(|n| &n.id == id).collect();
            // Versions 1..=n, each once, in log order.
            for (k, entry) in entries.iter().enumerate() {
                assert_eq!(entry.version, k as u64 + 1, "{id}: versions out of order");
                assert!(
                    seen.insert(entry.record.clone()),
                    "recorded twice: {}",
                    entry.record
                );
            }
            let loaded = store.load::<Order<Till>>(id, Till::default()).unwrap();
            assert_eq!(loaded.version(), entries.len() as u64);
            assert_eq!(loaded.machine().state(), OrderState::Placed);
            total += entries.len();
        }
        assert_eq!(
            total,
            (WRITERS * per_writer) as usize,
            "an accepted input is missing"
        );
        eprintln!(
            "{mode:?}: {WRITERS} writers x {per_writer} inputs on {machines} machine(s): {total} stored once each, \
             {} conflicts (typed, retried), log gapless, in {:.1?}",
            conflicts.load(Ordering::Relaxed),
            started.elapsed()
        );
    }
}

/// The crash test. In the parent: 20 times, start this test again as a child that steps one
/// machine for ever (each step's output writes its version to an effects file, synced, before
/// the commit), kill it with SIGKILL at a random moment, and check that the store opens, the
/// machine loads (no partial step), every committed step's effect is in the file, and at most
/// one effect per kill has no step. In the child (`AUTOMAT_STORE_CRASH_CHILD` set): the loop.
pub fn crash<B: Backend>(test: &str, make: impl Fn() -> B, env: &[(&str, String)], mode: Mode) {
    use std::io::BufRead as _;
    if let Some(id) = std::env::var_os("AUTOMAT_STORE_CRASH_CHILD") {
        let id = id.into_string().unwrap();
        let effects = std::env::var("AUTOMAT_STORE_CRASH_EFFECTS").unwrap();
        let till = || Till {
            charged: 0,
            effects: Some(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&effects)
                    .unwrap(),
            ),
        };
        let mut store = open(make(), mode).snapshot_every(10);
        let mut order = match store.load::<Order<Till>>(&id, till()) {
            Ok(order) => order,
            Err(StoreError::NotFound { .. }) => store.create(&id, Order::new(till())).unwrap(),
            Err(error) => panic!("the child cannot load: {error}"),
        };
        loop {
            let next = (order.version() + 1).to_string();
            store
                .step(&mut order, OrderInput::Note { text: next })
                .unwrap();
        }
    }
    let id = fresh("crash");
    let effects = std::env::temp_dir().join(format!("{id}.effects"));
    let mut rng = fastrand::Rng::with_seed(7);
    let mut unrecorded = 0;
    let mut last = 0;
    for round in 0..20 {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([test, "--exact", "--nocapture", "--test-threads=1"])
            .env("AUTOMAT_STORE_CRASH_CHILD", &id)
            .env("AUTOMAT_STORE_CRASH_EFFECTS", &effects)
            .envs(env.iter().map(|(k, v)| (*k, v)))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(rng.u64(150..600)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        let mut store = Store::new(make());
        let order = match store.load::<Order<Till>>(&id, Till::default()) {
            Ok(order) => order,
            Err(StoreError::NotFound { .. }) if round == 0 => continue,
            Err(error) => panic!("round {round}: the store does not load after a kill: {error}"),
        };
        let version = order.version();
        assert!(version >= last, "round {round}: committed steps were lost");
        last = version;
        let written: Vec<u64> = std::io::BufReader::new(std::fs::File::open(&effects).unwrap())
            .lines()
            .map(|line| line.unwrap().parse().unwrap())
            .collect();
        // Every committed step ran its output: versions 1..=version are all in the file, each
        // once per time it was recorded (a step redone after a kill writes its version again).
        for v in 1..=version {
            assert!(
                written.contains(&v),
                "round {round}: step {v} is recorded but its output never ran"
            );
        }
        unrecorded = written.iter().filter(|&&v| v > version).count();
        assert!(
            unrecorded <= 1,
            "round {round}: {unrecorded} effects without a step"
        );
    }
    eprintln!("crash test ({mode:?}): 20 kills, {last} steps committed, all loadable; effects without a record after the last kill: {unrecorded}");
    let _ = std::fs::remove_file(effects);
}
