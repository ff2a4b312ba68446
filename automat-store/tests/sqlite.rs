//! The store on SQLite: always run.
#![allow(missing_docs)]

mod common;

use automat_store::SqliteStore;
use common::Mode;

fn memory() -> SqliteStore {
    SqliteStore::open_in_memory().unwrap()
}

fn file(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("store");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{}.sqlite", common::fresh(name)))
}

#[test]
fn create_step_load() {
    common::create_step_load(memory(), Mode::Locking);
}

#[test]
fn conflict_between_two_connections() {
    let path = file("conflict");
    common::conflict(
        SqliteStore::open(&path).unwrap(),
        SqliteStore::open(&path).unwrap(),
        Mode::Locking,
    );
}

/// SQLite keeps the locking step under `Store::optimistic` (its writers lock the whole
/// database): the loser is refused before its input runs.
#[test]
fn optimistic_is_the_locking_step() {
    let path = file("optimistic");
    common::conflict(
        SqliteStore::open(&path).unwrap(),
        SqliteStore::open(&path).unwrap(),
        Mode::Optimistic { runs_first: false },
    );
    common::create_step_load(memory(), Mode::Optimistic { runs_first: false });
}

#[test]
fn data_states() {
    common::data_states(memory(), Mode::Locking);
}

#[test]
fn notification_log() {
    common::notification_log(memory());
}

#[test]
fn evolution_and_bad_data() {
    common::evolution_and_bad_data(memory(), |store, sql| {
        store.backend().connection().execute_batch(sql).unwrap();
    });
}

#[test]
fn concurrent_writers() {
    let path = file("writers");
    common::concurrent_writers(|| SqliteStore::open(&path).unwrap(), Mode::Locking);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Loading from the newest snapshot and the steps after it gives the machine that a full
    /// replay of the log (no snapshots but the first) gives, for a machine whose records
    /// rebuild it and for one whose states carry data.
    #[test]
    fn snapshot_and_tail_equal_full_replay(
        inputs in proptest::collection::vec(0_u8..4, 0..40),
        every in 1_u64..7,
    ) {
        use common::{Gauge, Meter, MeterInput, Order, OrderInput, Till};
        use automat_store::Store;
        let mut with = Store::new(memory()).snapshot_every(every);
        let mut without = Store::new(memory()).snapshot_every(0);
        let mut a = with.create("o", Order::new(Till::default())).unwrap();
        let mut b = without.create("o", Order::new(Till::default())).unwrap();
        let mut c = with.create("m", Meter::new(Gauge::default())).unwrap();
        let mut d = without.create("m", Meter::new(Gauge::default())).unwrap();
        for (k, input) in inputs.iter().enumerate() {
            let order = match input {
                0 => OrderInput::Pay { cents: k as u64 },
                1 => OrderInput::Pack,
                2 => OrderInput::Note { text: k.to_string() },
                _ => OrderInput::Cancel,
            };
            let meter = match input {
                0 => MeterInput::Start,
                3 => MeterInput::Stop,
                _ => MeterInput::Add { n: u32::try_from(k).unwrap() },
            };
            let _ = with.step(&mut a, order.clone());
            let _ = without.step(&mut b, order);
            let _ = with.step(&mut c, meter.clone());
            let _ = without.step(&mut d, meter);
        }
        let (a, b) = (
            with.load::<Order<Till>>("o", Till::default()).unwrap(),
            without.load::<Order<Till>>("o", Till::default()).unwrap(),
        );
        proptest::prop_assert_eq!((a.version(), a.machine().state()), (b.version(), b.machine().state()));
        let (c, d) = (
            with.load::<Meter<Gauge>>("m", Gauge::default()).unwrap(),
            without.load::<Meter<Gauge>>("m", Gauge::default()).unwrap(),
        );
        proptest::prop_assert_eq!(c.version(), d.version());
        proptest::prop_assert_eq!(c.machine().data(), d.machine().data());
    }
}

#[test]
fn crash() {
    let path = match std::env::var("AUTOMAT_STORE_CRASH_DB") {
        Ok(path) => std::path::PathBuf::from(path),
        Err(_) => file("crash"),
    };
    let env = [("AUTOMAT_STORE_CRASH_DB", path.display().to_string())];
    common::crash(
        "crash",
        || SqliteStore::open(&path).unwrap(),
        &env,
        Mode::Locking,
    );
}
