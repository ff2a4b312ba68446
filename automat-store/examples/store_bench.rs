//! The store's benchmark, one run, side by side on each database:
//! - single-writer appends per second (durable commits) through `Store::step`, against a raw
//!   `INSERT` of the same bytes, one commit each, through the same client;
//! - the load time of a machine with 100,000 steps, with and without a snapshot every 1,000.
//!
//! ```sh
//! cargo run --release -p automat-store --example store_bench                # SQLite
//! AUTOMAT_PG_URL=postgresql://... cargo run --release -p automat-store --example store_bench
//! QUICK=1 ...                                                               # a smaller run
//! ```

use std::time::{Duration, Instant};

use automat_rs::machine;
use automat_store::{Backend, SqliteStore, Store};

machine! {
    #[derive_input(Clone)]
    #[serde]
    pub machine Account {
        initial state Open;
        final state Closed;
        input deposit(cents: u64);
        input close();
        Open + deposit => Open;
        Open + close => Closed;
    }
}

/// One row: what a step writes of its input, for the raw insert.
const RECORD: &str = r#"["deposit",[12345]]"#;

fn appends<B: Backend>(mut store: Store<B>, id: &str, count: u32) -> f64 {
    let mut account = store.create(id, Account::new(())).unwrap();
    let started = Instant::now();
    for _ in 0..count {
        store
            .step(&mut account, AccountInput::Deposit { cents: 12_345 })
            .unwrap_or_else(|_| panic!("a deposit is refused"));
    }
    f64::from(count) / started.elapsed().as_secs_f64()
}

fn load_time<B: Backend>(store: &mut Store<B>, id: &str) -> Duration {
    let started = Instant::now();
    let account = store.load::<Account<()>>(id, ()).unwrap();
    let elapsed = started.elapsed();
    assert_eq!(account.machine().state(), AccountState::Open);
    elapsed
}

fn fill<B: Backend>(store: &mut Store<B>, id: &str, steps: u32) {
    let mut account = store.create(id, Account::new(())).unwrap();
    for _ in 0..steps {
        store
            .step(&mut account, AccountInput::Deposit { cents: 1 })
            .unwrap_or_else(|_| panic!("a deposit is refused"));
    }
}

fn report(database: &str, ours: f64, raw: f64, without: Duration, with: Duration, steps: u32) {
    println!(
        "{database:<10} appends/s: store {ours:>8.0}  raw INSERT {raw:>8.0}  ratio {:.2}x   \
         load of {steps} steps: full replay {without:>9.1?}  snapshot every 1000 {with:>9.1?}",
        ours / raw
    );
}

fn main() {
    let quick = std::env::var_os("QUICK").is_some();
    let (count, steps) = if quick { (200, 5_000) } else { (3_000, 100_000) };
    let run = std::process::id();

    // SQLite, a file under target/, WAL with synchronous = FULL (every commit durable).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/store-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("bench-{run}.sqlite"));
    let mut raw_store = SqliteStore::open(&path).unwrap();
    let raw = {
        let connection = raw_store.connection();
        connection
            .execute_batch("CREATE TABLE IF NOT EXISTS raw (id TEXT, record TEXT)")
            .unwrap();
        let started = Instant::now();
        for _ in 0..count {
            connection
                .execute("INSERT INTO raw (id, record) VALUES ('raw', ?1)", [RECORD])
                .unwrap();
        }
        f64::from(count) / started.elapsed().as_secs_f64()
    };
    let ours = appends(Store::new(SqliteStore::open(&path).unwrap()), "a", count);
    // Bulk fill without per-commit sync, then measure loads.
    let mut without = Store::new(SqliteStore::open(&path).unwrap()).snapshot_every(0);
    let mut with = Store::new(SqliteStore::open(&path).unwrap()).snapshot_every(1_000);
    for store in [without.backend(), with.backend()] {
        store.connection().pragma_update(None, "synchronous", "OFF").unwrap();
    }
    fill(&mut without, "full", steps);
    fill(&mut with, "snap", steps);
    let (full, snap) = (load_time(&mut without, "full"), load_time(&mut with, "snap"));
    report("SQLite", ours, raw, full, snap, steps);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }

    let Ok(url) = std::env::var("AUTOMAT_PG_URL") else {
        println!("PostgreSQL: skipped (set AUTOMAT_PG_URL)");
        return;
    };
    let mut pg = automat_store::PostgresStore::connect(&url).unwrap();
    let raw = {
        let client = pg.client();
        client
            .batch_execute("CREATE TABLE IF NOT EXISTS raw (id TEXT, record TEXT)")
            .unwrap();
        let started = Instant::now();
        for _ in 0..count {
            client
                .execute("INSERT INTO raw (id, record) VALUES ('raw', $1)", &[&RECORD])
                .unwrap();
        }
        f64::from(count) / started.elapsed().as_secs_f64()
    };
    let ours = appends(Store::new(pg), &format!("a-{run}"), count);
    let connect = || automat_store::PostgresStore::connect(&url).unwrap();
    let mut without = Store::new(connect()).snapshot_every(0);
    let mut with = Store::new(connect()).snapshot_every(1_000);
    for store in [without.backend(), with.backend()] {
        store
            .client()
            .batch_execute("SET synchronous_commit = off")
            .unwrap();
    }
    let (full_id, snap_id) = (format!("full-{run}"), format!("snap-{run}"));
    fill(&mut without, &full_id, steps);
    fill(&mut with, &snap_id, steps);
    let (full, snap) = (load_time(&mut without, &full_id), load_time(&mut with, &snap_id));
    report("PostgreSQL", ours, raw, full, snap, steps);
}
