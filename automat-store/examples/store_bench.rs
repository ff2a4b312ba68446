//! The store's benchmark, one run, side by side on each database:
//! - single-writer appends per second (durable commits) through `Store::step` (the default
//!   locking step and, on PostgreSQL, `Store::optimistic`), against a raw prepared `INSERT` of
//!   the same bytes, one commit each, through the same client;
//! - the load time of a machine with 100,000 steps, with and without a snapshot every 1,000.
//!
//! ```sh
//! cargo run --release -p automat-store --example store_bench                # SQLite
//! AUTOMAT_PG_URL=postgresql://... cargo run --release -p automat-store --example store_bench
//! QUICK=1 ...                                                               # a smaller run
//! ```

use std::time::{Duration, Instant};

use automat_rs::machine;
use automat_store::{Backend, PostgresStore, SqliteStore, Store};

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

/// What a step writes: its input and the state it led to, for the raw inserts.
const RECORD: &str = r#"["deposit",[12345]]"#;
const STATE: &str = r#""Open""#;

/// Appends per second through `Store::step` of each of `stores` (the first also runs the raw
/// statements) and through each of `raws` (one raw `INSERT`, one commit), in alternating rounds
/// so that drift in the disk's speed hits all of them alike.
fn appends<B: Backend>(
    stores: &mut [Store<B>],
    id: &str,
    count: u32,
    raws: &mut [&mut dyn FnMut(&mut B)],
) -> (Vec<f64>, Vec<f64>) {
    const ROUNDS: u32 = 10;
    let mut accounts: Vec<_> = stores
        .iter_mut()
        .enumerate()
        .map(|(k, store)| {
            store
                .create(&format!("{id}-{k}"), Account::new(()))
                .unwrap()
        })
        .collect();
    let mut ours = vec![Duration::ZERO; stores.len()];
    let mut theirs = vec![Duration::ZERO; raws.len()];
    for _ in 0..ROUNDS {
        for (raw, time) in raws.iter_mut().zip(&mut theirs) {
            let started = Instant::now();
            for _ in 0..count / ROUNDS {
                raw(stores[0].backend());
            }
            *time += started.elapsed();
        }
        for ((store, account), time) in stores.iter_mut().zip(&mut accounts).zip(&mut ours) {
            let started = Instant::now();
            for _ in 0..count / ROUNDS {
                store
                    .step(account, AccountInput::Deposit { cents: 12_345 })
                    .unwrap_or_else(|_| panic!("a deposit is refused"));
            }
            *time += started.elapsed();
        }
    }
    let done = f64::from(count / ROUNDS * ROUNDS);
    let rate = |time: Duration| done / time.as_secs_f64();
    (
        ours.into_iter().map(rate).collect(),
        theirs.into_iter().map(rate).collect(),
    )
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

fn report(
    database: &str,
    ours: &[(&str, f64)],
    raw: &[f64],
    without: Duration,
    with: Duration,
    steps: u32,
) {
    println!(
        "{database:<10} appends/s: raw INSERT of the record and state into a bare table {:>6.0} \
         | raw INSERT of the same row into a table with the store's keys {:>6.0}",
        raw[0], raw[1],
    );
    for (how, ours) in ours {
        println!(
            "{database:<10} appends/s: store, {how:<11} {ours:>6.0}, ratio {:.2}x the bare INSERT, \
             {:.2}x the keyed one",
            ours / raw[0],
            ours / raw[1],
        );
    }
    println!(
        "{database:<10} load of {steps} steps: full replay {without:>9.1?}, \
         snapshot every 1000 {with:>9.1?}"
    );
}

fn main() {
    let quick = std::env::var_os("QUICK").is_some();
    let (count, steps) = if quick {
        (200, 5_000)
    } else {
        (3_000, 100_000)
    };
    let run = std::process::id();
    sqlite(run, count, steps);
    match std::env::var("AUTOMAT_PG_URL") {
        Ok(url) => postgres(&url, run, count, steps),
        Err(_) => println!("PostgreSQL: skipped (set AUTOMAT_PG_URL)"),
    }
}

fn sqlite(run: u32, count: u32, steps: u32) {
    // SQLite, a file under target/, WAL with synchronous = FULL (every commit durable).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/store-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("bench-{run}.sqlite"));
    let mut stores = [Store::new(SqliteStore::open(&path).unwrap())];
    stores[0]
        .backend()
        .connection()
        .execute_batch(
            "CREATE TABLE IF NOT EXISTS raw (id TEXT, record TEXT, state TEXT);
             CREATE TABLE IF NOT EXISTS raw_steps (position INTEGER PRIMARY KEY, \
                 id TEXT NOT NULL, version BIGINT NOT NULL, record TEXT NOT NULL, \
                 state TEXT NOT NULL, saved TEXT, UNIQUE (id, version));",
        )
        .unwrap();
    let mut version = 0_i64;
    let (ours, raw) = appends(
        &mut stores,
        "a",
        count,
        &mut [
            &mut |sqlite: &mut SqliteStore| {
                sqlite
                    .connection()
                    .prepare_cached("INSERT INTO raw (id, record, state) VALUES ('raw', ?1, ?2)")
                    .and_then(|mut insert| insert.execute([RECORD, STATE]))
                    .unwrap();
            },
            &mut |sqlite: &mut SqliteStore| {
                version += 1;
                sqlite
                    .connection()
                    .prepare_cached(
                        "INSERT INTO raw_steps (id, version, record, state) \
                         VALUES ('raw', ?1, ?2, ?3)",
                    )
                    .and_then(|mut insert| {
                        insert.execute(rusqlite::params![version, RECORD, STATE])
                    })
                    .unwrap();
            },
        ],
    );
    // Bulk fill without per-commit sync, then measure loads.
    let mut without = Store::new(SqliteStore::open(&path).unwrap()).snapshot_every(0);
    let mut with = Store::new(SqliteStore::open(&path).unwrap()).snapshot_every(1_000);
    for store in [without.backend(), with.backend()] {
        store
            .connection()
            .pragma_update(None, "synchronous", "OFF")
            .unwrap();
    }
    fill(&mut without, "full", steps);
    fill(&mut with, "snap", steps);
    let (full, snap) = (
        load_time(&mut without, "full"),
        load_time(&mut with, "snap"),
    );
    report("SQLite", &[("locking", ours[0])], &raw, full, snap, steps);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

fn postgres(url: &str, run: u32, count: u32, steps: u32) {
    // A schema of the run's own, so that the store's tables start empty like the raw ones.
    let schema = format!("automat_bench_{run}");
    let admin = PostgresStore::connect(url).unwrap();
    admin
        .block_on(
            admin
                .client()
                .batch_execute(&format!("CREATE SCHEMA {schema}")),
        )
        .unwrap();
    let mut config: tokio_postgres::Config = url.parse().unwrap();
    config.options(format!("-c search_path={schema}"));
    let connect = || PostgresStore::from_config(&config).unwrap();
    // Each its own connection: the default (lock, check, run, append: two round trips) and
    // `optimistic` (run, then append with the check: one).
    let mut stores = [Store::new(connect()), Store::new(connect()).optimistic()];
    let pg = stores[0].backend();
    pg.block_on(pg.client().batch_execute(
        "CREATE TABLE automat_bench_raw (id TEXT, record TEXT, state TEXT);
         CREATE TABLE automat_bench_raw_steps (id TEXT NOT NULL, version BIGINT NOT NULL, \
             position BIGINT NOT NULL UNIQUE, record TEXT NOT NULL, state TEXT NOT NULL, \
             saved TEXT, PRIMARY KEY (id, version));",
    ))
    .unwrap();
    let bare = pg
        .block_on(
            pg.client().prepare(
                "INSERT INTO automat_bench_raw (id, record, state) VALUES ('raw', $1, $2)",
            ),
        )
        .unwrap();
    let keyed = pg
        .block_on(pg.client().prepare(
            "INSERT INTO automat_bench_raw_steps (id, version, position, record, state) \
             VALUES ($1, $2, $2, $3, $4)",
        ))
        .unwrap();
    let raw_id = format!("raw-{run}");
    let mut version = 0_i64;
    let (ours, raw) = appends(
        &mut stores,
        &format!("a-{run}"),
        count,
        &mut [
            &mut |pg: &mut PostgresStore| {
                pg.block_on(pg.client().execute(&bare, &[&RECORD, &STATE]))
                    .unwrap();
            },
            &mut |pg: &mut PostgresStore| {
                version += 1;
                pg.block_on(
                    pg.client()
                        .execute(&keyed, &[&raw_id, &version, &RECORD, &STATE]),
                )
                .unwrap();
            },
        ],
    );
    let mut without = Store::new(connect()).snapshot_every(0);
    let mut with = Store::new(connect()).snapshot_every(1_000);
    for pg in [without.backend(), with.backend()] {
        pg.block_on(pg.client().batch_execute("SET synchronous_commit = off"))
            .unwrap();
    }
    let (full_id, snap_id) = (format!("full-{run}"), format!("snap-{run}"));
    fill(&mut without, &full_id, steps);
    fill(&mut with, &snap_id, steps);
    let (full, snap) = (
        load_time(&mut without, &full_id),
        load_time(&mut with, &snap_id),
    );
    report(
        "PostgreSQL",
        &[("locking", ours[0]), ("optimistic", ours[1])],
        &raw,
        full,
        snap,
        steps,
    );
    drop((stores, without, with));
    admin
        .block_on(
            admin
                .client()
                .batch_execute(&format!("DROP SCHEMA {schema} CASCADE")),
        )
        .unwrap();
}
